// The ensemble runner: members seeded by replicate, the same whatever the thread count, their logs
// handed over through the Simulation interface; and thaw validate's table of every run's events.
#include "app/ensemble.hpp"
#include "app/validate.hpp"
#include "io/csv.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <unistd.h>

namespace thaw::app {
namespace {

namespace fs = std::filesystem;

// The baseline, coarse and short, so that an ensemble takes a moment.
Scenario small_baseline() {
  return Scenario::load(find_scenario("thaw-1953.toml"), {"run.scale=100000", "run.end=\"1954-06\""});
}

std::vector<RunLog> logs_of(const Scenario& scenario, const std::vector<uint64_t>& seeds, int threads) {
  std::vector<RunLog> logs(seeds.size());
  run_ensemble(scenario, seeds, {.threads = threads},
               [&](size_t i, Simulation& sim) { logs[i] = RunLog::of(sim, seeds[i]); });
  return logs;
}

TEST(Ensemble, MembersAreTheSameWhateverTheThreadCountAndCarryTheirLog) {
  const auto scenario = small_baseline();
  const auto seeds = replicate_seeds(7, 4);
  const auto one = logs_of(scenario, seeds, 1), three = logs_of(scenario, seeds, 3);
  for (size_t i = 0; i < seeds.size(); ++i) {
    EXPECT_EQ(one[i].seed, seeds[i]);
    EXPECT_EQ(one[i].checksum, three[i].checksum) << i;
    EXPECT_EQ(one[i].events.size(), three[i].events.size());
    EXPECT_FALSE(one[i].events.empty());
    EXPECT_EQ(one[i].indicators.rows(), 16u);  // 1953-03 .. 1954-06
    EXPECT_EQ(one[i].start, Month::of(1953, 3));
  }
  EXPECT_NE(one[0].checksum, one[1].checksum);
}

TEST(Ensemble, AStepHookThatSaysStopEndsTheEnsemble) {
  const auto scenario = small_baseline();
  std::atomic<int> finished{0};
  const bool complete = run_ensemble(scenario, replicate_seeds(1, 3),
                                     {.threads = 1, .on_step = [](size_t run, int64_t done, int64_t) {
                                        return run == 0 || done < 3;
                                      }},
                                     [&](size_t, Simulation&) { ++finished; });
  EXPECT_FALSE(complete);
  EXPECT_EQ(finished, 1);  // the first ran to its end; the second was stopped, the third never began
}

TEST(Ensemble, AMemberThatThrowsStopsTheEnsembleAndTheErrorReachesTheCaller) {
  const auto scenario = small_baseline();
  std::atomic<int> finished{0};
  EXPECT_THROW(run_ensemble(scenario, replicate_seeds(1, 6), {.threads = 1},
                            [&](size_t i, Simulation&) {
                              ++finished;
                              if (i == 0) throw std::runtime_error("no");
                            }),
               std::runtime_error);
  EXPECT_EQ(finished, 1);
}

TEST(Validate, WritesEveryBaselineRunsEventsToOneTable) {
  const auto dir = fs::temp_directory_path() / fmt::format("thaw-validate-events-{}", ::getpid());
  fs::remove_all(dir);
  const auto targets = load_targets(find_scenario("data/targets.toml"));
  ValidationOptions o;
  o.runs = 3;
  o.threads = 2;
  o.progress = false;
  o.overrides = {"run.scale=100000", "run.end=\"1954-06\""};
  o.events_csv = dir / "events.csv";
  validate(find_scenario("thaw-1953.toml"), targets, o, /*with_counterfactuals=*/false);
  const auto table = io::read_csv(o.events_csv);
  EXPECT_EQ(table.header, (std::vector<std::string>{"run", "seed", "date", "code", "severity", "subject", "data"}));
  // Each run's rows are its own log, in order, under its replicate seed.
  const auto scenario = Scenario::load(find_scenario("thaw-1953.toml"), o.overrides);
  const auto seeds = replicate_seeds(static_cast<uint64_t>(scenario.header.seed), 3);
  const auto logs = logs_of(scenario, seeds, 1);
  size_t row = 0;
  for (size_t r = 0; r < logs.size(); ++r)
    for (const auto& e : logs[r].events) {
      ASSERT_LT(row, table.rows.size());
      const auto& fields = table.rows[row++];
      EXPECT_EQ(table.get(fields, "run"), std::to_string(r));
      EXPECT_EQ(table.get(fields, "seed"), std::to_string(seeds[r]));
      EXPECT_EQ(table.get(fields, "date"), e.month.str());
      EXPECT_EQ(table.get(fields, "code"), e.code);
      EXPECT_EQ(table.get(fields, "subject"), e.subject);
    }
  EXPECT_EQ(row, table.rows.size());
  fs::remove_all(dir);
}

}  // namespace
}  // namespace thaw::app
