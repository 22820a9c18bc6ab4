// What the other mechanisms may do to society: move, add and remove people, shift the climate of
// belief, tell people something. Society owns the people; these functions are the only way in.
#include "model/society/society.hpp"

#include "model/society/internal.hpp"
#include "model/thaw/world.hpp"

#include <algorithm>
#include <cmath>
#include <span>

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

// `refused` counts a full block: the state's counter, or a task's own when blocks are filled in
// parallel (each task owns its destinations, so only the counter is shared).
uint64_t allocate_slot(World& world, int dest, uint64_t& refused) {
  auto& st = world.society;
  const auto& loc = world.geo.localities[static_cast<size_t>(dest)];
  const auto d = static_cast<size_t>(dest);
  if (st.used_slots[d] >= loc.slot_count) {
    ++refused;
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
  ++refused;
  return UINT64_MAX;
}

// A slot given up: its person's bytes (clear_slot, which touches the slot alone), then its block's
// count and its cell's knowers (account_departure, shared with the slot's neighbours).
void clear_slot(World& world, uint64_t slot) {
  auto& pop = PeopleWriter::of(world.society);
  pop.status[slot] = static_cast<uint8_t>(Status::Empty);
  pop.info[slot] = 0;
  pop.info_prev[slot] = 0;
}

void account_departure(World& world, uint64_t slot) {
  --world.society.used_slots[static_cast<size_t>(world.society.pop().locality_of(slot))];
  mark_knowers_stale(world.society, slot);
}

void release_slot(World& world, uint64_t slot) {
  clear_slot(world, slot);
  account_departure(world, slot);
}
}  // namespace

namespace {
// The arrival half of transfer(): the person of `slot` into a free slot of `dest` (and the copies
// the weights make); the old slot is left as it was. It writes only `dest`'s block and counters.
uint64_t arrive(World& world, uint64_t slot, int dest, uint64_t& refused) {
  auto& pop = PeopleWriter::of(world.society);
  const uint64_t to = allocate_slot(world, dest, refused);
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
      const uint64_t c = allocate_slot(world, dest, refused);
      if (c == UINT64_MAX) break;
      pop.traits[c] = make_traits(cohort_of(pop.traits[slot]), class_of(pop.traits[slot]), static_cast<uint8_t>(incarnation_of(pop.traits[c]) + 1));
      pop.status[c] = free_status;
      pop.legitimacy[c] = pop.legitimacy[slot];
      pop.info[c] = pop.info[slot];
      pop.info_prev[c] = pop.info_prev[slot];
    }
  }
  return to;
}
}  // namespace

uint64_t transfer(World& world, uint64_t slot, int dest) {
  if (world.society.pop().locality_of(slot) == dest) return slot;
  const uint64_t to = arrive(world, slot, dest, world.society.transfers_refused);
  if (to != UINT64_MAX) release_slot(world, slot);
  return to;
}

void transfer_all(World& world, std::span<const Move> moves) {
  auto& st = world.society;
  const auto& pop = st.pop();
  const size_t n_loc = world.geo.localities.size();
  // Each destination's arrivals in the order given. They may run side by side only if no person
  // leaves a destination's block (a slot freed there could be taken by a later arrival) and
  // nobody moves twice: then each arrival finds its block exactly as the sequence would leave it.
  std::vector<uint32_t> count(n_loc + 1, 0);
  std::vector<uint8_t> is_dest(n_loc, 0);
  for (const Move& m : moves) {
    ++count[static_cast<size_t>(m.dest) + 1];
    is_dest[static_cast<size_t>(m.dest)] = 1;
  }
  bool independent = true;
  for (size_t i = 0; i < moves.size() && independent; ++i) {
    independent = !is_dest[static_cast<size_t>(pop.locality_of(moves[i].slot))] && (i == 0 || moves[i - 1].slot < moves[i].slot);
  }
  if (!independent || world.executor->threads() <= 1) {
    for (const Move& m : moves) transfer(world, m.slot, m.dest);
    return;
  }
  std::vector<size_t> order(moves.size());  // the moves' indices grouped by destination, each group in the given order
  std::vector<uint32_t> start(count.begin(), count.end());
  for (size_t l = 0; l < n_loc; ++l) start[l + 1] += start[l];
  {
    std::vector<uint32_t> next(start.begin(), start.end() - 1);
    for (size_t i = 0; i < moves.size(); ++i) order[next[static_cast<size_t>(moves[i].dest)]++] = i;
  }
  std::vector<uint8_t> arrived(moves.size(), 0);
  constexpr uint32_t kAhead = 8;
  std::vector<uint64_t> refused(n_loc, 0);
  world.executor->for_each_index(n_loc, [&](size_t l) {
    for (uint32_t k = start[l]; k < start[l + 1]; ++k) {
      // The sources lie scattered over the countryside's blocks: ask for the bytes of one a few
      // moves ahead while this one is copied.
      if (k + kAhead < start[l + 1]) {
        const uint64_t ahead = moves[order[k + kAhead]].slot;
        __builtin_prefetch(&pop.status[ahead], 1);
        __builtin_prefetch(&pop.traits[ahead], 0);
        __builtin_prefetch(&pop.legitimacy[ahead], 0);
        __builtin_prefetch(&pop.info[ahead], 1);
        __builtin_prefetch(&pop.info_prev[ahead], 1);
      }
      const size_t i = order[k];
      arrived[i] = arrive(world, moves[i].slot, moves[i].dest, refused[l]) != UINT64_MAX ? 1 : 0;
      // The old slot is no destination's and nobody else's: emptied here, while its bytes are
      // still in the cache from the copy.
      if (arrived[i]) clear_slot(world, moves[i].slot);
    }
  });
  for (size_t l = 0; l < n_loc; ++l) st.transfers_refused += refused[l];
  // The departures' counts and cells, which neighbours share.
  for (size_t i = 0; i < moves.size(); ++i)
    if (arrived[i]) account_departure(world, moves[i].slot);
}

void remove_person(World& world, uint64_t slot) {
  if (is_person(world.society.pop().status[slot])) release_slot(world, slot);
}

uint64_t add_person(World& world, int dest, uint8_t traits, uint8_t status, uint8_t legitimacy) {
  return detail::add_person_counted(world, dest, traits, status, legitimacy, world.society.transfers_refused);
}

uint64_t detail::add_person_counted(World& world, int dest, uint8_t traits, uint8_t status, uint8_t legitimacy, uint64_t& refused) {
  const uint64_t to = allocate_slot(world, dest, refused);
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
