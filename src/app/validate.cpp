#include "app/validate.hpp"

#include "app/intervals.hpp"
#include "engine/quantile.hpp"
#include "io/csv.hpp"
#include "io/events.hpp"
#include "io/output.hpp"
#include "io/scenario_file.hpp"

#include <fmt/format.h>

#include <algorithm>
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
}  // namespace

void Target::describe(ParamVisitor& v) {
  v.value("id", id, {.doc = "name of the target", .required = true});
  v.value("record", record, {.doc = "record rows it checks"});
  v.value("what", what, {.doc = "the fact, in words", .required = true});
  v.value("kind", kind, {.doc = "what is compared", .choices = kTargetKinds});
  v.value("indicator", indicator, {.doc = "indicator column (kind = indicator)"});
  v.value("statistic", statistic, {.doc = "value at date, or max/min/mean/change over [date, until]", .choices = kStatistics});
  v.value("date", date, {.doc = "the month (or the start of the window)", .required = true});
  v.value("until", until, {.doc = "end of the window (default: date)"});
  v.value("event", event, {.doc = "event code or code prefix (kinds event, event_figure, no_event)"});
  v.value("subject", subject, {.doc = "text the event's subject must contain"});
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
  v.value("event", event, {.doc = "event code prefix"});
  v.value("subject", subject, {.doc = "text the event's subject must contain"});
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
  if (o.kind == "event" && o.event.empty()) say("an event outcome needs 'event' (a code prefix)");
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
    if (target.kind != "indicator" && target.event.empty()) say("an event target needs 'event'");
    if (target.kind == "event_figure" && target.figure.empty()) say("kind event_figure needs 'figure'");
    if (target.low > target.high) say("low is above high");
  }
  for (size_t i = 0; i < t.outcomes.size(); ++i) {
    auto& o = t.outcomes[i];
    if (o.until < o.date) o.until = o.date;
    for (auto& p : outcome_problems(o, file.location(fmt::format("outcome[{}]", i)), i, /*need_what=*/true))
      problems.push_back(std::move(p));
  }
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

std::vector<const Event*> matching(const RunView& run, const std::string& code, const std::string& subject,
                                   Month from, Month until) {
  std::vector<const Event*> out;
  for (const auto& e : run.events) {
    if (e.month < from || e.month > until) continue;
    if (e.code.rfind(code, 0) != 0) continue;
    if (!subject.empty() && e.subject.find(subject) == std::string::npos) continue;
    out.push_back(&e);
  }
  return out;
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

Evaluation evaluate_target(const Target& t, const RunView& run) {
  if (t.kind == "indicator") {
    const auto v = indicator_statistic(run, t.indicator, t.statistic, t.date, t.until);
    return {v, v && *v >= t.low && *v <= t.high};
  }
  const auto events = matching(run, t.event, t.subject, t.date, t.until);
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

ValidationReport validate(const std::filesystem::path& baseline, const TargetFile& targets, const ValidationOptions& options,
                          bool with_counterfactuals) {
  const auto t0 = std::chrono::steady_clock::now();
  ValidationReport report;
  report.baseline = baseline.string();
  report.runs = options.runs;
  const Scenario header = Scenario::load(baseline, options.overrides);
  const auto seeds = replicate_seeds(static_cast<uint64_t>(header.header.seed), options.runs);

  auto outcome_values = [&](const std::vector<RunLog>& runs, const std::string& name) {
    OutcomeResult r;
    r.scenario = name;
    for (const auto& o : targets.outcomes) {
      std::vector<double> xs;
      for (const auto& run : runs) {
        if (o.kind == "event") xs.push_back(matching(run.view(), o.event, o.subject, o.date, o.until).empty() ? 0.0 : 1.0);
        else if (auto v = indicator_statistic(run.view(), o.indicator, o.statistic, o.date, o.until)) xs.push_back(*v);
      }
      const double n = static_cast<double>(xs.size());
      double mean = 0, var = 0;
      for (double x : xs) mean += x;
      mean = n > 0 ? mean / n : NAN;
      for (double x : xs) var += (x - mean) * (x - mean);
      var = n > 1 ? var / (n - 1) : 0;
      double lo, hi;
      if (o.kind == "event" && n > 0) {
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
  };

  const auto runs = run_scenario(baseline, options, seeds);
  if (!options.events_csv.empty()) write_ensemble_events(runs, options.events_csv);
  for (const auto& t : targets.targets) {
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
  for (const auto& o : targets.outcomes) report.outcomes.push_back(&o);
  report.scenarios.push_back(outcome_values(runs, header.header.name));
  if (with_counterfactuals) {
    for (const auto& cf_ref : targets.counterfactuals) {
      const auto path = find_scenario(cf_ref.file);
      const Scenario cf = Scenario::load(path, options.overrides);
      report.scenarios.push_back(outcome_values(run_scenario(path, options, seeds), cf.header.name));
    }
  }
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return report;
}

std::string target_table_text(const ValidationReport& report) {
  std::string out = fmt::format("Targets: {} runs of {} (share of runs that reproduce the record; median and 90% range)\n",
                                report.runs, report.baseline);
  out += fmt::format("{:<28} {:<10} {:<6} {:>6}  {:<24} {:<12} {}\n", "target", "record", "fit", "pass", "record range",
                     "median", "5%..95%");
  for (const auto& r : report.targets) {
    const auto& t = *r.target;
    const bool month = t.kind == "event";
    out += fmt::format("{:<28} {:<10} {:<6} {:>5.0f}%  {:<24} {:<12} {}..{}\n", t.id, t.record, t.fitted ? "fitted" : "held",
                       100 * r.pass_share(), range_text(t), r.median_text, format_value(r.p05, month),
                       format_value(r.p95, month));
  }
  return out;
}

std::string target_table_markdown(const ValidationReport& report) {
  std::string out = fmt::format("| target | record | what | used in fit | runs reproducing | record range | median | 5%..95% |\n"
                                "|---|---|---|---|---|---|---|---|\n");
  for (const auto& r : report.targets) {
    const auto& t = *r.target;
    const bool month = t.kind == "event";
    out += fmt::format("| {} | {} | {} | {} | {:.0f}% | {} | {} | {}..{} |\n", t.id, t.record, t.what,
                       t.fitted ? "fitted" : "held out", 100 * r.pass_share(), range_text(t), r.median_text,
                       format_value(r.p05, month), format_value(r.p95, month));
  }
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
  std::string csv = "target,record,kind,fitted,runs,passed,pass_share,low,high,median,p05,p95\n";
  for (const auto& r : report.targets) {
    const auto& t = *r.target;
    csv += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{}\n", t.id, io::csv_field(t.record, io::Quote::Always), t.kind,
                       t.fitted ? 1 : 0, r.runs, r.passed, r.pass_share(), t.low, t.high, r.median, r.p05, r.p95);
  }
  out.write("targets.csv", csv);
  out.write("validation.md", fmt::format("# Validation of {}\n\n{} runs, {:.0f} s.\n\n## Targets\n\n{}\n## Counterfactuals\n\n{}",
                                     report.baseline, report.runs, report.seconds, target_table_markdown(report),
                                     counterfactual_table_markdown(report)));
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
