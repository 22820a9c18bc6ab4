// A sweep's spec: which scenario, which design of parameters, how many replicates, what each run
// keeps (docs/sweeps.md). Read through the scenario reader and the parameter binder, so every
// mistake names its file, line and key, and unknown keys are errors.
//
//   SweepSpec spec = load_sweep_spec("sweeps/speech-reach.toml", {"run.scale=20000"});
#pragma once

#include "app/validate.hpp"
#include "engine/params.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace thaw::app {

struct SweepParameter {
  std::string name;             // any --set path: run.scale, decision[secret-speech].party...
  std::vector<Literal> values;  // explicit values, as TOML text ("0.3", "true", "\"x\"")
  std::optional<double> low, high;  // a range (grid: `steps` even points; random: uniform)
  int64_t steps = 3;
  bool integer = false;  // round drawn values (parameters that are counts)
  bool log = false;      // spread values evenly on a log scale (positive ranges)
  std::string where;     // file:line:column of its [[parameter]] table, for error messages
  void describe(ParamVisitor& v);
};

struct SweepSpec {
  std::string source;    // the spec file
  std::string text;      // its contents (stored in the database)
  std::string name;
  std::string scenario;  // scenario file or name
  std::string design = "grid";  // grid | random
  int64_t points = 10;          // random design: number of points
  int64_t replicates = 1;
  uint64_t seed = 1;
  bool common_random_numbers = true;
  bool store_series = true;             // keep every month's indicators
  std::vector<std::string> indicators;  // only these (empty: all)
  std::vector<std::string> events;      // store events whose code starts with one of these ("" = all)
  std::vector<std::string> sets;        // fixed overrides for every run
  std::vector<SweepParameter> parameters;
  std::vector<Outcome> outcomes;
  std::vector<std::string> outcome_where;  // file:line:column of each [[outcome]] table
  // calibration (thaw calibrate): targets file and which targets are fitted / held out
  std::string targets;
  std::vector<std::string> fit;
  double accept = 0.1;
  void describe(ParamVisitor& v);
};

// Throws io::ScenarioError naming file:line:column and key for each problem.
SweepSpec load_sweep_spec(const std::filesystem::path& path, const std::vector<std::string>& extra_sets = {});
SweepSpec parse_sweep_spec(std::string_view text, std::string source_name, const std::vector<std::string>& extra_sets = {});

}  // namespace thaw::app
