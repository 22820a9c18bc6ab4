// thaw impact: each decision switched off on the scenario's own seeds.
#include "app/impact.hpp"
#include "app/scenario.hpp"
#include "engine/simulation.hpp"

#include <gtest/gtest.h>

#include <bit>

namespace thaw::app {
namespace {

std::vector<Outcome> released_by_1954() {
  Outcome o;
  o.id = "released-1954";
  o.kind = "indicator";
  o.indicator = "repression.released_total";
  o.date = Month::of(1954, 3);
  o.until = o.date;
  return {o};
}

TEST(Impact, WithCommonRandomNumbersADecisionThatCannotMatterChangesNothingAtAll) {
  ImpactOptions options;
  options.runs = 3;
  options.threads = 2;
  options.overrides = {"run.scale=100000", "run.end=\"1954-06\""};
  options.only = {"amnesty-1953", "rotation-1961"};  // the rotation comes after the run ends
  const auto report = decision_impact(find_scenario("thaw-1953.toml"), released_by_1954(), options);
  ASSERT_EQ(report.decisions.size(), 2u);
  EXPECT_EQ(report.decisions[0].id, "amnesty-1953") << "the most consequential comes first";
  const auto& amnesty = report.decisions[0].changes[0];
  EXPECT_LT(amnesty.change, 0) << "without the amnesty fewer are released";
  EXPECT_TRUE(amnesty.significant());
  const auto& rotation = report.decisions[1].changes[0];
  EXPECT_EQ(rotation.change, 0.0);
  EXPECT_EQ(rotation.low, 0.0);
  EXPECT_EQ(rotation.high, 0.0);
  EXPECT_EQ(report.decisions[1].weight, 0.0);
  EXPECT_NE(impact_csv(report).find("amnesty-1953,amnesty,1953-03,released-1954,"), std::string::npos);
  // The page: the amnesty's row with its change shaded as significant, the rotation's not.
  const std::string html = impact_html(report);
  const auto amnesty_row = html.find(">amnesty-1953</th>"), rotation_row = html.find(">rotation-1961</th>");
  ASSERT_NE(amnesty_row, std::string::npos);
  ASSERT_NE(rotation_row, std::string::npos);
  EXPECT_LT(amnesty_row, rotation_row);
  EXPECT_NE(html.substr(amnesty_row, rotation_row - amnesty_row).find("class=\"num sig\""), std::string::npos);
  EXPECT_EQ(html.substr(rotation_row).find("class=\"num sig\""), std::string::npos);
  EXPECT_NE(html.find("<svg"), std::string::npos);
}


// Forking: a decision-off run taken from a copy of the baseline at the decision's month is the
// same run, bit for bit, as the decision-off scenario run from the start.
void expect_same_run(const Simulation& a, const Simulation& b, const std::string& what) {
  EXPECT_EQ(a.steps_done(), b.steps_done()) << what;
  EXPECT_EQ(a.checksum(), b.checksum()) << what;
  const auto& x = a.indicators();
  const auto& y = b.indicators();
  ASSERT_EQ(x.rows(), y.rows()) << what;
  ASSERT_EQ(x.columns(), y.columns()) << what;
  for (size_t r = 0; r < x.rows(); ++r)
    for (size_t c = 0; c < x.columns().size(); ++c)
      ASSERT_EQ(std::bit_cast<uint64_t>(x.at(r, c)), std::bit_cast<uint64_t>(y.at(r, c))) << what << " row " << r << " column " << x.columns()[c];
  const auto& e = a.events()->all();
  const auto& f = b.events()->all();
  ASSERT_EQ(e.size(), f.size()) << what;
  for (size_t i = 0; i < e.size(); ++i) {
    EXPECT_EQ(e[i].month, f[i].month) << what << " event " << i;
    EXPECT_EQ(e[i].code, f[i].code) << what << " event " << i;
    EXPECT_EQ(e[i].text, f[i].text) << what << " event " << i;
    EXPECT_EQ(e[i].subject, f[i].subject) << what << " event " << i;
    EXPECT_EQ(e[i].data, f[i].data) << what << " event " << i;
  }
}

TEST(Impact, ADecisionOffRunForkedFromTheBaselineAtItsMonthIsTheFullRunBitForBit) {
  const std::vector<std::string> common = {"run.scale=20000"};
  const Scenario scenario = Scenario::load(find_scenario("thaw-1953.toml"), common);
  const uint64_t seed = 7;
  // At the first month, in the middle (a decision others require) and late.
  const std::vector<std::pair<std::string, int64_t>> decisions = {
      {"amnesty-1953", 0}, {"secret-speech", Month::of(1956, 3) - Month::of(1953, 3)}, {"penal-campaign-1961", Month::of(1961, 5) - Month::of(1953, 3)}};
  for (int threads : {1, 2}) {
    auto baseline = scenario.setup->create({.seed = seed, .threads = threads});
    auto whole = scenario.setup->create({.seed = seed, .threads = threads});
    whole->run_to_end();
    for (const auto& [id, month] : decisions) {
      auto overrides = common;
      overrides.push_back("decision[" + id + "].enabled=false");
      const Scenario without = Scenario::load(find_scenario("thaw-1953.toml"), overrides);
      const auto at = without.setup->divergence_step(*scenario.setup);
      ASSERT_TRUE(at.has_value()) << id;
      EXPECT_EQ(*at, month) << id;
      while (baseline->steps_done() < *at) baseline->step();
      auto forked = without.setup->fork(*baseline);
      ASSERT_NE(forked, nullptr) << id;
      EXPECT_EQ(forked->steps_done(), *at);
      forked->run_to_end();
      auto full = without.setup->create({.seed = seed, .threads = threads});
      full->run_to_end();
      expect_same_run(*forked, *full, id + " on " + std::to_string(threads) + " threads");
      EXPECT_NE(full->checksum(), whole->checksum()) << id << " makes a difference, so the comparison could fail";
    }
    baseline->run_to_end();
    expect_same_run(*baseline, *whole, "the baseline after its forks");
  }
}

TEST(Impact, OnlyASwitchedOffDecisionIsForked) {
  const Scenario scenario = Scenario::load(find_scenario("thaw-1953.toml"), {"run.scale=20000"});
  EXPECT_EQ(scenario.setup->divergence_step(*scenario.setup), scenario.setup->create({.seed = 1})->total_steps())
      << "the same setup never diverges";
  const Scenario moved = Scenario::load(find_scenario("thaw-1953.toml"), {"run.scale=20000", "decision[penal-campaign-1961].date=\"1961-06\""});
  EXPECT_FALSE(moved.setup->divergence_step(*scenario.setup).has_value()) << "a decision moved is more than one switched off";
}

TEST(Impact, ForkedAndFullEnsemblesGiveTheSameReport) {
  ImpactOptions options;
  options.runs = 2;
  options.threads = 2;
  options.overrides = {"run.scale=100000", "run.end=\"1957-06\""};
  options.only = {"amnesty-1953", "secret-speech", "virgin-lands-expansion"};
  const auto forked = decision_impact(find_scenario("thaw-1953.toml"), released_by_1954(), options);
  options.fork = false;
  const auto full = decision_impact(find_scenario("thaw-1953.toml"), released_by_1954(), options);
  EXPECT_EQ(impact_csv(forked), impact_csv(full));
  EXPECT_EQ(impact_markdown(forked), impact_markdown(full));
  EXPECT_EQ(impact_svg(forked), impact_svg(full));
}

}  // namespace
}  // namespace thaw::app
