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

// The folder is written whole or not at all: the files go to a sibling folder first, which then
// takes the folder's place, so an earlier run there is never left half-overwritten. A folder that
// exists, is not empty and holds no run.json is refused (it is not a run's: --out . must not
// replace the working directory). `overrides` are the --set assignments, recorded in run.json.
RunResult run_to_folder(const Scenario& scenario, const RunConfig& config, const std::filesystem::path& folder,
                        bool show_progress, const std::vector<std::string>& overrides = {});

// runs/<scenario name>/seed-<seed>, or seed-<seed>-set-<fingerprint of the overrides> when there
// are any, so that a changed run never overwrites the unchanged one's results.
std::filesystem::path default_run_folder(const Scenario& scenario, uint64_t seed,
                                         const std::vector<std::string>& overrides = {});

}  // namespace thaw::app
