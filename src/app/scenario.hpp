// A scenario file read and bound to its model, ready to run.
//
//   Scenario s = Scenario::load("scenarios/epstein-mesa.toml", {"run.steps=200"});
//   auto sim = s.setup->create({.seed = s.seed, .threads = 2});
//
// Every scenario starts with
//   [scenario]
//   model = "epstein"        # which model (thaw models lists them)
//   name = "mesa-defaults"   # used to name the output folder
//   description = "..."
//   seed = 1                 # the default seed; thaw run --seed overrides it
//   base = "thaw-1953.toml"  # optional: this file lists only its changes to that scenario
#pragma once

#include "engine/simulation.hpp"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace thaw::app {

struct ScenarioHeader {
  std::string model;
  std::string name;
  std::string description;
  std::string base;  // a counterfactual names the scenario it changes
  int64_t seed = 1;
  void describe(ParamVisitor& v);
};

struct Scenario {
  ScenarioHeader header;
  std::unique_ptr<ModelSetup> setup;
  std::string source;         // the file it came from
  std::string resolved_toml;  // every parameter's value, defaults included

  // Throws io::ScenarioError listing every problem (file, line, key).
  static Scenario load(const std::filesystem::path& path, const std::vector<std::string>& overrides = {});
  static Scenario parse(std::string_view toml_text, std::string source_name,
                        const std::vector<std::string>& overrides = {});

  // The header and the model's parameters as one describe() function.
  void describe(ParamVisitor& v);

  // Every parameter with its value, as thaw params lists them.
  std::vector<ParamInfo> parameters() const;
  // A number parameter by its path ("run.scale"); nullopt if the model has none.
  std::optional<double> number(std::string_view path) const;
  // A month parameter by its path ("run.end"); nullopt if the model has none.
  std::optional<Month> month(std::string_view path) const;
  // How many steps a run takes: run.steps, or the months from run.start to run.end; nullopt for a
  // model with neither.
  std::optional<int64_t> steps() const;
  // The file a run writes beside its results: every value used, the seed it ran with, no base (the
  // values are all there), so that `thaw run <folder>/scenario.toml` repeats it exactly.
  std::string rerunnable_toml(uint64_t seed) const;
  // The items of a list of tables ("decision") with each field's value as text (strings
  // unquoted, months "1956-02", booleans true/false).
  std::vector<ParamItem> items(std::string_view list) const;
};

// The longest run in months (run.start to run.end) a scenario may ask for: a century, so that a
// typo in a year is an error rather than days of running. (Models counted in steps bound
// run.steps in their own describe().)
inline constexpr int64_t kMaxRunMonths = 1200;

// Where to look for a scenario named on the command line: as given, then under scenarios/ of
// the working directory, then under the source tree the binary was built from.
std::filesystem::path find_scenario(const std::string& name);

// A file of the source tree (reference data such as data/docking/...): under the working
// directory if present there, else under the source tree the binary was built from.
std::filesystem::path find_source_file(const std::filesystem::path& relative);

}  // namespace thaw::app
