// The web API's request validation and the play mode, without a socket (src/server/api.hpp).
#include "server/api.hpp"

#include "app/ensemble.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <fstream>
#include <thread>

#include <unistd.h>

namespace thaw::server {
namespace {

using json = nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;

// Coarse runs (few agents) keep these tests fast; the API does not care about the scale.
ApiOptions options(int max_runs = 2) {
  ApiOptions o;
  o.scenario_dir = std::filesystem::path(THAW_SOURCE_DIR) / "scenarios";
  o.max_concurrent_runs = max_runs;
  o.max_replicates = 5;
  o.defaults = {"run.scale=50000"};
  return o;
}

std::string message(const Reply& r) { return json::parse(r.body).value("error", ""); }

json wait_for(Api& api, const std::string& id) {
  for (int i = 0; i < 6000; ++i) {
    auto j = json::parse(api.run_status(id).body);
    if (j["status"] == "done" || j["status"] == "failed" || j["status"] == "cancelled") return j;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return {};
}

// A broken data file used to give an empty bibliography and a report without the record, without
// a word; now the server does not start, and says which file and line. (find_data_file looks in
// the working directory before the source tree, so a folder with its own data/ stands in for it.
// ctest runs each test in its own process, so the files read once here are read for this test.)
TEST(Api, ABrokenDataFileStopsTheServerAtStartWithItsLine) {
  const auto dir = std::filesystem::path(::testing::TempDir()) / "thaw-broken-works";
  std::filesystem::create_directories(dir / "data" / "record");
  std::ofstream(dir / "data" / "record" / "works.csv") << "key,kind,author,title,year,published,note\nkey1,book,\"An author,title\n";
  const auto here = std::filesystem::current_path();
  std::filesystem::current_path(dir);
  std::string what;
  try {
    Api api(options());
  } catch (const std::exception& e) {
    what = e.what();
  }
  std::filesystem::current_path(here);
  EXPECT_THAT(what, HasSubstr("works.csv:2"));
  EXPECT_THAT(what, HasSubstr("never closed"));
}

TEST(Api, ListsScenariosAndDescribesOne) {
  Api api(options());
  auto list = json::parse(api.scenarios().body);
  ASSERT_TRUE(list.is_array());
  bool found = false;
  for (const auto& s : list) found |= s["name"] == "thaw-1953";
  EXPECT_TRUE(found);
  auto r = api.scenario("thaw-1953");
  ASSERT_EQ(r.status, 200);
  auto s = json::parse(r.body);
  EXPECT_FALSE(s["params"].empty());
  EXPECT_FALSE(s["decisions"].empty());
  bool scale = false;
  for (const auto& p : s["params"]) scale |= p["path"] == "run.scale" && !p["range"].get<std::string>().empty();
  EXPECT_TRUE(scale);
}

TEST(Api, UnknownScenariosAndTraversalAreRefused) {
  Api api(options());
  EXPECT_EQ(api.scenario("no-such").status, 404);
  EXPECT_EQ(api.scenario("../CMakeLists").status, 404);
  EXPECT_EQ(api.start_run(R"({"scenario":"../../etc/passwd"})").status, 400);
  EXPECT_EQ(api.run_status("r999").status, 404);
  EXPECT_EQ(api.play_status("p999").status, 404);
}

TEST(Api, MalformedRequestsGet400WithAMessage) {
  Api api(options());
  auto r = api.start_run("{not json");
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(message(r).find("malformed JSON"), std::string::npos);
  EXPECT_EQ(api.start_run("[1,2]").status, 400);
  EXPECT_EQ(api.start_run("{}").status, 400);  // no scenario
  EXPECT_EQ(api.start_run(R"({"scenario":"thaw-1953","seed":-1})").status, 400);
  EXPECT_EQ(api.start_run(R"({"scenario":"thaw-1953","seed":"one"})").status, 400);
  EXPECT_EQ(api.start_run(R"({"scenario":"thaw-1953","replicates":0})").status, 400);
  EXPECT_EQ(api.start_run(R"({"scenario":"thaw-1953","replicates":6})").status, 400);
  EXPECT_EQ(api.start_run(R"({"scenario":"thaw-1953","set":[1]})").status, 400);
  EXPECT_EQ(api.start_run(R"({"scenario":"thaw-1953","set":{"run.scale":[1]}})").status, 400);
  EXPECT_EQ(api.start_run(R"({"scenario":"thaw-1953","decisions":{"id":"x"}})").status, 400);
  EXPECT_EQ(api.start_run(R"({"scenario":"thaw-1953","decisions":[{"id":"no-such-decision","enabled":false}]})").status, 400);
  EXPECT_EQ(api.start_play("nope").status, 400);
}

TEST(Api, ParameterErrorsCarryTheBindersMessage) {
  Api api(options());
  auto r = api.start_run(R"({"scenario":"thaw-1953","set":{"run.scale":-5}})");
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(message(r).find("scale"), std::string::npos) << message(r);
  r = api.start_run(R"({"scenario":"thaw-1953","set":{"society.no_such_parameter":1}})");
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(message(r).find("no_such_parameter"), std::string::npos) << message(r);
}

TEST(Api, RunsToTheEndWithIndicatorsEventsAndReport) {
  Api api(options());
  auto r = api.start_run(R"({"scenario":"thaw-1953","seed":3,"replicates":2})");
  ASSERT_EQ(r.status, 202) << r.body;
  const auto id = json::parse(r.body)["id"].get<std::string>();
  auto j = wait_for(api, id);
  ASSERT_EQ(j["status"], "done") << j.dump();
  const auto& ind = j["indicators"];
  ASSERT_FALSE(ind["labels"].empty());
  EXPECT_EQ(ind["labels"][0], "1953-03");
  ASSERT_TRUE(ind["columns"].contains("society.legitimacy"));
  EXPECT_EQ(ind["columns"]["society.legitimacy"].size(), ind["labels"].size());
  // Two replicates: a 5-95% band, ordered, and wide somewhere (the seeds differ).
  ASSERT_TRUE(ind.contains("low"));
  const auto& low = ind["low"]["society.legitimacy"];
  const auto& high = ind["high"]["society.legitimacy"];
  const auto& median = ind["median"]["society.legitimacy"];
  ASSERT_EQ(low.size(), ind["labels"].size());
  ASSERT_EQ(median.size(), ind["labels"].size());
  bool wide = false;
  for (size_t i = 0; i < low.size(); ++i) {
    if (low[i].is_null()) continue;
    EXPECT_LE(low[i].get<double>(), median[i].get<double>());
    EXPECT_LE(median[i].get<double>(), high[i].get<double>());
    wide |= high[i].get<double>() > low[i].get<double>();
  }
  EXPECT_TRUE(wide);
  // The events are of one of the runs, and the answer says which: the first replicate's seed.
  ASSERT_TRUE(j["events_seed"].is_string());
  EXPECT_EQ(j["events_seed"].get<std::string>(), std::to_string(app::replicate_seeds(3, 2)[0]));
  EXPECT_TRUE(j["events"].is_array());
  auto report = api.run_report(id);
  EXPECT_EQ(report.status, 200);
  EXPECT_NE(report.body.find("<svg"), std::string::npos);
}

TEST(Api, TooManyConcurrentRunsGet429AndTheServerCarriesOn) {
  Api api(options(1));
  // A finer scale so that the first run is still going when the second arrives.
  auto first = api.start_run(R"({"scenario":"thaw-1953","set":{"run.scale":5000}})");
  ASSERT_EQ(first.status, 202) << first.body;
  auto second = api.start_run(R"({"scenario":"thaw-1953"})");
  EXPECT_EQ(second.status, 429);
  EXPECT_NE(message(second).find("too many"), std::string::npos);
  wait_for(api, json::parse(first.body)["id"]);
  EXPECT_EQ(api.start_run(R"({"scenario":"thaw-1953"})").status, 202);
}

TEST(Api, DisablingADecisionChangesTheRun) {
  Api api(options());
  auto s = json::parse(api.scenario("thaw-1953").body);
  const auto decision = s["decisions"][0]["id"].get<std::string>();
  auto a = api.start_run(R"({"scenario":"thaw-1953","seed":2})");
  auto b = api.start_run(json{{"scenario", "thaw-1953"}, {"seed", 2}, {"decisions", {{{"id", decision}, {"enabled", false}}}}}.dump());
  ASSERT_EQ(a.status, 202);
  ASSERT_EQ(b.status, 202) << b.body;
  auto ja = wait_for(api, json::parse(a.body)["id"]);
  auto jb = wait_for(api, json::parse(b.body)["id"]);
  // The decision's own event is in the one run and not in the other.
  auto has = [&](const json& run) {
    for (const auto& e : run["events"])
      if (e["code"].get<std::string>().starts_with("decision.") && e["text"].is_string() && e["code"] != "decision.not_taken")
        return true;
    return false;
  };
  EXPECT_TRUE(has(ja));
  EXPECT_NE(ja["events"].size(), jb["events"].size());
}

// Issue 17: a report of an altered run was headed with the baseline's own description alone.
TEST(Api, AnAlteredRunsReportAndStatusSayWhatWasChanged) {
  Api api(options());
  auto base = api.start_run(R"({"scenario":"thaw-1953","seed":3})");
  auto alt = api.start_run(R"({"scenario":"thaw-1953","seed":3,"decisions":[{"id":"secret-speech","enabled":false}],
                              "set":{"society.legitimacy_spread":0.2}})");
  ASSERT_EQ(base.status, 202) << base.body;
  ASSERT_EQ(alt.status, 202) << alt.body;
  auto jb = wait_for(api, json::parse(base.body)["id"]);
  auto ja = wait_for(api, json::parse(alt.body)["id"]);
  EXPECT_FALSE(jb["changes"]["altered"]);
  EXPECT_TRUE(ja["changes"]["altered"]);
  ASSERT_EQ(ja["changes"]["decisions"].size(), 1u);
  EXPECT_EQ(ja["changes"]["decisions"][0]["id"], "secret-speech");
  EXPECT_FALSE(ja["changes"]["decisions"][0]["enabled"]);
  ASSERT_EQ(ja["changes"]["params"].size(), 1u) << ja["changes"].dump();
  EXPECT_EQ(ja["changes"]["params"][0]["path"], "society.legitimacy_spread");
  const auto report = api.run_report(ja["id"]).body;
  EXPECT_THAT(report, HasSubstr("an altered run"));
  EXPECT_THAT(report, HasSubstr("Not the scenario as written"));
  EXPECT_THAT(report, HasSubstr("society.legitimacy_spread"));
  EXPECT_THAT(report, HasSubstr("the Secret Speech is read out"));  // the decision's note
  const auto plain = api.run_report(jb["id"]).body;
  EXPECT_THAT(plain, Not(HasSubstr("an altered run")));
  EXPECT_THAT(plain, Not(HasSubstr("Not the scenario as written")));
  EXPECT_THAT(plain, HasSubstr("The scenario as written"));
  // Sources a teacher can cite (issue 17): works by author, title and year, the seeds by their
  // titles, no internal file names, no "Seed 003 says", and a list of the works cited.
  EXPECT_THAT(plain, HasSubstr("William Taubman, <i>Khrushchev: The Man and His Era</i> (2003)"));
  EXPECT_THAT(plain, HasSubstr("Works cited"));
  EXPECT_THAT(plain, HasSubstr("The Khrushchev Thaw: Relaxation of Soviet Repressions"));
  EXPECT_THAT(plain, Not(HasSubstr("seed:0")));
  EXPECT_THAT(plain, Not(HasSubstr("Seed 00")));
  EXPECT_THAT(plain, Not(HasSubstr("you-books.com")));
  EXPECT_THAT(plain, Not(HasSubstr("fanyv88.com")));
  EXPECT_THAT(plain, Not(HasSubstr("[REP-")));
  // Every chart of the report is drawn: each names indicators the Thaw reports (the camps and
  // the world were missing after their indicators were renamed).
  for (const char* chart : {"The camps (people)", "Special settlers (people)", "The world (0-1)", "Released from the camps"})
    EXPECT_THAT(plain, HasSubstr(chart));
  // The record's figures come with the run, for the charts.
  ASSERT_FALSE(jb["marks"].empty());
  EXPECT_TRUE(jb["marks"][0].contains("indicator"));
  EXPECT_TRUE(jb["has_report"]);
}

TEST(Api, APlayDebriefListsEveryChoiceMade) {
  Api api(options());
  auto p = json::parse(api.start_play(R"({"scenario":"thaw-1953","seed":4})").body);
  const auto id = p["id"].get<std::string>();
  std::vector<std::string> picked;
  int guard = 0;
  while (p["status"] == "choice" && guard++ < 50) {
    // History's option for all but the first choice, which takes the other.
    int pick = 0;
    for (const auto& o : p["choice"]["options"])
      if (o["history"] == !picked.empty()) pick = o["index"];
    picked.push_back(p["choice"]["options"][pick]["label"]);
    p = json::parse(api.choose(id, json{{"option", pick}}.dump()).body);
  }
  ASSERT_EQ(p["status"], "done");
  ASSERT_GE(picked.size(), 2u);
  EXPECT_TRUE(p["changes"]["altered"]);
  EXPECT_EQ(p["changes"]["choices"].size(), picked.size());
  EXPECT_TRUE(p["changes"]["decisions"].empty()) << "a choice is listed as a choice, not as a changed decision";
  const auto report = api.play_report(id).body;
  EXPECT_THAT(report, HasSubstr("a game with the player's choices"));
  for (const auto& label : picked) EXPECT_THAT(report, HasSubstr(label.substr(0, 20)));
  EXPECT_THAT(report, HasSubstr("not as in history"));
  // A printable debrief for a class: each decision point's questions, and the system's words.
  EXPECT_THAT(report, HasSubstr("Questions for discussion"));
  EXPECT_THAT(report, HasSubstr("left the political prisoners in the camps"));  // the amnesty's question
  EXPECT_THAT(report, HasSubstr("<h2 id=\"glossary\">Glossary</h2>"));
  EXPECT_THAT(report, HasSubstr("<dt>sovnarkhoz (regional economic council)</dt>"));
  EXPECT_THAT(report, HasSubstr("@media print"));
}

// Issue 17: with thaw serve --set run.scale=..., every Epstein scenario failed ("run.scale:
// unknown key"); the server's settings apply to the models that have them.
TEST(Api, TheServersScaleSettingLeavesAClassicModelRunnable) {
  Api api(options());
  auto r = api.start_run(R"({"scenario":"epstein-mesa"})");
  ASSERT_EQ(r.status, 202) << r.body;
  auto j = wait_for(api, json::parse(r.body)["id"]);
  EXPECT_EQ(j["status"], "done") << j.dump().substr(0, 300);
  EXPECT_FALSE(j["has_report"]);
  EXPECT_FALSE(j["changes"]["altered"]);
}

TEST(Api, TheBibliographyListsScholarlyWorksFirstAndTheRecordCitesThem) {
  Api api(options());
  const auto bib = json::parse(api.bibliography().body);
  ASSERT_GE(bib.size(), 10u);
  EXPECT_EQ(bib[0]["kind"], "book");
  EXPECT_EQ(bib.back()["kind"], "seed");
  for (const auto& w : bib) {
    EXPECT_FALSE(w["title"].get<std::string>().empty());
    EXPECT_GT(w["cited_by"].get<int>(), 0) << w["title"] << ": a work no entry cites";
    EXPECT_THAT(w.dump(), Not(HasSubstr("seed:0")));
  }
  // Most record entries cite a scholarly work; the play cards and decisions name works, not ids.
  auto r = api.start_run(R"({"scenario":"thaw-1953"})");
  auto j = wait_for(api, json::parse(r.body)["id"]);
  int with_work = 0;
  for (const auto& e : j["record"])
    for (const auto& c : e["cites"]) with_work += c["kind"] != "seed" ? 1 : 0;
  EXPECT_GT(with_work, 130);
  auto play = json::parse(api.start_play(R"({"scenario":"thaw-1953"})").body);
  EXPECT_THAT(play["choice"]["source"].get<std::string>(), HasSubstr("Dobson 2009"));
  auto s = json::parse(api.scenario("thaw-1953").body);
  for (const auto& d : s["decisions"]) EXPECT_THAT(d["source"].get<std::string>(), Not(::testing::ContainsRegex("[A-Z]{3}-[0-9]")));
}

TEST(Api, PlayingHistorysOptionsReproducesTheBaseline) {
  Api api(options());
  auto start = api.start_play(R"({"scenario":"thaw-1953","seed":4})");
  ASSERT_EQ(start.status, 200) << start.body;
  auto p = json::parse(start.body);
  const auto id = p["id"].get<std::string>();
  ASSERT_EQ(p["status"], "choice") << "the baseline should have at least one decision point";
  EXPECT_EQ(api.choose(id, "{").status, 400);
  EXPECT_EQ(api.choose(id, R"({"option":99})").status, 400);
  EXPECT_EQ(api.play_report(id).status, 409);
  int guard = 0;
  while (p["status"] == "choice" && guard++ < 50) {
    int history = 0;
    for (const auto& o : p["choice"]["options"])
      if (o["history"]) history = o["index"];
    auto r = api.choose(id, json{{"option", history}}.dump());
    ASSERT_EQ(r.status, 200) << r.body;
    p = json::parse(r.body);
  }
  ASSERT_EQ(p["status"], "done");
  EXPECT_EQ(api.choose(id, R"({"option":0})").status, 409);
  EXPECT_EQ(api.play_report(id).status, 200);

  auto run = api.start_run(R"({"scenario":"thaw-1953","seed":4})");
  auto j = wait_for(api, json::parse(run.body)["id"]);
  EXPECT_EQ(j["indicators"]["columns"], p["indicators"]["columns"]);
  EXPECT_EQ(j["events"], p["events"]);
}

TEST(Api, BytesThatAreNotUtf8Get400Or404NeverAnException) {
  Api api(options());
  for (const std::string id : {"\xff", "r1\xc3", "\xed\xa0\x80"}) {
    for (const auto& r : {api.run_status(id), api.run_report(id), api.play_status(id), api.play_report(id),
                          api.cancel_run(id), api.scenario(id)}) {
      EXPECT_EQ(r.status, 404);
      EXPECT_TRUE(json::accept(r.body)) << r.body;
    }
  }
  for (const std::string body : {"{\"scenario\":\"\xff\"}", "{\"scenario\":\"thaw-1953\",\"set\":{\"\xff\":1}}",
                                 "{\"scenario\":\"thaw-1953\",\"set\":{\"run.scale\":\"\xff\"}}", "\xff"}) {
    const auto r = api.start_run(body);
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_TRUE(json::accept(r.body)) << r.body;
  }
}

TEST(Api, ARequestAskingForMoreThanTheCeilingsIsRefusedBeforeItRuns) {
  auto o = options();
  o.min_scale = 10000;
  o.max_steps = 200;
  Api api(o);
  auto r = api.start_run(R"({"scenario":"thaw-1953","set":{"run.scale":1}})");
  EXPECT_EQ(r.status, 400);
  EXPECT_THAT(message(r), ::testing::HasSubstr("run.scale: at least 10000 people per agent on this server, got 1"));
  r = api.start_run(R"({"scenario":"thaw-1953","set":{"run.end":"1980-12"}})");
  EXPECT_EQ(r.status, 400);
  EXPECT_THAT(message(r), ::testing::HasSubstr("the run would take 334 steps; at most 200"));
  r = api.start_play(R"({"scenario":"thaw-1953","set":{"run.scale":1}})");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(api.start_run(R"({"scenario":"thaw-1953","replicates":6})").status, 400);
}

TEST(Api, AGridLargerThanTheCeilingIsRefusedBeforeItRuns) {
  auto o = options();
  o.max_grid_cells = 10000;
  o.defaults = {};  // run.scale is not a key of the Epstein model
  Api api(o);
  auto r = api.start_run(R"({"scenario":"epstein-mesa","set":{"grid.width":1000,"grid.height":1000}})");
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_THAT(message(r), ::testing::HasSubstr("grid.width x grid.height: at most 10000 cells on this server, got 1000 x 1000"));
  EXPECT_EQ(api.start_run(R"({"scenario":"epstein-mesa","set":{"grid.width":100,"grid.height":100}})").status, 202);
}

TEST(Api, ARunCanBeCancelled) {
  auto o = options(1);
  o.defaults = {"run.scale=2000"};  // long enough to be running when the DELETE comes
  Api api(o);
  auto r = api.start_run(R"({"scenario":"thaw-1953","replicates":5})");
  ASSERT_EQ(r.status, 202) << r.body;
  const auto id = json::parse(r.body)["id"].get<std::string>();
  EXPECT_EQ(api.cancel_run(id).status, 202);
  const auto j = wait_for(api, id);
  EXPECT_EQ(j["status"], "cancelled");
  EXPECT_EQ(api.cancel_run(id).status, 409);
  EXPECT_EQ(api.cancel_run("r999").status, 404);
  // Its worker is free again.
  EXPECT_EQ(api.start_run(R"({"scenario":"thaw-1953"})").status, 202);
}

TEST(Api, IdlePlaySessionsExpireAndFreeTheirPlace) {
  auto now = std::chrono::steady_clock::time_point{};
  auto o = options();
  o.max_sessions = 2;
  o.session_idle = std::chrono::minutes(30);
  o.now = [&] { return now; };
  Api api(o);
  const auto a = api.start_play(R"({"scenario":"thaw-1953"})");
  const auto b = api.start_play(R"({"scenario":"thaw-1953"})");
  ASSERT_EQ(a.status, 200);
  ASSERT_EQ(b.status, 200);
  EXPECT_EQ(api.start_play(R"({"scenario":"thaw-1953"})").status, 429);  // neither is idle yet
  now += std::chrono::minutes(20);
  const auto b_id = json::parse(b.body)["id"].get<std::string>();
  EXPECT_EQ(api.play_status(b_id).status, 200);  // b was touched, a was not
  now += std::chrono::minutes(20);
  EXPECT_EQ(api.start_play(R"({"scenario":"thaw-1953"})").status, 200);
  EXPECT_EQ(api.play_status(json::parse(a.body)["id"]).status, 404);
  EXPECT_EQ(api.play_status(b_id).status, 200);
}

TEST(Api, AnswersNameNoAbsolutePaths) {
  const auto dir = std::filesystem::absolute(std::filesystem::temp_directory_path() / ("thaw-api-paths-" + std::to_string(::getpid())));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "broken.toml") << "[scenario]\nmodel = \"epstein\"\nsteps_typo = 1\n";
  auto o = options();
  o.scenario_dir = dir;
  Api api(o);
  for (const auto& r : {api.start_run(R"({"scenario":"broken"})"), api.start_play(R"({"scenario":"broken"})"),
                        api.scenario("broken")}) {
    EXPECT_EQ(r.status, 400);
    EXPECT_THAT(message(r), ::testing::Not(::testing::HasSubstr(dir.string()))) << message(r);
    EXPECT_THAT(message(r), ::testing::HasSubstr("scenarios/broken.toml:3:1: scenario.steps_typo: unknown key")) << message(r);
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace thaw::server
