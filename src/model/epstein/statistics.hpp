// Summary statistics of one run, defined as in the Mesa docking summary
// (data/docking/mesa_epstein_summary.csv; the inference is written up in docs/docking.md).
// ODD section "Observation" of docs/odd/epstein.md.
//
//   RunStatistics s = summarise(sim.indicators(), {.burn_in = 20, .outburst_threshold = 50});
//   s.mean_active; s.outbursts; s.frac_steps_in_outburst;
#pragma once

#include "engine/series.hpp"

#include <cstdint>
#include <span>
#include <string_view>

namespace thaw::epstein {

struct StatisticsDefinition {
  int64_t burn_in = 20;             // the window is steps burn_in..T, both included
  double outburst_threshold = 50;   // an outburst: a maximal run of window steps with active > this
};

struct RunStatistics {
  double mean_active = 0;   // over the window
  double mean_jailed = 0;   // citizens in state "arrested" (Mesa's count), over the window
  double mean_quiet = 0;    // over the window
  double peak_active = 0;   // over every step 0..T, burn-in included
  int64_t step_of_peak_active = 0;  // the first step at which the peak occurs
  int64_t outbursts = 0;            // within the window
  double frac_steps_in_outburst = 0;  // window steps with active > threshold / window length
  double final_jailed = 0;  // at step T

  // Named access for tables: "mean_active", "mean_jailed", "peak_active", "outbursts", ...
  double get(std::string_view name) const;
};

// `active`, `jailed` and `quiet` hold one value per step, from step 0 (the initial state) to T.
RunStatistics summarise(std::span<const double> active, std::span<const double> jailed,
                        std::span<const double> quiet, const StatisticsDefinition& def);
// From an indicators table with columns "active", "jailed" and "quiet".
RunStatistics summarise(const SeriesTable& indicators, const StatisticsDefinition& def);

}  // namespace thaw::epstein
