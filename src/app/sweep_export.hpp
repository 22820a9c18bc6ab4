// A sweep's database read back: CSV files and the per-point table (docs/sweeps.md, "CSV files").
//
//   export_sweep_csv("runs/sweeps/speech-reach.db", "runs/sweeps/speech-reach");
//   fmt::print("{}", sweep_summary_text("runs/sweeps/speech-reach.db"));
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace thaw::app {

// runs.csv (run, point, replicate, seed, parameter values, outcomes), series.csv (run, date,
// indicator, value), summary.csv (per point and outcome: n, mean, Wilson or normal interval,
// quantiles) and bands.csv (per point, indicator and month: quantiles over replicates).
std::vector<std::filesystem::path> export_sweep_csv(const std::filesystem::path& db, const std::filesystem::path& dir);

// The per-point outcome table as text (probabilities with 95% Wilson intervals).
std::string sweep_summary_text(const std::filesystem::path& db);

}  // namespace thaw::app
