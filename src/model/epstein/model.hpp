// Epstein's civil-violence Model I: citizens who turn active against a regime whose legitimacy
// they doubt, unless the cops they can see make arrest too likely; cops who jail actives.
// ODD: docs/odd/epstein.md ("Process overview and scheduling", "Submodels"). Source: Epstein,
// J. M. (2002), PNAS 99 suppl. 3, 7243-7250; defaults follow Mesa v3.3.1's example exactly, and
// NetLogo's Rebellion (Wilensky 2004) is reachable through the rule parameters (params.hpp).
//
//   epstein::Model m(params, {.seed = 7, .threads = 2});
//   m.run_to_end();
//   m.indicators();            // step, quiet, active, jailed, serving_sentence, legitimacy
//
// State is a structure of arrays. Agents 0 .. citizens-1 are citizens, the rest cops; a cell holds
// at most one agent (a jailed citizen may hold none, when jail does not block cells). Three count
// fields answer "how many cops / actives can this cell see" in O(1); they change only when a cop
// moves or a citizen turns active, turns quiet, moves while active or is arrested.
#pragma once

#include "engine/column.hpp"
#include "engine/grid.hpp"
#include "engine/parallel.hpp"
#include "engine/rng.hpp"
#include "engine/series.hpp"
#include "engine/simulation.hpp"
#include "model/epstein/params.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace thaw::epstein {

using AgentId = uint32_t;

enum class CitizenState : uint8_t { Quiet = 0, Active = 1, Arrested = 2 };
enum class Kind : uint8_t { Citizen, Cop };

// One agent of a hand-built world (tests, teaching examples).
struct AgentSpec {
  Kind kind = Kind::Citizen;
  uint32_t x = 0;
  uint32_t y = 0;
  float hardship = 0;
  float risk_aversion = 0;
  CitizenState state = CitizenState::Quiet;
  uint16_t sentence = 0;
  bool on_lattice = true;  // false: a prisoner held off the lattice (jail that does not block cells)
};

struct StateCounts {
  int64_t quiet = 0;
  int64_t active = 0;
  int64_t jailed = 0;            // state "arrested", as Mesa counts it
  int64_t serving_sentence = 0;  // sentence > 0, as NetLogo counts "jailed"
};

struct MemoryUse {
  size_t agents = 0;
  size_t cells = 0;
  size_t agent_bytes = 0;  // every per-agent array, activation order included
  size_t cell_bytes = 0;   // occupancy and count fields
};

class Model final : public Simulation {
 public:
  // The world drawn at random from the parameters (ODD "Initialisation").
  Model(const Params& params, const RunConfig& config);
  // A hand-built world: the given agents at the given cells. Citizens get ids 0.. in the order
  // given, then cops; occupant(cell) finds them.
  Model(const Params& params, const RunConfig& config, std::span<const AgentSpec> agents);
  Model(const Model&) = delete;
  Model& operator=(const Model&) = delete;

  int64_t total_steps() const override { return params_.steps; }
  int64_t steps_done() const override { return steps_done_; }
  void step() override;
  const SeriesTable& indicators() const override { return indicators_; }
  uint64_t checksum() const override;
  std::string summary() const override;

  // One agent's turn, exactly as step() performs it, within the step about to be taken. Public so
  // that tests can exercise single rules on hand-built worlds.
  void activate(AgentId id);

  // round(C / A) or floor(C / A), computed exactly on integers: Python's round() of the quotient
  // (half to even) is what Mesa applies to cops / actives.
  static uint32_t whole_ratio(uint32_t cops, uint32_t actives, Rounding rounding);

  const grid::Torus& torus() const { return torus_; }
  const Rules& rules() const { return rules_; }
  AgentId citizen_count() const { return citizens_; }
  AgentId agent_count() const { return agents_; }
  bool is_cop(AgentId id) const { return id >= citizens_; }
  grid::Cell position(AgentId id) const { return position_[id]; }
  CitizenState state(AgentId id) const { return state_[id]; }
  uint16_t sentence(AgentId id) const { return sentence_[id]; }
  float hardship(AgentId id) const { return hardship_[id]; }
  float risk_aversion(AgentId id) const { return risk_aversion_[id]; }
  bool on_lattice(AgentId id) const { return occupancy_.occupant(position_[id]) == id; }
  std::optional<AgentId> occupant(grid::Cell c) const;
  uint32_t cops_seen(grid::Cell c) const { return cops_seen_[c]; }
  uint32_t actives_seen(grid::Cell c) const { return actives_seen_[c]; }
  uint32_t actives_seen_by_cops(grid::Cell c) const { return (*actives_for_cops_)[c]; }
  const grid::Neighbourhood& citizen_vision() const { return citizen_vision_; }
  const grid::Neighbourhood& cop_vision() const { return cop_vision_; }

  StateCounts counts() const;
  MemoryUse memory() const;
  // Tiled activation: tiles along x and y (1 where the lattice is too small to cut).
  std::pair<uint32_t, uint32_t> tiles() const { return {tiles_x_, tiles_y_}; }

  // Recomputes occupancy and every count field from the agents by brute force and lists each
  // disagreement with the incremental caches (empty when consistent). O(cells * r^2): for tests.
  std::vector<std::string> audit() const;

 private:
  struct Unpopulated {};
  // The lattice, neighbourhoods and fields, without agents yet.
  Model(const Params& params, const RunConfig& config, Unpopulated);
  void initialise_random();
  void finish_initialisation();
  void begin_step();
  void step_random_order();
  void step_tiled();
  void prefetch_turn(AgentId id) const;
  void record();

  void activate_citizen(AgentId id, rng::Draws& d);
  void activate_cop(AgentId id, rng::Draws& d);
  void decide(AgentId id, grid::Cell here);
  grid::Cell move_citizen(AgentId id, grid::Cell here, rng::Draws& d);
  grid::Cell move_cop(AgentId id, grid::Cell here, rng::Draws& d);
  AgentId nth_active_in_cop_view(grid::Cell here, uint32_t j) const;
  void arrest(AgentId suspect, rng::Draws& d);
  void add_active(grid::Cell at, int delta);
  uint32_t tile_of(grid::Cell c) const;

  Params params_;
  Rules rules_;
  RunConfig config_;
  Executor executor_;
  grid::Torus torus_;
  grid::Neighbourhood citizen_vision_;
  grid::Neighbourhood cop_vision_;
  grid::Occupancy occupancy_;
  grid::CountField cops_seen_;     // cops within citizen vision of each cell
  grid::CountField actives_seen_;  // actives within citizen vision of each cell
  // Actives within cop vision: its own field only when the two visions differ.
  std::unique_ptr<grid::CountField> actives_seen_by_cops_own_;
  const grid::CountField* actives_for_cops_ = nullptr;

  AgentId citizens_ = 0;
  AgentId agents_ = 0;
  Column<grid::Cell> position_;   // every agent
  Column<float> hardship_;        // citizens: H ~ U(0, 1)
  Column<float> risk_aversion_;   // citizens: R ~ U(0, 1)
  Column<CitizenState> state_;    // citizens
  Column<uint16_t> sentence_;     // citizens: steps of jail left
  Column<AgentId> order_;         // this step's activation order (tiled: grouped by tile)

  std::vector<double> arrest_probability_;  // 1 - exp(-k q) for every whole ratio q

  // Tiled activation (see step_tiled).
  uint32_t tiles_x_ = 1;
  uint32_t tiles_y_ = 1;
  std::vector<uint32_t> tile_x_of_;            // x -> tile column
  std::vector<uint32_t> tile_y_of_;            // y -> tile row
  std::vector<uint32_t> tile_start_;           // tile t's agents: order_[tile_start_[t] .. tile_start_[t+1])
  std::vector<std::vector<uint32_t>> colours_;  // the tiles of each colour

  int64_t steps_done_ = 0;
  int64_t current_step_ = 1;       // the step being taken (the key of this step's random draws)
  double grievance_factor_ = 0.2;  // 1 - L at the current step
  SeriesTable indicators_;
};

}  // namespace thaw::epstein
