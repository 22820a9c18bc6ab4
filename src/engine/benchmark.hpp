// What a benchmark target measures and reports, for `thaw bench` (src/cli/cmd_bench.cpp) and the
// targets models provide (e.g. src/model/epstein/benchmark.hpp). Timings are for benchmarks only,
// never for tests.
//
//   BenchOptions o{.sizes = {400}, .threads = {1, 2}};
//   for (const BenchRow& r : epstein::benchmark(o)) fmt::print("{} {}\n", r.variant, r.agent_steps_per_second);
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace thaw {

struct BenchOptions {
  std::vector<int64_t> sizes;  // problem sizes (a lattice side, a population); empty: the target's defaults
  int64_t steps = 0;           // timed steps per size; 0: the target's default for each size
  std::vector<int> threads = {1, 2};
  uint64_t seed = 1;
};

struct BenchRow {
  std::string variant;     // "random_order", "tiled"
  std::string size;        // "400x400"
  uint64_t agents = 0;
  uint64_t cells = 0;
  int threads = 1;
  int64_t steps = 0;        // timed steps (after warm-up)
  double seconds = 0;       // wall-clock time of the timed steps
  double agent_steps_per_second = 0;
  double bytes_per_agent = 0;
  double bytes_per_cell = 0;
  double reference_agent_steps_per_second = 0;  // another implementation's figure, 0 if none
  std::string reference;                       // what that figure is
  // Memory-bound targets (thaw): the run's peak memory and the streaming-copy bound of a step.
  double seconds_total = 0;         // the whole run, set-up included
  double peak_resident_bytes = 0;   // of the process, after this row (rows run smallest first)
  double step_bytes = 0;            // bytes a step reads plus writes
  double copy_bytes_per_second = 0; // read + write traffic of a streaming copy, same threads
  double bound_ratio = 0;           // seconds per step / seconds of a copy with the step's traffic
};

class Executor;

// A streaming copy: `bytes` bytes read and `bytes` written, in chunks over the executor's threads
// (as a model's pass would run). Best of `repeats` after one warm-up; returns seconds.
double stream_copy_seconds(uint64_t bytes, const Executor& executor, int repeats = 3);

// Peak resident memory of this process so far, in bytes (0 where unknown).
uint64_t peak_resident_bytes();

}  // namespace thaw
