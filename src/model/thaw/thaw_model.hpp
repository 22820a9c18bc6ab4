// The Thaw model: the Soviet system and its bloc, March 1953 to October 1964, month by month.
//
//   thaw::model::Params p;                 // defaults = the historical baseline's parameters
//   thaw::model::ThawSimulation sim(p, {.seed = 1, .threads = 2});
//   sim.run_to_end();
//   sim.events()->all();                   // the emergent history
//
// The month: the decisions dated this month (the scenario's inputs), then every mechanism in the
// order of the mechanism table (mechanisms.hpp, docs/architecture.md), then the indicators.
//
// With `run.checksums = true` (thaw run --checksums) the run also keeps a checksum of every phase of
// every month, written to checksums.csv; `thaw diverge` names the first phase where two runs part.
#pragma once

#include "engine/checksum_log.hpp"
#include "engine/simulation.hpp"
#include "model/bloc/bloc.hpp"
#include "model/culture/culture.hpp"
#include "model/economy/economy.hpp"
#include "model/elite/elite.hpp"
#include "model/repression/repression.hpp"
#include "model/society/society.hpp"
#include "model/thaw/decisions.hpp"
#include "model/thaw/geography.hpp"
#include "model/thaw/world.hpp"

#include <memory>

namespace thaw::model {

struct Params {
  Month start = Month::of(1953, 3);
  Month end = Month::of(1964, 10);
  double scale = 1000;  // people per agent
  bool checksums = false;  // keep a checksum per phase per month (checksums.csv)

  std::vector<CountryDef> countries = default_countries();
  std::vector<RegionDef> regions = default_regions();
  std::vector<CampDef> camps = default_camps();
  std::vector<TownDef> towns = default_towns();

  society::Params society;
  economy::Params economy;
  repression::Params repression;
  culture::Params culture;
  elite::Params elite;
  bloc::Params bloc;
  abroad::Params abroad;
  std::vector<Decision> decisions;

  Calendar calendar() const { return Calendar{start}; }
  int64_t months() const { return end - start + 1; }
  std::vector<std::string> validate() const;
  void describe(ParamVisitor& v);
};

class ThawSimulation final : public Simulation {
 public:
  ThawSimulation(const Params& params, const RunConfig& config);
  // A run with `params` that continues from where `from` stands: a copy of its world, indicators
  // and checksums, on as many threads. Sound only while nothing `from` has done so far depends on
  // what sets the two Params apart (thaw impact forks a decision-off run from the baseline at the
  // decision's month; divergence_step says where that is).
  ThawSimulation(const Params& params, const ThawSimulation& from);
  ~ThawSimulation() override;

  // The first step at which a run of `b` can differ from a run of `a` on the same seed, when the
  // two differ only in which decisions are enabled (a decision's `enabled` is read in its own
  // month and nowhere else, apply_decisions); total steps if they do not differ at all; nullopt
  // if they differ otherwise in their decisions (the other parameters are not compared: the
  // caller builds b from a by switching decisions off).
  static std::optional<int64_t> divergence_step(const Params& a, const Params& b);

  int64_t total_steps() const override { return params_.months(); }
  int64_t steps_done() const override { return steps_done_; }
  void step() override;
  const SeriesTable& indicators() const override { return indicators_; }
  const EventLog* events() const override { return &world_->events; }
  std::optional<Calendar> calendar() const override { return world_->calendar; }
  std::optional<Footprint> footprint() const override;
  uint64_t checksum() const override;
  std::string summary() const override;
  std::vector<std::filesystem::path> write_outputs(const std::filesystem::path& dir) const override;

  const World& world() const { return *world_; }
  World& world() { return *world_; }
  const Params& params() const { return params_; }
  // Per phase per month: the indicators, the phase's events, society's inputs and the phase's own
  // state (people, custody); empty unless params.checksums.
  const ChecksumLog& phase_checksums() const { return phase_checksums_; }

 private:
  void apply_decisions();
  IndicatorRow indicator_row() const;
  void record();
  void note_phase(std::string_view phase, size_t events_before, void (*state)(const World&, Checksum&));

  Params params_;
  std::unique_ptr<Executor> executor_;
  std::unique_ptr<World> world_;
  SeriesTable indicators_;
  ChecksumLog phase_checksums_;
  int64_t steps_done_ = 0;
};

// The month-by-month narrative as Markdown (write_outputs writes it to narrative.md; the runner
// writes the event log itself, src/io/events.hpp).
std::string narrative_markdown(const World& world, const std::string& title);

}  // namespace thaw::model
