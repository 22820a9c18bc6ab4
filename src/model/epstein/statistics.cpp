// Summary statistics of a run: ODD "Observation" (docs/odd/epstein.md); definitions inferred from
// the Mesa v3.3.1 docking summary (docs/docking.md) and Epstein 2002's outburst size of 50.
#include "model/epstein/statistics.hpp"

#include <fmt/format.h>

#include <stdexcept>

namespace thaw::epstein {

double RunStatistics::get(std::string_view name) const {
  if (name == "mean_active") return mean_active;
  if (name == "mean_jailed") return mean_jailed;
  if (name == "mean_quiet") return mean_quiet;
  if (name == "peak_active") return peak_active;
  if (name == "step_of_peak_active") return static_cast<double>(step_of_peak_active);
  if (name == "outbursts") return static_cast<double>(outbursts);
  if (name == "frac_steps_in_outburst") return frac_steps_in_outburst;
  if (name == "final_jailed") return final_jailed;
  throw std::out_of_range(fmt::format("no run statistic named '{}'", name));
}

RunStatistics summarise(std::span<const double> active, std::span<const double> jailed, std::span<const double> quiet,
                        const StatisticsDefinition& def) {
  RunStatistics s;
  if (active.empty()) return s;
  if (jailed.size() != active.size() || quiet.size() != active.size())
    throw std::invalid_argument("summarise: the series must have one value per step each");
  const size_t last = active.size() - 1;
  const size_t first = static_cast<size_t>(def.burn_in) <= last ? static_cast<size_t>(def.burn_in) : last;
  const auto window = static_cast<double>(last - first + 1);

  for (size_t t = 0; t <= last; ++t) {
    if (active[t] > s.peak_active || t == 0) {
      s.peak_active = active[t];
      s.step_of_peak_active = static_cast<int64_t>(t);
    }
  }
  double sum_active = 0, sum_jailed = 0, sum_quiet = 0;
  int64_t steps_in_outburst = 0;
  bool in_outburst = false;
  for (size_t t = first; t <= last; ++t) {
    sum_active += active[t];
    sum_jailed += jailed[t];
    sum_quiet += quiet[t];
    const bool above = active[t] > def.outburst_threshold;
    if (above) {
      ++steps_in_outburst;
      if (!in_outburst) ++s.outbursts;
    }
    in_outburst = above;
  }
  s.mean_active = sum_active / window;
  s.mean_jailed = sum_jailed / window;
  s.mean_quiet = sum_quiet / window;
  s.frac_steps_in_outburst = static_cast<double>(steps_in_outburst) / window;
  s.final_jailed = jailed[last];
  return s;
}

RunStatistics summarise(const SeriesTable& indicators, const StatisticsDefinition& def) {
  const auto active = indicators.column("active");
  const auto jailed = indicators.column("jailed");
  const auto quiet = indicators.column("quiet");
  return summarise(active, jailed, quiet, def);
}

}  // namespace thaw::epstein
