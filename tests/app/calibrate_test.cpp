// Calibration: the discrepancy, and rejection ABC recovering a parameter from synthetic data.
#include "app/calibrate.hpp"
#include "app/scenario.hpp"
#include "io/scenario_file.hpp"
#include "engine/rng.hpp"
#include "model/thaw/thaw_model.hpp"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace thaw::app {
namespace {

namespace fs = std::filesystem;

TEST(Calibration, DiscrepancyIsZeroAtTheMiddleOneAtTheEdgesAndGrowsOutside) {
  Target t;
  t.kind = "indicator";
  t.low = 10, t.high = 20;
  EXPECT_DOUBLE_EQ(target_discrepancy(t, 15, true), 0);
  EXPECT_DOUBLE_EQ(target_discrepancy(t, 20, true), 1);
  EXPECT_DOUBLE_EQ(target_discrepancy(t, 10, true), 1);
  EXPECT_DOUBLE_EQ(target_discrepancy(t, 25, false), 2);
  EXPECT_LT(target_discrepancy(t, 21, false), target_discrepancy(t, 30, false));
  EXPECT_DOUBLE_EQ(target_discrepancy(t, NAN, false), 2);
  t.kind = "event";
  EXPECT_DOUBLE_EQ(target_discrepancy(t, 100, true), 0);
  EXPECT_DOUBLE_EQ(target_discrepancy(t, NAN, false), 2);
}

TEST(Calibration, FittedTargetsMustExistAndTheDesignMustDrawFromThePrior) {
  TargetFile targets;
  targets.targets.push_back({});
  targets.targets.back().id = "a";
  auto spec = parse_sweep_spec("[sweep]\nscenario = \"x\"\ndesign = \"random\"\n[calibration]\nfit = [\"b\"]\n", "c.toml");
  EXPECT_THROW(fitted_target_ids(spec, targets), io::ScenarioError);
  spec.fit = {"a"};
  EXPECT_EQ(fitted_target_ids(spec, targets), std::vector<std::string>{"a"});
  spec.design = "grid";
  EXPECT_THROW(fitted_target_ids(spec, targets), io::ScenarioError);
}

// Synthetic data: the record is what the model gives at a known death rate; ABC must find that
// rate again, with a posterior narrower than the prior. The synthetic record is made with the
// particles' replicate seed (common random numbers), so the test measures the method rather than
// the seed noise of a 10,000-agent population.
TEST(Calibration, RejectionAbcRecoversAKnownParameter) {
  const auto dir = fs::temp_directory_path() / fmt::format("thaw-calibrate-test-{}", ::getpid());
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::vector<std::string> sets = {"run.scale=20000", "run.end=\"1956-06\""};
  const double truth = 9.0;
  double observed = 0;
  {
    auto with_truth = sets;
    with_truth.push_back(fmt::format("society.death_rate_mature={}", truth));
    const auto s = Scenario::load(find_scenario("thaw-1953.toml"), with_truth);
    auto sim = s.setup->create({.seed = rng::replicate_seed(3, 0), .threads = 1});
    sim->run_to_end();
    const auto& t = sim->indicators();
    observed = t.at(t.rows() - 1, t.index_of("population.ussr"));
  }
  const auto targets_path = dir / "targets.toml";
  {
    std::ofstream f(targets_path);
    f << fmt::format(
        "[[target]]\nid = \"pop\"\nwhat = \"synthetic\"\nkind = \"indicator\"\nindicator = \"population.ussr\"\n"
        "date = \"1956-06\"\nlow = {}\nhigh = {}\nfitted = true\n"
        "[[target]]\nid = \"urban\"\nwhat = \"held out\"\nkind = \"indicator\"\nindicator = \"population.urban_share\"\n"
        "date = \"1956-06\"\nlow = 0\nhigh = 1\n",
        observed * 0.999, observed * 1.001);
  }
  auto spec = parse_sweep_spec(fmt::format(R"(
[sweep]
scenario = "thaw-1953.toml"
design = "random"
points = 40
replicates = 1
seed = 3
store_series = false
set = ["run.scale=20000", "run.end=\"1956-06\""]
[[parameter]]
name = "society.death_rate_mature"
low = 3
high = 15
[calibration]
targets = "{}"
accept = 0.2
)",
                                               targets_path.string()),
                               "c.toml");
  const auto targets = load_targets(targets_path);
  SweepOptions o;
  o.db = dir / "abc.db";
  o.progress = false;
  o.threads = 2;
  o.targets = &targets;
  run_sweep(spec, o);
  const auto r = analyse_calibration(o.db, spec, targets);
  EXPECT_EQ(r.particles, 40u);
  EXPECT_GE(r.accepted, 8u);
  ASSERT_EQ(r.parameters.size(), 1u);
  const auto& p = r.parameters[0];
  EXPECT_NEAR(p.median, truth, 1.5);
  EXPECT_LT(p.p95 - p.p05, 0.5 * (p.prior_high - p.prior_low));
  ASSERT_EQ(r.targets.size(), 2u);
  EXPECT_TRUE(r.targets[0].fitted);
  EXPECT_FALSE(r.targets[1].fitted);
  EXPECT_GE(r.targets[0].posterior_pass, r.targets[0].prior_pass);
  EXPECT_DOUBLE_EQ(r.targets[1].posterior_pass, 1.0);
  // Distances are sorted, nearest first.
  EXPECT_TRUE(std::is_sorted(r.accepted_distances.begin(), r.accepted_distances.end()));
  const auto files = write_calibration(r, o.db, dir / "out");
  EXPECT_EQ(files.size(), 4u);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace thaw::app
