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
};

// Peak resident memory of this process so far, in bytes (0 where unknown).
uint64_t peak_resident_bytes();

}  // namespace thaw
