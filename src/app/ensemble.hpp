// Many runs of one scenario, on all cores.
//
//   auto seeds = replicate_seeds(scenario.header.seed, 200);
//   run_ensemble(scenario, seeds, threads, /*progress=*/true,
//                [&](size_t i, Simulation& sim) { outcomes[i] = summarise(sim); });
//
// Each run is single-threaded and runs are spread over the threads, which is the fastest use
// of the cores for small runs; the callback is called once per run, from whichever thread ran
// it, with the run's index, so results can be stored by index and read in order afterwards.
// Replicate i's seed is rng::replicate_seed(master, i): the ensemble is the same whatever the
// thread count.
#pragma once

#include "app/scenario.hpp"

#include <functional>
#include <vector>

namespace thaw::app {

std::vector<uint64_t> replicate_seeds(uint64_t master, size_t count);

void run_ensemble(const Scenario& scenario, const std::vector<uint64_t>& seeds, int threads, bool show_progress,
                  const std::function<void(size_t index, Simulation& sim)>& on_finished);

}  // namespace thaw::app
