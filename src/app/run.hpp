// One run of a scenario, written to a folder people can open.
//
//   RunResult r = run_to_folder(scenario, {.seed = 7, .threads = 2}, "runs/x", /*progress=*/true);
//   // runs/x/indicators.csv, runs/x/scenario.toml (every value used), runs/x/run.json, plus
//   // whatever the model writes (event log, report)
#pragma once

#include "app/scenario.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace thaw::app {

struct RunResult {
  std::filesystem::path folder;
  std::vector<std::filesystem::path> files;
  std::string summary;
  uint64_t checksum = 0;
  double seconds = 0;
  int64_t steps = 0;
};

RunResult run_to_folder(const Scenario& scenario, const RunConfig& config, const std::filesystem::path& folder,
                        bool show_progress);

// runs/<scenario name>/seed-<seed>
std::filesystem::path default_run_folder(const Scenario& scenario, uint64_t seed);

}  // namespace thaw::app
