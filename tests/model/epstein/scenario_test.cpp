// Scenario files for the Epstein model: every shipped file loads, and bad input is reported with
// the file and the keys concerned.
#include "app/scenario.hpp"
#include "io/scenario_file.hpp"
#include "model/epstein/model.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

namespace thaw::epstein {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;

std::vector<std::string> problems_of(const std::string& toml) {
  try {
    app::Scenario::parse(toml, "bad.toml");
  } catch (const io::ScenarioError& e) {
    return e.problems();
  }
  return {};
}

TEST(EpsteinScenario, DensitiesAboveOneNameTheFileAndBothKeys) {
  const auto problems = problems_of(R"([scenario]
model = "epstein"
[citizens]
density = 0.8
[cops]
density = 0.3
)");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_THAT(problems[0], AllOf(HasSubstr("bad.toml"), HasSubstr("citizens.density"), HasSubstr("cops.density"),
                                 HasSubstr("1.1")));
}

TEST(EpsteinScenario, IncompatibleRulesAreRefused) {
  const auto problems = problems_of(R"([scenario]
model = "epstein"
[rules]
after_arrest = "move_to_arrestee"
)");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_THAT(problems[0], AllOf(HasSubstr("bad.toml"), HasSubstr("rules.after_arrest"),
                                 HasSubstr("rules.jailed_block_cells")));
}

TEST(EpsteinScenario, UnknownChoicesAndOutOfRangeValuesPointAtTheLine) {
  const auto problems = problems_of(R"([scenario]
model = "epstein"
[rules]
vision_metric = "hexagonal"
[citizens]
legitimacy = 1.4
)");
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_THAT(problems[0] + problems[1], AllOf(HasSubstr("bad.toml:4"), HasSubstr("von_neumann, moore, euclidean, cross"),
                                               HasSubstr("bad.toml:6"), HasSubstr("between 0 and 1")));
}

TEST(EpsteinScenario, LegitimacyMayBeAScheduleOverSteps) {
  auto s = app::Scenario::parse(R"([scenario]
model = "epstein"
[citizens]
legitimacy = [[0, 0.9], [30, 0.7]]
[run]
steps = 40
[indicators]
burn_in = 0
)",
                                "schedule.toml");
  auto sim = s.setup->create(RunConfig{.seed = 1});
  sim->run_to_end();
  const auto l = sim->indicators().column("legitimacy");
  EXPECT_DOUBLE_EQ(l[29], 0.9);
  EXPECT_DOUBLE_EQ(l[30], 0.7);
}

TEST(EpsteinScenario, EveryShippedEpsteinScenarioLoads) {
  int found = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(THAW_SOURCE_DIR) / "scenarios")) {
    const auto name = entry.path().filename().string();
    if (name.rfind("epstein", 0) != 0 || entry.path().extension() != ".toml") continue;
    ++found;
    EXPECT_NO_THROW(app::Scenario::load(entry.path())) << name;
  }
  EXPECT_GE(found, 6);
}

}  // namespace
}  // namespace thaw::epstein
