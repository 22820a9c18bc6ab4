#include "app/scenario.hpp"
#include "io/scenario_file.hpp"
#include "model/society/people.hpp"
#include "model/support/world_fixture.hpp"
#include "model/thaw/thaw_model.hpp"

#include <gmock/gmock.h>

#include <gtest/gtest.h>

namespace thaw::model {
namespace {

using ::testing::HasSubstr;

Params small(int64_t months = 24) {
  Params p;
  p.scale = 20000;
  p.end = p.start + static_cast<int32_t>(months - 1);
  return p;
}

Decision revelation(Month date, std::string if_leader = "") {
  Decision d = test::make_decision("revelation", {{"party", 0.9}});
  d.id = "speech";
  d.date = date;
  d.if_leader = std::move(if_leader);
  return d;
}

TEST(ThawModel, ARunIsTheSameOnOneThreadOrTwo) {
  auto p = small(18);
  p.decisions.push_back(revelation(p.start + 6));
  ThawSimulation one(p, {.seed = 11, .threads = 1}), two(p, {.seed = 11, .threads = 2});
  one.run_to_end();
  two.run_to_end();
  EXPECT_EQ(one.checksum(), two.checksum());
  EXPECT_EQ(one.indicators().to_csv(), two.indicators().to_csv());
  ThawSimulation other(p, {.seed = 12, .threads = 1});
  other.run_to_end();
  EXPECT_NE(one.checksum(), other.checksum());
}

// The society's person pass runs the best instruction set of the CPU (AVX-512 here, AVX2 or SSE4
// elsewhere). A whole run (revelation, protest, arrests, births, moves) is the same with the
// one-lane scalar version of the same source.
TEST(ThawModel, TheVectorAndTheScalarPassGiveTheSameRun) {
  const std::vector<int64_t> targets = society::pass_targets();
  auto p = small(40);
  p.decisions.push_back(revelation(p.start + 6));
  ThawSimulation best(p, {.seed = 5, .threads = 2});
  best.run_to_end();
  society::use_pass_target(targets.back());
  ThawSimulation scalar(p, {.seed = 5, .threads = 2});
  scalar.run_to_end();
  society::use_pass_target(0);
  EXPECT_STRNE(society::pass_target_name(targets.front()), society::pass_target_name(targets.back()));
  EXPECT_EQ(best.checksum(), scalar.checksum());
  EXPECT_EQ(best.indicators().to_csv(), scalar.indicators().to_csv());
}

TEST(ThawModel, RecordsOneRowPerMonthWithDates) {
  auto p = small(14);
  ThawSimulation sim(p, {.seed = 1, .threads = 1});
  sim.run_to_end();
  ASSERT_EQ(sim.indicators().rows(), 14u);
  EXPECT_EQ(sim.indicators().labels().front(), "1953-03");
  EXPECT_EQ(sim.indicators().labels().back(), "1954-04");
}

TEST(ThawModel, DecisionsAreTakenInTheirMonthOnly) {
  auto p = small(12);
  p.decisions.push_back(revelation(p.start + 4));
  ThawSimulation sim(p, {.seed = 1, .threads = 1});
  for (int m = 0; m < 4; ++m) sim.step();
  EXPECT_EQ(sim.world().signals.topic_informed[SecretSpeech], 0.0);
  sim.step();
  EXPECT_GT(sim.world().signals.topic_informed[SecretSpeech], 0.01);
  const Event* e = sim.world().events.first("decision.revelation");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->month, p.start + 4);
}

TEST(ThawModel, ALeadersDecisionLapsesWhenSomeoneElseLeads) {
  auto p = small(6);
  p.decisions.push_back(revelation(p.start + 2, "Nobody-in-particular"));
  ThawSimulation sim(p, {.seed = 1, .threads = 1});
  sim.run_to_end();
  EXPECT_EQ(sim.world().events.first("decision.revelation"), nullptr);
  const Event* lapsed = sim.world().events.first("decision.not_taken");
  ASSERT_NE(lapsed, nullptr);
  EXPECT_THAT(lapsed->text, HasSubstr("Nobody-in-particular"));
  EXPECT_EQ(sim.world().signals.topic_informed[SecretSpeech], 0.0);
}

TEST(ThawModel, CrossFieldProblemsAreReported) {
  auto p = small(6);
  p.decisions.push_back(revelation(p.start + 30));  // after the end: not reached, not an error
  p.decisions.back().texts[1] = "atlantis";
  p.decisions.push_back(revelation(p.start + 1));
  p.decisions.push_back(revelation(p.start + (-1)));
  p.decisions.back().id = "too-early";
  const auto problems = p.validate();
  EXPECT_THAT(problems, ::testing::Contains(HasSubstr("decision[2] (revelation): date 1953-02 is before the run starts")));
  EXPECT_THAT(problems, ::testing::Not(::testing::Contains(HasSubstr("decision[0] (revelation): date"))));
  EXPECT_THAT(problems, ::testing::Contains(HasSubstr("unknown country 'atlantis'")));
  EXPECT_THAT(problems, ::testing::Contains(HasSubstr("id 'speech' is used twice")));
}

TEST(ThawModel, TheBaselineScenarioLoads) {
  const auto s = app::Scenario::load(std::string(THAW_SOURCE_DIR) + "/scenarios/thaw-1953.toml");
  EXPECT_EQ(s.header.model, "thaw");
  EXPECT_THAT(s.resolved_toml, HasSubstr("[[decision]]"));
}

TEST(ThawModel, ScenarioErrorsNameTheDecision) {
  try {
    app::Scenario::parse(
        "[scenario]\nmodel = \"thaw\"\n[[decision]]\nkind = \"revelation\"\ndate = \"1956-03\"\ntopic = \"gossip\"\n",
        "bad.toml");
    FAIL() << "should not load";
  } catch (const io::ScenarioError& e) {
    EXPECT_THAT(e.what(), HasSubstr("bad.toml:6:9: decision[0].topic: \"gossip\" is not one of"));
  }
}

}  // namespace
}  // namespace thaw::model
