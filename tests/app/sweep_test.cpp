// Sweeps: the spec's errors, the design, determinism across threads, resuming, the database.
#include "app/ensemble.hpp"
#include "app/sqlite_store.hpp"
#include "app/sweep.hpp"
#include "app/sweep_store.hpp"
#include "engine/rng.hpp"
#include "io/scenario_file.hpp"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace thaw::app {
namespace {

namespace fs = std::filesystem;

const fs::path kTiny = fs::path(THAW_SOURCE_DIR) / "tests/app/data/tiny-sweep.toml";

fs::path scratch(const std::string& name) {
  const auto dir = fs::temp_directory_path() / fmt::format("thaw-sweep-test-{}", ::getpid());
  fs::create_directories(dir);
  const auto p = dir / name;
  fs::remove_all(p);
  for (const char* suffix : {"-wal", "-shm"}) fs::remove(fs::path(p.string() + suffix));
  return p;
}

std::string slurp(const fs::path& p) {
  std::ifstream f(p);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

std::string problems_of(std::string_view text) {
  try {
    parse_sweep_spec(text, "s.toml");
  } catch (const io::ScenarioError& e) {
    std::string all;
    for (const auto& p : e.problems()) all += p + "\n";
    return all;
  }
  return "";
}

TEST(SweepSpec, ErrorsNameTheFileLineAndKey) {
  const auto p = problems_of("[sweep]\nscenario = \"thaw-1953\"\nreplicate = 3\n\n[[parameter]]\nname = \"run.scale\"\n");
  EXPECT_THAT(p, testing::HasSubstr("s.toml:3:1: sweep.replicate: unknown key (did you mean 'replicates'?)"));
  EXPECT_THAT(p, testing::HasSubstr("s.toml:5:1: parameter[0] (run.scale): give values = [...] or both low and high"));
  EXPECT_THAT(problems_of("[sweep]\nscenario = \"x\"\ndesign = \"lhs\"\n"), testing::HasSubstr("s.toml:3:"));
  EXPECT_THAT(problems_of("[sweep]\nscenario = \"x\"\nreplicates = 0\n"), testing::HasSubstr("sweep.replicates"));
  EXPECT_THAT(problems_of("[sweep]\nscenario = \"x\"\n[[outcome]]\nid = \"o\"\nkind = \"event\"\ndate = \"1956-13\"\n"),
              testing::AllOf(testing::HasSubstr("outcome[0].date"), testing::HasSubstr("needs 'event'")));
  EXPECT_THAT(problems_of("[sweep\n"), testing::HasSubstr("s.toml:1:"));
  EXPECT_EQ(problems_of("[sweep]\nscenario = \"x\"\n[[parameter]]\nname = \"a\"\nvalues = [1, 2.5, true, \"w\"]\n"), "");
}

TEST(SweepSpec, ATypoOrAWrongTypeAnywhereInTheSpecIsAnErrorWithFileLineAndKey) {
  const auto p = problems_of(
      "[sweep]\nscenario = \"x\"\nreplicates = \"3\"\n\n[[parameter]]\nname = \"a\"\nvalus = [1, 2]\n\n"
      "[[outcome]]\nid = \"o\"\nkind = \"event\"\nevent = \"society.unrest\"\ndate = \"1956-03\"\nuntill = \"1956-12\"\n"
      "[calibration]\naccept = true\n");
  EXPECT_THAT(p, testing::HasSubstr("s.toml:3:14: sweep.replicates: expected an integer, got a string"));
  EXPECT_THAT(p, testing::HasSubstr("s.toml:7:1: parameter[0].valus: unknown key (did you mean 'values'?)"));
  EXPECT_THAT(p, testing::HasSubstr("s.toml:14:1: outcome[0].untill: unknown key (did you mean 'until'?)"));
  EXPECT_THAT(p, testing::HasSubstr("s.toml:16:10: calibration.accept: expected a number, got a boolean"));
  // A typo in a section's name is caught too.
  EXPECT_THAT(problems_of("[sweep]\nscenario = \"x\"\n[calibraton]\n"),
              testing::HasSubstr("s.toml:3:2: calibraton: unknown key (did you mean 'calibration'?)"));
}

TEST(SweepSpec, TwoOutcomesOfOneIdAreAnError) {
  const std::string outcome = "[[outcome]]\nid = \"o\"\nkind = \"indicator\"\nindicator = \"society.legitimacy\"\ndate = \"1954-01\"\n";
  EXPECT_THAT(problems_of("[sweep]\nscenario = \"x\"\n" + outcome + outcome),
              testing::HasSubstr("s.toml:8:1: outcome[1]: id = \"o\" is already the id of outcome[0] (s.toml:3:1)"));
}

TEST(SweepDesign, GridIsEveryCombinationWithTheFirstParameterSlowest) {
  const auto spec = parse_sweep_spec(
      "[sweep]\nscenario = \"x\"\n[[parameter]]\nname = \"a\"\nlow = 0.3\nhigh = 0.9\nsteps = 3\n"
      "[[parameter]]\nname = \"b\"\nvalues = [true, false]\n[[parameter]]\nname = \"c\"\nlow = 1\nhigh = 100\nsteps = 3\nlog = true\n",
      "s.toml");
  const auto pts = design_points(spec);
  ASSERT_EQ(pts.size(), 18u);
  EXPECT_EQ(pts[0], (std::vector<std::string>{"0.3", "true", "1"}));
  EXPECT_EQ(pts[1], (std::vector<std::string>{"0.3", "true", "10"}));
  EXPECT_EQ(pts[3], (std::vector<std::string>{"0.3", "false", "1"}));
  EXPECT_EQ(pts[6][0], "0.6");
  EXPECT_EQ(pts[17], (std::vector<std::string>{"0.9", "false", "100"}));
}

TEST(SweepDesign, RandomPointsAreInRangeReproducibleAndStableWhenTheDesignGrows) {
  auto spec = parse_sweep_spec(
      "[sweep]\nscenario = \"x\"\ndesign = \"random\"\npoints = 200\nseed = 5\n"
      "[[parameter]]\nname = \"a\"\nlow = 2\nhigh = 3\n[[parameter]]\nname = \"n\"\nlow = 1\nhigh = 10\ninteger = true\n"
      "[[parameter]]\nname = \"k\"\nvalues = [\"x\", \"y\"]\n",
      "s.toml");
  const auto a = design_points(spec);
  ASSERT_EQ(a.size(), 200u);
  double lo = 1e9, hi = -1e9;
  int xs = 0;
  for (const auto& p : a) {
    const double v = std::stod(p[0]);
    lo = std::min(lo, v), hi = std::max(hi, v);
    const int n = std::stoi(p[1]);
    EXPECT_GE(n, 1);
    EXPECT_LE(n, 10);
    EXPECT_EQ(p[1].find('.'), std::string::npos);
    xs += p[2] == "\"x\"";
  }
  EXPECT_GE(lo, 2.0);
  EXPECT_LT(hi, 3.0);
  EXPECT_LT(lo, 2.05);  // 200 uniform draws cover the range
  EXPECT_GT(hi, 2.95);
  EXPECT_GT(xs, 60);
  EXPECT_LT(xs, 140);
  EXPECT_EQ(design_points(spec), a);
  spec.points = 300;
  const auto b = design_points(spec);
  EXPECT_TRUE(std::equal(a.begin(), a.end(), b.begin()));
  spec.seed = 6;
  EXPECT_NE(design_points(spec)[0], a[0]);
}

TEST(SweepStatistics, WilsonIntervalMatchesPublishedValues) {
  // Newcombe (1998), Table I: 81/263 -> 0.2553..0.3662; 0/10 -> 0..0.2775 (z = 1.96).
  auto [l1, h1] = wilson_interval(81, 263);
  EXPECT_NEAR(l1, 0.2553, 5e-4);
  EXPECT_NEAR(h1, 0.3662, 5e-4);
  auto [l2, h2] = wilson_interval(0, 10);
  EXPECT_NEAR(l2, 0.0, 1e-12);
  EXPECT_NEAR(h2, 0.2775, 5e-4);
  auto [l3, h3] = wilson_interval(10, 10);
  EXPECT_NEAR(l3, 0.7225, 5e-4);
  EXPECT_NEAR(h3, 1.0, 1e-12);
}

class SweepRuns : public testing::Test {
 protected:
  static SweepResult run(const fs::path& db, int threads, int64_t stop_after = -1) {
    SweepOptions o;
    o.db = db;
    o.threads = threads;
    o.progress = false;
    o.stop_after = stop_after;
    return run_sweep(load_sweep_spec(kTiny), o);
  }
  static std::string exported(const fs::path& db, const std::string& file) {
    const auto dir = fs::path(db.string() + ".csv");
    export_sweep_csv(db, dir);
    return slurp(dir / file);
  }
};

TEST_F(SweepRuns, ResultsDoNotDependOnTheThreadCount) {
  const auto one = scratch("one.db"), two = scratch("two.db");
  const auto r1 = run(one, 1);
  EXPECT_EQ(r1.total_runs, 18);
  EXPECT_EQ(r1.stored, 18);
  run(two, 2);
  for (const char* f : {"runs.csv", "series.csv", "summary.csv", "bands.csv"}) {
    const auto a = exported(one, f);
    EXPECT_GT(a.size(), 100u) << f;
    EXPECT_EQ(a, exported(two, f)) << f;
  }
}

TEST_F(SweepRuns, AStoppedSweepResumesWithEveryRunExactlyOnce) {
  const auto clean = scratch("clean.db"), resumed = scratch("resumed.db");
  run(clean, 2);
  const auto first = run(resumed, 2, /*stop_after=*/7);
  EXPECT_TRUE(first.stopped);
  {
    sqlite::Db db(resumed, true);
    EXPECT_EQ(db.scalar_i64("SELECT count(*) FROM runs"), 7);
    // Nothing of an unfinished run is left behind: every stored series row belongs to a stored run.
    EXPECT_EQ(db.scalar_i64("SELECT count(*) FROM series WHERE run NOT IN (SELECT run FROM runs)"), 0);
  }
  const auto second = run(resumed, 1);
  EXPECT_EQ(second.already_done, 7);
  EXPECT_EQ(second.stored, 11);
  const auto third = run(resumed, 2);
  EXPECT_EQ(third.stored, 0);
  sqlite::Db db(resumed, true);
  EXPECT_EQ(db.scalar_i64("SELECT count(*) FROM runs"), 18);
  EXPECT_EQ(db.scalar_i64("SELECT count(DISTINCT run) FROM runs"), 18);
  EXPECT_EQ(db.scalar_i64("SELECT count(*) FROM run_outcomes"), 18 * 2);
  EXPECT_EQ(exported(clean, "runs.csv"), exported(resumed, "runs.csv"));
  EXPECT_EQ(exported(clean, "series.csv"), exported(resumed, "series.csv"));
}

TEST_F(SweepRuns, TheDatabaseHoldsTheDesignTheSeedsAndTheDecisionsEffect) {
  const auto path = scratch("design.db");
  run(path, 2);
  sqlite::Db db(path, true);
  EXPECT_EQ(db.scalar_i64("SELECT count(*) FROM points"), 6);
  EXPECT_EQ(db.scalar_i64("SELECT count(*) FROM indicators"), 3);
  EXPECT_EQ(db.scalar_i64("SELECT count(*) FROM months"), 40);  // 1953-03 .. 1956-06
  EXPECT_EQ(db.scalar_i64("SELECT count(*) FROM series"), 18 * 3 * 40);
  // Common random numbers: replicate r has the same seed at every point, and the seeds differ.
  EXPECT_EQ(db.scalar_i64("SELECT count(DISTINCT seed) FROM runs"), 3);
  EXPECT_EQ(db.scalar_i64("SELECT count(DISTINCT seed) FROM runs GROUP BY replicate ORDER BY 1 DESC LIMIT 1"), 1);
  // Points whose only difference is a lever of a decision made after the window give identical runs,
  // and switching the decision off changes nothing before its date either (it is in 1956-03).
  EXPECT_EQ(db.scalar_i64("SELECT count(*) FROM events WHERE code NOT LIKE 'society.camp_strike%'"), 0);
  EXPECT_GT(db.scalar_i64("SELECT count(*) FROM events"), 0);
  auto q = db.prepare(
      "SELECT count(*) FROM series a JOIN runs ra USING(run) JOIN runs rb ON rb.replicate = ra.replicate "
      "JOIN series b ON b.run = rb.run AND b.indicator = a.indicator AND b.step = a.step "
      "JOIN months m ON m.step = a.step WHERE m.date < '1956-03' AND ra.point = 0 AND rb.point = 1 AND a.value <> b.value");
  ASSERT_TRUE(q.step());
  EXPECT_EQ(q.i64(0), 0);
  // After the speech the runs with it and without it part.
  EXPECT_GT(db.scalar_i64(
                "SELECT count(*) FROM series a JOIN runs ra USING(run) JOIN runs rb ON rb.replicate = ra.replicate "
                "JOIN series b ON b.run = rb.run AND b.indicator = a.indicator AND b.step = a.step "
                "JOIN months m ON m.step = a.step WHERE m.date >= '1956-04' AND ra.point = 0 AND rb.point = 1 "
                "AND a.value <> b.value"),
            0);
}

// The problems a sweep of `spec` into `db` reports before it runs, one a line ("" if it ran).
std::string problems_running(const SweepSpec& spec, const fs::path& db) {
  SweepOptions o;
  o.db = db;
  o.progress = false;
  try {
    run_sweep(spec, o);
  } catch (const io::ScenarioError& e) {
    std::string all;
    for (const auto& p : e.problems()) all += p + "\n";
    return all;
  }
  ADD_FAILURE() << "expected the sweep to refuse the spec";
  return "";
}

TEST_F(SweepRuns, AParameterTheScenarioDoesNotHaveIsReportedWithItsLineBeforeAnythingRuns) {
  const auto path = scratch("bad.db");
  auto spec = parse_sweep_spec(
      "[sweep]\nscenario = \"thaw-1953.toml\"\n\n[[parameter]]\nname = \"decision[no-such-decision].party\"\nvalues = [0.5]\n",
      "bad.toml");
  const auto all = problems_running(spec, path);
  EXPECT_THAT(all, testing::HasSubstr("no-such-decision"));
  EXPECT_THAT(all, testing::HasSubstr("bad.toml:4:"));
  EXPECT_FALSE(fs::exists(path));
}

TEST_F(SweepRuns, AnOutcomeTheRunsCannotGiveIsReportedWithItsLineBeforeAnythingRuns) {
  const auto path = scratch("outcomes.db");
  const auto spec = parse_sweep_spec(
      "[sweep]\nscenario = \"thaw-1953.toml\"\nset = [\"run.scale=200000\", \"run.end=\\\"1953-12\\\"\"]\n\n"
      "[[outcome]]\nid = \"typo\"\nkind = \"indicator\"\nindicator = \"society.legitimcy\"\ndate = \"1953-05\"\n\n"
      "[[outcome]]\nid = \"late\"\nkind = \"indicator\"\nindicator = \"society.legitimacy\"\ndate = \"1953-06\"\n"
      "until = \"1954-06\"\n\n"
      "[[outcome]]\nid = \"fits\"\nkind = \"indicator\"\nindicator = \"society.legitimacy\"\ndate = \"1953-12\"\n",
      "outcomes.toml");
  const auto all = problems_running(spec, path);
  EXPECT_THAT(all, testing::HasSubstr("outcomes.toml:5:1: outcome[0] (typo): indicator = \"society.legitimcy\" is not written"));
  EXPECT_THAT(all, testing::HasSubstr("outcomes.toml:11:1: outcome[1] (late): 1953-06 to 1954-06 is outside the run (1953-03 to 1953-12)"));
  EXPECT_THAT(all, testing::Not(testing::HasSubstr("(fits)")));
  EXPECT_FALSE(fs::exists(path));
}

TEST_F(SweepRuns, ASecondSweepOnTheSameDatabaseIsRefusedWhileTheFirstHoldsIt) {
  const auto path = scratch("locked.db");
  SweepStore first(path);
  try {
    SweepStore second(path);
    FAIL() << "expected the lock to refuse a second writer";
  } catch (const std::runtime_error& e) {
    EXPECT_THAT(e.what(), testing::HasSubstr("another thaw sweep is writing this database"));
  }
}

TEST_F(SweepRuns, ADatabaseWithATableDroppedOrAnotherSchemaVersionIsRefused) {
  const auto dropped = scratch("dropped.db"), versioned = scratch("versioned.db");
  run(dropped, 1, /*stop_after=*/2);
  run(versioned, 1, /*stop_after=*/2);
  sqlite::Db(dropped).exec("DROP TABLE series");
  sqlite::Db(versioned).exec("UPDATE meta SET value = '2' WHERE key = 'schema_version'");
  const auto message = [](auto&& f) {
    try {
      f();
    } catch (const std::exception& e) {
      return std::string(e.what());
    }
    return std::string("(no error)");
  };
  EXPECT_THAT(message([&] { run(dropped, 1); }), testing::HasSubstr("table series missing"));
  EXPECT_THAT(message([&] { export_sweep_csv(dropped, fs::path(dropped.string() + ".csv")); }),
              testing::HasSubstr("table series missing"));
  EXPECT_THAT(message([&] { run(versioned, 1); }), testing::HasSubstr("schema_version is 2, this thaw reads and writes version 1"));
  EXPECT_THAT(message([&] { sweep_summary_text(versioned); }), testing::HasSubstr("schema_version is 2"));
}

TEST_F(SweepRuns, ACounterfactualIsLaidOverItsBaseAsForThawRun) {
  const auto path = scratch("counterfactual.db");
  const auto spec = parse_sweep_spec(
      "[sweep]\nscenario = \"counterfactual/no-secret-speech.toml\"\nreplicates = 1\nseed = 3\n"
      "set = [\"run.scale=100000\", \"run.end=\\\"1954-06\\\"\"]\n",
      "cf.toml");
  SweepOptions o;
  o.db = path;
  o.progress = false;
  run_sweep(spec, o);
  const auto scenario = Scenario::load(find_scenario(spec.scenario), spec.sets);
  const uint64_t seed = rng::replicate_seed(spec.seed, 0);
  sqlite::Db db(path, true);
  auto q = db.prepare("SELECT seed, checksum FROM runs WHERE run = 0");
  ASSERT_TRUE(q.step());
  EXPECT_EQ(q.text(0), std::to_string(seed));
  EXPECT_EQ(q.text(1), fmt::format("{:016x}", run_member(scenario, seed)->checksum()));
}

TEST_F(SweepRuns, ADatabaseOfAnotherSweepIsRefused) {
  const auto path = scratch("other.db");
  run(path, 2, /*stop_after=*/1);
  auto spec = load_sweep_spec(kTiny, {"run.scale=90000"});
  SweepOptions o;
  o.db = path;
  o.progress = false;
  EXPECT_THROW(
      {
        try {
          run_sweep(spec, o);
        } catch (const std::runtime_error& e) {
          EXPECT_THAT(e.what(), testing::HasSubstr("holds a different sweep"));
          throw;
        }
      },
      std::runtime_error);
}

}  // namespace
}  // namespace thaw::app
