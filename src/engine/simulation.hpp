// What every model offers to the runner, the ensemble, the benchmarks and the server.
//
// A model is described (its parameters, filled from a scenario) separately from being run: the
// setup is read once, then create() makes as many independent runs as wanted, one per seed.
// A run hands over everything it leaves through this interface (indicators, its event log, its
// calendar, its size), so that no runner needs to know which model it runs.
#pragma once

#include "engine/calendar.hpp"
#include "engine/events.hpp"
#include "engine/params.hpp"
#include "engine/series.hpp"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

namespace thaw {

struct RunConfig {
  uint64_t seed = 1;  // the run's own seed (already derived, for ensemble members)
  int threads = 1;
};

// How large a run's agent state is and how many bytes a step moves, for benchmarks
// (docs/performance.md compares a step with a streaming copy of the same traffic).
struct Footprint {
  uint64_t agents = 0;     // agents alive now
  uint64_t slots = 0;      // agent slots allocated, alive or not
  uint64_t cells = 0;      // cells, the model's unit of parallel work (0 if none)
  double state_bytes = 0;  // bytes of per-agent and per-cell state
  double step_bytes = 0;   // bytes one step reads and writes
};

class Simulation {
 public:
  virtual ~Simulation() = default;

  virtual int64_t total_steps() const = 0;
  virtual int64_t steps_done() const = 0;
  virtual void step() = 0;

  // One row per step recorded so far (the first column is the step).
  virtual const SeriesTable& indicators() const = 0;
  // The run's history so far; null for a model that keeps no event log.
  virtual const EventLog* events() const { return nullptr; }
  // Models stepped in months have a calendar: step 0 is its start.
  virtual std::optional<Calendar> calendar() const { return std::nullopt; }
  // For benchmarks; nullopt for a model that does not say.
  virtual std::optional<Footprint> footprint() const { return std::nullopt; }
  // A fingerprint of the whole state, for determinism checks.
  virtual uint64_t checksum() const = 0;
  // A few lines for the terminal at the end of a run.
  virtual std::string summary() const = 0;
  // Files beyond indicators.csv and the event log (a narrative...); returns the paths written.
  virtual std::vector<std::filesystem::path> write_outputs(const std::filesystem::path& dir) const {
    (void)dir;
    return {};
  }

  void run_to_end() {
    while (steps_done() < total_steps()) step();
  }
};

class ModelSetup {
 public:
  virtual ~ModelSetup() = default;
  virtual void describe(ParamVisitor& v) = 0;
  // Models stepped in months have a calendar, so that scenarios may use dates.
  virtual std::optional<Calendar> calendar() const { return std::nullopt; }
  // Checks that need several parameters at once (a density sum above 1, an end before the
  // start); returns the problems in words, empty if none.
  virtual std::vector<std::string> validate() const { return {}; }
  virtual std::unique_ptr<Simulation> create(const RunConfig& config) const = 0;

  // Forking, for ensembles of variants on common random numbers (thaw impact): a run of this
  // setup equals a run of `base` on the same seed up to the step returned, so it may start from
  // a copy of that run's state there instead of from the beginning. nullopt where the model
  // cannot tell (or cannot copy its state); then run the variant in full.
  virtual std::optional<int64_t> divergence_step(const ModelSetup& base) const {
    (void)base;
    return std::nullopt;
  }
  // A run of this setup continuing from `from` (a run of a base setup stopped at or before the
  // divergence step); null if the model cannot copy its state.
  virtual std::unique_ptr<Simulation> fork(const Simulation& from) const {
    (void)from;
    return nullptr;
  }
};

// Adapter for a model written as a Params struct (with describe and, optionally, validate) and a
// Simulation class constructible from (const Params&, const RunConfig&).
template <class Params, class Sim>
class SetupFor final : public ModelSetup {
 public:
  Params params;
  void describe(ParamVisitor& v) override { params.describe(v); }
  std::optional<Calendar> calendar() const override {
    if constexpr (requires(const Params& p) { p.calendar(); }) return params.calendar();
    else return std::nullopt;
  }
  std::vector<std::string> validate() const override {
    if constexpr (requires(const Params& p) { p.validate(); }) return params.validate();
    else return {};
  }
  std::unique_ptr<Simulation> create(const RunConfig& config) const override {
    return std::make_unique<Sim>(params, config);
  }
  std::optional<int64_t> divergence_step(const ModelSetup& base) const override {
    if constexpr (requires(const Params& a, const Params& b) { Sim::divergence_step(a, b); }) {
      if (const auto* b = dynamic_cast<const SetupFor*>(&base)) return Sim::divergence_step(b->params, params);
    }
    return std::nullopt;
  }
  std::unique_ptr<Simulation> fork(const Simulation& from) const override {
    if constexpr (std::is_constructible_v<Sim, const Params&, const Sim&>) {
      if (const auto* s = dynamic_cast<const Sim*>(&from)) return std::make_unique<Sim>(params, *s);
    }
    return nullptr;
  }
};

}  // namespace thaw
