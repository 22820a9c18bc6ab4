#include "engine/checksum_log.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace thaw {
namespace {

ChecksumLog two_years(uint64_t change_at = UINT64_MAX) {
  ChecksumLog log({"x", "y"});
  uint64_t n = 0;
  for (int year : {1953, 1954})
    for (int month = 1; month <= 3; ++month)
      for (const char* phase : {"a", "b"}) {
        log.add(n / 2, std::to_string(year) + "-0" + std::to_string(month), phase, {n == change_at ? 99 : n, 7});
        ++n;
      }
  return log;
}

TEST(ChecksumLog, RoundTripsThroughItsCsv) {
  const ChecksumLog log = two_years();
  const ChecksumLog back = ChecksumLog::parse_csv(log.to_csv(), "test");
  EXPECT_EQ(back.part_names(), log.part_names());
  EXPECT_EQ(back.to_csv(), log.to_csv());
  EXPECT_FALSE(first_divergence(log, back).has_value());
}

TEST(ChecksumLog, NamesTheFirstRowAndPartThatDiffer) {
  const auto d = first_divergence(two_years(), two_years(7));
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->row, 7u);
  EXPECT_EQ(d->date, "1954-01");
  EXPECT_EQ(d->phase, "b");
  EXPECT_EQ(d->parts, std::vector<std::string>{"x"});
}

TEST(ChecksumLog, AShorterLogPartsWhereItEnds) {
  const ChecksumLog full = two_years();
  ChecksumLog shorter({"x", "y"});
  for (const auto& r : full.rows())
    if (r.date < "1954") shorter.add(r.step, r.date, r.phase, r.parts);
  const auto d = first_divergence(full, shorter);
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->row, 6u);
  EXPECT_FALSE(d->note.empty());
}

TEST(ChecksumLog, FoldsMonthsIntoYearsPhaseByPhase) {
  const ChecksumLog yearly = two_years().yearly();
  ASSERT_EQ(yearly.rows().size(), 4u);  // two years, two phases
  EXPECT_EQ(yearly.rows()[0].date, "1953");
  EXPECT_EQ(yearly.rows()[1].phase, "b");
  EXPECT_EQ(yearly.rows()[2].step, 3);  // the year's first step
  // A change in one month of 1954 changes 1954's fold of that phase only.
  const auto d = first_divergence(yearly, two_years(9).yearly());
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->date, "1954");
  EXPECT_EQ(d->phase, "b");
  EXPECT_EQ(yearly.rows()[3].parts[1], two_years(9).yearly().rows()[3].parts[1]);  // y did not change
}

TEST(ChecksumLog, BadFilesAreErrorsNamingTheLine) {
  EXPECT_THROW(ChecksumLog::parse_csv("", "f"), std::runtime_error);
  EXPECT_THROW(ChecksumLog::parse_csv("date,step\n", "f"), std::runtime_error);
  try {
    ChecksumLog::parse_csv("step,date,phase,x\n0,1953-03,a,00000000000000ff\n1,1953-04,a,zz\n", "f.csv");
    FAIL();
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("f.csv:3"), std::string::npos) << e.what();
  }
  EXPECT_THROW(first_divergence(ChecksumLog({"x"}), ChecksumLog({"y"})), std::runtime_error);
}

}  // namespace
}  // namespace thaw
