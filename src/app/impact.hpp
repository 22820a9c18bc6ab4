// What each decision did: for every decision of a scenario, an ensemble with that decision off,
// on the same seeds as the scenario's own (common random numbers), and the change in every
// outcome of data/targets.toml.
//
//   auto impact = decision_impact("thaw-1953.toml", targets.outcomes, {.runs = 100, .threads = 2});
//   io::write_text("impact.md", impact_markdown(impact));
//
// Run i of every ensemble has the same seed, so the per-run difference (decision off minus on)
// isolates the decision from the luck of the draw; its mean and 95% interval are the change.
#pragma once

#include "app/validate.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace thaw::app {

struct ImpactOptions {
  size_t runs = 100;
  int threads = 1;
  bool progress = false;
  std::vector<std::string> overrides;  // applied to every ensemble
  std::vector<std::string> only;       // decision ids to switch off (empty: every enabled one)
  // Fork each decision-off run from a copy of the baseline run at the decision's month instead of
  // running it from the start (same results, docs/performance.md); false runs every one in full.
  bool fork = true;
};

struct OutcomeChange {
  double baseline = 0, without = 0;   // share of runs (event) or mean (indicator)
  double change = 0, low = 0, high = 0;  // mean paired difference (without - baseline), 95% interval
  bool significant() const { return low > 0 || high < 0; }
};

struct DecisionImpact {
  std::string id, kind, date, note;
  std::vector<OutcomeChange> changes;  // one per outcome
  size_t significant = 0;              // outcomes whose interval excludes no change
  double weight = 0;                   // sum of |change| / outcome scale: how much it mattered
};

struct ImpactReport {
  std::string scenario;
  size_t runs = 0;
  std::vector<Outcome> outcomes;            // a copy: the report outlives the file it came from
  std::vector<double> baseline;             // each outcome's value in the scenario as it is
  std::vector<DecisionImpact> decisions;    // most consequential first
  double seconds = 0;
};

ImpactReport decision_impact(const std::filesystem::path& scenario, const std::vector<Outcome>& outcomes, const ImpactOptions& options);

std::string impact_csv(const ImpactReport& report);
std::string impact_markdown(const ImpactReport& report, size_t top = 0);  // top: rows shown, 0 all
std::string impact_svg(const ImpactReport& report, size_t top = 15);     // bars: each decision's weight
// A page a browser opens: the bars, what each outcome is, and the whole table.
std::string impact_html(const ImpactReport& report);
// impact.html, impact.csv, impact.svg and impact.md in `dir`.
std::vector<std::filesystem::path> write_impact(const ImpactReport& report, const std::filesystem::path& dir);

}  // namespace thaw::app
