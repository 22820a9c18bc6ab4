#include "app/bench.hpp"

#include "app/scenario.hpp"
#include "engine/parallel.hpp"
#include "model/epstein/benchmark.hpp"
#include "model/thaw/thaw_model.hpp"
#include "model/thaw/world.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <numeric>

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
      auto* thaw_sim = dynamic_cast<model::ThawSimulation*>(sim.get());
      if (thaw_sim == nullptr) throw std::runtime_error("the baseline scenario is not a Thaw model");
      const auto t1 = std::chrono::steady_clock::now();
      const int64_t months = o.steps > 0 ? std::min(o.steps, sim->total_steps()) : sim->total_steps();
      double agent_months = 0;
      const auto& society = thaw_sim->world().society;
      for (int64_t m = 0; m < months; ++m) {
        agent_months += static_cast<double>(std::accumulate(society.used_slots.begin(), society.used_slots.end(), uint64_t{0}));
        sim->step();
      }
      const auto t2 = std::chrono::steady_clock::now();
      const auto persons = static_cast<double>(std::accumulate(society.used_slots.begin(), society.used_slots.end(), uint64_t{0}));
      const uint64_t slots = society.pop().slots();
      const uint64_t cells = society.cell_active.size();
      const double model_bytes = static_cast<double>(society.pop().bytes()) +
                                 static_cast<double>(cells) * (sizeof(uint16_t) + sizeof(float));

      BenchRow r;
      r.variant = "baseline 1953-64";
      r.size = fmt::format("1:{}", scale);
      r.agents = static_cast<uint64_t>(persons);
      r.cells = cells;
      r.threads = threads;
      r.steps = months;
      r.seconds = std::chrono::duration<double>(t2 - t1).count();
      r.seconds_total = std::chrono::duration<double>(t2 - t0).count();
      r.agent_steps_per_second = agent_months / r.seconds;
      r.bytes_per_agent = model_bytes / persons;
      r.bytes_per_cell = model_bytes / static_cast<double>(cells);
      r.peak_resident_bytes = static_cast<double>(peak_resident_bytes());
      // One month reads status, traits, belief and last month's knowledge and writes status,
      // belief and knowledge: 4 + 3 bytes of traffic a slot. The copy moves the same traffic.
      r.step_bytes = static_cast<double>(slots) * 7.0;
      sim.reset();
      const Executor executor(threads);
      const double copy_s = stream_copy_seconds(slots * 7 / 2, executor);
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
