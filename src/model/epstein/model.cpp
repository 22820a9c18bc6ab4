// Epstein's civil-violence Model I. ODD: docs/odd/epstein.md, sections "Process overview and
// scheduling", "Initialisation" and "Submodels" (citizen rule A, cop rule C, movement rule M).
// Source: Epstein (2002), PNAS 99 suppl. 3, 7243-7250; Mesa v3.3.1's agents.py and model.py for
// the defaults; NetLogo Rebellion (Wilensky 2004) for the variants.
#include "model/epstein/model.hpp"

#include "engine/checksum.hpp"
#include "engine/detmath.hpp"
#include "engine/distributions.hpp"
#include "model/epstein/statistics.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace thaw::epstein {

namespace {

// Each random decision has its own stream, keyed by (run seed, stream, entity, step).
constexpr uint32_t kPlacementStream = rng::stream_id("epstein.placement");  // entity: cell
constexpr uint32_t kTraitStream = rng::stream_id("epstein.traits");         // entity: citizen
constexpr uint32_t kOrderStream = rng::stream_id("epstein.order");          // entity: 0
constexpr uint32_t kTileOrderStream = rng::stream_id("epstein.tile_order"); // entity: tile
constexpr uint32_t kAgentStream = rng::stream_id("epstein.agent");          // entity: agent

constexpr uint8_t kEmptyCell = 0, kCitizenCell = 1, kCopCell = 2;

grid::Torus torus_of(const Params& p) {
  return grid::Torus(static_cast<uint32_t>(p.width), static_cast<uint32_t>(p.height));
}

Rules checked_rules(const Params& p) {
  auto problems = p.validate();
  if (!problems.empty()) throw std::invalid_argument(problems.front());
  return p.rules();
}

// Cuts one axis into tiles for the tiled activation: an even number of tiles, each at least
// `min_size` cells, or a single tile when the axis is too short for two.
uint32_t tiles_along(uint32_t length, uint32_t min_size) {
  uint32_t n = length / min_size;
  if (n < 2) return 1;
  return n - n % 2;
}

}  // namespace

Model::Model(const Params& params, const RunConfig& config, Unpopulated)
    : params_(params),
      rules_(checked_rules(params)),
      config_(config),
      executor_(config.threads),
      torus_(torus_of(params)),
      citizen_vision_(torus_, rules_.vision_metric, static_cast<int>(params.citizen_vision)),
      cop_vision_(torus_, rules_.vision_metric, static_cast<int>(params.cop_vision)),
      occupancy_(torus_),
      cops_seen_(citizen_vision_),
      actives_seen_(citizen_vision_) {
  if (params.cop_vision != params.citizen_vision) {
    actives_seen_by_cops_own_ = std::make_unique<grid::CountField>(cop_vision_);
    actives_for_cops_ = actives_seen_by_cops_own_.get();
  } else {
    actives_for_cops_ = &actives_seen_;
  }
  indicators_ = SeriesTable({"step", "quiet", "active", "jailed", "serving_sentence", "legitimacy"});
}

Model::Model(const Params& params, const RunConfig& config, std::span<const AgentSpec> agents)
    : Model(params, config, Unpopulated{}) {
  // Citizens first, in the order given, then cops.
  citizens_ = 0;
  for (const auto& a : agents) citizens_ += a.kind == Kind::Citizen ? 1u : 0u;
  agents_ = static_cast<AgentId>(agents.size());
  position_.resize(agents_);
  hardship_.resize(citizens_);
  risk_aversion_.resize(citizens_);
  state_.resize(citizens_);
  sentence_.resize(citizens_);
  AgentId next_citizen = 0, next_cop = citizens_;
  for (const auto& a : agents) {
    if (a.x >= torus_.width() || a.y >= torus_.height())
      throw std::invalid_argument(fmt::format("agent at ({}, {}) lies outside the {}x{} lattice", a.x, a.y,
                                              torus_.width(), torus_.height()));
    const grid::Cell c = torus_.cell(a.x, a.y);
    const AgentId id = a.kind == Kind::Citizen ? next_citizen++ : next_cop++;
    position_[id] = c;
    if (a.kind == Kind::Citizen) {
      hardship_[id] = a.hardship;
      risk_aversion_[id] = a.risk_aversion;
      state_[id] = a.state;
      sentence_[id] = a.sentence;
    }
    const bool placed = a.kind == Kind::Cop || a.on_lattice;
    if (!placed) {
      if (a.state != CitizenState::Arrested)
        throw std::invalid_argument("only an arrested citizen can be held off the lattice");
      continue;
    }
    if (!occupancy_.empty(c))
      throw std::invalid_argument(fmt::format("two agents at ({}, {}): a cell holds at most one", a.x, a.y));
    occupancy_.place(c, id);
  }
  finish_initialisation();
}

Model::Model(const Params& params, const RunConfig& config) : Model(params, config, Unpopulated{}) {
  initialise_random();
  finish_initialisation();
}

// ODD "Initialisation": Mesa fills each cell independently (citizen with probability
// citizen_density, else cop with probability cop_density); NetLogo places exact numbers of cops,
// then citizens, on distinct random cells. Hardship and risk aversion are U(0, 1) per citizen.
// Everyone starts quiet and free.
void Model::initialise_random() {
  const size_t cells = torus_.cells();
  Column<uint8_t> kind(cells);
  if (rules_.placement == Placement::BernoulliPerCell) {
    executor_.for_chunks(cells, 1 << 16, [&](size_t begin, size_t end, size_t) {
      for (size_t c = begin; c < end; ++c) {
        rng::Draws d(config_.seed, kPlacementStream, c, 0);
        const double u = d.uniform();
        kind[c] = u < params_.citizen_density                         ? kCitizenCell
                  : u < params_.citizen_density + params_.cop_density ? kCopCell
                                                                      : kEmptyCell;
      }
    });
  } else {
    // NetLogo: round(density * cells) of each, cops first, each on a random free cell: the first
    // cells of one uniform permutation.
    const auto whole = [&](double density) {
      return static_cast<size_t>(std::floor(density * static_cast<double>(cells) + 0.5));
    };
    const size_t cops = std::min(cells, whole(params_.cop_density));
    const size_t citizens = std::min(cells - cops, whole(params_.citizen_density));
    std::vector<uint32_t> cell_order(cells);
    for (size_t c = 0; c < cells; ++c) cell_order[c] = static_cast<uint32_t>(c);
    rng::Draws d(config_.seed, kPlacementStream, 0, 0);
    dist::shuffle(d, std::span<uint32_t>(cell_order));
    kind.fill(kEmptyCell);
    for (size_t i = 0; i < cops + citizens; ++i) kind[cell_order[i]] = i < cops ? kCopCell : kCitizenCell;
  }

  citizens_ = 0;
  AgentId cops = 0;
  for (size_t c = 0; c < cells; ++c) {
    citizens_ += kind[c] == kCitizenCell ? 1u : 0u;
    cops += kind[c] == kCopCell ? 1u : 0u;
  }
  agents_ = citizens_ + cops;
  position_.resize(agents_);
  hardship_.resize(citizens_);
  risk_aversion_.resize(citizens_);
  state_.resize(citizens_);
  sentence_.resize(citizens_);
  // Ids in cell order: citizens 0.., cops after them.
  AgentId next_citizen = 0, next_cop = citizens_;
  for (size_t c = 0; c < cells; ++c) {
    if (kind[c] == kEmptyCell) continue;
    const AgentId id = kind[c] == kCitizenCell ? next_citizen++ : next_cop++;
    position_[id] = static_cast<grid::Cell>(c);
    occupancy_.place(static_cast<grid::Cell>(c), id);
  }
  executor_.for_chunks(citizens_, 1 << 15, [&](size_t begin, size_t end, size_t) {
    for (size_t id = begin; id < end; ++id) {
      rng::Draws d(config_.seed, kTraitStream, id, 0);
      hardship_[id] = d.uniform_f();
      risk_aversion_[id] = d.uniform_f();
      state_[id] = CitizenState::Quiet;
      sentence_[id] = 0;
    }
  });
}

// Everything derived from the agents: count fields, the arrest table, tiles, the step-0 row.
void Model::finish_initialisation() {
  cops_seen_.clear();
  actives_seen_.clear();
  if (actives_seen_by_cops_own_) actives_seen_by_cops_own_->clear();
  for (AgentId id = citizens_; id < agents_; ++id) cops_seen_.add_around(position_[id], +1);
  for (AgentId id = 0; id < citizens_; ++id)
    if (state_[id] == CitizenState::Active) add_active(position_[id], +1);
  order_.resize(agents_);

  // C / A never exceeds the number of cells a citizen can see.
  arrest_probability_.resize(citizen_vision_.size() + 1);
  for (size_t q = 0; q < arrest_probability_.size(); ++q)
    arrest_probability_[q] = 1.0 - det::exp(-params_.arrest_constant * static_cast<double>(q));

  // Tiles for the parallel activation. An agent's turn reads and writes only cells within
  // reach = vision + vision of where it stands (it moves up to one vision, then updates count
  // fields up to one vision around its old and new cells; a cop's arrest reaches a citizen
  // within its vision and that citizen's count-field footprint). Tiles of one colour are
  // separated by a whole tile of another colour, so with tiles at least 2 * reach wide two agents
  // of concurrently processed tiles are more than 2 * reach apart and their footprints are disjoint.
  const uint32_t vision = static_cast<uint32_t>(std::max(params_.citizen_vision, params_.cop_vision));
  const uint32_t min_tile = 4 * vision;
  tiles_x_ = tiles_along(torus_.width(), min_tile);
  tiles_y_ = tiles_along(torus_.height(), min_tile);
  tile_x_of_.resize(torus_.width());
  tile_y_of_.resize(torus_.height());
  for (uint32_t t = 0; t < tiles_x_; ++t) {
    const uint64_t b = static_cast<uint64_t>(t) * torus_.width() / tiles_x_;
    const uint64_t e = static_cast<uint64_t>(t + 1) * torus_.width() / tiles_x_;
    for (uint64_t x = b; x < e; ++x) tile_x_of_[x] = t;
  }
  for (uint32_t t = 0; t < tiles_y_; ++t) {
    const uint64_t b = static_cast<uint64_t>(t) * torus_.height() / tiles_y_;
    const uint64_t e = static_cast<uint64_t>(t + 1) * torus_.height() / tiles_y_;
    for (uint64_t y = b; y < e; ++y) tile_y_of_[y] = t;
  }
  colours_.assign(4, {});
  for (uint32_t ty = 0; ty < tiles_y_; ++ty)
    for (uint32_t tx = 0; tx < tiles_x_; ++tx) colours_[(tx & 1u) + 2u * (ty & 1u)].push_back(ty * tiles_x_ + tx);
  tile_start_.assign(static_cast<size_t>(tiles_x_) * tiles_y_ + 1, 0);

  steps_done_ = 0;
  current_step_ = 1;
  grievance_factor_ = 1.0 - params_.legitimacy.at(current_step_);
  record();
}

uint32_t Model::whole_ratio(uint32_t cops, uint32_t actives, Rounding rounding) {
  uint32_t q = cops / actives;
  if (rounding == Rounding::HalfEven) {
    // C / A = q + rem / A: up when rem / A > 1/2, and at exactly 1/2 to the even neighbour.
    const uint32_t rem = cops % actives;
    if (2 * rem > actives || (2 * rem == actives && (q & 1u))) ++q;
  }
  return q;
}

void Model::begin_step() {
  current_step_ = steps_done_ + 1;
  grievance_factor_ = 1.0 - params_.legitimacy.at(current_step_);
}

void Model::step() {
  if (rules_.activation == Activation::RandomOrder) step_random_order();
  else step_tiled();
  if (rules_.jail_countdown == JailCountdown::EndOfStep) {
    executor_.for_chunks(citizens_, 1 << 16, [&](size_t begin, size_t end, size_t) {
      for (size_t id = begin; id < end; ++id)
        if (sentence_[id] > 0) --sentence_[id];
    });
  }
  steps_done_ = current_step_;
  record();
  begin_step();
}

// Mesa's shuffle_do: every agent once, in a fresh uniformly random order, one after another, each
// seeing what those before it did (sequential and asynchronous).
void Model::step_random_order() {
  for (AgentId i = 0; i < agents_; ++i) order_[i] = i;
  rng::Draws d(config_.seed, kOrderStream, 0, static_cast<uint64_t>(current_step_));
  dist::shuffle(d, order_.span());
  // The order is known in advance, so the memory an agent's turn will touch can be requested a
  // few turns ahead: its position first, then (once that has arrived) its cell and its own state.
  // On a large lattice a random order otherwise waits on main memory at every turn. Prefetching
  // changes nothing but timing.
  const AgentId* order = order_.data();
  constexpr size_t kAhead = 8;
  for (size_t i = 0; i < agents_; ++i) {
    if (i + 2 * kAhead < agents_) __builtin_prefetch(position_.data() + order[i + 2 * kAhead]);
    if (i + kAhead < agents_) prefetch_turn(order[i + kAhead]);
    activate(order[i]);
  }
}

void Model::prefetch_turn(AgentId id) const {
  const grid::Cell c = position_[id];
  __builtin_prefetch(occupancy_.values().data() + c);
  __builtin_prefetch(cops_seen_.values().data() + c);
  __builtin_prefetch(actives_seen_.values().data() + c);
  if (id < citizens_) {
    __builtin_prefetch(sentence_.data() + id);
    __builtin_prefetch(state_.data() + id);
    __builtin_prefetch(hardship_.data() + id);
    __builtin_prefetch(risk_aversion_.data() + id);
  }
}

uint32_t Model::tile_of(grid::Cell c) const {
  return tile_y_of_[torus_.y_of(c)] * tiles_x_ + tile_x_of_[torus_.x_of(c)];
}

// The parallel variant. Agents are grouped by the tile they stand on at the start of the step (a
// snapshot, so an agent that moves into another tile is not activated twice). Colours run in
// order; the tiles of one colour run in parallel, each in its own random order keyed by
// (tile, step). Tiles of one colour cannot reach each other (see finish_initialisation), so the
// result is the same, bit for bit, whatever the number of threads.
void Model::step_tiled() {
  const size_t tiles = static_cast<size_t>(tiles_x_) * tiles_y_;
  std::fill(tile_start_.begin(), tile_start_.end(), 0u);
  for (AgentId id = 0; id < agents_; ++id) ++tile_start_[tile_of(position_[id]) + 1];
  for (size_t t = 0; t < tiles; ++t) tile_start_[t + 1] += tile_start_[t];
  {
    std::vector<uint32_t> cursor(tile_start_.begin(), tile_start_.end() - 1);
    for (AgentId id = 0; id < agents_; ++id) order_[cursor[tile_of(position_[id])]++] = id;
  }
  for (const auto& colour : colours_) {
    executor_.for_each_index(colour.size(), [&](size_t i) {
      const uint32_t tile = colour[i];
      std::span<AgentId> members(order_.data() + tile_start_[tile], tile_start_[tile + 1] - tile_start_[tile]);
      rng::Draws d(config_.seed, kTileOrderStream, tile, static_cast<uint64_t>(current_step_));
      dist::shuffle(d, members);
      for (AgentId id : members) activate(id);
    });
  }
}

void Model::activate(AgentId id) {
  rng::Draws d(config_.seed, kAgentStream, id, static_cast<uint64_t>(current_step_));
  if (is_cop(id)) activate_cop(id, d);
  else activate_citizen(id, d);
}

// ODD submodel "citizen": jail countdown, re-entry after a jail that does not block cells,
// rule A (decide) and rule M (move), in the order the rules ask for.
void Model::activate_citizen(AgentId id, rng::Draws& d) {
  if (sentence_[id] > 0) {
    // Mesa: a jailed citizen's turn is spent counting down; nothing else happens.
    if (rules_.jail_countdown == JailCountdown::AtActivation) --sentence_[id];
    return;
  }
  grid::Cell here = position_[id];
  bool moved = false;
  if (occupancy_.occupant(here) != id) {
    // Released from a jail that held it off the lattice: back to its cell if free, else to a
    // random free cell in sight; with none, it waits (still arrested) for its next turn.
    if (occupancy_.empty(here)) {
      occupancy_.place(here, id);
    } else {
      const auto target = occupancy_.random_empty(citizen_vision_.around(here), d);
      if (!target) return;
      here = *target;
      position_[id] = here;
      occupancy_.place(here, id);
      moved = rules_.update_order == UpdateOrder::MoveThenDecide;  // its way back is this turn's move
    }
  }
  const bool citizens_move = rules_.movement == Movement::All;
  if (rules_.update_order == UpdateOrder::MoveThenDecide && citizens_move && !moved) here = move_citizen(id, here, d);
  decide(id, here);
  if (rules_.update_order == UpdateOrder::DecideThenMove && citizens_move) move_citizen(id, here, d);
}

// Rule A (Epstein 2002): grievance G = H (1 - L); estimated arrest probability
// P = 1 - exp(-k round(C / A)) with C the cops and A = 1 + the actives in vision (the citizen
// counts itself); active iff G - R P > T.
void Model::decide(AgentId id, grid::Cell here) {
  const bool was_active = state_[id] == CitizenState::Active;
  const uint32_t cops = cops_seen_[here];
  const uint32_t actives = 1u + actives_seen_[here] + (rules_.self_in_vision && was_active ? 1u : 0u);
  const double p_arrest = arrest_probability_[whole_ratio(cops, actives, rules_.arrest_rounding)];
  const double grievance = static_cast<double>(hardship_[id]) * grievance_factor_;
  const bool active = grievance - static_cast<double>(risk_aversion_[id]) * p_arrest > params_.threshold;
  if (active != was_active) add_active(here, active ? +1 : -1);
  state_[id] = active ? CitizenState::Active : CitizenState::Quiet;
}

// Rule M: to a uniformly random empty cell within vision (Mesa and NetLogo both use the vision
// radius, not the adjacent cells); stay if there is none.
grid::Cell Model::move_citizen(AgentId id, grid::Cell here, rng::Draws& d) {
  const auto target = occupancy_.random_empty(citizen_vision_.around(here), d);
  if (!target) return here;
  occupancy_.move(here, *target);
  position_[id] = *target;
  if (state_[id] == CitizenState::Active) {
    add_active(here, -1);
    add_active(*target, +1);
  }
  return *target;
}

grid::Cell Model::move_cop(AgentId id, grid::Cell here, rng::Draws& d) {
  const auto target = occupancy_.random_empty(cop_vision_.around(here), d);
  if (!target) return here;
  occupancy_.move(here, *target);
  position_[id] = *target;
  cops_seen_.move(here, *target);
  return *target;
}

// ODD submodel "cop": rule C, arrest one uniformly random active citizen in vision, and rule M.
void Model::activate_cop(AgentId id, rng::Draws& d) {
  grid::Cell here = position_[id];
  const bool cops_move = rules_.movement != Movement::None;
  if (rules_.update_order == UpdateOrder::MoveThenDecide && cops_move) here = move_cop(id, here, d);
  bool went_to_arrestee = false;
  if (const uint32_t visible = (*actives_for_cops_)[here]; visible > 0) {
    const AgentId suspect = nth_active_in_cop_view(here, d.below(visible));
    const grid::Cell where = position_[suspect];
    arrest(suspect, d);
    if (rules_.after_arrest == AfterArrest::MoveToArrestee) {
      // NetLogo: the cop steps onto the cell its prisoner has just left (validated: jail does not
      // block cells, so that cell is now empty).
      occupancy_.move(here, where);
      position_[id] = where;
      cops_seen_.move(here, where);
      went_to_arrestee = true;
    }
  }
  if (rules_.update_order == UpdateOrder::DecideThenMove && cops_move && !went_to_arrestee) move_cop(id, here, d);
}

AgentId Model::nth_active_in_cop_view(grid::Cell here, uint32_t j) const {
  std::optional<AgentId> found;
  cop_vision_.around(here).for_each_run([&](grid::Cell first, uint32_t length) {
    if (found) return;
    for (uint32_t i = 0; i < length; ++i) {
      const uint32_t o = occupancy_.occupant(first + i);
      if (o >= citizens_ || state_[o] != CitizenState::Active) continue;  // empty cells hold kEmpty > any id
      if (j == 0) {
        found = o;
        return;
      }
      --j;
    }
  });
  if (!found) throw std::logic_error("count field and lattice disagree on the actives a cop can see");
  return *found;
}

void Model::arrest(AgentId suspect, rng::Draws& d) {
  const auto max_term = static_cast<uint32_t>(params_.max_jail_term);
  // Mesa: randint(0, J_max), both ends included; NetLogo: random J_max, 0 .. J_max - 1.
  const uint32_t term = rules_.jail_term_draw == JailTermDraw::ZeroToMax ? d.below(max_term + 1) : d.below(max_term);
  sentence_[suspect] = static_cast<uint16_t>(term);
  state_[suspect] = CitizenState::Arrested;
  add_active(position_[suspect], -1);
  if (!rules_.jailed_block_cells) occupancy_.clear(position_[suspect]);
}

void Model::add_active(grid::Cell at, int delta) {
  actives_seen_.add_around(at, delta);
  if (actives_seen_by_cops_own_) actives_seen_by_cops_own_->add_around(at, delta);
}

std::optional<AgentId> Model::occupant(grid::Cell c) const {
  if (occupancy_.empty(c)) return std::nullopt;
  return occupancy_.occupant(c);
}

StateCounts Model::counts() const {
  StateCounts s;
  for (AgentId id = 0; id < citizens_; ++id) {
    switch (state_[id]) {
      case CitizenState::Quiet: ++s.quiet; break;
      case CitizenState::Active: ++s.active; break;
      case CitizenState::Arrested: ++s.jailed; break;
    }
    s.serving_sentence += sentence_[id] > 0 ? 1 : 0;
  }
  return s;
}

void Model::record() {
  const StateCounts s = counts();
  indicators_.add_row({static_cast<double>(steps_done_), static_cast<double>(s.quiet), static_cast<double>(s.active),
                       static_cast<double>(s.jailed), static_cast<double>(s.serving_sentence),
                       params_.legitimacy.at(steps_done_)});
}

uint64_t Model::checksum() const {
  Checksum c;
  c.add(steps_done_);
  c.add(position_.span());
  c.add(hardship_.span());
  c.add(risk_aversion_.span());
  c.add(state_.span());
  c.add(sentence_.span());
  c.add(occupancy_.values());
  c.add(cops_seen_.values());
  c.add(actives_seen_.values());
  if (actives_seen_by_cops_own_) c.add(actives_seen_by_cops_own_->values());
  return c.value();
}

std::string Model::summary() const {
  const StateCounts s = counts();
  std::string out = fmt::format("{} citizens and {} cops on a {}x{} torus; at step {}: {} quiet, {} active, {} jailed",
                                citizens_, agents_ - citizens_, torus_.width(), torus_.height(), steps_done_, s.quiet,
                                s.active, s.jailed);
  if (steps_done_ >= params_.burn_in) {
    const RunStatistics r = summarise(indicators_, {.burn_in = params_.burn_in,
                                                    .outburst_threshold = params_.outburst_threshold});
    out += fmt::format(
        "\nsteps {}..{}: mean active {:.3f}, mean jailed {:.3f}; peak active {} (step {}); {} outburst{} of more than "
        "{} actives ({:.1f}% of steps)",
        params_.burn_in, steps_done_, r.mean_active, r.mean_jailed, r.peak_active, r.step_of_peak_active, r.outbursts,
        r.outbursts == 1 ? "" : "s", params_.outburst_threshold, 100.0 * r.frac_steps_in_outburst);
  }
  return out;
}

MemoryUse Model::memory() const {
  MemoryUse m;
  m.agents = agents_;
  m.cells = torus_.cells();
  m.agent_bytes = position_.bytes() + hardship_.bytes() + risk_aversion_.bytes() + state_.bytes() +
                  sentence_.bytes() + order_.bytes();
  m.cell_bytes = occupancy_.bytes() + cops_seen_.bytes() + actives_seen_.bytes() +
                 (actives_seen_by_cops_own_ ? actives_seen_by_cops_own_->bytes() : 0);
  return m;
}

std::vector<std::string> Model::audit() const {
  std::vector<std::string> problems;
  const size_t cells = torus_.cells();
  // Occupancy: every placed agent where its position says, nobody else anywhere.
  std::vector<uint32_t> expected(cells, grid::Occupancy::kEmpty);
  for (AgentId id = 0; id < agents_; ++id) {
    const bool held_off = id < citizens_ && state_[id] == CitizenState::Arrested && occupancy_.occupant(position_[id]) != id;
    if (held_off) {
      if (rules_.jailed_block_cells) problems.push_back(fmt::format("agent {} is off the lattice but jail blocks cells", id));
      continue;
    }
    if (expected[position_[id]] != grid::Occupancy::kEmpty)
      problems.push_back(fmt::format("agents {} and {} share cell {}", expected[position_[id]], id, position_[id]));
    expected[position_[id]] = id;
  }
  for (size_t c = 0; c < cells; ++c)
    if (expected[c] != occupancy_.occupant(static_cast<grid::Cell>(c)))
      problems.push_back(fmt::format("cell {}: occupancy says {}, the agents say {}", c,
                                     occupancy_.occupant(static_cast<grid::Cell>(c)), expected[c]));
  // Count fields, by looking at every cell of every neighbourhood.
  auto recount = [&](const grid::Neighbourhood& nb, auto&& counted) {
    std::vector<uint32_t> n(cells, 0);
    for (size_t c = 0; c < cells; ++c) {
      const auto around = nb.around(static_cast<grid::Cell>(c));
      for (uint32_t k = 0; k < around.size(); ++k) {
        const uint32_t o = expected[around.cell(k)];
        if (o != grid::Occupancy::kEmpty && counted(o)) ++n[c];
      }
    }
    return n;
  };
  const auto is_cop_id = [&](uint32_t o) { return o >= citizens_; };
  const auto is_active = [&](uint32_t o) { return o < citizens_ && state_[o] == CitizenState::Active; };
  const auto compare = [&](const char* name, const std::vector<uint32_t>& truth, const grid::CountField& field) {
    for (size_t c = 0; c < cells; ++c)
      if (truth[c] != field[static_cast<grid::Cell>(c)])
        problems.push_back(fmt::format("{} at cell {}: cached {}, recounted {}", name, c,
                                       field[static_cast<grid::Cell>(c)], truth[c]));
  };
  compare("cops_seen", recount(citizen_vision_, is_cop_id), cops_seen_);
  compare("actives_seen", recount(citizen_vision_, is_active), actives_seen_);
  if (actives_seen_by_cops_own_)
    compare("actives_seen_by_cops", recount(cop_vision_, is_active), *actives_seen_by_cops_own_);
  return problems;
}

}  // namespace thaw::epstein
