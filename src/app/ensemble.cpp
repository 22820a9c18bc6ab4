#include "app/ensemble.hpp"

#include "engine/progress.hpp"
#include "engine/rng.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>

namespace thaw::app {

std::vector<uint64_t> replicate_seeds(uint64_t master, size_t count) {
  std::vector<uint64_t> seeds(count);
  for (size_t i = 0; i < count; ++i) seeds[i] = rng::replicate_seed(master, i);
  return seeds;
}

RunView view_of(const Simulation& sim) {
  static const std::vector<Event> none;
  const auto* log = sim.events();
  const auto calendar = sim.calendar();
  return {sim.indicators(), log ? log->all() : none, calendar ? calendar->start : Month{}};
}

RunLog RunLog::of(const Simulation& sim, uint64_t seed) {
  const RunView v = view_of(sim);
  return {seed, sim.checksum(), v.indicators, v.events, v.start};
}

std::unique_ptr<Simulation> run_member(const Scenario& scenario, uint64_t seed, const StepHook& on_step) {
  auto sim = scenario.setup->create({.seed = seed, .threads = 1});
  while (sim->steps_done() < sim->total_steps()) {
    sim->step();
    if (on_step && !on_step(sim->steps_done(), sim->total_steps())) break;
  }
  return sim;
}

void run_members(int threads, const std::function<std::optional<Member>()>& next,
                 const std::function<void(const Member&, Simulation&)>& finished, const MemberStepHook& on_step) {
  std::atomic<bool> failed{false};
  std::mutex error_mutex;
  std::exception_ptr error;
  auto work = [&] {
    try {
      while (!failed) {
        auto member = next();
        if (!member) break;
        member->started = std::chrono::steady_clock::now();
        StepHook hook;
        if (on_step) hook = [&](int64_t done, int64_t total) { return on_step(*member, done, total); };
        auto sim = run_member(*member->scenario, member->seed, hook);
        if (sim->steps_done() == sim->total_steps()) finished(*member, *sim);
      }
    } catch (...) {
      std::lock_guard lock(error_mutex);
      if (!error) error = std::current_exception();
      failed = true;
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  if (error) std::rethrow_exception(error);
}

bool run_ensemble(const Scenario& scenario, const std::vector<uint64_t>& seeds, const EnsembleOptions& options,
                  const std::function<void(size_t, Simulation&)>& finished) {
  Progress progress(scenario.header.name + " runs", static_cast<int64_t>(seeds.size()), options.progress);
  std::mutex progress_mutex;
  int64_t done = 0;
  std::atomic<size_t> next{0};
  std::atomic<bool> stopped{false};
  // The members share the scenario without owning it.
  const std::shared_ptr<const Scenario> shared(std::shared_ptr<const Scenario>{}, &scenario);
  MemberStepHook on_step;
  if (options.on_step)
    on_step = [&](const Member& m, int64_t steps, int64_t total) {
      if (options.on_step(static_cast<size_t>(m.index), steps, total)) return true;
      stopped = true;
      return false;
    };
  run_members(
      options.threads,
      [&]() -> std::optional<Member> {
        const size_t i = next++;
        if (i >= seeds.size() || stopped) return std::nullopt;
        return Member{static_cast<int64_t>(i), seeds[i], shared};
      },
      [&](const Member& m, Simulation& sim) {
        finished(static_cast<size_t>(m.index), sim);
        std::lock_guard lock(progress_mutex);
        progress.update(++done);
      },
      on_step);
  progress.finish();
  return !stopped;
}

}  // namespace thaw::app
