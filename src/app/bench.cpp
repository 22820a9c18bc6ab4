#include "app/bench.hpp"

#include "app/scenario.hpp"
#include "engine/parallel.hpp"
#include "model/epstein/benchmark.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

namespace thaw::app {

namespace {

// The Thaw baseline at a list of scales (people per agent): the whole run, or its first --steps
// months, timed month by month, then a streaming copy with the same traffic as one month's pass
// over the population (docs/performance.md).
std::vector<BenchRow> thaw_benchmark(const BenchOptions& o) {
  const std::vector<int64_t> sizes = o.sizes.empty() ? std::vector<int64_t>{1000, 100, 10} : o.sizes;
  std::vector<BenchRow> rows;
  for (const int64_t scale : sizes) {
    for (const int threads : o.threads) {
      const Scenario scenario = Scenario::load(find_scenario("thaw-1953.toml"), {fmt::format("run.scale={}", scale)});
      const auto t0 = std::chrono::steady_clock::now();
      auto sim = scenario.setup->create({.seed = o.seed, .threads = threads});
      if (!sim->footprint()) throw std::runtime_error("the baseline scenario's model does not report its footprint");
      const auto t1 = std::chrono::steady_clock::now();
      const int64_t months = o.steps > 0 ? std::min(o.steps, sim->total_steps()) : sim->total_steps();
      double agent_months = 0;
      for (int64_t m = 0; m < months; ++m) {
        agent_months += static_cast<double>(sim->footprint()->agents);
        sim->step();
      }
      const auto t2 = std::chrono::steady_clock::now();
      const Footprint f = *sim->footprint();
      const auto persons = static_cast<double>(f.agents);

      BenchRow r;
      r.variant = "baseline 1953-64";
      r.size = fmt::format("1:{}", scale);
      r.agents = f.agents;
      r.cells = f.cells;
      r.threads = threads;
      r.steps = months;
      r.seconds = std::chrono::duration<double>(t2 - t1).count();
      r.seconds_total = std::chrono::duration<double>(t2 - t0).count();
      r.agent_steps_per_second = agent_months / r.seconds;
      r.bytes_per_agent = f.state_bytes / persons;
      r.bytes_per_cell = f.state_bytes / static_cast<double>(f.cells);
      r.peak_resident_bytes = static_cast<double>(peak_resident_bytes());
      // The copy moves the same traffic as one month's pass over the population.
      r.step_bytes = f.step_bytes;
      sim.reset();
      const Executor executor(threads);
      const double copy_s = stream_copy_seconds(static_cast<uint64_t>(f.step_bytes) / 2, executor);
      r.copy_bytes_per_second = r.step_bytes / copy_s;
      r.bound_ratio = (r.seconds / static_cast<double>(months)) / copy_s;
      rows.push_back(r);
    }
  }
  return rows;
}

const BenchTarget kTargets[] = {
    {"epstein", "Epstein civil violence at 40x40, 400x400 and 4000x4000, random order and tiled",
     &epstein::benchmark},
    {"thaw", "the Thaw baseline (March 1953 - October 1964) at 1:1000, 1:100, 1:10 people per agent "
             "(--sizes 1000,100,10,1 for everyone; --steps N for the first N months)",
     &thaw_benchmark},
};
}  // namespace

std::span<const BenchTarget> bench_targets() { return kTargets; }

const BenchTarget* find_bench_target(std::string_view name) {
  for (const auto& t : kTargets)
    if (t.name == name) return &t;
  return nullptr;
}

}  // namespace thaw::app
