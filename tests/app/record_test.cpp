// The record a teacher reads: every work a record row names exists in works.csv (find_work
// returns nothing for an unknown key, and the row would silently lose its citation), and the
// rows that cite no scholarly work are only the derived population series and the one figure
// whose source garbles its date.
#include "app/record.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace thaw::app {
namespace {

TEST(Record, EveryWorkARowNamesIsInTheBibliography) {
  const auto record = load_record(find_data_file("data/record/thaw_record.csv"));
  const auto works = load_works(find_data_file("data/record/works.csv"));
  ASSERT_GT(record.size(), 100u);
  for (const auto& row : record)
    for (const auto& key : row.work_keys())
      EXPECT_NE(find_work(works, key), nullptr) << row.id << " names the work '" << key << "', which works.csv lacks";
}

TEST(Record, RowsWithoutAScholarlyWorkAreOnlyDerivedOrDoubtful) {
  const auto record = load_record(find_data_file("data/record/thaw_record.csv"));
  const auto works = load_works(find_data_file("data/record/works.csv"));
  for (const auto& row : record) {
    bool scholarly = false;
    for (const auto* w : citations_of(row, works).works) scholarly = scholarly || w->kind != "seed";
    if (scholarly) continue;
    EXPECT_TRUE(row.confidence == "derived" || row.confidence == "low")
        << row.id << " (confidence " << row.confidence << ") cites no scholarly work a reader can find";
  }
}

}  // namespace
}  // namespace thaw::app
