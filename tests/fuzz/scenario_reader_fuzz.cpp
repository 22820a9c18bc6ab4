// Fuzz target: the scenario reader and binder (src/app/scenario.hpp) on any bytes. Anything but a
// ScenarioError (or a clean bind) is a finding: a crash, a hang, another exception.
#include "app/scenario.hpp"
#include "io/scenario_file.hpp"

#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    // A name with no folder: a `base` is looked up beside it, in the working directory.
    thaw::app::Scenario::parse(text, "fuzz.toml");
  } catch (const thaw::io::ScenarioError&) {
  }
  return 0;
}
