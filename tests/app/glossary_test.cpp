// The glossary of the system's words (data/i18n/glossary.csv, docs/i18n.md) is the reference the
// translations of issue 18 keep to: every term in all four languages, none left blank or copied
// from the English where the language has its own word.
#include "app/record.hpp"
#include "io/csv.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace thaw {
namespace {

TEST(Glossary, EveryTermInEveryLanguage) {
  const auto table = io::read_csv(app::find_data_file("data/i18n/glossary.csv"));
  ASSERT_GE(table.rows.size(), 20u);
  std::set<std::string> keys;
  for (const auto& row : table.rows) {
    const auto& key = table.get(row, "key");
    EXPECT_TRUE(keys.insert(key).second) << "glossary.csv: the term '" << key << "' twice";
    for (const char* lang : {"en", "da", "id", "tl"})
      EXPECT_FALSE(table.get(row, lang).empty()) << "glossary.csv: '" << key << "' has no " << lang;
  }
  for (const char* needed : {"thaw", "presidium", "first_secretary", "central_committee", "plenum", "amnesty",
                             "rehabilitation", "special_settlement", "sovnarkhoz"})
    EXPECT_TRUE(keys.count(needed)) << "glossary.csv lacks '" << needed << "', a term issue 18 names";
}

}  // namespace
}  // namespace thaw
