// The society's person pass (src/model/society/people.cpp) on cells that look like a mid-run
// month: most slots adults, some children, some room; topics known by most. Every row runs once
// per instruction set the pass is compiled for and this CPU has (AVX3 is AVX-512).
//
//   ./build/release/bench/people_bench
//
// "slots" is a rate: slots passed per second, on one thread; the cells (256 Ki slots, beyond L2
// like a real month) are reused from iteration to iteration.
#include "model/society/people.hpp"

#include <benchmark/benchmark.h>

#include <string>
#include <vector>

namespace thaw::model::society {
namespace {

constexpr uint32_t kCell = 128;
constexpr uint32_t kCells = 2048;

struct Cells {
  std::vector<uint8_t> status, traits, legitimacy, info, info_prev;
  Cells() : status(kCell * kCells), traits(kCell * kCells), legitimacy(kCell * kCells), info(kCell * kCells), info_prev(kCell * kCells) {
    for (uint32_t i = 0; i < kCell * kCells; ++i) {
      const uint64_t h = rng::mix64(i);
      const uint32_t kind = static_cast<uint32_t>(h % 100);  // 85 adults, 10 children, 5 empty
      status[i] = kind < 85 ? static_cast<uint8_t>(Status::Free) : kind < 95 ? static_cast<uint8_t>(kBornInRun) : static_cast<uint8_t>(Status::Empty);
      traits[i] = static_cast<uint8_t>(h >> 16);
      // Belief as in the 1960s of the baseline: most above one half (about a sixth below it).
      legitimacy[i] = static_cast<uint8_t>(96 + (h >> 24) % 160);
      info_prev[i] = static_cast<uint8_t>(((h >> 32) % 10 < 8) ? 0x0f : 0x05);  // 80 % know every topic
    }
  }
  CellColumns columns(uint32_t c) {
    const size_t s = static_cast<size_t>(c) * kCell;
    return {&status[s], &traits[s], &legitimacy[s], &info[s], &info_prev[s]};
  }
};

CellRules mid_run_rules(uint8_t topics) {
  CellRules r;
  r.size = kCell;
  r.disposition_keys = {0x1234567u, 0x89abcdefu};
  r.draw_key = 0x13579bdfu;
  for (size_t t = 0; t < kTopics; ++t) {
    r.learn_key[t] = 0x9e3779b9u * static_cast<uint32_t>(t + 1);
    r.shock[t] = {-0.05f, -0.04f, -0.03f, -0.02f};
  }
  r.death_below = {40000u, 200000u, 1000000u, 4000000u};
  r.youngest_adult_offset = 5;
  r.climate = {0.6f, 0.55f, 0.5f, 0.65f};
  r.hardship = {0.3f, 0.35f, 0.25f, 0.25f};  // few candidates for protest, as in a calm month
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
  r.learn_topics = topics;
  for (size_t t = 0; t < kTopics; ++t) {
    r.learn_below[t].fill(0x08000000u);     // a chance of 1/32 a month
    r.embolden_below[t].fill(0x01000000u);  // and of 1/8 to be emboldened on learning
  }
  return r;
}

// The month of every cell, once per iteration, with the pass of `target`.
void month(benchmark::State& state, int64_t target, uint8_t topics) {
  use_pass_target(target);
  Cells cells;
  CellRules r = mid_run_rules(topics);
  CellScratch x;
  x.resize(kCell);
  CellCounts n;
  for (auto _ : state) {
    for (uint32_t c = 0; c < kCells; ++c) {
      r.first_slot = c * kCell;
      pass_cell(r, cells.columns(c), x, n);
    }
    benchmark::DoNotOptimize(n);
    benchmark::ClobberMemory();
  }
  use_pass_target(0);
  state.counters["slots"] = benchmark::Counter(static_cast<double>(kCell) * kCells * static_cast<double>(state.iterations()),
                                               benchmark::Counter::kIsRate);
}

void census(benchmark::State& state) {
  Cells cells;
  uint32_t persons = 0;
  for (auto _ : state) {
    for (uint32_t c = 0; c < kCells; ++c) persons += cell_census(cells.columns(c).status, cells.columns(c).info_prev, kCell).persons;
    benchmark::DoNotOptimize(persons);
  }
  state.counters["slots"] = benchmark::Counter(static_cast<double>(kCell) * kCells * static_cast<double>(state.iterations()),
                                               benchmark::Counter::kIsRate);
}

const bool registered = [] {
  for (const int64_t target : pass_targets()) {
    const std::string name = pass_target_name(target);
    benchmark::RegisterBenchmark(("Month/no_topic/" + name).c_str(), month, target, uint8_t{0})->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark(("Month/one_topic/" + name).c_str(), month, target, uint8_t{2})->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark(("Month/four_topics/" + name).c_str(), month, target, uint8_t{0x0f})->Unit(benchmark::kMicrosecond);
  }
  benchmark::RegisterBenchmark("Census", census)->Unit(benchmark::kMicrosecond);
  return true;
}();

}  // namespace
}  // namespace thaw::model::society
