// Speed and memory of the Epstein model (thaw bench epstein): agent activations per second on
// lattices of Mesa's default densities, for Mesa's random order (one thread) and the tiled
// activation (each thread count asked for). ODD section "Implementation" of docs/odd/epstein.md.
#pragma once

#include "engine/benchmark.hpp"

#include <vector>

namespace thaw::epstein {

// Default sizes: 40 x 40, 400 x 400 and 4000 x 4000 (a few steps only for the largest).
std::vector<BenchRow> benchmark(const BenchOptions& options);

}  // namespace thaw::epstein
