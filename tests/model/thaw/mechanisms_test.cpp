// The mechanism table drives the model, and the documentation of the month says what it says.
#include "model/thaw/mechanisms.hpp"

#include "model/thaw/thaw_model.hpp"

#include <gtest/gtest.h>

#include <cctype>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

namespace thaw::model {
namespace {

std::string read_doc(const std::string& relative) {
  std::ifstream f(std::string(THAW_SOURCE_DIR) + "/" + relative);
  EXPECT_TRUE(f) << relative;
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

std::string lowered(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

TEST(MechanismTable, DeclaresEveryFunctionOfEveryMechanismOnce) {
  std::set<std::string_view> names;
  for (const auto& m : mechanisms()) {
    EXPECT_TRUE(names.insert(m.name).second) << m.name << " is declared twice";
    EXPECT_NE(m.describe, nullptr) << m.name;
    EXPECT_NE(m.step, nullptr) << m.name;
    EXPECT_NE(m.record, nullptr) << m.name;
    EXPECT_NE(m.decision_kinds, nullptr) << m.name;
    EXPECT_TRUE(m.init || m.layout) << m.name << " has no set-up";
    EXPECT_FALSE(m.title.empty() || m.reads.empty() || m.writes.empty() || m.params_doc.empty()) << m.name;
    EXPECT_EQ(find_mechanism(m.name), &m);
  }
  EXPECT_EQ(find_mechanism("astrology"), nullptr);
}

TEST(MechanismTable, EveryDecisionKindBelongsToTheMechanismThatDeclaresIt) {
  size_t from_table = 0;
  for (const auto& m : mechanisms())
    for (const auto& k : m.decision_kinds()) {
      EXPECT_EQ(k.owner, m.name) << k.name;
      EXPECT_EQ(find_decision_kind(k.name), &k) << k.name;
      ++from_table;
    }
  EXPECT_EQ(decision_kinds().size(), from_table);
}

TEST(MechanismTable, EachMechanismIsAParameterSectionInTableOrder) {
  Params p;
  const auto rows = list_params([&](ParamVisitor& v) { p.describe(v); });
  std::vector<std::string> sections;
  for (const auto& r : rows) {
    const std::string section = r.path.substr(0, r.path.find('.'));
    if (find_mechanism(section) && (sections.empty() || sections.back() != section)) sections.push_back(section);
  }
  std::vector<std::string> expected;
  for (const auto& m : mechanisms()) expected.emplace_back(m.name);
  EXPECT_EQ(sections, expected);
}

TEST(MechanismTable, TheMonthRunsTheDecisionsThenEveryMechanismInTableOrder) {
  Params p;
  p.scale = 20000;
  p.end = p.start + 2;
  p.checksums = true;
  ThawSimulation sim(p, {.seed = 3, .threads = 1});
  sim.run_to_end();
  std::vector<std::string> expected;
  for (int month = 0; month < 3; ++month) {
    expected.emplace_back(kDecisionsPhase);
    for (const auto& m : mechanisms()) expected.emplace_back(m.name);
  }
  std::vector<std::string> phases;
  for (const auto& r : sim.phase_checksums().rows()) phases.push_back(r.phase);
  EXPECT_EQ(phases, expected);
}

TEST(MechanismTable, ThePhaseTableOfTheArchitecturePageIsTheTables) {
  const std::string page = read_doc("docs/architecture.md");
  const std::string begin = "<!-- phase table: begin (generated from src/model/thaw/mechanisms.cpp) -->\n";
  const std::string end = "<!-- phase table: end -->";
  const size_t b = page.find(begin), e = page.find(end);
  ASSERT_NE(b, std::string::npos) << "docs/architecture.md has lost its phase table markers";
  ASSERT_NE(e, std::string::npos);
  EXPECT_EQ(page.substr(b + begin.size(), e - b - begin.size()), phase_table_markdown())
      << "docs/architecture.md: paste the table above between the markers";
}

TEST(MechanismTable, TheOddScheduleListsThePhasesInTableOrder) {
  const std::string page = read_doc("docs/odd/thaw.md");
  const size_t b = page.find("## 3. Process overview and scheduling"), e = page.find("## 4.");
  ASSERT_NE(b, std::string::npos);
  const std::string schedule = page.substr(b, e - b);
  const std::regex item(R"(\n(\d+)\. \*\*([^*]+)\*\*)");
  std::vector<std::string> titles;
  for (auto it = std::sregex_iterator(schedule.begin(), schedule.end(), item); it != std::sregex_iterator(); ++it) {
    EXPECT_EQ(std::stoul((*it)[1]), titles.size() + 1) << "the schedule's items are numbered 1, 2, 3...";
    titles.push_back(lowered((*it)[2]));
  }
  std::vector<std::string> expected = {std::string(kDecisionsPhase)};
  for (const auto& m : mechanisms()) expected.push_back(lowered(std::string(m.title)));
  expected.emplace_back(kIndicatorsPhase);
  EXPECT_EQ(titles, expected) << "docs/odd/thaw.md, section 3: one item per phase, titled as in the mechanism table";
}

}  // namespace
}  // namespace thaw::model
