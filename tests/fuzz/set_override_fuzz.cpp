// Fuzz target: --set assignments (ScenarioFile::apply_overrides) laid over the baseline scenario
// and bound. Each line of the input is one assignment.
#include "app/scenario.hpp"
#include "io/scenario_file.hpp"

#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {
const std::string& baseline() {
  static const std::string text = [] {
    std::ifstream f(THAW_SOURCE_DIR "/scenarios/thaw-1953.toml");
    std::stringstream s;
    s << f.rdbuf();
    return s.str();
  }();
  return text;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<std::string> sets;
  std::string line;
  for (size_t i = 0; i < size; ++i) {
    if (data[i] == '\n') {
      sets.push_back(line);
      line.clear();
    } else {
      line += char(data[i]);
    }
  }
  if (!line.empty()) sets.push_back(line);
  if (sets.size() > 16) return 0;
  try {
    thaw::app::Scenario::parse(baseline(), THAW_SOURCE_DIR "/scenarios/thaw-1953.toml", sets);
  } catch (const thaw::io::ScenarioError&) {
  }
  return 0;
}
