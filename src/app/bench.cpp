#include "app/bench.hpp"

#include "model/epstein/benchmark.hpp"

namespace thaw::app {

namespace {
const BenchTarget kTargets[] = {
    {"epstein", "Epstein civil violence at 40x40, 400x400 and 4000x4000, random order and tiled",
     &epstein::benchmark},
};
}  // namespace

std::span<const BenchTarget> bench_targets() { return kTargets; }

const BenchTarget* find_bench_target(std::string_view name) {
  for (const auto& t : kTargets)
    if (t.name == name) return &t;
  return nullptr;
}

}  // namespace thaw::app
