#include "engine/series.hpp"

#include <gtest/gtest.h>

namespace thaw {
namespace {

TEST(SeriesTable, RoundTripsExactValuesToCsv) {
  SeriesTable t({"step", "x"});
  t.add_row({0, 0.1});
  t.add_row({1, 1.0 / 3.0});
  EXPECT_EQ(t.rows(), 2u);
  const std::string csv = t.to_csv();
  EXPECT_EQ(csv.substr(0, 7), "step,x\n");
  // The shortest representation that reads back to the same double.
  EXPECT_NE(csv.find("0.3333333333333333"), std::string::npos);
  EXPECT_EQ(std::stod("0.3333333333333333"), 1.0 / 3.0);
}

TEST(SeriesTable, RejectsRowsOfTheWrongWidthAndUnknownColumns) {
  SeriesTable t({"a", "b"});
  EXPECT_THROW(t.add_row({1.0}), std::invalid_argument);
  EXPECT_THROW(t.column("c"), std::out_of_range);
  t.add_row({1, 2});
  EXPECT_EQ(t.column("b"), std::vector<double>{2});
}

}  // namespace
}  // namespace thaw
