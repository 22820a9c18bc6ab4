#include "engine/calendar.hpp"
#include "engine/schedule.hpp"

#include <gtest/gtest.h>

namespace thaw {
namespace {

TEST(Month, ParsesAndFormats) {
  const auto m = Month::parse("1956-02");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->year(), 1956);
  EXPECT_EQ(m->month(), 2);
  EXPECT_EQ(m->str(), "1956-02");
  EXPECT_EQ(m->long_name(), "February 1956");
  EXPECT_EQ(Month::parse("1956-02-25"), m);
  EXPECT_EQ(Month::parse("1956-02-29"), m);  // a leap year
}

TEST(Month, RejectsMalformedDates) {
  for (const char* bad : {"", "1956", "1956-13", "1956-00", "56-02", "1956/02", "1955-02-29", "1956-04-31",
                          "1956-02-2x", "abcd-ef"}) {
    EXPECT_FALSE(Month::parse(bad)) << bad;
  }
}

TEST(Calendar, MapsStepsToMonths) {
  const Calendar cal{Month::of(1953, 3)};
  EXPECT_EQ(cal.step_of(Month::of(1956, 2)), 35);
  EXPECT_EQ(cal.month_at(35), Month::of(1956, 2));
  EXPECT_EQ(cal.step_of(Month::of(1964, 10)), 139);  // the baseline has 140 monthly steps
}

TEST(Schedule, ConstantAndStepwise) {
  const Schedule c = 0.8;
  EXPECT_EQ(c.at(0), 0.8);
  EXPECT_EQ(c.at(1000), 0.8);
  const Schedule s({{10, 0.6}, {0, 0.8}});  // points may come in any order
  EXPECT_EQ(s.at(0), 0.8);
  EXPECT_EQ(s.at(9), 0.8);
  EXPECT_EQ(s.at(10), 0.6);
  EXPECT_EQ(s.at(500), 0.6);
}

TEST(Schedule, LinearInterpolationHoldsOutsideThePoints) {
  const Schedule s({{10, 0.0}, {20, 1.0}}, Schedule::Linear);
  EXPECT_EQ(s.at(0), 0.0);
  EXPECT_DOUBLE_EQ(s.at(15), 0.5);
  EXPECT_EQ(s.at(30), 1.0);
}

}  // namespace
}  // namespace thaw
