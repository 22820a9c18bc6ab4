// Runs of a scenario, one or many, on all cores: the one place where ensemble members are made,
// seeded and run, for thaw validate, thaw dock, thaw sweep and calibrate, and the web server.
//
//   auto seeds = replicate_seeds(scenario.header.seed, 200);
//   std::vector<RunLog> logs(seeds.size());
//   run_ensemble(scenario, seeds, {.threads = 2, .progress = true},
//                [&](size_t i, Simulation& sim) { logs[i] = RunLog::of(sim, seeds[i]); });
//
// Each run is single-threaded and runs are spread over the threads, which is the fastest use of
// the cores for small runs; the callback is called once per run, from whichever thread ran it,
// with the run's index, so results can be stored by index and read in order afterwards.
// Replicate i's seed is rng::replicate_seed(master, i): the ensemble is the same whatever the
// thread count.
#pragma once

#include "app/scenario.hpp"
#include "engine/events.hpp"
#include "engine/series.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace thaw::app {

std::vector<uint64_t> replicate_seeds(uint64_t master, size_t count);

// One run's outputs as targets, outcomes and views read them (borrowed from a Simulation or a
// RunLog). `start` is the calendar's first month (Month{} for a model counted in steps).
struct RunView {
  const SeriesTable& indicators;
  const std::vector<Event>& events;
  Month start;
};
RunView view_of(const Simulation& sim);

// What a finished run leaves behind, copied out of its Simulation.
struct RunLog {
  uint64_t seed = 0;
  uint64_t checksum = 0;
  SeriesTable indicators;
  std::vector<Event> events;
  Month start;
  static RunLog of(const Simulation& sim, uint64_t seed);
  RunView view() const { return {indicators, events, start}; }
};

// Told after every step of a run (steps done, steps in all); returning false stops the run there.
using StepHook = std::function<bool(int64_t done, int64_t total)>;

// One run: made from the scenario with `seed`, single-threaded, stepped to the end unless
// `on_step` stops it (then steps_done() < total_steps()).
std::unique_ptr<Simulation> run_member(const Scenario& scenario, uint64_t seed, const StepHook& on_step = {});

// A member of an ensemble whose members are handed out as they are asked for (a sweep's runs).
struct Member {
  int64_t index = 0;
  uint64_t seed = 0;
  std::shared_ptr<const Scenario> scenario;
  std::chrono::steady_clock::time_point started = {};  // set by run_members as the run begins
};

// Runs members on `threads` threads (the calling thread is one of them), each thread taking the
// next member from `next` (called from that thread) until it has none, and handing each run that
// reached its end to `finished`. `on_step`, if given, is told of every step of every member and
// may stop one (that run is not handed on). If anything throws, the other threads finish the run
// they are in and take no more, and the first exception is rethrown here.
using MemberStepHook = std::function<bool(const Member&, int64_t done, int64_t total)>;
void run_members(int threads, const std::function<std::optional<Member>()>& next,
                 const std::function<void(const Member&, Simulation&)>& finished, const MemberStepHook& on_step = {});

struct EnsembleOptions {
  int threads = 1;
  bool progress = false;  // a progress line on stderr, one tick per finished run
  // After every step of every run (run index, steps done, steps in all); false stops that run
  // and starts no other.
  std::function<bool(size_t run, int64_t done, int64_t total)> on_step = nullptr;
};

// `seeds.size()` runs of one scenario; `finished(i, sim)` for each run that reached its end.
// Returns false if on_step stopped a run.
bool run_ensemble(const Scenario& scenario, const std::vector<uint64_t>& seeds, const EnsembleOptions& options,
                  const std::function<void(size_t index, Simulation& sim)>& finished);

}  // namespace thaw::app
