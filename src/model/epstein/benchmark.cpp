// thaw bench epstein: ODD "Implementation" (docs/odd/epstein.md). Mesa v3.3.1's example at its
// default densities is the reference: about 35,000 agent-steps per second at 40 x 40 and 7,300 at
// 400 x 400, measured with Mesa on the machine this project is developed on (consistent with the
// median step time of 0.03 s for ~1,250 agents in data/docking/mesa_epstein_summary.csv).
#include "model/epstein/benchmark.hpp"

#include "model/epstein/model.hpp"

#include <fmt/format.h>

#include <chrono>

namespace thaw::epstein {

namespace {

double mesa_reference(int64_t side) {
  if (side == 40) return 35'000;
  if (side == 400) return 7'300;
  return 0;
}

int64_t default_steps(int64_t side) {
  if (side <= 100) return 2000;
  if (side <= 1000) return 100;
  return 3;
}

BenchRow measure(int64_t side, const char* activation, int threads, int64_t steps, uint64_t seed) {
  Params p;  // Mesa's defaults: citizens 0.7, cops 0.074, vision 7, legitimacy 0.8, jail 0..1000
  p.width = side;
  p.height = side;
  p.activation = activation;
  p.steps = 1'000'000'000;
  p.burn_in = 0;
  Model model(p, RunConfig{.seed = seed, .threads = threads});
  // Step 1 is a transient (every citizen decides at once from the all-quiet start); warm up past it.
  const int64_t warm_up = side > 1000 ? 1 : 10;
  for (int64_t i = 0; i < warm_up; ++i) model.step();
  const auto t0 = std::chrono::steady_clock::now();
  for (int64_t i = 0; i < steps; ++i) model.step();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const MemoryUse mem = model.memory();
  BenchRow r;
  r.variant = activation;
  r.size = fmt::format("{}x{}", side, side);
  r.agents = model.agent_count();
  r.cells = mem.cells;
  r.threads = threads;
  r.steps = steps;
  r.seconds = seconds;
  r.agent_steps_per_second = static_cast<double>(r.agents) * static_cast<double>(steps) / seconds;
  r.bytes_per_agent = static_cast<double>(mem.agent_bytes) / static_cast<double>(mem.agents);
  r.bytes_per_cell = static_cast<double>(mem.cell_bytes) / static_cast<double>(mem.cells);
  r.reference_agent_steps_per_second = mesa_reference(side);
  if (r.reference_agent_steps_per_second > 0) r.reference = "Mesa v3.3.1, same lattice, one thread";
  return r;
}

}  // namespace

std::vector<BenchRow> benchmark(const BenchOptions& options) {
  const std::vector<int64_t> sizes = options.sizes.empty() ? std::vector<int64_t>{40, 400, 4000} : options.sizes;
  std::vector<BenchRow> rows;
  for (int64_t side : sizes) {
    const int64_t steps = options.steps > 0 ? options.steps : default_steps(side);
    rows.push_back(measure(side, "random_order", 1, steps, options.seed));
    for (int t : options.threads) rows.push_back(measure(side, "tiled", t, steps, options.seed));
  }
  return rows;
}

}  // namespace thaw::epstein
