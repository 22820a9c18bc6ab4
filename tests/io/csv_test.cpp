// CSV fields written and read back.
#include "io/csv.hpp"

#include <gtest/gtest.h>

namespace thaw::io {
namespace {

TEST(CsvField, QuotesOnlyWhatNeedsItUnlessAskedAndReadsBack) {
  EXPECT_EQ(csv_field("plain"), "plain");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"no\""), "\"say \"\"no\"\"\"");
  EXPECT_EQ(csv_field("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(csv_field("plain", Quote::Always), "\"plain\"");
  EXPECT_EQ(csv_field("", Quote::Always), "\"\"");
  const std::string row = csv_field("id") + "," + csv_field("a \"b\", c\nd") + "," + csv_field("x", Quote::Always) + "\n";
  const auto t = parse_csv("k,v,w\n" + row, "t.csv");
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(t.get(t.rows[0], "v"), "a \"b\", c\nd");
  EXPECT_EQ(t.get(t.rows[0], "w"), "x");
}

}  // namespace
}  // namespace thaw::io
