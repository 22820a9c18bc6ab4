// The society's person pass (src/model/society/people.cpp), one loop at a time, on cells that look
// like a mid-run month: most slots adults, some children, some room; topics known by most.
//
//   ./build/release/bench/people_bench
//
// "slots" is a rate: slots passed per second, on one thread. The loops are branch-free, so their
// speed does not depend on who dies or learns; the cells are reused from iteration to iteration.
#include "model/society/people.hpp"
#include "model/society/people_avx512.hpp"

#include <benchmark/benchmark.h>

#include <vector>

namespace thaw::model::society {
namespace {

constexpr uint32_t kCell = 128;
constexpr uint32_t kCells = 2048;  // 256 Ki slots: 1.25 MiB of columns, beyond L2 like a real month

struct Cells {
  std::vector<uint8_t> status, traits, legitimacy, info, info_prev;
  Cells() : status(kCell * kCells), traits(kCell * kCells), legitimacy(kCell * kCells), info(kCell * kCells), info_prev(kCell * kCells) {
    for (uint32_t i = 0; i < kCell * kCells; ++i) {
      const uint64_t h = rng::mix64(i);
      const uint32_t kind = static_cast<uint32_t>(h % 100);  // 85 adults, 10 children, 5 empty
      status[i] = kind < 85 ? static_cast<uint8_t>(Status::Free) : kind < 95 ? static_cast<uint8_t>(kBornInRun) : static_cast<uint8_t>(Status::Empty);
      traits[i] = static_cast<uint8_t>(h >> 16);
      legitimacy[i] = static_cast<uint8_t>(h >> 24);
      info_prev[i] = static_cast<uint8_t>(((h >> 32) % 10 < 8) ? 0x0f : 0x05);  // 80 % know every topic
    }
  }
  CellColumns columns(uint32_t c) {
    const size_t s = static_cast<size_t>(c) * kCell;
    return {&status[s], &traits[s], &legitimacy[s], &info[s], &info_prev[s]};
  }
};

CellRules mid_run_rules() {
  CellRules r;
  r.size = kCell;
  r.disposition_keys = {0x1234567u, 0x89abcdefu};
  r.death_key = 0x2468ace0u;
  r.draw_key = 0x13579bdfu;
  for (size_t t = 0; t < kTopics; ++t) {
    r.learn_key[t] = 0x9e3779b9u * static_cast<uint32_t>(t + 1);
    r.embolden_key[t] = 0x85ebca6bu * static_cast<uint32_t>(t + 1);
    r.learn_below[t].fill(0x40000000u);
    r.shock[t] = {-0.05f, -0.04f, -0.03f, -0.02f};
    r.embolden_below[t] = {0x10000000u, 0x10000000u, 0x20000000u, 0x40000000u};
  }
  r.death_below = {40000u, 200000u, 1000000u, 4000000u};
  r.youngest_adult_offset = 5;
  r.climate = {0.6f, 0.55f, 0.5f, 0.65f};
  r.hardship = {0.4f, 0.5f, 0.3f, 0.3f};
  r.spread = 0.15f;
  r.climate_rate = 0.05f;
  r.public_pull = 0.02f;
  r.public_loyalty = 0.9f;
  r.outer_cost = 0.6f;
  r.integrity_weight = 1.0f;
  r.emboldened_factor = 0.5f;
  r.risk_scale = 0.8f;
  r.emboldened_risk = 0.7f;
  r.active_threshold = 0.1f;
  r.rural = true;
  r.migrate_below = 20000u;
  r.open_topics = 0x0f;
  return r;
}

// Runs `pass` over every cell once per iteration.
template <class Pass>
void over_cells(benchmark::State& state, Pass pass) {
  Cells cells;
  CellRules r = mid_run_rules();
  CellScratch x;
  x.resize(kCell);
  CellCounts n;
  for (uint32_t c = 0; c < kCells; ++c) pass_demography(r, cells.columns(c), x, n);  // fills info
  for (auto _ : state) {
    for (uint32_t c = 0; c < kCells; ++c) {
      r.first_slot = c * kCell;
      pass(r, cells.columns(c), x, n);
    }
    benchmark::DoNotOptimize(n);
    benchmark::ClobberMemory();
  }
  state.counters["slots"] = benchmark::Counter(static_cast<double>(kCell) * kCells * static_cast<double>(state.iterations()),
                                               benchmark::Counter::kIsRate);
}

void BM_Demography(benchmark::State& state) {
  over_cells(state, [](const CellRules& r, const CellColumns& c, CellScratch& x, CellCounts& n) { pass_demography(r, c, x, n); });
}
void BM_LearningOneTopic(benchmark::State& state) {
  over_cells(state, [](const CellRules& r, const CellColumns& c, CellScratch& x, CellCounts&) { pass_learning(r, uint8_t{2}, c, x); });
}
void BM_Belief(benchmark::State& state) {
  over_cells(state, [](const CellRules& r, const CellColumns& c, CellScratch& x, CellCounts& n) { pass_belief(r, c, x, n); });
}
// A whole month's pass of a cell where every topic is open and some adult lacks each.
void BM_MonthFourTopics(benchmark::State& state) {
  over_cells(state, [](const CellRules& r, const CellColumns& c, CellScratch& x, CellCounts& n) {
    pass_demography(r, c, x, n);
    pass_learning(r, uint8_t{0x0f}, c, x);
    pass_belief(r, c, x, n);
  });
}
// The hand-written kernels run only where the CPU has AVX-512: elsewhere their rows say so.
bool hand_written_or_skip(benchmark::State& state) {
  if (!avx512::available()) state.SkipWithError("no AVX-512 on this CPU");
  return avx512::available();
}

// The same month written by hand for AVX-512 (people_avx512.cpp).
void BM_MonthHandWritten(benchmark::State& state) {
  if (!hand_written_or_skip(state)) return;
  over_cells(state, [](const CellRules& r, const CellColumns& c, CellScratch& x, CellCounts& n) {
    avx512::pass_demography(r, c, x, n);
    avx512::pass_learning_and_belief(r, uint8_t{0x0f}, c, x, n);
  });
}
void BM_DemographyHandWritten(benchmark::State& state) {
  if (!hand_written_or_skip(state)) return;
  over_cells(state, [](const CellRules& r, const CellColumns& c, CellScratch& x, CellCounts& n) { avx512::pass_demography(r, c, x, n); });
}
void BM_BeliefHandWritten(benchmark::State& state) {
  if (!hand_written_or_skip(state)) return;
  over_cells(state, [](const CellRules& r, const CellColumns& c, CellScratch& x, CellCounts& n) {
    avx512::pass_learning_and_belief(r, uint8_t{0}, c, x, n);
  });
}
void BM_CountKnowers(benchmark::State& state) {
  over_cells(state, [](const CellRules&, const CellColumns& c, CellScratch&, CellCounts& n) {
    n.informed[0] += count_knowers(c.info_prev, c.status, kCell)[0];
  });
}

BENCHMARK(BM_Demography)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_LearningOneTopic)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Belief)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_MonthFourTopics)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_MonthHandWritten)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_DemographyHandWritten)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_BeliefHandWritten)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_CountKnowers)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace thaw::model::society
