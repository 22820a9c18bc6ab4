// Calibration by approximate Bayesian computation (rejection ABC; docs/calibration-method.md).
//
//   SweepSpec spec = load_sweep_spec("sweeps/calibrate-demography.toml");  // design = "random"
//   TargetFile targets = load_targets("data/targets.toml");
//   run_sweep(spec, {.db = db, .targets = &targets});       // prior draws x replicates, stored
//   CalibrationReport r = analyse_calibration(db, spec, targets);
//
// The sweep's random design draws the particles from the prior (uniform, or log-uniform, on each
// parameter's low..high; uniform over listed values). Each run is scored against the fitted
// targets; a particle's distance is the root mean square over fitted targets of the discrepancy
// averaged over its replicates; the `accept` share of particles nearest the record is the
// posterior sample. Held-out targets are then scored under the prior and under the posterior.
#pragma once

#include "app/sweep.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace thaw::app {

// How far a run is from a target: for figures, the distance from the middle of the record's range
// in half-widths (1 at its edges); for events, 0 if met and 2 if missed; 2 for a missing value.
double target_discrepancy(const Target& target, double value, bool passed);

struct ParameterPosterior {
  std::string name;
  bool numeric = true;
  double prior_low = 0, prior_high = 0;                  // over all particles
  double mean = 0, median = 0, p05 = 0, p95 = 0;         // over accepted particles
  double prior_median = 0;
};

struct TargetFit {
  std::string id, what, record;
  bool fitted = false;
  double prior_pass = 0, prior_low = 0, prior_high = 0;          // share of all runs (Wilson 95%)
  double posterior_pass = 0, posterior_low = 0, posterior_high = 0;  // share of accepted particles' runs
  double posterior_median = 0;  // of the value, over accepted runs
};

struct CalibrationReport {
  size_t particles = 0, accepted = 0, replicates = 0;
  double tolerance = 0;  // distance of the farthest accepted particle
  std::vector<std::string> fitted;
  std::vector<ParameterPosterior> parameters;
  std::vector<TargetFit> targets;
  std::vector<int64_t> accepted_points;  // nearest first
  std::vector<double> accepted_distances;
};

// Throws io::ScenarioError if a fitted target id is unknown or nothing is fitted.
std::vector<std::string> fitted_target_ids(const SweepSpec& spec, const TargetFile& targets);

CalibrationReport analyse_calibration(const std::filesystem::path& db, const SweepSpec& spec, const TargetFile& targets);

std::string calibration_text(const CalibrationReport& r);
std::vector<std::filesystem::path> write_calibration(const CalibrationReport& r, const std::filesystem::path& db,
                                                     const std::filesystem::path& dir);

}  // namespace thaw::app
