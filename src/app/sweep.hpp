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

#include "app/intervals.hpp"
#include "app/sweep_design.hpp"
#include "app/sweep_export.hpp"
#include "app/sweep_schedule.hpp"
#include "app/sweep_spec.hpp"
#include "app/validate.hpp"

#include <cstdint>
#include <filesystem>

namespace thaw::app {

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

}  // namespace thaw::app
