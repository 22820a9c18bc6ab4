#include "app/validate.hpp"

#include "app/intervals.hpp"
#include "engine/quantile.hpp"
#include "io/csv.hpp"
#include "io/events.hpp"
#include "io/output.hpp"
#include "io/scenario_file.hpp"
#include "model/thaw/geography.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cmath>
#include <fstream>
#include <optional>
#include <tuple>

namespace thaw::app {

namespace {
constexpr std::string_view kTargetKinds[] = {"indicator", "event", "event_figure", "no_event"};
constexpr std::string_view kStatistics[] = {"value", "max", "min", "mean", "change"};
constexpr std::string_view kOutcomeKinds[] = {"event", "indicator"};
constexpr std::string_view kSettings[] = {"", "urban", "rural", "camp"};

bool same_text(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

// "continues = 0" as (field, operator, value); nullopt if it is not of that form.
struct Condition {
  std::string field, op;
  double value = 0;
};
std::optional<Condition> parse_condition(std::string_view text) {
  static constexpr std::string_view ops[] = {"<=", ">=", "!=", "=", "<", ">"};
  for (auto op : ops) {
    const auto at = text.find(op);
    if (at == std::string_view::npos) continue;
    Condition c{std::string(trimmed(text.substr(0, at))), std::string(op), 0};
    const auto number = trimmed(text.substr(at + op.size()));
    const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), c.value);
    if (c.field.empty() || ec != std::errc{} || end != number.data() + number.size()) return std::nullopt;
    return c;
  }
  return std::nullopt;
}

bool holds(const Condition& c, const Event& e) {
  bool present = false;
  double x = 0;
  for (const auto& [k, v] : e.data)
    if (k == c.field) {
      present = true;
      x = v;
    }
  // A figure the event does not carry fails every condition: no match by default.
  if (!present) return false;
  if (c.op == "=") return x == c.value;
  if (c.op == "!=") return x != c.value;
  if (c.op == "<") return x < c.value;
  if (c.op == "<=") return x <= c.value;
  if (c.op == ">") return x > c.value;
  return x >= c.value;
}

// A key's index among the model's default countries, for filters nobody resolved (a sweep's outcomes).
int default_country_index(std::string_view key) {
  static const std::vector<std::string> keys = [] {
    std::vector<std::string> k;
    for (const auto& c : model::default_countries()) k.push_back(c.key);
    return k;
  }();
  for (size_t i = 0; i < keys.size(); ++i)
    if (keys[i] == key) return static_cast<int>(i);
  return -1;
}

int setting_index(std::string_view s) {
  for (size_t i = 1; i < std::size(kSettings); ++i)
    if (kSettings[i] == s) return static_cast<int>(i) - 1;
  return -1;
}
}  // namespace

void EventFilter::describe(ParamVisitor& v) {
  v.value("event", event, {.doc = "the exact event code (culture.publication does not match culture.publication_refused)"});
  v.value("subject", subject, {.doc = "the event's subject, exactly (case aside); empty: any"});
  v.value("country", country, {.doc = "country key: the event's figure 'country', or its subject, must be this country"});
  v.value("setting", setting, {.doc = "the event's figure 'setting' must be this kind of place", .choices = kSettings});
  v.value("where", where, {.doc = "conditions on the event's figures, e.g. [\"continues = 0\"] (= != < <= > >=)"});
}

bool EventFilter::same_thing(const Event& e) const {
  if (e.code != event) return false;
  if (!setting.empty() && e.get("setting", -1) != setting_index(setting)) return false;
  for (const auto& w : where) {
    const auto c = parse_condition(w);
    if (!c || !holds(*c, e)) return false;
  }
  return true;
}

bool EventFilter::matches(const Event& e) const {
  if (!same_thing(e)) return false;
  if (!subject.empty() && !same_text(e.subject, subject)) return false;
  if (!country.empty()) {
    bool carries = false;
    for (const auto& [k, v] : e.data) carries |= k == "country";
    const int index = country_index >= 0 ? country_index : default_country_index(country);
    if (carries ? (index < 0 || e.get("country") != index) : !same_text(e.subject, country)) return false;
  }
  return true;
}

std::vector<std::string> filter_problems(const EventFilter& f, const std::string& where) {
  std::vector<std::string> problems;
  for (const auto& w : f.where)
    if (!parse_condition(w))
      problems.push_back(fmt::format("{}: where: \"{}\" is not a condition of the form \"figure = number\" (= != < <= > >=)", where, w));
  return problems;
}

std::vector<std::string> resolve_countries(TargetFile& targets, const std::vector<std::string>& keys) {
  std::vector<std::string> problems;
  auto resolve = [&](EventFilter& f, std::string_view what) {
    f.country_index = -1;
    if (f.country.empty()) return;
    for (size_t i = 0; i < keys.size(); ++i)
      if (keys[i] == f.country) f.country_index = static_cast<int>(i);
    if (f.country_index < 0) problems.push_back(fmt::format("{}: country: unknown country '{}'", what, f.country));
  };
  for (auto& t : targets.targets) resolve(t.filter, fmt::format("target {}", t.id));
  for (auto& o : targets.outcomes) resolve(o.filter, fmt::format("outcome {}", o.id));
  return problems;
}

void Target::describe(ParamVisitor& v) {
  v.value("id", id, {.doc = "name of the target", .required = true});
  v.value("record", record, {.doc = "record rows it checks"});
  v.value("what", what, {.doc = "the fact, in words", .required = true});
  v.value("kind", kind, {.doc = "what is compared", .choices = kTargetKinds});
  v.value("indicator", indicator, {.doc = "indicator column (kind = indicator)"});
  v.value("statistic", statistic, {.doc = "value at date, or max/min/mean/change over [date, until]", .choices = kStatistics});
  v.value("date", date, {.doc = "the month (or the start of the window)", .required = true});
  v.value("until", until, {.doc = "end of the window (default: date)"});
  filter.describe(v);
  v.value("when", when, {.doc = "the month the record's event happened (timing error and calibration of kind event)"});
  v.value("figure", figure, {.doc = "data field of the event (kind event_figure)"});
  v.value("sum", sum, {.doc = "sum the figure over all matching events in the window"});
  v.value("low", low, {.doc = "lowest value that reproduces the record"});
  v.value("high", high, {.doc = "highest value that reproduces the record"});
  v.value("fitted", fitted, {.doc = "true if parameters were calibrated against this target"});
}

void Outcome::describe(ParamVisitor& v) {
  v.value("id", id, {.doc = "name", .required = true});
  v.value("what", what, {.doc = "in words (required in a targets file)"});
  v.value("kind", kind, {.doc = "share of runs with an event, or mean of an indicator", .choices = kOutcomeKinds});
  filter.describe(v);
  v.value("indicator", indicator, {.doc = "indicator column"});
  v.value("statistic", statistic, {.doc = "value | max | min | mean | change", .choices = kStatistics});
  v.value("date", date, {.doc = "month or start of the window", .required = true});
  v.value("until", until, {.doc = "end of the window"});
}

void Counterfactual::describe(ParamVisitor& v) {
  v.value("file", file, {.doc = "scenario file compared with the baseline", .required = true});
}

void TargetFile::describe(ParamVisitor& v) {
  v.list("target", "facts of the record the model must reproduce", targets);
  v.list("outcome", "outcomes compared across counterfactuals", outcomes);
  v.list("counterfactual", "scenarios compared with the baseline", counterfactuals);
}

std::vector<std::string> outcome_problems(const Outcome& o, const std::string& where, size_t index, bool need_what) {
  std::vector<std::string> problems;
  const auto say = [&](std::string_view what) {
    problems.push_back(fmt::format("{}: outcome[{}] ({}): {}", where, index, o.id, what));
  };
  if (need_what && o.what.empty()) say("needs 'what' (the outcome in words)");
  if (o.kind == "event" && o.filter.event.empty()) say("an event outcome needs 'event' (an event code)");
  if (o.kind == "indicator" && o.indicator.empty()) say("an indicator outcome needs 'indicator'");
  return problems;
}

TargetFile load_targets(const std::filesystem::path& path) {
  TargetFile t;
  auto file = io::ScenarioFile::load(path);
  // Every problem is reported: the binder's, key by key, and then what it cannot see.
  std::vector<std::string> problems;
  try {
    file.bind([&](ParamVisitor& v) { t.describe(v); }, Calendar{Month::of(1953, 3)});
  } catch (const io::ScenarioError& e) {
    problems = e.problems();
  }
  for (size_t i = 0; i < t.targets.size(); ++i) {
    auto& target = t.targets[i];
    const auto say = [&](std::string_view what) {
      problems.push_back(fmt::format("{}: target[{}] ({}): {}", file.location(fmt::format("target[{}]", i)), i, target.id, what));
    };
    if (target.until < target.date) target.until = target.date;
    if (target.kind == "indicator" && target.indicator.empty()) say("an indicator target needs 'indicator'");
    if (target.kind != "indicator" && target.filter.event.empty()) say("an event target needs 'event'");
    for (auto& p : filter_problems(target.filter, file.location(fmt::format("target[{}]", i)))) problems.push_back(std::move(p));
    if (target.kind == "event_figure" && target.figure.empty()) say("kind event_figure needs 'figure'");
    if (target.low > target.high) say("low is above high");
  }
  for (size_t i = 0; i < t.outcomes.size(); ++i) {
    auto& o = t.outcomes[i];
    if (o.until < o.date) o.until = o.date;
    for (auto& p : outcome_problems(o, file.location(fmt::format("outcome[{}]", i)), i, /*need_what=*/true))
      problems.push_back(std::move(p));
    for (auto& p : filter_problems(o.filter, file.location(fmt::format("outcome[{}]", i)))) problems.push_back(std::move(p));
  }
  std::vector<std::string> keys;
  for (const auto& c : model::default_countries()) keys.push_back(c.key);
  for (auto& p : resolve_countries(t, keys)) problems.push_back(fmt::format("{}: {}", path.string(), p));
  if (!problems.empty()) throw io::ScenarioError(std::move(problems));
  return t;
}

namespace {

std::optional<double> indicator_statistic(const RunView& run, const std::string& column, const std::string& statistic,
                                          Month from, Month until) {
  if (!run.indicators.has(column)) return std::nullopt;
  const size_t col = run.indicators.index_of(column);
  const int64_t first = from - run.start, last = until - run.start;
  if (first < 0 || static_cast<size_t>(last) >= run.indicators.rows()) return std::nullopt;
  const double at_first = run.indicators.at(static_cast<size_t>(first), col);
  if (statistic == "value") return at_first;
  if (statistic == "change") return run.indicators.at(static_cast<size_t>(last), col) - at_first;
  double acc = statistic == "min" ? INFINITY : statistic == "max" ? -INFINITY : 0.0;
  for (int64_t r = first; r <= last; ++r) {
    const double x = run.indicators.at(static_cast<size_t>(r), col);
    if (statistic == "min") acc = std::min(acc, x);
    else if (statistic == "max") acc = std::max(acc, x);
    else acc += x;
  }
  if (statistic == "mean") acc /= static_cast<double>(last - first + 1);
  return acc;
}


std::vector<RunLog> run_scenario(const std::filesystem::path& path, const ValidationOptions& options,
                                 const std::vector<uint64_t>& seeds) {
  const Scenario scenario = Scenario::load(path, options.overrides);
  std::vector<RunLog> runs(seeds.size());
  run_ensemble(scenario, seeds, {.threads = options.threads, .progress = options.progress},
               [&](size_t i, Simulation& sim) { runs[i] = RunLog::of(sim, seeds[i]); });
  return runs;
}

// Every run's events in one table, for statistics over the ensemble (docs/validation.md).
void write_ensemble_events(const std::vector<RunLog>& runs, const std::filesystem::path& path) {
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
  std::string csv = "run,seed,date,code,severity,subject,data\n";
  for (size_t i = 0; i < runs.size(); ++i)
    for (const auto& e : runs[i].events)
      csv += fmt::format("{},{},{},{},{},{},{}\n", i, runs[i].seed, e.month.str(), io::csv_field(e.code),
                         severity_name(e.severity), io::csv_field(e.subject), io::csv_field(io::event_data_text(e)));
  io::write_text(path, csv);
}

std::string format_value(double v, bool is_month) {
  if (std::isnan(v)) return "-";
  if (is_month) return Month::from_index(static_cast<int32_t>(std::lround(v))).str();
  const double a = std::fabs(v);
  if (a >= 1e6) return fmt::format("{:.2f} M", v / 1e6);
  if (a >= 1e4) return fmt::format("{:.0f}", v);
  if (a >= 100) return fmt::format("{:.0f}", v);
  if (a >= 1) return fmt::format("{:.2f}", v);
  return fmt::format("{:.3f}", v);
}

std::string range_text(const Target& t) {
  if (t.kind == "event") return fmt::format("occurs {}..{}", t.date.str(), t.until.str());
  if (t.kind == "no_event") return fmt::format("none {}..{}", t.date.str(), t.until.str());
  return fmt::format("{}..{}", format_value(t.low, false), format_value(t.high, false));
}

}  // namespace

std::vector<const Event*> matching_events(const RunView& run, const EventFilter& filter, Month from, Month until) {
  std::vector<const Event*> out;
  for (const auto& e : run.events)
    if (e.month >= from && e.month <= until && filter.matches(e)) out.push_back(&e);
  return out;
}

Evaluation evaluate_target(const Target& t, const RunView& run) {
  if (t.kind == "indicator") {
    const auto v = indicator_statistic(run, t.indicator, t.statistic, t.date, t.until);
    return {v, v && *v >= t.low && *v <= t.high};
  }
  const auto events = matching_events(run, t.filter, t.date, t.until);
  if (t.kind == "event") {
    if (events.empty()) return {std::nullopt, false};
    return {static_cast<double>(events.front()->month.index()), true};
  }
  if (t.kind == "no_event") return {static_cast<double>(events.size()), events.empty()};
  // event_figure
  if (events.empty()) return {std::nullopt, false};
  double v = 0;
  for (const auto* e : events) {
    v += e->get(t.figure);
    if (!t.sum) break;
  }
  return {v, v >= t.low && v <= t.high};
}

bool TargetResult::is_event() const { return target && target->kind != "indicator"; }

OutcomeResult outcome_values(const std::vector<const Outcome*>& outcomes, const std::vector<RunLog>& runs, const std::string& name) {
  OutcomeResult r;
  r.scenario = name;
  for (const auto* o : outcomes) {
    std::vector<double> xs;
    for (const auto& run : runs) {
      if (o->kind == "event") xs.push_back(matching_events(run.view(), o->filter, o->date, o->until).empty() ? 0.0 : 1.0);
      else if (auto v = indicator_statistic(run.view(), o->indicator, o->statistic, o->date, o->until)) xs.push_back(*v);
    }
    const double n = static_cast<double>(xs.size());
    double mean = 0, var = 0;
    for (double x : xs) mean += x;
    mean = n > 0 ? mean / n : NAN;
    for (double x : xs) var += (x - mean) * (x - mean);
    var = n > 1 ? var / (n - 1) : 0;
    double lo, hi;
    if (o->kind == "event" && n > 0) {
      std::tie(lo, hi) = wilson_interval(mean * n, n);  // 95%
    } else {
      const double half = n > 1 ? 1.96 * std::sqrt(var / n) : 0;
      lo = mean - half;
      hi = mean + half;
    }
    r.values.push_back(mean);
    r.ci_low.push_back(lo);
    r.ci_high.push_back(hi);
  }
  return r;
}

namespace {

bool thing_happens(const RunLog& run, const EventFilter& f) {
  for (const auto& e : run.events)
    if (f.same_thing(e)) return true;
  return false;
}

const Event* first_anywhere(const RunLog& run, const EventFilter& f) {
  for (const auto& e : run.events)
    if (f.matches(e)) return &e;
  return nullptr;
}

Scores mean_scores(const std::vector<TargetResult>& results, bool events_only) {
  Scores s;
  double brier = 0, log_score = 0;
  for (const auto& r : results) {
    if (!r.counted() || (events_only && !r.is_event())) continue;
    ++s.targets;
    brier += r.brier;
    log_score += r.log_score;
  }
  if (s.targets > 0) {
    s.brier = brier / static_cast<double>(s.targets);
    s.log_score = log_score / static_cast<double>(s.targets);
  }
  return s;
}

}  // namespace

void score_targets(ValidationReport& report, const TargetFile& targets, const std::vector<RunLog>& baseline,
                   const std::vector<std::vector<RunLog>>& counterfactuals) {
  for (auto& r : report.targets) {
    const Target& t = *r.target;
    const double n = static_cast<double>(r.runs);
    const double p = r.pass_share(), smoothed = (static_cast<double>(r.passed) + 0.5) / (n + 1);
    r.brier = (1 - p) * (1 - p);
    r.log_score = -std::log(smoothed);
    if (t.kind == "indicator") continue;
    if (t.kind == "no_event") {
      r.thing_runs = 0;
      for (const auto& run : baseline) r.thing_runs += thing_happens(run, t.filter);
      r.counterfactual_runs = r.counterfactual_with_event = r.counterfactual_with_thing = 0;
      for (const auto& runs : counterfactuals)
        for (const auto& run : runs) {
          ++r.counterfactual_runs;
          r.counterfactual_with_thing += thing_happens(run, t.filter);
          r.counterfactual_with_event += !matching_events(run.view(), t.filter, t.date, t.until).empty();
        }
      // Nothing of the kind happens in any run of any scenario: the absence says nothing.
      r.cannot_fail = r.thing_runs == 0 && r.counterfactual_with_thing == 0;
    }
    if (t.kind == "event" && (t.when != Month{})) {
      std::vector<double> errors;
      for (const auto& run : baseline)
        if (const Event* e = first_anywhere(run, t.filter)) errors.push_back(std::fabs(static_cast<double>(e->month - t.when)));
      r.timed_runs = errors.size();
      if (!errors.empty()) {
        double sum = 0;
        for (double x : errors) sum += x;
        r.timing_mean = sum / static_cast<double>(errors.size());
        r.timing_median = quantile(errors, 0.5);
      }
    }
  }
  report.not_counted = 0;
  for (const auto& r : report.targets) report.not_counted += !r.counted();
  report.event_scores = mean_scores(report.targets, true);
  report.all_scores = mean_scores(report.targets, false);

  // Calibration: for every event target with a record month, the forecast "first happens in year
  // Y" for each year of the run, and whether Y was the record's year.
  struct Forecast {
    double p;
    bool happened;
  };
  std::vector<Forecast> forecasts;
  if (!baseline.empty()) {
    const int first_year = baseline.front().start.year();
    const int last_year = first_year + static_cast<int>(baseline.front().indicators.rows() + 11) / 12;
    for (const auto& t : targets.targets) {
      if (t.kind != "event" || !(t.when != Month{})) continue;
      std::vector<size_t> by_year(static_cast<size_t>(last_year - first_year + 1), 0);
      for (const auto& run : baseline)
        if (const Event* e = first_anywhere(run, t.filter)) {
          const int y = e->month.year() - first_year;
          if (y >= 0 && static_cast<size_t>(y) < by_year.size()) ++by_year[static_cast<size_t>(y)];
        }
      for (size_t y = 0; y < by_year.size(); ++y)
        forecasts.push_back({static_cast<double>(by_year[y]) / static_cast<double>(baseline.size()),
                             static_cast<int>(y) + first_year == t.when.year()});
    }
  }
  constexpr double edges[] = {0.0, 0.05, 0.2, 0.4, 0.6, 0.8, 0.95, 1.0};
  report.calibration.clear();
  for (size_t b = 0; b + 1 < std::size(edges); ++b) {
    CalibrationBin bin{edges[b], edges[b + 1]};
    double sum = 0, hits = 0;
    for (const auto& f : forecasts) {
      const bool last = b + 2 == std::size(edges);
      if (f.p < edges[b] || (last ? f.p > edges[b + 1] : f.p >= edges[b + 1])) continue;
      ++bin.forecasts;
      sum += f.p;
      hits += f.happened;
    }
    if (bin.forecasts > 0) {
      bin.mean_forecast = sum / static_cast<double>(bin.forecasts);
      bin.observed = hits / static_cast<double>(bin.forecasts);
    }
    report.calibration.push_back(bin);
  }
}

ValidationReport validate(const std::filesystem::path& baseline, const TargetFile& target_file, const ValidationOptions& options,
                          bool with_counterfactuals) {
  const auto t0 = std::chrono::steady_clock::now();
  ValidationReport report;
  report.baseline = baseline.string();
  report.runs = options.runs;
  const Scenario header = Scenario::load(baseline, options.overrides);
  const auto seeds = replicate_seeds(static_cast<uint64_t>(header.header.seed), options.runs);

  // The scenario's own countries decide what a country key means.
  TargetFile targets = target_file;
  std::vector<std::string> keys;
  for (const auto& item : header.items("country")) keys.push_back(item.get("key"));
  if (!keys.empty()) {
    auto problems = resolve_countries(targets, keys);
    if (!problems.empty()) throw io::ScenarioError(std::move(problems));
  }
  report.owned_targets = std::make_shared<TargetFile>(std::move(targets));
  const TargetFile& t_file = *report.owned_targets;

  const auto runs = run_scenario(baseline, options, seeds);
  if (!options.events_csv.empty()) write_ensemble_events(runs, options.events_csv);
  for (const auto& t : t_file.targets) {
    TargetResult r;
    r.target = &t;
    r.runs = runs.size();
    std::vector<double> values;
    for (const auto& run : runs) {
      const auto e = evaluate_target(t, run.view());
      if (e.passed) ++r.passed;
      if (e.value) {
        ++r.observed;
        values.push_back(*e.value);
      }
    }
    r.median = quantile(values, 0.5);
    r.p05 = quantile(values, 0.05);
    r.p95 = quantile(values, 0.95);
    r.median_text = format_value(r.median, t.kind == "event");
    report.targets.push_back(r);
  }
  for (const auto& o : t_file.outcomes) report.outcomes.push_back(&o);
  report.scenarios.push_back(outcome_values(report.outcomes, runs, header.header.name));
  std::vector<std::vector<RunLog>> cf_runs;
  if (with_counterfactuals) {
    for (const auto& cf_ref : t_file.counterfactuals) {
      const auto path = find_scenario(cf_ref.file);
      const Scenario cf = Scenario::load(path, options.overrides);
      cf_runs.push_back(run_scenario(path, options, seeds));
      report.scenarios.push_back(outcome_values(report.outcomes, cf_runs.back(), cf.header.name));
    }
  }
  score_targets(report, t_file, runs, cf_runs);
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return report;
}

namespace {
std::string score_text(double x) { return std::isnan(x) ? "-" : fmt::format("{:.3f}", x); }
std::string months_text(double x) { return std::isnan(x) ? "-" : fmt::format("{:.0f}", x); }

// "never (Poland) in 0/100; the thing anywhere in 37/100; in counterfactuals 2/500"
std::string absence_text(const TargetResult& r) {
  if (r.target->kind != "no_event") return "";
  std::string s = fmt::format("the event anywhere in {}/{} runs", r.thing_runs, r.runs);
  if (r.counterfactual_runs > 0)
    s += fmt::format("; in the counterfactuals {}/{} (this one {})", r.counterfactual_with_thing, r.counterfactual_runs,
                     r.counterfactual_with_event);
  if (r.cannot_fail) s += "; CANNOT FAIL, not counted";
  return s;
}
}  // namespace

std::string scores_text(const ValidationReport& report) {
  return fmt::format("Scores (mean over counted targets; lower is better): event targets ({}): Brier {}, log {}; "
                     "all targets ({}): Brier {}, log {}; {} target(s) cannot fail and are not counted\n",
                     report.event_scores.targets, score_text(report.event_scores.brier), score_text(report.event_scores.log_score),
                     report.all_scores.targets, score_text(report.all_scores.brier), score_text(report.all_scores.log_score),
                     report.not_counted);
}

std::string target_table_text(const ValidationReport& report) {
  std::string out = fmt::format("Targets: {} runs of {} (share of runs that reproduce the record; median and 90% range)\n",
                                report.runs, report.baseline);
  out += fmt::format("{:<28} {:<10} {:<6} {:>6}  {:<24} {:<12} {:<22} {:>6} {:>6} {:>7}\n", "target", "record", "fit", "pass",
                     "record range", "median", "5%..95%", "Brier", "log", "timing");
  for (const auto& r : report.targets) {
    const auto& t = *r.target;
    const bool month = t.kind == "event";
    out += fmt::format("{:<28} {:<10} {:<6} {:>5.0f}%{} {:<24} {:<12} {:<22} {:>6} {:>6} {:>7}\n", t.id, t.record,
                       t.fitted ? "fitted" : "held", 100 * r.pass_share(), r.cannot_fail ? "*" : " ", range_text(t), r.median_text,
                       fmt::format("{}..{}", format_value(r.p05, month), format_value(r.p95, month)), score_text(r.brier),
                       score_text(r.log_score), std::isnan(r.timing_median) ? "-" : fmt::format("{} mo", months_text(r.timing_median)));
    if (t.kind == "no_event") out += fmt::format("{:<28}   {}\n", "", absence_text(r));
  }
  out += scores_text(report);
  if (report.not_counted > 0) out += "* cannot fail: nothing of the kind happens in any run, so passing says nothing\n";
  return out;
}

std::string target_table_markdown(const ValidationReport& report) {
  std::string out = fmt::format("| target | record | what | used in fit | runs reproducing | record range | median | 5%..95% | "
                                "Brier | log score | timing error (median months) |\n"
                                "|---|---|---|---|---|---|---|---|---|---|---|\n");
  for (const auto& r : report.targets) {
    const auto& t = *r.target;
    const bool month = t.kind == "event";
    std::string what = t.what;
    if (t.kind == "no_event") what += fmt::format(" <br>*{}*", absence_text(r));
    out += fmt::format("| {} | {} | {} | {} | {:.0f}%{} | {} | {} | {}..{} | {} | {} | {} |\n", t.id, t.record, what,
                       t.fitted ? "fitted" : "held out", 100 * r.pass_share(), r.cannot_fail ? " (cannot fail, not counted)" : "",
                       range_text(t), r.median_text, format_value(r.p05, month), format_value(r.p95, month), score_text(r.brier),
                       score_text(r.log_score), months_text(r.timing_median));
  }
  out += fmt::format("\n{}", scores_text(report));
  return out;
}

std::string calibration_table_markdown(const ValidationReport& report) {
  std::string out = "| forecast | forecasts | mean forecast | observed |\n|---|---|---|---|\n";
  for (const auto& b : report.calibration)
    out += fmt::format("| {:.2f}..{:.2f} | {} | {} | {} |\n", b.low, b.high, b.forecasts,
                       b.forecasts ? fmt::format("{:.3f}", b.mean_forecast) : "-", b.forecasts ? fmt::format("{:.3f}", b.observed) : "-");
  return out;
}

std::string counterfactual_table_text(const ValidationReport& report) {
  if (report.scenarios.size() < 2) return "";
  std::string out = "Counterfactuals (share of runs for events, mean for indicators; 95% interval)\n";
  out += fmt::format("{:<34}", "outcome");
  for (const auto& s : report.scenarios) out += fmt::format(" {:>22}", s.scenario.substr(0, 22));
  out += '\n';
  for (size_t o = 0; o < report.outcomes.size(); ++o) {
    out += fmt::format("{:<34}", report.outcomes[o]->id.substr(0, 34));
    for (const auto& s : report.scenarios)
      out += fmt::format(" {:>22}", fmt::format("{} [{}..{}]", format_value(s.values[o], false),
                                                format_value(s.ci_low[o], false), format_value(s.ci_high[o], false)));
    out += '\n';
  }
  return out;
}

std::string counterfactual_table_markdown(const ValidationReport& report) {
  if (report.scenarios.size() < 2) return "";
  std::string out = "| outcome | what |";
  for (const auto& s : report.scenarios) out += fmt::format(" {} |", s.scenario);
  out += "\n|---|---|";
  for (size_t i = 0; i < report.scenarios.size(); ++i) out += "---|";
  out += '\n';
  for (size_t o = 0; o < report.outcomes.size(); ++o) {
    out += fmt::format("| {} | {} |", report.outcomes[o]->id, report.outcomes[o]->what);
    for (const auto& s : report.scenarios)
      out += fmt::format(" {} [{}..{}] |", format_value(s.values[o], false), format_value(s.ci_low[o], false),
                         format_value(s.ci_high[o], false));
    out += '\n';
  }
  return out;
}

std::vector<std::filesystem::path> write_validation(const ValidationReport& report, const std::filesystem::path& dir) {
  io::OutputFolder out(dir);
  std::string csv = "target,record,kind,fitted,runs,passed,pass_share,low,high,median,p05,p95,counted,cannot_fail,"
                    "thing_runs,counterfactual_runs,counterfactual_with_thing,counterfactual_with_event,brier,log_score,"
                    "timing_median_months,timing_mean_months,timed_runs\n";
  for (const auto& r : report.targets) {
    const auto& t = *r.target;
    csv += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", t.id,
                       io::csv_field(t.record, io::Quote::Always), t.kind, t.fitted ? 1 : 0, r.runs, r.passed, r.pass_share(), t.low,
                       t.high, r.median, r.p05, r.p95, r.counted() ? 1 : 0, r.cannot_fail ? 1 : 0, r.thing_runs, r.counterfactual_runs,
                       r.counterfactual_with_thing, r.counterfactual_with_event, r.brier, r.log_score, r.timing_median, r.timing_mean,
                       r.timed_runs);
  }
  csv += fmt::format("overall-events,,score,,,,,,,,,,{},,,,,,{},{},,,\n", report.event_scores.targets, report.event_scores.brier,
                     report.event_scores.log_score);
  csv += fmt::format("overall-all,,score,,,,,,,,,,{},,,,,,{},{},,,\n", report.all_scores.targets, report.all_scores.brier,
                     report.all_scores.log_score);
  out.write("targets.csv", csv);
  std::string cal = "low,high,forecasts,mean_forecast,observed\n";
  for (const auto& b : report.calibration) cal += fmt::format("{},{},{},{},{}\n", b.low, b.high, b.forecasts, b.mean_forecast, b.observed);
  out.write("calibration.csv", cal);
  out.write("validation.md", fmt::format("# Validation of {}\n\n{} runs, {:.0f} s.\n\n## Targets\n\n{}\n## Calibration\n\n"
                                     "The yearly forecasts \"the event first happens in year Y\" of every event target with a "
                                     "record month, binned by forecast, against the share whose year was the record's.\n\n{}\n"
                                     "## Counterfactuals\n\n{}",
                                     report.baseline, report.runs, report.seconds, target_table_markdown(report),
                                     calibration_table_markdown(report), counterfactual_table_markdown(report)));
  if (report.scenarios.size() > 0) {
    std::string csv_out = "outcome,scenario,value,ci_low,ci_high\n";
    for (size_t o = 0; o < report.outcomes.size(); ++o)
      for (const auto& s : report.scenarios)
        csv_out += fmt::format("{},{},{},{},{}\n", report.outcomes[o]->id, s.scenario, s.values[o], s.ci_low[o], s.ci_high[o]);
    out.write("outcomes.csv", csv_out);
  }
  return out.written();
}

}  // namespace thaw::app
