// Class mode: the factions' votes decide a round, a tie goes to the teacher, only the teacher
// closes a round, and a class plays the same game as a player alone would with the same choices.
#include "server/api.hpp"
#include "server/classroom.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <set>

namespace thaw::server {
namespace {

using json = nlohmann::json;
using ::testing::HasSubstr;

TEST(ClassCode, FiveLettersNoneReadAlikeAndDifferentEntropyDifferentCodes) {
  std::set<std::string> codes;
  for (uint64_t e = 0; e < 2000; ++e) {
    const auto c = class_code(e * 0x9e3779b97f4a7c15ULL);
    ASSERT_EQ(c.size(), 5u);
    EXPECT_EQ(c.find_first_of("IO0123456789abcdefghijklmnopqrstuvwxyz"), std::string::npos) << c;
    codes.insert(c);
  }
  EXPECT_GT(codes.size(), 1990u);
}

TEST(ClassRound, MostFactionsDecideAndAFactionIsTheMajorityOfItsMembers) {
  auto g = open_class("p1", 1, 2, 3);
  // Faction 0: two for option 1, one for 0 -> 1. Faction 1: one for 1 -> 1. Faction 2: one for 0 -> 0.
  std::vector<std::string> t;
  for (int f : {0, 0, 0, 1, 2}) t.push_back(join(g, "s" + std::to_string(t.size()), f, t.size(), 7).token);
  vote(g, t[0], 1, 2), vote(g, t[1], 1, 2), vote(g, t[2], 0, 2), vote(g, t[3], 1, 2), vote(g, t[4], 0, 2);
  const auto fv = faction_votes(g, 2);
  EXPECT_EQ(fv.at(0), 1);
  EXPECT_EQ(fv.at(1), 1);
  EXPECT_EQ(fv.at(2), 0);
  const auto r = close_round(g, 0, std::nullopt, 2);
  EXPECT_EQ(r.option, 1);
  EXPECT_THAT(r.by, HasSubstr("2 of 3 factions"));
  EXPECT_TRUE(g.votes.empty()) << "a closed round clears the votes";
  ASSERT_EQ(g.rounds.size(), 1u);
}

TEST(ClassRound, ATieOrNoVoteIsTheTeachersAndWithoutHisPickIsRefused) {
  auto g = open_class("p1", 1, 2, 3);
  const auto a = join(g, "a", 0, 1, 1).token, b = join(g, "b", 1, 2, 2).token;
  vote(g, a, 0, 2), vote(g, b, 1, 2);
  try {
    close_round(g, 0, std::nullopt, 2);
    ADD_FAILURE() << "a tie was closed without the teacher's pick";
  } catch (const ClassError& e) {
    EXPECT_EQ(e.status, 409);
  }
  EXPECT_EQ(g.votes.size(), 2u) << "a refused close keeps the votes";
  const auto r = close_round(g, 0, 1, 2);
  EXPECT_EQ(r.option, 1);
  EXPECT_THAT(r.by, HasSubstr("tied"));
}

TEST(ClassRound, BadInputIsRefusedWithItsReason) {
  auto g = open_class("p1", 1, 2, 3);
  auto status = [&](auto f) {
    try {
      f();
    } catch (const ClassError& e) {
      return e.status;
    }
    return 0;
  };
  EXPECT_EQ(status([&] { join(g, "", 0, 1, 1); }), 400);
  EXPECT_EQ(status([&] { join(g, "   ", 0, 1, 1); }), 400);
  EXPECT_EQ(status([&] { join(g, std::string(41, 'x'), 0, 1, 1); }), 400);
  EXPECT_EQ(status([&] { join(g, "bell\a", 0, 1, 1); }), 400);
  EXPECT_EQ(status([&] { join(g, "a", 4, 1, 1); }), 400);
  EXPECT_EQ(status([&] { join(g, "a", -1, 1, 1); }), 400);
  const auto t = join(g, "a", 0, 1, 1).token;
  EXPECT_EQ(status([&] { vote(g, "not-a-token", 0, 2); }), 403);
  EXPECT_EQ(status([&] { vote(g, t, 2, 2); }), 400);
  EXPECT_EQ(status([&] { close_round(g, 0, 5, 2); }), 400);
}

ApiOptions options() {
  ApiOptions o;
  o.scenario_dir = std::filesystem::path(THAW_SOURCE_DIR) / "scenarios";
  o.defaults = {"run.scale=50000"};
  return o;
}

TEST(ClassApi, TwoStudentsVoteTheTeacherClosesAndTheDebriefSaysWhoChose) {
  Api api(options());
  const auto opened = api.start_class(R"({"scenario":"thaw-1953","seed":4})");
  ASSERT_EQ(opened.status, 200) << opened.body;
  const auto o = json::parse(opened.body);
  const auto code = o["code"].get<std::string>(), teacher = o["teacher"].get<std::string>();
  ASSERT_EQ(o["play"]["status"], "choice");
  const auto first_title = o["play"]["choice"]["title"];

  const auto ja = api.join_class(code, R"({"name":"Anna","faction":0})");
  const auto jb = api.join_class(code, R"({"name":"Boris","faction":1})");
  ASSERT_EQ(ja.status, 200) << ja.body;
  ASSERT_EQ(jb.status, 200) << jb.body;
  const auto ta = json::parse(ja.body)["token"].get<std::string>(), tb = json::parse(jb.body)["token"].get<std::string>();
  EXPECT_EQ(api.join_class("ZZZZZ", R"({"name":"C","faction":0})").status, 404);

  // Both choose option 1 (not history's for the amnesty): the class plays it.
  EXPECT_EQ(api.class_vote(code, json{{"token", ta}, {"option", 1}}.dump()).status, 200);
  EXPECT_EQ(api.class_vote(code, json{{"token", tb}, {"option", 1}}.dump()).status, 200);
  EXPECT_EQ(api.class_vote(code, json{{"token", "forged"}, {"option", 0}}.dump()).status, 403);
  const auto seen_by_teacher = json::parse(api.class_status(code, teacher).body);
  EXPECT_EQ(seen_by_teacher["tally"][1], 2);
  const auto seen_by_student = json::parse(api.class_status(code, "").body);
  EXPECT_FALSE(seen_by_student.contains("tally")) << "students do not see the tally";
  EXPECT_EQ(api.close_class_round(code, json{{"teacher", tb}}.dump()).status, 403) << "a student cannot close";

  const auto closed = api.close_class_round(code, json{{"teacher", teacher}}.dump());
  ASSERT_EQ(closed.status, 200) << closed.body;
  const auto c = json::parse(closed.body);
  EXPECT_EQ(c["round"]["option"], 1);
  EXPECT_NE(c["play"]["choice"]["title"], first_title) << "both browsers now see the next decision point";
  const auto after = json::parse(api.class_status(code, "").body);
  EXPECT_EQ(after["play"]["made"][0]["by"], c["round"]["by"]);
  EXPECT_EQ(after["rounds"].size(), 1u);

  // No votes: the teacher must decide; with his pick the game goes on to the end.
  EXPECT_EQ(api.close_class_round(code, json{{"teacher", teacher}}.dump()).status, 409);
  json play = c["play"];
  for (int guard = 0; play["status"] == "choice" && guard < 40; ++guard) {
    const auto r = api.close_class_round(code, json{{"teacher", teacher}, {"option", 0}}.dump());
    ASSERT_EQ(r.status, 200) << r.body;
    play = json::parse(r.body)["play"];
  }
  ASSERT_EQ(play["status"], "done");
  const auto report = api.play_report(o["play"]["id"].get<std::string>()).body;
  EXPECT_THAT(report, HasSubstr("chosen by the class: 2 of 2 factions voting"));
  EXPECT_THAT(report, HasSubstr("chosen by the teacher (no faction voted)"));
}

}  // namespace
}  // namespace thaw::server

namespace thaw::server {
namespace {

// A class in one period: a short game keeps the eight core decision points, in their order.
TEST(ClassApi, AShortGameHasTheCoreDecisionPointsOnly) {
  Api api(options());
  const auto opened = api.start_class(R"({"scenario":"thaw-1953","seed":2,"short":true})");
  ASSERT_EQ(opened.status, 200) << opened.body;
  const auto o = json::parse(opened.body);
  const auto code = o["code"].get<std::string>(), teacher = o["teacher"].get<std::string>();
  json play = o["play"];
  std::vector<std::string> seen;
  for (int guard = 0; play["status"] == "choice" && guard < 40; ++guard) {
    seen.push_back(play["choice"]["id"]);
    const auto r = api.close_class_round(code, json{{"teacher", teacher}, {"option", 0}}.dump());
    ASSERT_EQ(r.status, 200) << r.body;
    play = json::parse(r.body)["play"];
  }
  // The emergent point (a rising in the bloc) is core too, asked if and when this run has one.
  std::erase(seen, std::string("rising"));
  EXPECT_EQ(seen, (std::vector<std::string>{"amnesty", "virgin-lands", "speech", "sovnarkhozy", "berlin", "rotation", "prices", "cuba"}));
  EXPECT_EQ(api.start_play(R"({"scenario":"thaw-1953","short":"yes"})").status, 400);
}

}  // namespace
}  // namespace thaw::server
