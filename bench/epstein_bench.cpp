// Micro- and model benchmarks for the Epstein civil-violence model and the grid it stands on.
//
//   ./build/release/bench/epstein_bench                          # everything
//   ./build/release/bench/epstein_bench --benchmark_filter=Step  # whole model steps only
//
// Model steps are timed after a 20-step warm-up, so that the initial transient (most citizens
// decide at once in step 1) does not dominate. "agent_steps" is a rate: agent activations per second.
#include "engine/grid.hpp"
#include "engine/rng.hpp"
#include "model/epstein/model.hpp"

#include <benchmark/benchmark.h>

namespace thaw {
namespace {

epstein::Params mesa_defaults(int64_t side, const char* activation) {
  epstein::Params p;  // Mesa v3.3.1's defaults: density 0.7, cops 0.074, vision 7, L 0.8
  p.width = side;
  p.height = side;
  p.activation = activation;
  p.steps = 1'000'000;
  return p;
}

void run_steps(benchmark::State& state, const char* activation) {
  const int64_t side = state.range(0);
  const int threads = static_cast<int>(state.range(1));
  epstein::Model model(mesa_defaults(side, activation), RunConfig{.seed = 1, .threads = threads});
  for (int i = 0; i < 20; ++i) model.step();
  for (auto _ : state) model.step();
  state.counters["agents"] = static_cast<double>(model.agent_count());
  state.counters["agent_steps"] = benchmark::Counter(
      static_cast<double>(model.agent_count()) * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

void BM_StepRandomOrder(benchmark::State& state) { run_steps(state, "random_order"); }
void BM_StepTiled(benchmark::State& state) { run_steps(state, "tiled"); }

BENCHMARK(BM_StepRandomOrder)->Args({40, 1})->Args({400, 1})->Args({2000, 1})->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_StepTiled)->Args({400, 1})->Args({400, 2})->Args({2000, 1})->Args({2000, 2})->Unit(benchmark::kMillisecond)->UseRealTime();

// One cop arriving: +1 on each of the 112 cells of a radius-7 diamond.
void BM_CountFieldAdd(benchmark::State& state) {
  grid::Torus torus(400, 400);
  grid::Neighbourhood nb(torus, grid::Metric::VonNeumann, 7);
  grid::CountField field(nb);
  rng::Draws d(1, 1, 0, 0);
  for (auto _ : state) {
    const grid::Cell c = d.below(static_cast<uint32_t>(torus.cells()));
    field.add_around(c, +1);
    benchmark::DoNotOptimize(field[c]);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CountFieldAdd);

// A random empty cell within radius 7 on a lattice 77% full (Mesa's default densities).
void BM_RandomEmpty(benchmark::State& state) {
  grid::Torus torus(400, 400);
  grid::Neighbourhood nb(torus, grid::Metric::VonNeumann, 7);
  grid::Occupancy occupancy(torus);
  rng::Draws fill(2, 2, 0, 0);
  for (grid::Cell c = 0; c < torus.cells(); ++c)
    if (fill.uniform() < 0.774) occupancy.place(c, c);
  rng::Draws d(1, 1, 0, 0);
  for (auto _ : state) {
    const auto target = occupancy.random_empty(nb.around(d.below(static_cast<uint32_t>(torus.cells()))), d);
    benchmark::DoNotOptimize(target);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RandomEmpty);

}  // namespace
}  // namespace thaw
