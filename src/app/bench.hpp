// The benchmark targets `thaw bench` knows. A model adds one line to the table in bench.cpp.
#pragma once

#include "engine/benchmark.hpp"

#include <span>
#include <string_view>
#include <vector>

namespace thaw::app {

struct BenchTarget {
  std::string_view name;
  std::string_view summary;
  std::vector<BenchRow> (*run)(const BenchOptions& options);
};

std::span<const BenchTarget> bench_targets();
const BenchTarget* find_bench_target(std::string_view name);

}  // namespace thaw::app
