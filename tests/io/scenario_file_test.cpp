#include "io/scenario_file.hpp"

#include <gmock/gmock.h>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <optional>

#include <unistd.h>

namespace thaw::io {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

struct Event {
  std::string id;
  std::string kind;
  Month date;
  double size = 0;
  void describe(ParamVisitor& v) {
    static constexpr std::string_view kinds[] = {"amnesty", "speech"};
    v.value("id", id, {.doc = "name"});
    v.value("kind", kind, {.doc = "what", .choices = kinds, .required = true});
    v.value("date", date, {.doc = "when", .required = true});
    v.value("size", size, {.doc = "how much", .min = 0, .max = 1});
  }
};

struct Toy {
  double legitimacy = 0.8;
  int64_t width = 40;
  bool movement = true;
  std::string rule = "round";
  Schedule pressure = 0.0;
  std::vector<Event> events;
  void describe(ParamVisitor& v) {
    static constexpr std::string_view rules[] = {"round", "floor"};
    v.section("citizens", "", [&](ParamVisitor& s) {
      s.value("legitimacy", legitimacy, {.doc = "L", .min = 0, .max = 1});
      s.value("movement", movement, {.doc = "move"});
      s.value("rule", rule, {.doc = "rounding", .choices = rules});
    });
    v.value("width", width, {.doc = "cells", .min = 1, .max = 100000});
    v.value("pressure", pressure, {.doc = "p", .min = 0, .max = 10});
    v.list("event", "dated inputs", events);
  }
};

std::vector<std::string> problems_of(const std::string& text, const std::vector<std::string>& sets = {},
                                     std::optional<Calendar> cal = std::nullopt) {
  try {
    auto f = ScenarioFile::parse(text, "toy.toml");
    f.apply_overrides(sets);
    Toy t;
    f.bind([&](ParamVisitor& v) { t.describe(v); }, cal);
  } catch (const ScenarioError& e) {
    return e.problems();
  }
  return {};
}

TEST(ScenarioFile, BindsValuesAndKeepsDefaults) {
  auto f = ScenarioFile::parse("width = 200\n[citizens]\nlegitimacy = 0.82\n", "toy.toml");
  Toy t;
  f.bind([&](ParamVisitor& v) { t.describe(v); });
  EXPECT_EQ(t.width, 200);
  EXPECT_EQ(t.legitimacy, 0.82);
  EXPECT_TRUE(t.movement);  // untouched default
}

TEST(ScenarioFile, UnknownKeyNamesLineAndSuggestsTheKnownOne) {
  EXPECT_THAT(problems_of("width = 10\n[citizens]\nlegitimacyy = 0.5\n"),
              ElementsAre("toy.toml:3:1: citizens.legitimacyy: unknown key (did you mean 'legitimacy'?)"));
}

TEST(ScenarioFile, UnknownSectionIsAnError) {
  EXPECT_THAT(problems_of("[cops]\ndensity = 0.1\n"), ElementsAre(HasSubstr("toy.toml:1:2: cops: unknown key")));
}

TEST(ScenarioFile, WrongTypeNamesFileLineAndKey) {
  EXPECT_THAT(problems_of("\n\nwidth = \"forty\"\n"),
              ElementsAre("toy.toml:3:9: width: expected an integer, got a string"));
  EXPECT_THAT(problems_of("[citizens]\nmovement = 1\n"),
              ElementsAre("toy.toml:2:12: citizens.movement: expected true or false, got an integer"));
}

TEST(ScenarioFile, OutOfRangeAndBadChoiceAreErrors) {
  EXPECT_THAT(problems_of("[citizens]\nlegitimacy = 1.5\nrule = \"ceil\"\n"),
              ElementsAre("toy.toml:2:14: citizens.legitimacy: must be between 0 and 1, got 1.5",
                          "toy.toml:3:8: citizens.rule: \"ceil\" is not one of: round, floor"));
}

TEST(ScenarioFile, AllProblemsAreReportedAtOnce) {
  EXPECT_EQ(problems_of("width = 0\nheight = 3\n[citizens]\nlegitimacy = -1\n").size(), 3u);
}

TEST(ScenarioFile, SyntaxErrorsGiveTheLine) {
  const auto p = problems_of("width = 10\n[citizens\n");
  ASSERT_EQ(p.size(), 1u);
  EXPECT_THAT(p[0], HasSubstr("toy.toml:2:"));
  EXPECT_THAT(p[0], HasSubstr("not valid TOML"));
}

TEST(ScenarioFile, OverridesApplyAndAreBlamedOnTheCommandLine) {
  auto f = ScenarioFile::parse("width = 10\n", "toy.toml");
  f.apply_overrides({"citizens.legitimacy=0.7", "width=64", "citizens.rule=floor"});
  Toy t;
  f.bind([&](ParamVisitor& v) { t.describe(v); });
  EXPECT_EQ(t.legitimacy, 0.7);
  EXPECT_EQ(t.width, 64);
  EXPECT_EQ(t.rule, "floor");  // a bare word is taken as text
  EXPECT_THAT(problems_of("", {"citizens.legitimacy=2"}),
              ElementsAre("--set citizens.legitimacy: citizens.legitimacy: must be between 0 and 1, got 2"));
  EXPECT_THAT(problems_of("", {"nonsense"}), ElementsAre(HasSubstr("expected name=value")));
  EXPECT_THAT(problems_of("", {"citizens.legitmacy=0.5"}), ElementsAre(HasSubstr("did you mean 'legitimacy'")));
}

TEST(ScenarioFile, SchedulesTakeStepsOrDates) {
  auto f = ScenarioFile::parse("pressure = [[\"1953-03\", 1.0], [\"1956-02\", 2.5]]\n", "toy.toml");
  Toy t;
  f.bind([&](ParamVisitor& v) { t.describe(v); }, Calendar{Month::of(1953, 3)});
  EXPECT_EQ(t.pressure.at(34), 1.0);
  EXPECT_EQ(t.pressure.at(35), 2.5);

  auto g = ScenarioFile::parse("pressure = {points = [[0, 0.0], [10, 5.0]], interpolation = \"linear\"}\n", "toy.toml");
  g.bind([&](ParamVisitor& v) { t.describe(v); });
  EXPECT_DOUBLE_EQ(t.pressure.at(5), 2.5);
}

TEST(ScenarioFile, ScheduleErrorsArePrecise) {
  EXPECT_THAT(problems_of("pressure = [[\"1956-02\", 1.0]]\n"),
              ElementsAre(HasSubstr("this model counts steps, not months")));
  EXPECT_THAT(problems_of("pressure = [[0, 11.0]]\n"), ElementsAre(HasSubstr("must be between 0 and 10")));
  EXPECT_THAT(problems_of("pressure = [[0]]\n"), ElementsAre(HasSubstr("must be [when, value]")));
  EXPECT_THAT(problems_of("pressure = [[\"1956-13\", 1]]\n", {}, Calendar{Month::of(1953, 3)}),
              ElementsAre(HasSubstr("is not a date")));
}

TEST(ScenarioFile, ListsOfTablesBindEachItem) {
  auto f = ScenarioFile::parse(
      "[[event]]\nkind = \"amnesty\"\ndate = \"1953-03-27\"\nsize = 0.5\n"
      "[[event]]\nkind = \"speech\"\ndate = 1956-02-25\n",
      "toy.toml");
  Toy t;
  f.bind([&](ParamVisitor& v) { t.describe(v); });
  ASSERT_EQ(t.events.size(), 2u);
  EXPECT_EQ(t.events[0].date, Month::of(1953, 3));
  EXPECT_EQ(t.events[1].kind, "speech");
  EXPECT_EQ(t.events[1].date, Month::of(1956, 2));  // a native TOML date works too
}

TEST(ScenarioFile, OverridesReachIntoListsByPositionOrId) {
  auto f = ScenarioFile::parse(
      "[[event]]\nkind = \"amnesty\"\ndate = \"1953-03\"\n"
      "[[event]]\nid = \"talk\"\nkind = \"speech\"\ndate = \"1956-02\"\n",
      "toy.toml");
  f.apply_overrides({"event[0].size=0.25", "event[talk].date=1956-03"});
  Toy t;
  f.bind([&](ParamVisitor& v) {
    t.describe(v);
  });
  EXPECT_EQ(t.events[0].size, 0.25);
  EXPECT_EQ(t.events[1].date, Month::of(1956, 3));
  EXPECT_THAT(problems_of("", {"event[nope].size=1"}), ElementsAre(HasSubstr("has no table event[nope]")));
}

TEST(ScenarioFile, ListItemErrorsNameTheItem) {
  EXPECT_THAT(problems_of("[[event]]\nkind = \"amnesty\"\n[[event]]\ndate = \"1956-02\"\nsiez = 1\n"),
              ElementsAre(HasSubstr("event[0].date: missing"), HasSubstr("event[1].kind: missing"),
                          HasSubstr("toy.toml:5:1: event[1].siez: unknown key (did you mean 'size'?)")));
}

TEST(ScenarioFile, WritesBackWhatItRead) {
  Toy t;
  t.width = 77;
  t.pressure = Schedule({{0, 1.0}, {35, 2.0}});
  const std::string text = params_to_toml([&](ParamVisitor& v) { t.describe(v); }, Calendar{Month::of(1953, 3)});
  auto f = ScenarioFile::parse(text, "written.toml");
  Toy back;
  f.bind([&](ParamVisitor& v) { back.describe(v); }, Calendar{Month::of(1953, 3)});
  EXPECT_EQ(back.width, 77);
  EXPECT_EQ(back.pressure.at(35), 2.0);
  EXPECT_THAT(text, HasSubstr("1956-02"));
}

TEST(ScenarioFile, MissingFileIsAClearError) {
  try {
    ScenarioFile::load("/nonexistent/x.toml");
    FAIL();
  } catch (const ScenarioError& e) {
    EXPECT_THAT(e.what(), HasSubstr("/nonexistent/x.toml: cannot open"));
  }
}


// A counterfactual lists only its changes; the base names the scenario it changes.
struct ToyScenario {
  std::string base;
  Toy toy;
  void describe(ParamVisitor& v) {
    v.section("scenario", "", [&](ParamVisitor& s) { s.value("base", base, {.doc = "base"}); });
    toy.describe(v);
  }
};

std::filesystem::path write_file(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path) << text;
  return path;
}

TEST(ScenarioFile, ACounterfactualChangesItsBaseItemByItem) {
  const auto dir = std::filesystem::path(::testing::TempDir()) / "thaw-base-test";
  write_file(dir / "base.toml", R"(width = 50
[citizens]
legitimacy = 0.7
rule = "floor"
[[event]]
id = "a"
kind = "amnesty"
date = "1953-03"
size = 0.5
[[event]]
id = "b"
kind = "speech"
date = "1956-02"
)");
  const auto child = write_file(dir / "child.toml", R"([scenario]
base = "base.toml"
[citizens]
legitimacy = 0.6
[[event]]
id = "a"
size = 0.25
[[event]]
id = "c"
kind = "speech"
date = "1957-06"
)");
  ToyScenario t;
  ScenarioFile::load(child).bind([&](ParamVisitor& v) { t.describe(v); });
  EXPECT_EQ(t.toy.width, 50);                // from the base
  EXPECT_EQ(t.toy.legitimacy, 0.6);          // changed
  EXPECT_EQ(t.toy.rule, "floor");            // the rest of the base's table stays
  ASSERT_EQ(t.toy.events.size(), 3u);
  EXPECT_EQ(t.toy.events[0].kind, "amnesty");  // item "a" keeps its kind and date
  EXPECT_EQ(t.toy.events[0].size, 0.25);       // ... with the changed size
  EXPECT_EQ(t.toy.events[1].id, "b");
  EXPECT_EQ(t.toy.events[2].id, "c");
}

TEST(ScenarioFile, ErrorsInABaseNameTheBaseFileAndCyclesAreCaught) {
  const auto dir = std::filesystem::path(::testing::TempDir()) / "thaw-base-errors";
  write_file(dir / "base.toml", "width = 0\n");
  const auto child = write_file(dir / "child.toml", "[scenario]\nbase = \"base.toml\"\n[citizens]\nlegitimacy = 2\n");
  try {
    ToyScenario t;
    ScenarioFile::load(child).bind([&](ParamVisitor& v) { t.describe(v); });
    FAIL();
  } catch (const ScenarioError& e) {
    EXPECT_THAT(e.problems(), ::testing::UnorderedElementsAre(HasSubstr((dir / "base.toml").string() + ":1:9: width"),
                                                               HasSubstr((dir / "child.toml").string() + ":4:14: citizens.legitimacy")));
  }
  write_file(dir / "loop-a.toml", "[scenario]\nbase = \"loop-b.toml\"\n");
  write_file(dir / "loop-b.toml", "[scenario]\nbase = \"loop-a.toml\"\n");
  EXPECT_THROW(
      {
        try {
          ScenarioFile::load(dir / "loop-a.toml");
        } catch (const ScenarioError& e) {
          EXPECT_THAT(e.what(), HasSubstr("cycle"));
          throw;
        }
      },
      ScenarioError);
  EXPECT_THROW(ScenarioFile::load(write_file(dir / "orphan.toml", "[scenario]\nbase = \"missing.toml\"\n")), ScenarioError);
}

TEST(ScenarioFile, TextReadEarlierIsLaidOverItsBaseLikeTheFile) {
  const auto dir = std::filesystem::path(::testing::TempDir()) / "thaw-base-parse";
  write_file(dir / "base.toml", "width = 50\n[citizens]\nlegitimacy = 0.7\n");
  const std::string child = "[scenario]\nbase = \"base.toml\"\n[citizens]\nlegitimacy = 0.6\n";
  const auto path = write_file(dir / "child.toml", child);
  ToyScenario from_file, from_text;
  ScenarioFile::load(path).bind([&](ParamVisitor& v) { from_file.describe(v); });
  ScenarioFile::parse(child, path.string()).bind([&](ParamVisitor& v) { from_text.describe(v); });
  EXPECT_EQ(from_text.toy.width, 50);
  EXPECT_EQ(from_text.toy.legitimacy, 0.6);
  EXPECT_EQ(from_text.toy.width, from_file.toy.width);
}

// Lists of texts, lists of scalars of any type and numbers that may be left out (a sweep's spec).
struct Levels {
  std::vector<std::string> names = {"default"};
  std::vector<Literal> values;
  std::optional<double> low;
  void describe(ParamVisitor& v) {
    v.value("names", names, {.doc = "texts"});
    v.value("values", values, {.doc = "levels"});
    v.value("low", low, {.doc = "lowest", .min = 0});
  }
};

std::vector<std::string> level_problems(const std::string& text, Levels& out) {
  try {
    ScenarioFile::parse(text, "levels.toml").bind([&](ParamVisitor& v) { out.describe(v); });
  } catch (const ScenarioError& e) {
    return e.problems();
  }
  return {};
}

TEST(ScenarioFile, ListsOfTextsAndOfValuesAndOptionalNumbersBind) {
  Levels l;
  EXPECT_THAT(level_problems("names = [\"a\", \"b\"]\nvalues = [1, 2.5, true, \"say \\\"x\\\"\"]\nlow = 3\n", l), ElementsAre());
  EXPECT_THAT(l.names, ElementsAre("a", "b"));
  EXPECT_THAT(l.values, ElementsAre(Literal{"1"}, Literal{"2.5"}, Literal{"true"}, Literal{"\"say \\\"x\\\"\""}));
  EXPECT_EQ(l.low, 3.0);
  Levels absent;
  EXPECT_THAT(level_problems("", absent), ElementsAre());
  EXPECT_THAT(absent.names, ElementsAre("default"));
  EXPECT_FALSE(absent.low);
  // What the binder writes back reads again to the same values.
  const std::string written = params_to_toml([&](ParamVisitor& v) { l.describe(v); });
  Levels again;
  EXPECT_THAT(level_problems(written, again), ElementsAre()) << written;
  EXPECT_EQ(again.values, l.values);
  EXPECT_EQ(again.names, l.names);
}

TEST(ScenarioFile, WrongItemsInListsNameFileLineAndKey) {
  Levels l;
  EXPECT_THAT(level_problems("names = [\"a\", 2]\nvalues = []\nlow = -1\n", l),
              ElementsAre(HasSubstr("levels.toml:1:15: names: expected a text, got an integer"),
                          HasSubstr("levels.toml:2:10: values: expected a non-empty list"),
                          HasSubstr("levels.toml:3:7: low: must be at least 0")));
  EXPECT_THAT(level_problems("names = \"a\"\nvalues = [{x = 1}]\n", l),
              ElementsAre(HasSubstr("levels.toml:1:9: names: expected a list of texts"),
                          HasSubstr("levels.toml:2:11: values: values must be numbers, booleans or texts")));
}

TEST(ScenarioFile, LocationNamesTheLineOfAValueOrATable) {
  const auto f = ScenarioFile::parse("width = 3\n\n[[event]]\nid = \"a\"\n[[event]]\nid = \"b\"\n", "toy.toml");
  EXPECT_EQ(f.location("width"), "toy.toml:1:9");
  EXPECT_EQ(f.location("event[1]"), "toy.toml:5:1");
  EXPECT_EQ(f.location("event[1].id"), "toy.toml:6:6");
  EXPECT_EQ(f.location("nothing.here"), "toy.toml");
}

}  // namespace
}  // namespace thaw::io

namespace thaw::io {
namespace {

std::filesystem::path temp_folder(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / ("thaw-io-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

std::vector<std::string> load_problems(const std::filesystem::path& path) {
  try {
    ScenarioFile::load(path);
  } catch (const ScenarioError& e) {
    return e.problems();
  }
  return {};
}

TEST(ScenarioFile, ABaseThatIsAFolderIsAnErrorNamingTheLine) {
  const auto dir = temp_folder("base-dir");
  std::ofstream(dir / "x.toml") << "[scenario]\nmodel = \"epstein\"\nbase = \".\"\n";
  const auto problems = load_problems(dir / "x.toml");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_THAT(problems[0], HasSubstr("x.toml:3:8: scenario.base"));
  EXPECT_THAT(problems[0], HasSubstr("is a folder"));
}

TEST(ScenarioFile, AFolderOrAnEndlessFileIsNotReadAsAScenario) {
  const auto dir = temp_folder("not-a-file");
  EXPECT_THAT(load_problems(dir), ElementsAre(HasSubstr("is a folder")));
  // /dev/zero never ends: the reader stops past its limit instead of reading gigabytes.
  EXPECT_THAT(load_problems("/dev/zero"), ElementsAre(HasSubstr("larger than 16 MB")));
}

TEST(ScenarioFile, TextAfterAnOverridesValueIsAnErrorNotDropped) {
  EXPECT_THAT(problems_of("", {"width=5000 # x"}), ElementsAre(HasSubstr("unexpected text after the value: '# x'")));
  EXPECT_THAT(problems_of("", {"width=5000\n[citizens]\nlegitimacy = 0.1"}),
              ElementsAre(HasSubstr("--set width: the value must be on one line")));
  // Not TOML at all: taken as a text, which a number parameter refuses.
  EXPECT_THAT(problems_of("", {"width=5 6"}), ElementsAre(HasSubstr("--set width: width: expected an integer")));
  // A quoted text may hold '#', and spaces after a value are no text.
  EXPECT_THAT(problems_of("", {"citizens.rule=\"floor\"  ", "width=12 "}), ::testing::IsEmpty());
}

TEST(ScenarioFile, TwoPointsForOneStepOfAScheduleAreAnError) {
  const auto problems = problems_of("pressure = [[\"1956-02\", 1.0], [\"1956-02\", 2.0]]\n", {}, Calendar{Month::of(1953, 3)});
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_THAT(problems[0], HasSubstr("toy.toml:1:32: pressure: two points for the same step (35, 1956-02)"));
  EXPECT_THAT(problems_of("pressure = [[3, 1.0], [3, 2.0]]\n"), ElementsAre(HasSubstr("two points for the same step")));
}

TEST(ScenarioFile, AnOverriddenValueIsTracedToItsAssignment) {
  auto f = ScenarioFile::parse("[[event]]\nid = \"a\"\ndate = \"1956-02\"\n[[event]]\nid = \"b\"\ndate = \"1957-02\"\n", "toy.toml");
  f.apply_overrides({"event[b].date=\"1999-01\""});
  EXPECT_EQ(f.overridden("event[1].date"), "event[b].date");
  EXPECT_EQ(f.overridden("event[0].date"), std::nullopt);
}

TEST(ScenarioFile, ValuesPrintedAsTomlReadBackTheSame) {
  Toy toy;
  toy.pressure = Schedule({{0, 1.0}, {35, 2.0}}, Schedule::Linear);
  const Calendar cal{Month::of(1953, 3)};
  const auto values = params_as_toml_values([&](ParamVisitor& v) { toy.describe(v); }, cal);
  ASSERT_TRUE(values.contains("pressure"));
  EXPECT_EQ(values.at("pressure"), "{ interpolation = 'linear', points = [ [ '1953-03', 1.0 ], [ '1956-02', 2.0 ] ] }");
  auto f = ScenarioFile::parse("", "toy.toml");
  f.apply_overrides({"pressure=" + values.at("pressure"), "citizens.rule=" + values.at("citizens.rule")});
  Toy back;
  f.bind([&](ParamVisitor& v) { back.describe(v); }, cal);
  EXPECT_EQ(back.pressure.interpolation(), Schedule::Linear);
  EXPECT_EQ(back.pressure.points().size(), 2u);
  EXPECT_EQ(back.pressure.points()[1].step, 35);
}

}  // namespace
}  // namespace thaw::io
