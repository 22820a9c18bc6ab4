// The glossary of the system's words (data/i18n/glossary.csv, docs/i18n.md) is the reference the
// translations of issue 18 keep to: every term in all four languages, none left blank or copied
// from the English where the language has its own word.
#include "app/record.hpp"
#include "io/csv.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <stdexcept>
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

TEST(Glossary, ATermWithoutItsDefinitionIsAnErrorNamingFileAndLine) {
  const auto path = std::filesystem::temp_directory_path() / "thaw-glossary-test.csv";
  std::ofstream(path) << "key,en,definition,da,id,tl,note\n"
                         "amnesty,amnesty,A release by decree.,amnesti,amnesti,amnestiya,\n"
                         "plenum,plenum,,plenarmøde,sidang pleno,sesyong plenaryo,\n";
  try {
    app::load_glossary(path);
    ADD_FAILURE() << "a term without its definition was accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("thaw-glossary-test.csv:3: the field 'definition' is empty"), std::string::npos) << e.what();
  }
  std::filesystem::remove(path);
}

TEST(Glossary, TheReportsGlossaryHasEveryTermWithItsMeaning) {
  const auto terms = app::load_glossary(app::find_data_file("data/i18n/glossary.csv"));
  ASSERT_GE(terms.size(), 20u);
  for (const auto& g : terms) EXPECT_GT(g.definition.size(), 30u) << g.key << ": a definition a student can use";
}

}  // namespace
}  // namespace thaw
