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
//
// Matching cannot flatter (docs/validation.md): an event's code must equal `event` exactly (so
// culture.publication_refused is not a publication), its subject must equal `subject` (case
// aside), and `country`, `setting` and `where` narrow it further by where it happened and by its
// figures ("continues = 0": an outbreak, not the March 1953 burst carrying on). A "this never
// happens" target whose event happens nowhere, in no run of the baseline or the counterfactuals,
// cannot fail: it is marked and left out of the scores. Each target is scored as a forecast
// (Brier, log score), with the timing error of its event against the record's month `when`, and
// the yearly forecasts of every event make a calibration table.
#pragma once

#include "app/ensemble.hpp"
#include "app/scenario.hpp"
#include "engine/params.hpp"

#include <cmath>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace thaw::app {

// Which events count: the exact code and, optionally, the subject, the country, the setting and
// conditions on the event's figures. Shared by targets and outcomes.
struct EventFilter {
  std::string event;     // the exact event code
  std::string subject;   // the event's subject, exactly (case aside); empty: any
  std::string country;   // country key ("ussr", "poland"): the event's figure `country` or its subject
  std::string setting;   // urban | rural | camp: the event's figure `setting`
  std::vector<std::string> where;  // "continues = 0", "for >= 6": conditions on the event's figures
  int country_index = -1;          // resolved from `country` (resolve_countries); -1: not yet
  void describe(ParamVisitor& v);
  // The event is the thing itself: code, figures (`where`) and setting, wherever and whenever.
  bool same_thing(const Event& e) const;
  // ... and also the subject and country asked for.
  bool matches(const Event& e) const;
};

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
  // events: the first event matching `filter` within [date, until]; event_figure takes its data
  // field `figure` (summed over all matching events when `sum` is true)
  EventFilter filter;
  Month when;  // the month of the record's event (timing error, calibration); unset: none
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
  EventFilter filter;
  std::string indicator, statistic = "value";
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

// Throws io::ScenarioError naming file, line and key for each problem. Country keys are resolved
// against the model's default countries.
TargetFile load_targets(const std::filesystem::path& path);

// Resolves every filter's `country` to its index in `country_keys` (the scenario's countries, in
// order); returns the problems (an unknown key), empty if none.
std::vector<std::string> resolve_countries(TargetFile& targets, const std::vector<std::string>& country_keys);

// Problems with a filter's conditions ("continues = 0"), each led by `where`.
std::vector<std::string> filter_problems(const EventFilter& filter, const std::string& where);

// The events of a run that match, in [from, until].
std::vector<const Event*> matching_events(const RunView& run, const EventFilter& filter, Month from, Month until);

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
  // no_event: in how many baseline runs the thing happens at all (any subject, country, date),
  // and in how many counterfactual runs (of how many) the very event asked about happens.
  size_t thing_runs = 0;
  size_t counterfactual_runs = 0, counterfactual_with_event = 0, counterfactual_with_thing = 0;
  bool cannot_fail = false;  // a no_event whose thing happens in no run anywhere: not counted
  // Forecast scores of the pass share p against the record (which happened): Brier (1 - p)^2 and
  // the log score -ln p, p smoothed to (passed + 1/2) / (runs + 1) so that it stays finite.
  double brier = NAN, log_score = NAN;
  // Timing error against `when`: months between the first matching event (any date) and the
  // record's month, over the runs in which it happens.
  double timing_median = NAN, timing_mean = NAN;
  size_t timed_runs = 0;
  double pass_share() const { return runs ? static_cast<double>(passed) / static_cast<double>(runs) : 0; }
  bool counted() const { return !cannot_fail; }
  bool is_event() const;  // an event, event_figure or no_event target
};

// One row of the calibration table: the yearly forecasts "the event first happens in year Y" of
// every event target with a record month, binned by forecast probability, against whether it did.
struct CalibrationBin {
  double low = 0, high = 0;
  size_t forecasts = 0;
  double mean_forecast = 0;
  double observed = 0;  // share of the bin's forecasts whose year was the record's
};

struct Scores {
  size_t targets = 0;  // counted targets scored
  double brier = NAN, log_score = NAN;
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
  std::shared_ptr<const TargetFile> owned_targets;  // the targets as resolved for the baseline (results point into it)
  std::string baseline;
  size_t runs = 0;
  std::vector<TargetResult> targets;
  std::vector<const Outcome*> outcomes;
  std::vector<OutcomeResult> scenarios;  // the baseline first, then each counterfactual
  std::vector<CalibrationBin> calibration;
  Scores event_scores, all_scores;  // over counted event targets; over every counted target
  size_t not_counted = 0;           // targets that cannot fail
  double seconds = 0;
};

// Each outcome's share or mean over runs, with its 95% interval.
OutcomeResult outcome_values(const std::vector<const Outcome*>& outcomes, const std::vector<RunLog>& runs, const std::string& name);

// Scores, the "cannot fail" marks and the calibration table from the runs (baseline first; the
// counterfactuals' runs, if any, decide whether a no_event's thing happens anywhere).
void score_targets(ValidationReport& report, const TargetFile& targets, const std::vector<RunLog>& baseline,
                   const std::vector<std::vector<RunLog>>& counterfactuals);

std::string scores_text(const ValidationReport& report);
std::string calibration_table_markdown(const ValidationReport& report);

ValidationReport validate(const std::filesystem::path& baseline, const TargetFile& targets,
                          const ValidationOptions& options, bool with_counterfactuals);

std::string target_table_text(const ValidationReport& report);
std::string target_table_markdown(const ValidationReport& report);
std::string counterfactual_table_text(const ValidationReport& report);
std::string counterfactual_table_markdown(const ValidationReport& report);
std::vector<std::filesystem::path> write_validation(const ValidationReport& report, const std::filesystem::path& dir);

}  // namespace thaw::app
