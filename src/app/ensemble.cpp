#include "app/ensemble.hpp"

#include "engine/parallel.hpp"
#include "engine/progress.hpp"
#include "engine/rng.hpp"

#include <atomic>
#include <mutex>

namespace thaw::app {

std::vector<uint64_t> replicate_seeds(uint64_t master, size_t count) {
  std::vector<uint64_t> seeds(count);
  for (size_t i = 0; i < count; ++i) seeds[i] = rng::replicate_seed(master, i);
  return seeds;
}

void run_ensemble(const Scenario& scenario, const std::vector<uint64_t>& seeds, int threads, bool show_progress,
                  const std::function<void(size_t, Simulation&)>& on_finished) {
  Executor executor(threads);
  Progress progress(scenario.header.name + " runs", static_cast<int64_t>(seeds.size()), show_progress);
  std::mutex progress_mutex;
  std::atomic<int64_t> done{0};
  executor.for_each_index(seeds.size(), [&](size_t i) {
    auto sim = scenario.setup->create({.seed = seeds[i], .threads = 1});
    sim->run_to_end();
    on_finished(i, *sim);
    const int64_t finished = ++done;
    std::lock_guard lock(progress_mutex);
    progress.update(finished);
  });
  progress.finish();
}

}  // namespace thaw::app
