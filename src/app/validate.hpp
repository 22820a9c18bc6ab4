// Validation of the Thaw model against the record.
//
//   auto targets = load_targets("data/targets.toml");
//   auto report = validate(baseline, targets, {.runs = 100, .threads = 2});
//   print_target_table(report);
//
// A target is a fact from the record (data/record/thaw_record.csv) that the model must produce
// rather than script: an indicator's value at a date ("about 550,000 in the camps in 1960"), an
// event inside a window ("the Presidium votes against the First Secretary in 1957"), the figure
// an event carries ("the amnesty releases 1.2-1.35 million"), or the absence of an event ("no
// uprising in Bulgaria"). Each run of an ensemble passes or fails each target; the report gives
// how often and how closely. Targets used to calibrate parameters are marked `fitted`; the others
// are held out, so that passing them is a prediction.
#pragma once

#include "app/ensemble.hpp"
#include "app/scenario.hpp"
#include "engine/params.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace thaw::app {

struct Target {
  std::string id;
  std::string record;  // record row ids, e.g. "REP-15"
  std::string what;    // in words
  std::string kind = "indicator";  // indicator | event | event_figure | no_event
  // indicator: the value at `date`, or a statistic over [date, until]
  std::string indicator;
  std::string statistic = "value";  // value | max | min | mean | change (until minus date)
  Month date;
  Month until;
  // events: the first event whose code starts with `event` (and whose subject contains
  // `subject`) within [date, until]; event_figure takes its data field `figure` (summed over all
  // matching events when `sum` is true)
  std::string event;
  std::string subject;
  std::string figure;
  bool sum = false;
  double low = 0, high = 0;  // the range that counts as reproducing the record
  bool fitted = false;       // used to calibrate parameters (else held out)
  void describe(ParamVisitor& v);
};

// An outcome compared between the baseline and the counterfactuals.
struct Outcome {
  std::string id;
  std::string what;
  std::string kind = "event";  // event: share of runs with it; indicator: mean of the statistic
  std::string event, subject, indicator, statistic = "value";
  Month date, until;
  void describe(ParamVisitor& v);
};

struct Counterfactual {
  std::string file;  // a scenario compared with the baseline
  void describe(ParamVisitor& v);
};

struct TargetFile {
  std::vector<Target> targets;
  std::vector<Outcome> outcomes;
  std::vector<Counterfactual> counterfactuals;
  void describe(ParamVisitor& v);
};

// Throws io::ScenarioError naming file, line and key for each problem.
TargetFile load_targets(const std::filesystem::path& path);

// What an outcome's fields cannot show one by one ("an event outcome needs 'event'"), each
// problem led by `where` (the file:line of its table).
std::vector<std::string> outcome_problems(const Outcome& outcome, const std::string& where, size_t index, bool need_what);

struct Evaluation {
  std::optional<double> value;  // the figure judged (a month index for kind = event)
  bool passed = false;
};

Evaluation evaluate_target(const Target& target, const RunView& run);

struct TargetResult {
  const Target* target = nullptr;
  size_t runs = 0;
  size_t passed = 0;
  size_t observed = 0;  // runs in which there was a value to judge (the event happened...)
  double median = 0, p05 = 0, p95 = 0;  // of the value (or of the month index for events)
  std::string median_text;              // a date for events, a number otherwise
  double pass_share() const { return runs ? static_cast<double>(passed) / static_cast<double>(runs) : 0; }
};

struct OutcomeResult {
  std::string scenario;
  std::vector<double> values;  // per outcome: share of runs (event) or mean (indicator)
  std::vector<double> ci_low, ci_high;
};

struct ValidationOptions {
  size_t runs = 100;
  int threads = 1;
  bool progress = true;
  std::vector<std::string> overrides;  // applied to every scenario (e.g. run.scale)
  std::filesystem::path events_csv;    // if set: every baseline run's events, one CSV
};

struct ValidationReport {
  std::string baseline;
  size_t runs = 0;
  std::vector<TargetResult> targets;
  std::vector<const Outcome*> outcomes;
  std::vector<OutcomeResult> scenarios;  // the baseline first, then each counterfactual
  double seconds = 0;
};

ValidationReport validate(const std::filesystem::path& baseline, const TargetFile& targets,
                          const ValidationOptions& options, bool with_counterfactuals);

std::string target_table_text(const ValidationReport& report);
std::string target_table_markdown(const ValidationReport& report);
std::string counterfactual_table_text(const ValidationReport& report);
std::string counterfactual_table_markdown(const ValidationReport& report);
std::vector<std::filesystem::path> write_validation(const ValidationReport& report, const std::filesystem::path& dir);

}  // namespace thaw::app
