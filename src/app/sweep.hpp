// Sweeps: many runs of one scenario over a design of parameters and decisions, stored in an
// SQLite database that a killed sweep resumes from (docs/sweeps.md: spec, schema, clusters).
//
//   SweepSpec spec = load_sweep_spec("sweeps/speech-reach.toml");     // errors name file:line
//   SweepResult r = run_sweep(spec, {.db = "runs/sweeps/speech-reach.db", .threads = 2});
//   export_sweep_csv("runs/sweeps/speech-reach.db", "runs/sweeps/speech-reach");
//
// A run is identified by (point, replicate); its id is point * replicates + replicate and its seed
// is rng::replicate_seed(sweep seed, replicate) (common random numbers: every point sees the same
// replicate seeds, so differences between points are not drowned in seed noise) or
// rng::replicate_seed(sweep seed, run id) when common_random_numbers = false. Rows are keyed by
// run id, so the database does not depend on thread or process count nor on completion order.
#pragma once

#include "app/validate.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace thaw::app {

struct SweepParameter {
  std::string name;                 // any --set path: run.scale, decision[secret-speech].party...
  std::vector<std::string> values;  // explicit values, as TOML text ("0.3", "true", "\"x\"")
  std::optional<double> low, high;  // a range (grid: `steps` even points; random: uniform)
  int64_t steps = 3;
  bool integer = false;  // round drawn values (parameters that are counts)
  bool log = false;      // spread values evenly on a log scale (positive ranges)
  std::string where;     // file:line:column of its [[parameter]] table, for error messages
};

struct SweepSpec {
  std::string source;    // the spec file
  std::string text;      // its contents (stored in the database)
  std::string name;
  std::string scenario;  // scenario file or name
  std::string design = "grid";  // grid | random
  int64_t points = 10;          // random design: number of points
  int64_t replicates = 1;
  uint64_t seed = 1;
  bool common_random_numbers = true;
  bool store_series = true;           // keep every month's indicators
  std::vector<std::string> indicators;  // only these (empty: all)
  std::vector<std::string> events;      // store events whose code starts with one of these ("" = all)
  std::vector<std::string> sets;        // fixed overrides for every run
  std::vector<SweepParameter> parameters;
  std::vector<Outcome> outcomes;
  // calibration (thaw calibrate): targets file and which targets are fitted / held out
  std::string targets;
  std::vector<std::string> fit;
  double accept = 0.1;
};

// Throws io::ScenarioError naming file:line:column and key for each problem.
SweepSpec load_sweep_spec(const std::filesystem::path& path, const std::vector<std::string>& extra_sets = {});
SweepSpec parse_sweep_spec(std::string_view text, std::string source_name, const std::vector<std::string>& extra_sets = {});

// The design: point p's value (as TOML text) for each parameter.
std::vector<std::vector<std::string>> design_points(const SweepSpec& spec);

struct SweepOptions {
  std::filesystem::path db;
  int threads = 0;          // per process; 0: the cores of this machine shared among its ranks
  bool progress = true;
  int64_t stop_after = -1;  // testing: stop (as if killed) after this many runs were stored
  const TargetFile* targets = nullptr;  // when set, each run's targets are evaluated and stored
};

struct SweepResult {
  int64_t total_runs = 0;
  int64_t already_done = 0;  // found in the database when the sweep started
  int64_t stored = 0;        // stored by this invocation
  double seconds = 0;
  int processes = 1;
  int rank = 0;
  bool stopped = false;  // --stop-after took effect
};

// Runs every run missing from the database (on all MPI ranks if launched by mpirun); only rank 0
// touches the database. Throws if the database belongs to a different spec.
SweepResult run_sweep(const SweepSpec& spec, const SweepOptions& options);

// CSV files: runs.csv (run, point, replicate, seed, parameter values, outcomes), series.csv
// (run, date, indicator, value), summary.csv (per point and outcome: n, mean, Wilson or normal
// interval, quantiles) and bands.csv (per point, indicator and month: quantiles over replicates).
std::vector<std::filesystem::path> export_sweep_csv(const std::filesystem::path& db, const std::filesystem::path& dir);

// The per-point outcome table as text (probabilities with 95% Wilson intervals).
std::string sweep_summary_text(const std::filesystem::path& db);

// 95% Wilson score interval of a proportion of k successes in n.
std::pair<double, double> wilson_interval(double k, double n, double z = 1.96);

// True when this process was started by mpirun / mpiexec (and MPI support was built in).
bool launched_by_mpi();
int mpi_rank();  // 0 without MPI
void mpi_finalize();

}  // namespace thaw::app
