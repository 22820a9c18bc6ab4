// thaw run and thaw params as a user meets them: the binary, its exit status and its words.
// Runs are coarse (run.scale=50000) to keep these quick; nothing here depends on the scale.
#include "cli/process.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <regex>
#include <thread>

namespace thaw::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
namespace fs = std::filesystem;

const std::string kCoarse = "run.scale=50000";

fs::path scratch(const std::string& name) {
  auto dir = fs::temp_directory_path() / ("thaw-cli-" + name + "-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string read(const fs::path& p) {
  std::ifstream f(p);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

nlohmann::json run_json(const fs::path& folder) { return nlohmann::json::parse(read(folder / "run.json")); }

TEST(Cli, OutOfRangeSeedsAreRejectedAsInAFile) {
  for (const std::string seed : {"-1", "18446744073709551616", "9223372036854775808", "12abc", ""}) {
    const auto r = run_thaw({"run", "--seed", seed, "--set", kCoarse, "--out", (scratch("seed") / "x").string()});
    EXPECT_EQ(r.status, 2) << seed << "\n" << r.output;
    EXPECT_THAT(r.output, HasSubstr("--seed: must be an integer from 0 to 9223372036854775807")) << seed;
  }
}

TEST(Cli, ADecisionDatedOutsideTheRunIsAnError) {
  const auto r = run_thaw({"run", "--set", "decision[secret-speech].date=1999-01", "--set", kCoarse, "--out",
                           (scratch("date") / "x").string()});
  EXPECT_EQ(r.status, 2) << r.output;
  EXPECT_THAT(r.output, HasSubstr("--set decision[secret-speech].date"));
  EXPECT_THAT(r.output, HasSubstr("decision 'secret-speech' is dated 1999-01, outside the run (1953-03 to 1964-10)"));
}

TEST(Cli, ACounterfactualThatMovesADecisionOutOfTheRunIsAnErrorButAShortenedRunIsNot) {
  const auto dir = scratch("moved");
  std::ofstream(dir / "late.toml") << "[scenario]\nmodel = \"thaw\"\nbase = \"" << THAW_SOURCE_DIR
                                   << "/scenarios/thaw-1953.toml\"\n[[decision]]\nid = \"secret-speech\"\ndate = \"1999-01\"\n";
  const auto moved = run_thaw({"run", (dir / "late.toml").string(), "--set", kCoarse, "--out", (dir / "x").string()});
  EXPECT_EQ(moved.status, 2) << moved.output;
  EXPECT_THAT(moved.output, HasSubstr("late.toml:6:8: decision["));
  EXPECT_THAT(moved.output, HasSubstr("decision 'secret-speech' is dated 1999-01, outside the run"));
  // Ending the run early leaves the later decisions out, as asked.
  const auto shortened = run_thaw({"run", "--set", "run.end=1956-06", "--set", kCoarse, "--quiet", "--out", (dir / "y").string()});
  EXPECT_EQ(shortened.status, 0) << shortened.output;
}

TEST(Cli, AnAbsurdlyLongRunIsAnError) {
  const auto r = run_thaw({"run", "--set", "run.end=9999-12", "--set", kCoarse, "--out", (scratch("long") / "x").string()});
  EXPECT_EQ(r.status, 2) << r.output;
  EXPECT_THAT(r.output, HasSubstr("--set run.end: run.end: the run would take 96562 months; at most 1200"));
}

TEST(Cli, ABaseThatIsAFolderAndAnEndlessFileAreErrors) {
  const auto dir = scratch("base");
  std::ofstream(dir / "x.toml") << "[scenario]\nmodel = \"thaw\"\nbase = \".\"\n";
  const auto r = run_thaw({"run", (dir / "x.toml").string()});
  EXPECT_EQ(r.status, 2) << r.output;
  EXPECT_THAT(r.output, HasSubstr("scenario.base: \".\" is a folder"));
  const auto zero = run_thaw({"run", "/dev/zero"});
  EXPECT_EQ(zero.status, 2) << zero.output;
  EXPECT_THAT(zero.output, HasSubstr("larger than 16 MB"));
}

TEST(Cli, TextAfterASetValueIsAnError) {
  for (const std::string set : {"run.scale=5000 # x", "run.scale=5000\n[run]\nscale = 1"}) {
    const auto r = run_thaw({"run", "--set", set, "--out", (scratch("set") / "x").string()});
    EXPECT_EQ(r.status, 2) << set << "\n" << r.output;
    EXPECT_THAT(r.output, HasSubstr("--set run.scale")) << set;
  }
}

TEST(Cli, RunJsonSaysTheThreadsTheRunHad) {
  const auto out = scratch("threads") / "x";
  const auto r = run_thaw({"run", "--threads", "1024", "--quiet", "--set", kCoarse, "--out", out.string()});
  ASSERT_EQ(r.status, 0) << r.output;
  const int cores = std::max(1, int(std::thread::hardware_concurrency()));
  EXPECT_EQ(run_json(out)["threads"], std::min(1024, cores));
}

// The folder a run writes reruns to the same checksum from its own scenario.toml alone.
void expect_reruns(const std::vector<std::string>& first_args, const std::string& name) {
  const auto dir = scratch("rerun-" + name);
  auto args = first_args;
  for (const std::string a : std::vector<std::string>{"--quiet", "--out", (dir / "first").string()}) args.push_back(a);
  const auto first = run_thaw(args);
  ASSERT_EQ(first.status, 0) << first.output;
  // From elsewhere, so that nothing resolves relative to the scenarios folder.
  const auto second = run_thaw({"run", (dir / "first" / "scenario.toml").string(), "--quiet", "--out", (dir / "second").string()}, dir);
  ASSERT_EQ(second.status, 0) << second.output;
  EXPECT_EQ(run_json(dir / "first")["checksum"], run_json(dir / "second")["checksum"]) << name;
  EXPECT_EQ(run_json(dir / "first")["seed"], run_json(dir / "second")["seed"]) << name;
}

TEST(Cli, TheScenarioARunWritesRerunsToTheSameChecksum) {
  expect_reruns({"run", "thaw-1953", "--seed", "7", "--set", kCoarse}, "baseline");
  expect_reruns({"run", "counterfactual/no-secret-speech", "--set", kCoarse}, "counterfactual");
  expect_reruns({"run", "epstein-mesa", "--seed", "3", "--set", "run.steps=30"}, "epstein");
}

TEST(Cli, WhatParamsPrintsPastesBackToTheSameRun) {
  const auto listing = run_thaw({"params", "thaw-1953", "--markdown"});
  ASSERT_EQ(listing.status, 0) << listing.output;
  // Every schedule, set to the value printed for it, must leave the run as it was.
  std::vector<std::string> args = {"run", "--quiet", "--set", kCoarse};
  const std::regex row(R"(^\| `([^`]+)` \| schedule \| `([^`]+)` \|)");
  std::istringstream lines(listing.output);
  int schedules = 0;
  for (std::string line; std::getline(lines, line);) {
    std::smatch m;
    if (!std::regex_search(line, m, row) || m[1].str().find("[]") != std::string::npos) continue;
    args.push_back("--set");
    args.push_back(m[1].str() + "=" + m[2].str());
    ++schedules;
  }
  ASSERT_GT(schedules, 0);
  const auto dir = scratch("paste");
  const auto plain = run_thaw({"run", "--quiet", "--set", kCoarse, "--out", (dir / "plain").string()});
  ASSERT_EQ(plain.status, 0) << plain.output;
  args.push_back("--out");
  args.push_back((dir / "pasted").string());
  const auto pasted = run_thaw(args);
  ASSERT_EQ(pasted.status, 0) << pasted.output;
  EXPECT_EQ(run_json(dir / "plain")["checksum"], run_json(dir / "pasted")["checksum"]);
}

TEST(Cli, TheDefaultFolderNamesTheOverridesSoABaselineIsNotOverwritten) {
  const auto dir = scratch("default-folder");
  const auto plain = run_thaw({"run", "--quiet", "--set", kCoarse}, dir);
  ASSERT_EQ(plain.status, 0) << plain.output;
  const auto changed = run_thaw({"run", "--quiet", "--set", kCoarse, "--set", "decision[secret-speech].enabled=false"}, dir);
  ASSERT_EQ(changed.status, 0) << changed.output;
  std::vector<fs::path> folders;
  for (const auto& e : fs::directory_iterator(dir / "runs" / "thaw-1953")) folders.push_back(e.path());
  ASSERT_EQ(folders.size(), 2u);
  EXPECT_NE(run_json(folders[0])["checksum"], run_json(folders[1])["checksum"]);
  for (const auto& f : folders)
    if (run_json(f)["overrides"].size() == 2) EXPECT_THAT(f.filename().string(), HasSubstr("-set-"));
}

TEST(Cli, AnEarlierRunIsReplacedWholeAndAFolderOfOtherFilesIsRefused) {
  const auto dir = scratch("replace");
  const auto out = dir / "x";
  ASSERT_EQ(run_thaw({"run", "--quiet", "--set", kCoarse, "--out", out.string()}).status, 0);
  std::ofstream(out / "left-over.csv") << "from an earlier run\n";
  ASSERT_EQ(run_thaw({"run", "--quiet", "--set", kCoarse, "--seed", "5", "--out", out.string()}).status, 0);
  EXPECT_FALSE(fs::exists(out / "left-over.csv"));
  EXPECT_EQ(run_json(out)["seed"], 5);
  std::vector<std::string> siblings;
  for (const auto& e : fs::directory_iterator(dir)) siblings.push_back(e.path().filename().string());
  EXPECT_THAT(siblings, ::testing::ElementsAre("x"));

  const auto mine = dir / "mine";
  fs::create_directories(mine);
  std::ofstream(mine / "thesis.tex") << "precious\n";
  const auto r = run_thaw({"run", "--quiet", "--set", kCoarse, "--out", mine.string()});
  EXPECT_EQ(r.status, 1) << r.output;
  EXPECT_THAT(r.output, HasSubstr("holds files that are not a thaw run"));
  EXPECT_EQ(read(mine / "thesis.tex"), "precious\n");
}

}  // namespace
}  // namespace thaw::testing
