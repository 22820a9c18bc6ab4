// thaw serve as a process on a free port, asked over HTTP what a careless or hostile client would
// ask. Limits here are hang guards only: nothing asserts how long anything takes.
#include "cli/process.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <thread>

namespace thaw::testing {
namespace {

using ::testing::HasSubstr;
using json = nlohmann::json;

// A server of its own for each test, API only, coarse runs.
struct Server {
  int port = free_port();
  Child child;
  explicit Server(std::vector<std::string> extra = {})
      : child([&] {
          std::vector<std::string> args = {"serve", "--port", std::to_string(port), "--static", "/nonexistent",
                                           "--set", "run.scale=50000"};
          args.insert(args.end(), extra.begin(), extra.end());
          return args;
        }()) {}
  // Waits until it answers (a hang guard of a minute), false if it never does.
  bool up() {
    for (int i = 0; i < 3000 && child.running(); ++i) {
      if (client().Get("/api/scenarios")) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
  }
  httplib::Client client() const {
    httplib::Client c("127.0.0.1", port);
    c.set_read_timeout(120, 0);
    return c;
  }
};

TEST(Http, InvalidUtf8InAPathIsA404AndTheServerStaysUp) {
  Server s;
  ASSERT_TRUE(s.up()) << s.child.output();
  for (const std::string path : {"/%ff", "/api/runs/%ff", "/api/play/%c3", "/api/scenarios/%ed%a0%80", "/api/runs/%ff/report"}) {
    auto r = s.client().Get(path);
    ASSERT_TRUE(r) << path << "\n" << s.child.output();
    EXPECT_EQ(r->status, 404) << path;
    EXPECT_TRUE(json::accept(r->body)) << r->body;
  }
  auto r = s.client().Post("/api/runs", "{\"scenario\":\"\xff\"}", "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_TRUE(s.client().Get("/api/scenarios"));
  EXPECT_TRUE(s.child.running());
}

TEST(Http, CrossSiteAndRebindingRequestsAndNonJsonPostsAreRefused) {
  Server s;
  ASSERT_TRUE(s.up()) << s.child.output();
  const std::string body = R"({"scenario":"thaw-1953"})";
  auto plain = s.client().Post("/api/runs", body, "text/plain");
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->status, 415);
  auto c = s.client();
  auto cross = c.Post("/api/runs", {{"Origin", "http://evil.example"}}, body, "application/json");
  ASSERT_TRUE(cross);
  EXPECT_EQ(cross->status, 403);
  auto rebound = c.Get("/api/scenarios", {{"Host", "evil.example:" + std::to_string(s.port)}});
  ASSERT_TRUE(rebound);
  EXPECT_EQ(rebound->status, 403);
  auto own = c.Post("/api/runs", {{"Origin", "http://127.0.0.1:" + std::to_string(s.port)}}, body, "application/json");
  ASSERT_TRUE(own);
  EXPECT_EQ(own->status, 202) << own->body;
}

TEST(Http, ARunCanBeCancelledWithDelete) {
  Server s({"--set", "run.scale=2000"});
  ASSERT_TRUE(s.up()) << s.child.output();
  auto c = s.client();
  auto r = c.Post("/api/runs", R"({"scenario":"thaw-1953","replicates":10})", "application/json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 202) << r->body;
  const auto id = json::parse(r->body)["id"].get<std::string>();
  auto d = c.Delete("/api/runs/" + id);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->status, 202) << d->body;
  std::string status;
  for (int i = 0; i < 6000 && status != "cancelled"; ++i) {
    status = json::parse(c.Get("/api/runs/" + id)->body)["status"];
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(status, "cancelled");
}

TEST(Http, SigtermStopsTheServerWithARunInFlight) {
  // Finer runs than the ceiling allows by default, so that the run is far from done when the
  // signal comes; the hang guard (30 s) is well below the run's length.
  Server s({"--min-scale", "10", "--set", "run.scale=20"});
  ASSERT_TRUE(s.up()) << s.child.output();
  auto c = s.client();
  auto r = c.Post("/api/runs", R"({"scenario":"thaw-1953","replicates":20})", "application/json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 202) << r->body;
  const auto id = json::parse(r->body)["id"].get<std::string>();
  for (int i = 0; i < 3000; ++i) {
    if (json::parse(c.Get("/api/runs/" + id)->body)["status"] == "running") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  s.child.signal(SIGTERM);
  const auto finished = s.child.wait(std::chrono::seconds(30));
  EXPECT_EQ(finished.status, 0) << finished.output;
}

TEST(Http, ASecondServerOnAPortInUseFailsWithAClearError) {
  Server first;
  ASSERT_TRUE(first.up()) << first.child.output();
  const auto second = run_thaw({"serve", "--port", std::to_string(first.port), "--static", "/nonexistent"});
  EXPECT_EQ(second.status, 1) << second.output;
  EXPECT_THAT(second.output, HasSubstr("cannot listen on 127.0.0.1:" + std::to_string(first.port)));
  EXPECT_THAT(second.output, HasSubstr("in use"));
}

TEST(Http, ListeningBeyondThisMachineNeedsAToken) {
  const auto refused = run_thaw({"serve", "--host", "0.0.0.0", "--port", std::to_string(free_port())});
  EXPECT_EQ(refused.status, 2) << refused.output;
  EXPECT_THAT(refused.output, HasSubstr("--token"));

  Server s({"--host", "0.0.0.0", "--token", "s3cret"});
  ASSERT_TRUE(s.child.running());
  auto c = s.client();
  std::optional<httplib::Result> r;
  for (int i = 0; i < 3000 && s.child.running(); ++i) {
    auto got = c.Get("/api/scenarios");
    if (got) {
      r.emplace(std::move(got));
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_TRUE(r.has_value()) << s.child.output();
  EXPECT_EQ((*r)->status, 401);
  auto ok = c.Get("/api/scenarios", {{"Authorization", "Bearer s3cret"}});
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
  auto visit = c.Get("/?token=s3cret");
  ASSERT_TRUE(visit);
  EXPECT_EQ(visit->status, 302);
  EXPECT_THAT(visit->get_header_value("Set-Cookie"), HasSubstr("thaw_token=s3cret"));
}

// /proc/<pid>/status: the threads and resident memory (kB) of the server.
std::pair<int, long> threads_and_memory(pid_t pid) {
  std::ifstream f("/proc/" + std::to_string(pid) + "/status");
  int threads = 0;
  long rss = 0;
  for (std::string line; std::getline(f, line);) {
    if (line.starts_with("Threads:")) threads = std::stoi(line.substr(8));
    if (line.starts_with("VmRSS:")) rss = std::stol(line.substr(6));
  }
  return {threads, rss};
}

// Under AddressSanitizer every run is several times slower and its allocator keeps quarantined
// memory, so the sanitizer build soaks a quarter as long: enough to see threads or memory creep.
#if defined(__SANITIZE_ADDRESS__)
constexpr int kSoakRuns = 250, kSoakGames = 50;
#else
constexpr int kSoakRuns = 1000, kSoakGames = 200;
#endif

TEST(Http, SoakAThousandRunsAndTwoHundredGamesLeaveThreadsAndMemoryFlat) {
  // No spin-up: the soak is about the server's lifecycle, and the spin-up doubles a short run's cost.
  Server s({"--set", "run.scale=1000000", "--set", "society.spinup_months=0", "--set", "society.spinup_min_months=0"});
  ASSERT_TRUE(s.up()) << s.child.output();
  auto c = s.client();
  // A run: retried while the pool is full (429), then followed to its end.
  auto one_run = [&](int seed) {
    for (int attempt = 0; attempt < 100000; ++attempt) {
      auto r = c.Post("/api/runs", json{{"scenario", "thaw-1953"}, {"seed", seed}, {"set", {{"run.end", "1953-06"}}}}.dump(),
                      "application/json");
      ASSERT_TRUE(r);
      if (r->status == 429) {
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
        continue;
      }
      ASSERT_EQ(r->status, 202) << r->body;
      const auto id = json::parse(r->body)["id"].get<std::string>();
      for (int i = 0; i < 100000; ++i) {
        const auto status = json::parse(c.Get("/api/runs/" + id)->body)["status"];
        if (status == "done") return;
        ASSERT_NE(status, "failed");
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
      }
      FAIL() << "run " << id << " never finished";
    }
  };
  // A game: started, then the first option taken at every choice to its end.
  auto one_game = [&](int seed) {
    // Three years: past the first choices, a fifth of a whole game's cost.
    auto r = c.Post("/api/play", json{{"scenario", "thaw-1953"}, {"seed", seed}, {"set", {{"run.end", "1956-06"}}}}.dump(),
                    "application/json");
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200) << r->body;
    auto p = json::parse(r->body);
    const auto id = p["id"].get<std::string>();
    for (int guard = 0; p["status"] == "choice" && guard < 50; ++guard) {
      auto next = c.Post("/api/play/" + id + "/choose", R"({"option":0})", "application/json");
      ASSERT_TRUE(next);
      ASSERT_EQ(next->status, 200) << next->body;
      p = json::parse(next->body);
    }
    ASSERT_EQ(p["status"], "done");
  };
  // The warm-up fills what the server keeps (32 runs, 16 sessions) before memory is first read.
  const int warm_runs = std::max(40, kSoakRuns / 10), warm_games = 20;
  for (int i = 0; i < warm_runs; ++i) ASSERT_NO_FATAL_FAILURE(one_run(i));
  for (int i = 0; i < warm_games; ++i) ASSERT_NO_FATAL_FAILURE(one_game(i));
  const auto [threads_before, memory_before] = threads_and_memory(s.child.pid());
  for (int i = warm_runs; i < kSoakRuns; ++i) ASSERT_NO_FATAL_FAILURE(one_run(i));
  for (int i = warm_games; i < kSoakGames; ++i) ASSERT_NO_FATAL_FAILURE(one_game(i));
  const auto [threads_after, memory_after] = threads_and_memory(s.child.pid());
  EXPECT_EQ(threads_after, threads_before);
  // Flat: what is kept (32 runs, 16 sessions) was kept already; allocator slack is not growth.
  EXPECT_LT(memory_after, memory_before * 3 / 2 + 16 * 1024) << memory_before << " kB before, " << memory_after << " kB after";
  EXPECT_TRUE(s.child.running());
}

}  // namespace
}  // namespace thaw::testing
