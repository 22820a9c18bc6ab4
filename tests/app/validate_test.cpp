// Validation cannot flatter: a planted refused publication and satellite-only unrest do not pass
// the targets they resemble; a "never happens" target whose event happens nowhere cannot fail.
#include "app/scenario.hpp"
#include "app/validate.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace thaw::app {
namespace {

const TargetFile& the_targets() {
  static const TargetFile t = load_targets(find_scenario("data/targets.toml"));
  return t;
}

const Target& target(std::string_view id) {
  for (const auto& t : the_targets().targets)
    if (t.id == id) return t;
  throw std::logic_error("no target " + std::string(id));
}

const Outcome& outcome(std::string_view id) {
  for (const auto& o : the_targets().outcomes)
    if (o.id == id) return o;
  throw std::logic_error("no outcome " + std::string(id));
}

// A run of the Thaw's calendar with only the planted events.
struct PlantedRun {
  SeriesTable indicators{"date", {"step"}};
  std::vector<Event> events;
  RunView view() const { return {indicators, events, Month::of(1953, 3)}; }
  RunLog log() const {
    RunLog l;
    l.indicators = indicators;
    l.events = events;
    l.start = Month::of(1953, 3);
    return l;
  }
};

Event event(Month m, std::string code, std::string subject, std::vector<std::pair<std::string, double>> data = {}) {
  return {m, std::move(code), Severity::Major, "planted", std::move(data), std::move(subject)};
}

constexpr double kUssr = 0, kHungary = 4;  // indices of the default countries

TEST(Validate, ARefusedPublicationIsNotThePublication) {
  PlantedRun run;
  run.events.push_back(event(Month::of(1962, 11), "culture.publication_refused", "One Day in the Life of Ivan Denisovich"));
  EXPECT_FALSE(evaluate_target(target("ivan-denisovich"), run.view()).passed);
  // ... nor is another book published that month.
  run.events.push_back(event(Month::of(1962, 11), "culture.publication", "Doctor Zhivago"));
  EXPECT_FALSE(evaluate_target(target("ivan-denisovich"), run.view()).passed);
  run.events.push_back(event(Month::of(1962, 11), "culture.publication", "One Day in the Life of Ivan Denisovich"));
  EXPECT_TRUE(evaluate_target(target("ivan-denisovich"), run.view()).passed);
}

TEST(Validate, UnrestOnlyInASatelliteOrCarriedOnFromMarchIsNoSovietUnrest) {
  const Outcome& o = outcome("ussr-unrest");
  PlantedRun run;
  run.events.push_back(event(Month::of(1956, 10), "society.unrest", "Budapest (towns)",
                             {{"country", kHungary}, {"continues", 0}, {"setting", 0}}));
  // The March 1953 burst carrying on into the window is not a new outbreak.
  run.events.push_back(event(Month::of(1953, 7), "society.unrest", "Georgia (towns)",
                             {{"country", kUssr}, {"continues", 1}, {"setting", 0}}));
  EXPECT_TRUE(matching_events(run.view(), o.filter, o.date, o.until).empty());
  EXPECT_EQ(outcome_values({&o}, {run.log()}, "planted").values[0], 0.0);
  run.events.push_back(event(Month::of(1962, 6), "society.unrest", "Rostov (towns)",
                             {{"country", kUssr}, {"continues", 0}, {"setting", 0}}));
  EXPECT_EQ(matching_events(run.view(), o.filter, o.date, o.until).size(), 1u);
}

TEST(Validate, AnAbsenceNobodyCouldHaveBrokenCannotFailAndIsNotCounted) {
  const Target& poland = target("no-poland-intervention");
  PlantedRun quiet, hungary;
  hungary.events.push_back(event(Month::of(1956, 11), "bloc.intervention", "hungary"));
  EXPECT_TRUE(evaluate_target(poland, quiet.view()).passed);
  EXPECT_TRUE(evaluate_target(poland, hungary.view()).passed);

  auto score = [&](const std::vector<RunLog>& runs, const std::vector<std::vector<RunLog>>& cfs) {
    ValidationReport report;
    TargetResult r;
    r.target = &poland;
    r.runs = runs.size();
    for (const auto& run : runs) r.passed += evaluate_target(poland, run.view()).passed;
    report.targets.push_back(r);
    score_targets(report, the_targets(), runs, cfs);
    return report;
  };
  // Nothing intervenes anywhere, in the baseline or a counterfactual: the pass says nothing.
  const auto vacuous = score(std::vector<RunLog>(4, quiet.log()), {std::vector<RunLog>(4, quiet.log())});
  EXPECT_TRUE(vacuous.targets[0].cannot_fail);
  EXPECT_EQ(vacuous.not_counted, 1u);
  EXPECT_EQ(vacuous.all_scores.targets, 0u);
  // Moscow does intervene, in Hungary: not intervening in Poland is now a finding, and scored.
  const auto informative = score({quiet.log(), hungary.log()}, {});
  EXPECT_FALSE(informative.targets[0].cannot_fail);
  EXPECT_EQ(informative.targets[0].thing_runs, 1u);
  EXPECT_EQ(informative.all_scores.targets, 1u);
  EXPECT_DOUBLE_EQ(informative.targets[0].brier, 0.0);
}

TEST(Validate, ScoresEachTargetAsAForecastWithItsTimingError) {
  const Target& rising = target("gdr-rising-1953");
  PlantedRun on_time, late, never;
  on_time.events.push_back(event(Month::of(1953, 6), "bloc.uprising", "gdr"));
  late.events.push_back(event(Month::of(1953, 10), "bloc.uprising", "gdr"));
  const std::vector<RunLog> runs = {on_time.log(), late.log(), never.log(), on_time.log()};
  ValidationReport report;
  TargetResult r;
  r.target = &rising;
  r.runs = runs.size();
  for (const auto& run : runs) r.passed += evaluate_target(rising, run.view()).passed;
  EXPECT_EQ(r.passed, 2u);
  report.targets.push_back(r);
  score_targets(report, the_targets(), runs, {});
  const auto& s = report.targets[0];
  EXPECT_DOUBLE_EQ(s.brier, 0.25);
  EXPECT_NEAR(s.log_score, -std::log(2.5 / 5.0), 1e-12);
  EXPECT_EQ(s.timed_runs, 3u);
  EXPECT_DOUBLE_EQ(s.timing_mean, 4.0 / 3.0);
  EXPECT_DOUBLE_EQ(s.timing_median, 0.0);
}

TEST(Validate, AConditionThatIsNotOneIsAnErrorNamingTheFile) {
  EventFilter f;
  f.where = {"continues = 0", "for >= 6", "nonsense"};
  const auto problems = filter_problems(f, "targets.toml:3");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("targets.toml:3"), std::string::npos);
  EXPECT_NE(problems[0].find("nonsense"), std::string::npos);
}

}  // namespace
}  // namespace thaw::app
