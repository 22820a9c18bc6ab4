// What the other mechanisms may do to society: move, add and remove people, shift the climate of
// belief, tell people something. Society owns the people; these functions are the only way in.
#include "model/society/society.hpp"

#include "model/society/internal.hpp"
#include "model/thaw/world.hpp"

#include <algorithm>
#include <cmath>

namespace thaw::model::society {

using namespace detail;

namespace {
bool adult_at(uint8_t traits, uint8_t status, int year, int birth_year_offset, int adult_age) {
  if (status & kBornInRun) return false;
  if (cohort_of(traits) != Born1940on) return true;
  return 1940 + birth_year_offset + adult_age <= year;
}
}  // namespace

void shift_legitimacy(World& world, int country, uint8_t setting_mask, float delta) {
  const auto& locs = world.geo.localities;
  for (size_t l = 0; l < locs.size(); ++l) {
    if (country >= 0 && locs[l].country != country) continue;
    if (!(setting_mask & setting_bit(locs[l].setting))) continue;
    world.society.inputs.legitimacy_shift[l] += delta;
  }
}

void shift_legitimacy_locality(World& world, int locality, float delta) {
  world.society.inputs.legitimacy_shift[static_cast<size_t>(locality)] += delta;
}

void expose(World& world, const Exposure& exposure) { world.society.inputs.exposures.push_back(exposure); }

int locality_of(const World& world, uint64_t slot) { return world.society.pop().locality_of(slot); }

namespace {
// Someone arrives in or leaves the slot's cell: its knowers must be counted again.
void mark_knowers_stale(State& st, uint64_t slot) {
  if (!st.cell_knowers_stale.empty()) st.cell_knowers_stale[slot / st.pop().cell_agents] = 1;
}

uint64_t allocate_slot(World& world, int dest) {
  auto& st = world.society;
  const auto& loc = world.geo.localities[static_cast<size_t>(dest)];
  const auto d = static_cast<size_t>(dest);
  if (st.used_slots[d] >= loc.slot_count) {
    ++st.transfers_refused;
    return UINT64_MAX;
  }
  // Resume the scan where the last one stopped: amortised O(1) while the block has free slots.
  uint64_t s = st.next_free[d];
  const uint64_t end = loc.first_slot + loc.slot_count;
  for (uint64_t tries = 0; tries < loc.slot_count; ++tries) {
    if (s >= end) s = loc.first_slot;
    if (!is_person(st.pop().status[s])) {
      st.next_free[d] = s + 1;
      ++st.used_slots[d];
      mark_knowers_stale(st, s);
      return s;
    }
    ++s;
  }
  ++st.transfers_refused;
  return UINT64_MAX;
}

void release_slot(World& world, uint64_t slot) {
  auto& pop = PeopleWriter::of(world.society);
  const int from = pop.locality_of(slot);
  pop.status[slot] = static_cast<uint8_t>(Status::Empty);
  pop.info[slot] = 0;
  pop.info_prev[slot] = 0;
  --world.society.used_slots[static_cast<size_t>(from)];
  mark_knowers_stale(world.society, slot);
}
}  // namespace

uint64_t transfer(World& world, uint64_t slot, int dest) {
  auto& pop = PeopleWriter::of(world.society);
  if (pop.locality_of(slot) == dest) return slot;
  const uint64_t to = allocate_slot(world, dest);
  if (to == UINT64_MAX) return to;
  // A slot that is reused gets a new incarnation, so the newcomer draws fresh dispositions.
  const uint8_t incarnation = static_cast<uint8_t>(incarnation_of(pop.traits[to]) + 1);
  pop.traits[to] = make_traits(cohort_of(pop.traits[slot]), class_of(pop.traits[slot]), incarnation);
  pop.status[to] = pop.status[slot];
  pop.legitimacy[to] = pop.legitimacy[slot];
  pop.info[to] = pop.info[slot];
  pop.info_prev[to] = pop.info_prev[slot];
  // Into a town whose agents stand for fewer people: the one who came stands for several agents
  // there (in expectation weight(from) / weight(to)), free, with the same belief and knowledge.
  // The other way (arrests and sentences out of a town) is thinned by those who send them.
  const auto& from_loc = world.geo.localities[static_cast<size_t>(pop.locality_of(slot))];
  const auto& to_loc = world.geo.localities[static_cast<size_t>(dest)];
  if (to_loc.weight > 0 && from_loc.weight > to_loc.weight) {
    rng::Draws d = world.draws(kStreamWeights, slot);
    const uint64_t copies = stochastic_count(from_loc.weight / to_loc.weight, d.uniform());
    const auto free_status = static_cast<uint8_t>(with_status(pop.status[slot], Status::Free) & ~kActive);
    for (uint64_t k = 1; k < copies; ++k) {
      const uint64_t c = allocate_slot(world, dest);
      if (c == UINT64_MAX) break;
      pop.traits[c] = make_traits(cohort_of(pop.traits[slot]), class_of(pop.traits[slot]), static_cast<uint8_t>(incarnation_of(pop.traits[c]) + 1));
      pop.status[c] = free_status;
      pop.legitimacy[c] = pop.legitimacy[slot];
      pop.info[c] = pop.info[slot];
      pop.info_prev[c] = pop.info_prev[slot];
    }
  }
  release_slot(world, slot);
  return to;
}

void remove_person(World& world, uint64_t slot) {
  if (is_person(world.society.pop().status[slot])) release_slot(world, slot);
}

uint64_t add_person(World& world, int dest, uint8_t traits, uint8_t status, uint8_t legitimacy) {
  const uint64_t to = allocate_slot(world, dest);
  if (to == UINT64_MAX) return to;
  auto& pop = PeopleWriter::of(world.society);
  const uint8_t incarnation = static_cast<uint8_t>(incarnation_of(pop.traits[to]) + 1);
  pop.traits[to] = make_traits(cohort_of(traits), class_of(traits), incarnation);
  pop.status[to] = status;
  pop.legitimacy[to] = legitimacy;
  pop.info[to] = 0;
  pop.info_prev[to] = 0;
  return to;
}

void imprison(World& world, uint64_t slot) {
  uint8_t& status = PeopleWriter::of(world.society).status[slot];
  status = with_status(status, Status::Imprisoned);
}

void set_free(World& world, uint64_t slot) {
  uint8_t& status = PeopleWriter::of(world.society).status[slot];
  status = with_status(status, Status::Free);
}

void end_protest(World& world, uint64_t slot) { PeopleWriter::of(world.society).status[slot] &= static_cast<uint8_t>(~kActive); }

void mark_political(World& world, uint64_t slot, bool political) {
  uint8_t& status = PeopleWriter::of(world.society).status[slot];
  if (political) status |= kPolitical;
  else status &= static_cast<uint8_t>(~kPolitical);
}

void settle(World& world, uint64_t slot, float belief_offset) {
  auto& pop = PeopleWriter::of(world.society);
  pop.status[slot] = with_status(pop.status[slot], Status::Settler);
  const float belief = std::clamp(legitimacy_value(pop.legitimacy[slot]) + belief_offset, 0.0f, 1.0f);
  pop.legitimacy[slot] = static_cast<uint8_t>(std::lround(belief * 255.0f));
}

bool is_adult(const World& world, uint64_t slot) {
  const auto& pop = world.society.pop();
  if (!is_person(pop.status[slot])) return false;
  const DispositionWords disp = disposition_words(disposition_keys(world.seed), static_cast<uint32_t>(slot), incarnation_of(pop.traits[slot]));
  return adult_at(pop.traits[slot], pop.status[slot], world.year(), birth_year_offset_of(disp), 16);
}

}  // namespace thaw::model::society
