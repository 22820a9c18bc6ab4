// Decisions with premises, and the reactions abroad that replace the scripted leak of the Secret
// Speech (docs/odd/abroad.md): a run without the speech is one where nobody knows it.
#include "app/scenario.hpp"
#include "model/support/world_fixture.hpp"
#include "model/thaw/thaw_model.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace thaw::model {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;

Params small(int64_t months) {
  Params p;
  p.scale = 20000;
  p.end = p.start + static_cast<int32_t>(months - 1);
  return p;
}

Decision speech(Month date) {
  Decision d = test::make_decision("revelation", {{"party", 0.9}, {"youth", 0.3}, {"months", 2}});
  d.id = "speech";
  d.date = date;
  return d;
}

Decision commissions(Month date) {
  Decision d = test::make_decision("review_commissions");
  d.id = "commissions";
  d.date = date;
  d.premises = {"speech"};
  return d;
}

TEST(Premises, ADecisionWhosePremiseWasNotTakenIsNotTakenAndSaysWhy) {
  auto p = small(8);
  p.decisions.push_back(speech(p.start + 2));
  p.decisions.back().enabled = false;
  p.decisions.push_back(commissions(p.start + 3));
  ThawSimulation sim(p, {.seed = 1, .threads = 1});
  sim.run_to_end();
  EXPECT_EQ(sim.world().events.first("decision.review_commissions"), nullptr);
  const Event* lapsed = sim.world().events.first("decision.not_taken");
  ASSERT_NE(lapsed, nullptr);
  EXPECT_EQ(lapsed->subject, "commissions");
  EXPECT_THAT(lapsed->text, HasSubstr("presupposes 'speech', which was not taken"));
  EXPECT_NE(lapsed->severity, Severity::Minor) << "the narrative must show it";
}

TEST(Premises, ADecisionWhosePremiseWasTakenIsTaken) {
  auto p = small(8);
  p.decisions.push_back(speech(p.start + 2));
  p.decisions.push_back(commissions(p.start + 3));
  ThawSimulation sim(p, {.seed = 1, .threads = 1});
  sim.run_to_end();
  EXPECT_NE(sim.world().events.first("decision.review_commissions"), nullptr);
  EXPECT_EQ(sim.world().events.first("decision.not_taken"), nullptr);
}

TEST(Premises, AStateOfTheWorldIsAPremiseToo) {
  auto p = small(4);
  Decision d = commissions(p.start + 1);
  d.premises = {"known-abroad:secret_speech"};
  p.decisions.push_back(d);
  ThawSimulation sim(p, {.seed = 1, .threads = 1});
  sim.run_to_end();
  const Event* lapsed = sim.world().events.first("decision.not_taken");
  ASSERT_NE(lapsed, nullptr);
  EXPECT_THAT(lapsed->text, HasSubstr("known abroad"));
}

TEST(Premises, PremisesThatCanNeverBeJudgedAreReported) {
  auto p = small(12);
  p.decisions.push_back(commissions(p.start + 1));  // requires "speech", which comes later
  p.decisions.push_back(speech(p.start + 2));
  p.decisions.push_back(commissions(p.start + 3));
  p.decisions.back().id = "typo";
  p.decisions.back().premises = {"speeech", "rumour:secret_speech", "uprising:atlantis", "known:gossip"};
  const auto problems = p.validate();
  EXPECT_THAT(problems, Contains(HasSubstr("decision[0] (commissions): requires \"speech\": that decision comes after this one")));
  EXPECT_THAT(problems, Contains(HasSubstr("decision[2] (typo): requires \"speeech\": no decision has this id")));
  EXPECT_THAT(problems, Contains(HasSubstr("requires \"rumour:secret_speech\": unknown premise")));
  EXPECT_THAT(problems, Contains(HasSubstr("requires \"uprising:atlantis\": unknown country")));
  EXPECT_THAT(problems, Contains(HasSubstr("requires \"known:gossip\": unknown topic")));
}

TEST(ReactionsAbroad, TheSpeechIsPublishedAbroadOnlyAfterItWasGivenAndLeaked) {
  auto p = small(18);
  p.decisions.push_back(speech(p.start + 2));
  ThawSimulation sim(p, {.seed = 1, .threads = 1});
  sim.run_to_end();
  const auto& ev = sim.world().events;
  const Event* sent = ev.first("abroad.text_sent");
  const Event* leak = ev.first("abroad.leak");
  const Event* published = ev.first("abroad.publication");
  ASSERT_NE(sent, nullptr);
  ASSERT_NE(leak, nullptr);
  ASSERT_NE(published, nullptr);
  EXPECT_GE(sent->month, p.start + 2);
  EXPECT_GT(leak->month, sent->month);
  EXPECT_EQ(published->month, leak->month + static_cast<int32_t>(p.abroad.publication_delay));
  EXPECT_THAT(published->text, HasSubstr("because the text leaked"));

  auto quiet = small(18);
  ThawSimulation silent(quiet, {.seed = 1, .threads = 1});
  silent.run_to_end();
  EXPECT_TRUE(silent.world().events.with_code("abroad.").empty());
}

double column_max(const SeriesTable& t, const std::string& column, size_t rows) {
  double m = 0;
  const size_t c = t.index_of(column);
  for (size_t r = 0; r < std::min(rows, t.rows()); ++r) m = std::max(m, t.at(r, c));
  return m;
}

TEST(ReactionsAbroad, WithoutTheSecretSpeechFewerThanOneInTwentyKnowItThrough1960) {
  const auto s = app::Scenario::load(std::string(THAW_SOURCE_DIR) + "/scenarios/counterfactual/no-secret-speech.toml",
                                     {"run.scale=5000", "run.end=\"1960-12\""});
  auto sim = s.setup->create({.seed = 7, .threads = 1});
  sim->run_to_end();
  EXPECT_LT(column_max(sim->indicators(), "society.informed.secret_speech", sim->indicators().rows()), 0.05);
  EXPECT_EQ(column_max(sim->indicators(), "abroad.speech_known_abroad", sim->indicators().rows()), 0.0);
  // What presupposes the speech is not taken, and says so.
  std::vector<std::string> lapsed;
  for (const auto* e : sim->events()->with_code("decision.not_taken")) lapsed.push_back(e->subject);
  EXPECT_THAT(lapsed, Contains("review-commissions-1956"));
  EXPECT_THAT(lapsed, Contains("secret-speech-poland"));
}

}  // namespace
}  // namespace thaw::model
