// The drivers of an event: what crossed the threshold and what stood behind it, in events.json
// and in the narrative ("because ..."), on a planted case.
#include "io/events.hpp"
#include "model/thaw/thaw_model.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace thaw::model {
namespace {

using ::testing::HasSubstr;

Event planted_unrest() {
  return {Month::of(1962, 6),
          "society.unrest",
          Severity::Major,
          "unrest breaks out in Rostov (towns): about 60,000 people at its height, 2,000 arrested",
          {{"active", 60000}, {"continues", 0}, {"driver.active_share", 0.041}, {"driver.threshold", 0.03},
           {"driver.hardship", 0.52}, {"driver.legitimacy", 0.31}, {"driver.security", 0.004}, {"driver.fear", 0.2},
           {"driver.heard_of_unrest", 0.12}},
          "Rostov (towns)"};
}

TEST(Drivers, TheNarrativeSaysBecauseWhatCrossedTheThresholdAndFromWhere) {
  World w;
  w.events.add(planted_unrest().month, planted_unrest().code, Severity::Major, planted_unrest().text, planted_unrest().data,
               planted_unrest().subject);
  const std::string narrative = narrative_markdown(w, "planted");
  EXPECT_THAT(narrative, HasSubstr("because 4.1% were active (the threshold is 3.0%): hardship 0.52, belief in the regime 0.31, "
                                   "security forces per adult 0.004, fear 0.2, 12% had heard of unrest elsewhere"));
}

TEST(Drivers, EventsJsonKeepsTheDriversApartFromTheFigures) {
  const auto j = io::event_json(planted_unrest());
  ASSERT_TRUE(j.contains("drivers"));
  EXPECT_DOUBLE_EQ(j["drivers"]["hardship"].get<double>(), 0.52);
  EXPECT_DOUBLE_EQ(j["drivers"]["threshold"].get<double>(), 0.03);
  EXPECT_FALSE(j["data"].contains("driver.hardship"));
  EXPECT_DOUBLE_EQ(j["data"]["active"].get<double>(), 60000);
  EXPECT_THAT(j["because"].get<std::string>(), HasSubstr("because 4.1% were active"));
}

TEST(Drivers, AnEventWithoutDriversHasNoBecause) {
  Event e = planted_unrest();
  e.data = {{"active", 1}};
  EXPECT_EQ(io::because_text(e), "");
  EXPECT_FALSE(io::event_json(e).contains("drivers"));
}

}  // namespace
}  // namespace thaw::model
