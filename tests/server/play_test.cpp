// The play mode's decision points (scenarios/play/<scenario>): read through the scenario binder,
// so a typo or a wrong type is an error naming the file, the line and the key.
#include "server/api.hpp"
#include "server/play.hpp"

#include "io/scenario_file.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <optional>
#include <filesystem>
#include <fstream>

namespace thaw::server {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

const fs::path kScenarios = fs::path(THAW_SOURCE_DIR) / "scenarios";

// A scenario folder holding the baseline and the given decision points.
fs::path folder_with_choices(const std::string& name, const std::string& choices) {
  const auto dir = fs::path(::testing::TempDir()) / name;
  fs::create_directories(dir / "play");
  fs::copy_file(kScenarios / "thaw-1953.toml", dir / "thaw-1953.toml", fs::copy_options::overwrite_existing);
  std::ofstream(dir / "play" / "thaw-1953.toml") << choices;
  return dir;
}

std::string problems_of(const fs::path& dir) {
  const auto scenario = app::Scenario::load(dir / "thaw-1953.toml");
  try {
    load_choices(dir / "thaw-1953.toml", scenario);
  } catch (const io::ScenarioError& e) {
    std::string all;
    for (const auto& p : e.problems()) all += p + "\n";
    return all;
  }
  return "";
}

constexpr const char* kChoice = R"([[choice]]
id = "speech"
title = "Speak about Stalin's crimes?"
question = "Do you read the report?"
  [[choice.option]]
  label = "Give the speech"
  history = true
  enable = ["secret-speech"]
  [[choice.option]]
  label = "Stay silent"
  disable = ["secret-speech"]
)";

TEST(PlayChoices, TheBaselinesChoicesAreInOrderAndEachHasAHistoricalOption) {
  const auto scenario = app::Scenario::load(kScenarios / "thaw-1953.toml");
  const auto choices = load_choices(kScenarios / "thaw-1953.toml", scenario);
  ASSERT_GE(choices.size(), 2u);
  for (size_t i = 0; i < choices.size(); ++i) {
    if (i > 0) {
      EXPECT_LE(choices[i - 1].month, choices[i].month);
    }
    EXPECT_GE(choices[i].options.size(), 2u);
    EXPECT_EQ(std::count_if(choices[i].options.begin(), choices[i].options.end(), [](const auto& o) { return o.history; }), 1)
        << choices[i].id;
  }
}

// Issue 17: the card said 1956-03 while history's option said "as in February 1956". An option
// that names when it was done names the month the card shows (or its year).
TEST(PlayChoices, HistorysOptionNamesTheMonthTheCardShows) {
  const auto scenario = app::Scenario::load(kScenarios / "thaw-1953.toml");
  for (const auto& c : load_choices(kScenarios / "thaw-1953.toml", scenario))
    for (const auto& o : c.options) {
      const auto at = o.label.find("(as in ");
      if (at == std::string::npos) continue;
      const auto named = o.label.substr(at + 7);
      const auto long_name = c.month.long_name();  // "March 1956"
      EXPECT_TRUE(named.starts_with(long_name) || named.starts_with(long_name.substr(long_name.size() - 4) + ")"))
          << c.id << ": the card shows " << long_name << ", the option says " << o.label;
    }
}

// A choice naming a decision the scenario lacks is dropped (a counterfactual scenario may have
// left it out), so a typo in the baseline's file would silently lose a decision point: every
// choice of the baseline's file, and every decision each names, is in the baseline.
TEST(PlayChoices, EveryChoiceOfTheBaselineAndEveryDecisionItNamesIsKept) {
  std::ifstream in(kScenarios / "play" / "thaw-1953.toml");
  size_t written_choices = 0, written_ids = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with("[[choice]]")) ++written_choices;
    const auto first = line.find_first_not_of(' ');
    if (first == std::string::npos || !(line.compare(first, 6, "enable") == 0 || line.compare(first, 7, "disable") == 0)) continue;
    written_ids += static_cast<size_t>(std::count(line.begin(), line.end(), '"') / 2);
  }
  const auto scenario = app::Scenario::load(kScenarios / "thaw-1953.toml");
  const auto choices = load_choices(kScenarios / "thaw-1953.toml", scenario);
  size_t kept_ids = 0;
  for (const auto& c : choices)
    for (const auto& o : c.options) kept_ids += o.enable.size() + o.disable.size();
  EXPECT_EQ(choices.size() + load_emergent_choices(kScenarios / "thaw-1953.toml", scenario).size(), written_choices);
  EXPECT_EQ(kept_ids, written_ids);
  EXPECT_GE(written_choices, 10u);
}

// Issue 17 asked for decision points between May 1957 and October 1961 (there were none).
TEST(PlayChoices, TheBaselineHasDecisionPointsBetweenTheCongresses) {
  const auto scenario = app::Scenario::load(kScenarios / "thaw-1953.toml");
  int between = 0;
  for (const auto& c : load_choices(kScenarios / "thaw-1953.toml", scenario))
    if (c.month > *Month::parse("1957-05") && c.month < *Month::parse("1961-10")) ++between;
  EXPECT_GE(between, 4);
}

TEST(PlayChoices, AChoiceTakesTheMonthOfItsDecision) {
  const auto dir = folder_with_choices("thaw-play-ok", kChoice);
  const auto scenario = app::Scenario::load(dir / "thaw-1953.toml");
  const auto choices = load_choices(dir / "thaw-1953.toml", scenario);
  ASSERT_EQ(choices.size(), 1u);
  std::string speech;
  for (const auto& d : scenario.items("decision"))
    if (d.get("id") == "secret-speech") speech = d.get("date");
  EXPECT_EQ(choices[0].month.str(), speech);
}

TEST(PlayChoices, ATypoIsAnErrorWithFileLineAndKey) {
  std::string text = kChoice;
  text.replace(text.find("title ="), 5, "titel");
  const auto dir = folder_with_choices("thaw-play-typo", text);
  const auto file = (dir / "play" / "thaw-1953.toml").string();
  const auto problems = problems_of(dir);
  EXPECT_THAT(problems, HasSubstr(file + ":3:1: choice[0].titel: unknown key (did you mean 'title'?)"));
  EXPECT_THAT(problems, HasSubstr("choice[0].title: missing"));
}

TEST(PlayChoices, AWrongTypeIsAnErrorWithFileLineAndKey) {
  std::string text = kChoice;
  text.replace(text.find("history = true"), 14, "history = \"yes\"");
  const auto dir = folder_with_choices("thaw-play-type", text);
  EXPECT_THAT(problems_of(dir), HasSubstr((dir / "play" / "thaw-1953.toml").string() +
                                          ":7:13: choice[0].option[0].history: expected true or false, got a string"));
}

TEST(PlayChoices, TheApiReportsABrokenFileWithItsLineAndKey) {
  std::string text = kChoice;
  text.replace(text.find("label = \"Stay"), 5, "lable");
  const auto dir = folder_with_choices("thaw-play-api", text);
  ApiOptions options;
  options.scenario_dir = dir;
  options.defaults = {"run.scale=50000"};
  Api api(options);
  for (const Reply& r : {api.scenario("thaw-1953"), api.start_play(R"({"scenario":"thaw-1953"})")}) {
    EXPECT_EQ(r.status, 500);
    EXPECT_THAT(nlohmann::json::parse(r.body).value("error", ""),
                HasSubstr("scenarios/play/thaw-1953.toml:10:3: choice[0].option[1].lable: unknown key"));
    // The server's own folders stay its own.
    EXPECT_THAT(nlohmann::json::parse(r.body).value("error", ""), Not(HasSubstr(dir.string())));
  }
}

// ---- emergent decision points: asked when this run's own crisis comes, not at a date --------

const std::string kEmergent = R"([[choice]]
id = "rising"
title = "A rising"
question = "What now?"
on_event = "bloc.uprising"
from = "1954-01"
  [[choice.option]]
  label = "Keep the rule"
  history = true
  [[choice.option]]
  label = "Never send troops"
  decision_kind = "intervention_policy"
  decision_set = ['policy = "never"']
)";

TEST(PlayEmergent, TheBaselinesRisingIsLoadedWithItsThreeOptionsAndIsNoScheduledChoice) {
  const auto scenario = app::Scenario::load(kScenarios / "thaw-1953.toml");
  const auto emergent = load_emergent_choices(kScenarios / "thaw-1953.toml", scenario);
  ASSERT_EQ(emergent.size(), 1u);
  EXPECT_EQ(emergent[0].on_event, "bloc.uprising");
  EXPECT_EQ(emergent[0].options.size(), 3u);
  for (const auto& c : load_choices(kScenarios / "thaw-1953.toml", scenario)) EXPECT_TRUE(c.on_event.empty()) << c.id;
}

TEST(PlayEmergent, AnOptionWhoseDecisionDoesNotBindIsAnErrorNamingTheChoice) {
  std::string text = kEmergent;
  text.replace(text.find("policy = \"never\""), 16, "policy = \"maybe\"");
  const auto dir = folder_with_choices("thaw-play-emergent-bad", text);
  const auto scenario = app::Scenario::load(dir / "thaw-1953.toml");
  try {
    load_emergent_choices(dir / "thaw-1953.toml", scenario);
    ADD_FAILURE() << "an option with a policy the kind does not know was accepted";
  } catch (const std::exception& e) {
    EXPECT_THAT(std::string(e.what()), HasSubstr("choice 'rising', option 1: its decision does not bind"));
  }
}

// The run pauses in the month after its first rising from 1954 on; the card says what happened;
// "never" takes a policy from that month, so that no intervention follows, while the months
// already played are those of the baseline.
TEST(PlayEmergent, ARunsOwnRisingIsADecisionPointAndNeverMeansNoInterventionAfter) {
  const auto dir = folder_with_choices("thaw-play-emergent", kEmergent);
  ApiOptions options;
  options.scenario_dir = dir;
  options.defaults = {"run.scale=50000"};
  Api api(options);
  auto p = nlohmann::json::parse(api.start_play(R"({"scenario":"thaw-1953","seed":1})").body);
  ASSERT_EQ(p["status"], "choice") << p.dump().substr(0, 300);
  ASSERT_EQ(p["choice"]["id"], "rising");
  EXPECT_TRUE(p["choice"]["emergent"]);
  EXPECT_THAT(p["choice"]["what_happened"].get<std::string>(), HasSubstr("uprising in"));
  const auto asked = *Month::parse(p["choice"]["month"].get<std::string>());
  std::optional<Month> rising;
  for (const auto& e : p["events"])
    if (e["code"] == "bloc.uprising" && *Month::parse(e["date"].get<std::string>()) >= *Month::parse("1954-01")) {
      rising = Month::parse(e["date"].get<std::string>());
      break;
    }
  ASSERT_TRUE(rising);
  EXPECT_EQ(asked, *rising + 1) << "asked in the month after the rising";
  const auto id = p["id"].get<std::string>();
  p = nlohmann::json::parse(api.choose(id, R"({"option":1})").body);
  ASSERT_EQ(p["status"], "done");
  for (const auto& e : p["events"])
    if (e["code"] == "bloc.intervention") EXPECT_LT(*Month::parse(e["date"].get<std::string>()), asked) << e.dump();
  EXPECT_EQ(p["made"][0]["option"], "Never send troops");
  EXPECT_TRUE(p["changes"]["decisions"].empty()) << "the option's decision is listed as the choice, not as a change";
}

}  // namespace
}  // namespace thaw::server
