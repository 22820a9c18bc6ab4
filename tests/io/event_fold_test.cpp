// Repeats folded for a reader (issue 17: 184 lines of the same camp talks): one line per kind and
// year, with its places and months; decisions, major events and pairs stay as they are.
#include "io/event_fold.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace thaw::io {
namespace {

using ::testing::HasSubstr;

EventLog strikes_of_1953() {
  EventLog log;
  log.add(Month::of(1953, 3), "decision.amnesty", Severity::Notable, "the amnesty is decreed");
  const char* camps[] = {"Norilsk (Gorlag)", "Vorkuta (Rechlag)", "Kolyma (Berlag)", "Kengir (Steplag)", "Ozerlag", "Minlag"};
  for (int k = 0; k < 6; ++k)
    log.add(Month::of(1953, 4 + k % 5), "society.camp_strike", Severity::Notable,
            std::string("a prisoners' strike breaks out in ") + camps[k], {}, camps[k]);
  log.add(Month::of(1953, 6), "repression.camp_suppressed", Severity::Major, "troops put down the strike in Norilsk", {}, "Norilsk (Gorlag)");
  log.add(Month::of(1953, 7), "society.unrest", Severity::Notable, "unrest breaks out in Halle", {}, "Halle");
  log.add(Month::of(1953, 8), "society.unrest", Severity::Notable, "unrest breaks out in Leipzig", {}, "Leipzig");
  for (int m = 1; m <= 4; ++m)
    log.add(Month::of(1954, m), "repression.camp_commission", Severity::Notable, "a commission comes to Kengir", {}, "Kengir (Steplag)");
  return log;
}

TEST(EventFold, RepeatsOfAKindInAYearAreOneLineWithPlacesAndMonths) {
  const auto log = strikes_of_1953();
  const auto lines = fold_events(log.all(), {.at_least = 3});
  // amnesty, 6 strikes folded, the suppression, two unrest events, 4 commissions folded.
  ASSERT_EQ(lines.size(), 6u);
  EXPECT_EQ(lines[0].text, "the amnesty is decreed");
  ASSERT_TRUE(lines[1].folded());
  EXPECT_EQ(lines[1].events.size(), 6u);
  EXPECT_THAT(lines[1].text, HasSubstr("prisoners' strikes in 6 camps ("));
  EXPECT_EQ(lines[1].when(), "April\u2013August 1953");
  EXPECT_THAT(lines[1].text, HasSubstr("Norilsk (Gorlag), Vorkuta (Rechlag)"));
  EXPECT_THAT(lines[1].text, HasSubstr("and 1 more"));
  EXPECT_EQ(lines[2].severity, Severity::Major) << "a major event is a moment of its own";
  EXPECT_FALSE(lines[3].folded()) << "two of a kind are not folded";
  EXPECT_FALSE(lines[4].folded());
  // One place, again and again: the event's text with how often and when.
  EXPECT_EQ(lines[5].text, "a commission comes to Kengir (4 times)");
  EXPECT_EQ(lines[5].when(), "January\u2013April 1954");
}

TEST(EventFold, ByDefaultTwoOfAKindAreOneLine) {
  const auto log = strikes_of_1953();
  const auto lines = fold_events(log.all());
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_EQ(lines[3].text, "unrest in 2 towns (Halle, Leipzig)");
  EXPECT_EQ(lines[3].when(), "July\u2013August 1953");
}

TEST(EventFold, MinorEventsAreLeftOutUnlessAskedFor) {
  EventLog log;
  for (int m = 1; m <= 3; ++m) log.add(Month::of(1955, m), "society.unrest", Severity::Minor, "unrest", {}, m == 1 ? "Riga" : "Tallinn");
  EXPECT_TRUE(fold_events(log.all()).empty());
  const auto lines = fold_events(log.all(), {.minor = true});
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].text, "unrest in 2 towns (Riga, Tallinn \u00d72)");
}

TEST(EventFold, DecisionsAreNeverFolded) {
  EventLog log;
  for (int m = 1; m <= 4; ++m) log.add(Month::of(1956, m), "decision.lift_settlement", Severity::Notable, "a regime lifted", {}, "x" + std::to_string(m));
  EXPECT_EQ(fold_events(log.all()).size(), 4u);
}

}  // namespace
}  // namespace thaw::io
