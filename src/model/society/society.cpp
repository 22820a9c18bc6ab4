// Society's month: the pass over every citizen and what follows it. ODD: docs/odd/society.md
// ("Process overview and scheduling").
#include "model/society/society.hpp"

#include "model/society/internal.hpp"
#include "model/society/people.hpp"

#include "engine/detmath.hpp"
#include "engine/distributions.hpp"
#include "model/thaw/world.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cmath>

namespace thaw::model::society {

using namespace detail;

namespace {

// Share of a person's contacts who may live anywhere in the locality (the rest live nearby).
constexpr float kContactsAnywhere = 0.1f;

// Arrests in a protest round: each security agent takes one active in view with probability
// arrest_rate, so each active is taken with chance `take`, independently. The gaps between those
// taken are geometric: one draw per arrest instead of one per active (same distribution), walking
// the n candidates in order; `active(i)` says whether candidate i is active, `arrest(i)` takes it.
// Returns how many were taken. (A cell's round and a town's round walk their crowds alike.)
template <class Active, class Arrest>
uint32_t take_arrests(rng::SplitStream& draws, float take, size_t n, uint32_t now_active, Active active, Arrest arrest) {
  const double log_keep = take < 1.0f ? det::log1p(-static_cast<double>(take)) : 0.0;
  auto gap = [&]() -> uint64_t {
    if (take >= 1.0f) return 0;
    const double g = std::floor(det::log(draws.uniform_pos()) / log_keep);
    return g < 1e18 ? static_cast<uint64_t>(g) : UINT64_MAX;
  };
  uint32_t taken = 0;
  uint64_t skip = gap();
  for (size_t i = 0; i < n && skip < now_active; ++i) {
    if (!active(i)) continue;
    if (skip > 0) {
      --skip;
      continue;
    }
    skip = gap();
    ++taken;
    arrest(i);
  }
  return taken;
}

struct ChunkOutput {
  std::vector<uint64_t> arrested;
  std::vector<uint64_t> migrants;
  // The protest candidates of the chunk's town cells, in slot order, with their keys: a town's
  // crowd is settled over the whole town after the pass (town_protest).
  std::vector<uint64_t> town_candidate;
  std::vector<float> town_key;
};

}  // namespace

//
// step() is the month's phases in order; each is a function below, reading and writing what its
// comment says.

namespace {

// What the month's pass reads per locality, gathered from the inputs before it starts.
struct MonthPlan {
  std::vector<float> hardship;      // [locality * kClasses + class]: as felt, the economy's (or the camp's) times the austerity
  std::vector<float> climate;       // [locality * kClasses + class]: the belief people drift toward
  std::vector<float> exposure;      // [((locality * kTopics + topic) * kClasses + class) * kCohorts + cohort]: a channel's chance
  std::vector<uint8_t> circulating; // per locality: topics someone knew last month (word of mouth)
  std::vector<uint8_t> exposed;     // per locality: topics a channel carries somewhere there this month
  std::vector<float> spill;         // per locality: last month's actives every cell hears of
  // Per locality: the slots [begin, end) of the neighbourhood of this month's clash with the police
  // (empty: none).
  std::vector<uint64_t> incident_begin, incident_end;
  uint64_t month_key = 0;           // this month's randomness (people.hpp)
};

// Phase 1. Hardship as felt, the climate of belief from it and the shocks, this month's channels,
// what circulates where.
MonthPlan plan_month(World& world, const Params& p) {
  auto& geo = world.geo;
  auto& st = world.society;
  const size_t n_loc = geo.localities.size();
  MonthPlan plan;

  // Per locality and class: the hardship people feel. Two writers keep two inputs, so neither
  // overwrites the other: the economy's (or the camp's) hardship, and the bloc's austerity factor.
  plan.hardship.resize(n_loc * kClasses);
  for (size_t l = 0; l < n_loc; ++l)
    for (size_t k = l * kClasses; k < (l + 1) * kClasses; ++k)
      plan.hardship[k] = std::clamp(st.inputs.hardship[k] * st.inputs.austerity[l] * static_cast<float>(geo.localities[l].hardship_factor), 0.0f, 1.0f);

  // Per locality and class: the climate belief drifts toward.
  if (st.hardship_1953.empty()) st.hardship_1953 = plan.hardship;
  std::vector<float>& climate = plan.climate;
  climate.resize(n_loc * kClasses);
  const std::vector<double> base_of = base_legitimacy(geo, p.town_mixing);
  for (size_t l = 0; l < n_loc; ++l) {
    const double base = base_of[l];
    for (int k = 0; k < kClasses; ++k) {
      double offset = k == PartyMember ? p.class_offset_party : k == Intelligentsia ? p.class_offset_intelligentsia
                    : k == Kolkhoznik ? p.class_offset_kolkhoznik : 0.0;
      const double hardship_rise = plan.hardship[l * kClasses + static_cast<size_t>(k)] - st.hardship_1953[l * kClasses + static_cast<size_t>(k)];
      climate[l * kClasses + static_cast<size_t>(k)] =
          static_cast<float>(base + offset + st.inputs.legitimacy_shift[l] - p.hardship_weight * hardship_rise);
    }
  }

  // Channels opened by decisions feed this month's exposures while they last.
  for (auto& ch : st.inputs.channels) {
    if (ch.months_left-- > 0) st.inputs.exposures.push_back(ch.exposure);
  }
  std::erase_if(st.inputs.channels, [](const Inputs::Channel& ch) { return ch.months_left <= 0; });

  // Per locality, topic, class and cohort: the chance that a channel tells an uninformed adult.
  std::vector<float>& exposure = plan.exposure;
  exposure.assign(n_loc * kTopics * kClasses * kCohorts, 0.0f);
  for (const auto& e : st.inputs.exposures) {
    for (size_t l = 0; l < n_loc; ++l) {
      const auto& loc = geo.localities[l];
      if (e.country >= 0 && loc.country != e.country) continue;
      if (e.locality >= 0 && static_cast<size_t>(e.locality) != l) continue;
      if (!(e.setting_mask & setting_bit(loc.setting))) continue;
      for (int k = 0; k < kClasses; ++k) {
        if (!(e.class_mask & (1u << k))) continue;
        for (int c = 0; c < kCohorts; ++c) {
          if (!(e.cohort_mask & (1u << c))) continue;
          float& slot = exposure[((l * kTopics + e.topic) * kClasses + static_cast<size_t>(k)) * kCohorts + static_cast<size_t>(c)];
          slot = 1.0f - (1.0f - slot) * (1.0f - std::clamp(e.probability, 0.0f, 1.0f));
        }
      }
    }
  }
  // Which topics circulate where (someone knew last month): contacts are consulted only for these.
  plan.circulating.assign(n_loc, 0);
  for (size_t l = 0; l < n_loc; ++l)
    for (int t = 0; t < kTopics; ++t)
      if (st.stats[l].informed[static_cast<size_t>(t)] > 0) plan.circulating[l] |= static_cast<uint8_t>(1u << t);
  // Last month's actives of each locality, spread over its cells (what everyone has heard of).
  plan.spill.resize(n_loc);
  for (size_t l = 0; l < n_loc; ++l)
    plan.spill[l] = static_cast<float>(p.spill * st.stats[l].active_peak / std::max<double>(1.0, static_cast<double>(geo.localities[l].cell_count)));
  // Topics a channel carries somewhere in each locality this month.
  plan.exposed.assign(n_loc, 0);
  for (size_t l = 0; l < n_loc; ++l)
    for (size_t i = l * kTopics * kClasses * kCohorts; i < (l + 1) * kTopics * kClasses * kCohorts; ++i)
      if (exposure[i] > 0) plan.exposed[l] |= static_cast<uint8_t>(1u << (i / (kClasses * kCohorts) % kTopics));
  // Sparks (Kozlov 2002): most disturbances of these years began with the police, an arrest or a
  // death in custody. Each town has a chance a month of such a clash, higher where released
  // criminals have raised crime; it sets one neighbourhood against the police for the month.
  // Whether it spreads is the threshold cascade of the protest rounds, against the arrests.
  plan.incident_begin.assign(n_loc, 0);
  plan.incident_end.assign(n_loc, 0);
  // A clash turns into a crowd only where people have lost some of their fear of the police
  // (Kozlov 2002: the disturbances came as the terror receded): the chance is per unit of (1 - fear)^incident_fear_power.
  const double incident_rate = p.incident_rate * std::max(0.0, world.signals.crime_index);
  for (size_t l = 0; l < n_loc && incident_rate > 0; ++l) {
    const auto& loc = geo.localities[l];
    if (loc.town < 0) continue;
    rng::Draws d = world.draws(kStreamIncident, l);
    if (d.uniform() >= incident_rate * det::pow(std::max(0.0, 1.0 - static_cast<double>(st.inputs.fear[l])), p.incident_fear_power)) continue;
    // The neighbourhood is incident_people people, whatever a person's weight (the same share of a
    // town at every scale): a run of that many slots, at random among the peopled cells.
    const uint64_t span = std::clamp<uint64_t>((st.used_slots[l] + st.cell_agents - 1) / st.cell_agents, 1, loc.cell_count) * st.cell_agents;
    const uint64_t agents = std::clamp<uint64_t>(stochastic_count(p.incident_people / loc.weight, d.uniform()), 1, span);
    plan.incident_begin[l] = loc.first_slot + d.below64(span - agents + 1);
    plan.incident_end[l] = plan.incident_begin[l] + agents;
  }
  plan.month_key = rng::hash_combine(rng::hash_combine(world.seed, kStreamMonth), static_cast<uint64_t>(world.step));
  return plan;
}

// Phase 2. Word of mouth, folded. A person consults `contacts` contacts, each a person anywhere in
// the block with chance kContactsAnywhere and otherwise a person within contact_window slots
// (people, not slots: empty slots would dilute word of mouth where blocks are mostly room, as in
// small localities at coarse scales); each who knows passes it on with chance transmission x
// silence. Given last month's knowledge these draws are independent, so the chance of learning by
// word of mouth is 1 - (1 - q tau)^K, with q the chance that one contact knows: the share of
// knowers among the people of the window and of the block. The window is taken in whole cells
// around the person's cell, so one chance serves the whole cell. Same distribution as drawing every
// contact (the sample_contacts reference path) up to the window's rounding to cells, at one draw a
// topic instead of K lookups at random addresses. Writes st.cell_word_of_mouth (per cell and topic)
// and refreshes the knowers of stale cells.
void fold_word_of_mouth(World& world, const Params& p, const MonthPlan& plan) {
  auto& geo = world.geo;
  auto& st = world.society;
  const auto& pop = st.pop();
  const size_t n_loc = geo.localities.size();
  const uint64_t cell = st.cell_agents;
  const size_t n_cells = st.cell_active.size();
  const std::vector<uint8_t>& circulating = plan.circulating;
  if (st.cell_knowers_stale.size() != n_cells) {
    st.cell_knowers.assign(n_cells * kKnowerCounts, 0);
    st.cell_knowers_stale.assign(n_cells, 1);
  }
  std::vector<float>& contact_learn = st.cell_word_of_mouth;
  bool any_circulating = false;
  for (size_t l = 0; l < n_loc; ++l) any_circulating |= circulating[l] != 0;
  if (!any_circulating || p.sample_contacts) return;
  contact_learn.resize(n_cells * kTopics);  // written below for every cell and topic that is read
  // Per cell: knowers of each topic, then persons (index kTopics), at the start of the month:
  // as last month's pass left them, counted again where someone came or went since.
  const std::vector<uint32_t>& knowers = st.cell_knowers;
  world.executor->for_chunks(n_cells, 256, [&](size_t cb, size_t ce, size_t) {
    for (size_t c = cb; c < ce; ++c) {
      if (!st.cell_knowers_stale[c] || !circulating[pop.cell_locality[c]]) continue;
      const std::array<uint32_t, kKnowerCounts> k = count_knowers(&pop.info_prev[c * cell], &pop.status[c * cell], static_cast<uint32_t>(cell));
      std::copy(k.begin(), k.end(), st.cell_knowers.begin() + static_cast<std::ptrdiff_t>(c * kKnowerCounts));
      st.cell_knowers_stale[c] = 0;
    }
  });
  const auto half_cells = static_cast<int64_t>(std::llround(static_cast<double>(p.contact_window) / static_cast<double>(cell)));
  world.executor->for_each_index(n_loc, [&](size_t l) {
    if (!circulating[l]) return;
    const auto& loc = geo.localities[l];
    const double silence = 1.0 - p.fear_silence * st.inputs.fear[l];
    const double tau = p.transmission * silence;
    const auto first = static_cast<int64_t>(loc.first_cell), n = static_cast<int64_t>(loc.cell_count);
    // Prefix sums over the block's cells, in cell order: persons, then each topic's knowers.
    auto prefix_of = [&](size_t what) {
      std::vector<uint64_t> prefix(static_cast<size_t>(n) + 1, 0);
      for (int64_t i = 0; i < n; ++i)
        prefix[static_cast<size_t>(i + 1)] = prefix[static_cast<size_t>(i)] + knowers[static_cast<size_t>(first + i) * kKnowerCounts + what];
      return prefix;
    };
    const std::vector<uint64_t> persons = prefix_of(kTopics);
    // (1 - q tau)^K by multiplication: K is a small integer, and pow() was a twentieth of the month.
    auto miss_all = [contacts = p.contacts](double miss_one) {
      double miss = 1.0;
      for (int64_t k = 0; k < contacts; ++k) miss *= miss_one;
      return miss;
    };
    auto share = [](uint64_t k, uint64_t of) { return of > 0 ? static_cast<double>(k) / static_cast<double>(of) : 0.0; };
    for (int t = 0; t < kTopics; ++t) {
      if (!((circulating[l] >> t) & 1u)) continue;
      const std::vector<uint64_t> prefix = prefix_of(static_cast<size_t>(t));
      const auto N = static_cast<size_t>(n);
      const double block_share = share(prefix[N], persons[N]);
      for (int64_t i = 0; i < n; ++i) {
        const auto lo = static_cast<size_t>(std::max<int64_t>(0, i - half_cells)), hi = static_cast<size_t>(std::min<int64_t>(n, i + half_cells + 1));
        const double near_share = share(prefix[hi] - prefix[lo], persons[hi] - persons[lo]);
        const double q = kContactsAnywhere * block_share + (1.0 - kContactsAnywhere) * near_share;
        contact_learn[static_cast<size_t>(first + i) * kTopics + static_cast<size_t>(t)] =
            static_cast<float>(1.0 - miss_all(1.0 - q * tau));
      }
    }
  });
}

// Working arrays of the protest rounds, one set per chunk.
struct ProtestBuffers {
  std::vector<uint32_t> cand_index;          // the cell's possible protesters, offsets in slot order
  std::vector<float> cand_key;               // (G - T) / R: active while P is below it
  explicit ProtestBuffers(uint64_t cell) : cand_index(cell + 16), cand_key(cell + 16) {}
};

// One cell's open protest (Epstein's Model I), after the person pass has left its candidates (offsets
// in the cell, ascending) and their keys in `candidate` and `candidate_key`: cells do not interact within a month, so each is settled by the chunk that owns it. A
// candidate is active in a round when G - R P > T, that is when P < (G - T) / R: each candidate's
// `key`. A round counts the keys above this round's P (no memory writes); the status bits are
// written once, after the last round. Free people arrested become prisoners where they stand
// (out.arrested, for repression); arrested prisoners leave the month's protest in their camp. Writes the cell's actives, its tally's
// arrests and peak.
void protest_rounds(World& world, const Params& p, size_t c, float security, uint32_t adults, uint32_t candidates,
                    float spill, bool camp, bool spin_up, const uint32_t* candidate, const float* candidate_key, ProtestBuffers& buf,
                    CellTally& t, ChunkOutput& out) {
  auto& st = world.society;
  auto& pop = PeopleWriter::of(st);
  const uint64_t cell = st.cell_agents;
  const uint64_t s_begin = c * cell;
  const auto step_index = static_cast<uint64_t>(world.step);
  const float arrest_constant = static_cast<float>(p.arrest_constant);
  const float arrest_rate = static_cast<float>(p.arrest_rate);
  float actives = static_cast<float>(st.cell_active[c]);
  uint32_t peak = 0;
  const float cops = security * static_cast<float>(adults);
  // Most candidates can never be active this month: the chance of arrest is at least its value
  // with every candidate in view, and whoever stays below it is dropped before the rounds.
  size_t n_cand = 0;
  if (candidates > 0) {
    const float most_in_view = std::max(actives, static_cast<float>(candidates)) + spill;
    const float least_p = 1.0f - det::exp(-arrest_constant * cops / (1.0f + most_in_view));
    n_cand = select_above(candidate, candidate_key, candidates, least_p, buf.cand_index.data(), buf.cand_key.data());
  }
  std::vector<float>& cand_key = buf.cand_key;
  const std::vector<uint32_t>& cand_index = buf.cand_index;
  constexpr float kGone = -1.0f;  // the key of a candidate arrested out of the cell's protest
  float last_p = 2.0f;            // nobody active unless a round runs
  float least_round_p = 2.0f;
  // A round with as many in view as the last has its chance of arrest (mostly nobody is active,
  // round after round): the same float, without its exp.
  float last_in_view = -1.0f;
  for (int64_t round = 0; round < p.substeps && n_cand > 0; ++round) {
    const float in_view = actives + spill;
    const float arrest_p = in_view == last_in_view ? last_p : 1.0f - det::exp(-arrest_constant * cops / (1.0f + in_view));
    last_in_view = in_view;
    last_p = arrest_p;
    least_round_p = std::min(least_round_p, arrest_p);
    uint32_t now_active = 0;
    for (size_t i = 0; i < n_cand; ++i) now_active += cand_key[i] > arrest_p ? 1u : 0u;
    peak = std::max(peak, now_active);
    // Arrests (take_arrests), walking the candidates in slot order.
    uint32_t remaining = now_active;
    if (now_active > 0 && cops > 0) {
      const float take = std::min(1.0f, arrest_rate * cops / static_cast<float>(now_active));
      rng::SplitStream ar(world.seed, kStreamArrests, c, step_index * 64 + static_cast<uint64_t>(round));
      remaining -= take_arrests(ar, take, n_cand, now_active, [&](size_t i) { return cand_key[i] > arrest_p; }, [&](size_t i) {
        ++t.arrests;
        const uint64_t slot = s_begin + cand_index[i];
        uint8_t& status = pop.status[slot];
        if (!camp) {
          status = with_status(status, Status::Imprisoned);
          out.arrested.push_back(slot);
        } else if (spin_up) {
          // In the spin-up a striker taken is dispersed to another camp and another comes in his
          // place (below, for those still active at the month's end).
          const uint8_t tr = pop.traits[slot];
          pop.traits[slot] = make_traits(cohort_of(tr), class_of(tr), static_cast<uint8_t>(incarnation_of(tr) + 1));
        }
        // A prisoner taken to the punishment block leaves this month's protest too: counted once,
        // and not active at the month's end.
        cand_key[i] = kGone;
      });
    }
    actives = static_cast<float>(remaining);
  }
  // Those active in the last round stay marked (read by the repression mechanism). The active
  // sets of the rounds are nested in P, so those who took part are the arrested and whoever is
  // active at the lowest P of the month. In the spin-up, 1952, open protest did not last: whoever
  // is still active at the month's end is taken.
  uint32_t took_part = 0;
  for (size_t i = 0; i < n_cand; ++i) {
    took_part += cand_key[i] > least_round_p ? 1u : 0u;
    if (!(cand_key[i] > last_p)) continue;
    const uint64_t slot = s_begin + cand_index[i];
    if (!spin_up) {
      pop.status[slot] |= kActive;
      continue;
    }
    if (camp) {
      // The ringleaders were sent to other camps and others came in their place (the camps' stock
      // stays the record's, REP-01/02, and so do the custody records): a new incarnation of the
      // slot, with dispositions of its own.
      const uint8_t tr = pop.traits[slot];
      pop.traits[slot] = make_traits(cohort_of(tr), class_of(tr), static_cast<uint8_t>(incarnation_of(tr) + 1));
      continue;
    }
    pop.status[slot] = with_status(pop.status[slot], Status::Imprisoned);
    out.arrested.push_back(slot);
  }
  t.took_part = took_part + t.arrests;
  // Without a candidate nobody was active: last month's actives must not linger in view.
  st.cell_active[c] = n_cand > 0 ? static_cast<uint16_t>(std::min<float>(actives, 65535.0f)) : uint16_t{0};
  t.active_peak = peak;
}

// A town's open protest, over the whole town (issue 13): its people are one crowd, the crowd is
// counted over the town, and so the same shares come out at any scale (one agent stands for the
// same share of a town's people at 1:100 as at 1:1000, but cells are many more people at 1:1000).
// Epstein's rule with the town's shares: a person sees as many adults as a cell holds (the mean
// adults of the town's peopled cells, `view`), of whom the town's share of actives are active and
// the town's security share are police, so that P = 1 - exp(-k C / (1 + A)) with C = security x
// view and A = view x (actives + spill) / adults. Each active is arrested in a round with chance
// min(1, arrest_rate x security x adults / actives), the town's police against the town's crowd
// (the geometric gaps of protest_rounds, walking the town's candidates in slot order, drawn from
// a stream keyed by the town). All agents of a town stand for the same number of people, so the
// counts in agents are its shares in people. Candidates and their keys come from the person pass
// (ChunkOutput::town_candidate); this writes the town's statuses, its cells' tallies and actives,
// and its arrests (in slot order) to `arrested`.
void town_protest(World& world, const Params& p, size_t l, const std::vector<ChunkOutput>& outputs, size_t cells_per_chunk, bool spin_up,
                  std::vector<uint64_t>& arrested) {
  const auto& loc = world.geo.localities[l];
  auto& st = world.society;
  auto& pop = PeopleWriter::of(st);
  std::vector<CellTally>& tally = st.cell_tally;
  const uint64_t cell = st.cell_agents;
  const uint64_t cell_end = loc.first_cell + loc.cell_count;
  const uint64_t slot_begin = loc.first_slot, slot_end = loc.first_slot + loc.slot_count;

  // The town's candidates, from the chunks that hold its cells, in slot order.
  std::vector<uint64_t> slot_of;
  std::vector<float> key;
  for (size_t ch = loc.first_cell / cells_per_chunk; ch < outputs.size() && ch * cells_per_chunk < cell_end; ++ch) {
    const auto& o = outputs[ch];
    const auto lo = std::lower_bound(o.town_candidate.begin(), o.town_candidate.end(), slot_begin);
    const auto hi = std::lower_bound(lo, o.town_candidate.end(), slot_end);
    const auto from = static_cast<size_t>(lo - o.town_candidate.begin()), to = static_cast<size_t>(hi - o.town_candidate.begin());
    slot_of.insert(slot_of.end(), lo, hi);
    key.insert(key.end(), o.town_key.begin() + static_cast<std::ptrdiff_t>(from), o.town_key.begin() + static_cast<std::ptrdiff_t>(to));
  }
  uint64_t adults = 0, peopled = 0, actives_before = 0;
  for (uint64_t c = loc.first_cell; c < cell_end; ++c) {
    adults += tally[c].adults;
    peopled += tally[c].adults > 0 ? 1u : 0u;
    actives_before += st.cell_active[c];
    st.cell_active[c] = 0;
  }
  if (adults == 0) return;
  const float security = st.inputs.security[l] + st.inputs.troops[l];
  const float view = static_cast<float>(adults) / static_cast<float>(std::max<uint64_t>(1, peopled));
  const float cops_in_view = security * view;
  const float per_active = view / static_cast<float>(adults);  // actives of the town in one's view, per active
  const float cops = security * static_cast<float>(adults);
  const float spill = static_cast<float>(p.spill * st.stats[l].active_peak);  // last month's crowd, heard of
  const float arrest_constant = static_cast<float>(p.arrest_constant);
  const float arrest_rate = static_cast<float>(p.arrest_rate);
  auto arrest_p = [&](float in_view) { return 1.0f - det::exp(-arrest_constant * cops_in_view / (1.0f + per_active * in_view)); };
  float actives = static_cast<float>(actives_before);
  // As in protest_rounds: whoever stays below the chance of arrest with every candidate in view
  // can never be active this month.
  size_t n = 0;
  if (!key.empty()) {
    const float least_p = arrest_p(std::max(actives, static_cast<float>(key.size())) + spill);
    for (size_t i = 0; i < key.size(); ++i) {
      slot_of[n] = slot_of[i];
      key[n] = key[i];
      n += key[i] > least_p ? 1u : 0u;
    }
  }
  constexpr float kGone = -1.0f;
  float last_p = 2.0f, least_round_p = 2.0f;
  uint32_t peak = 0;
  std::vector<uint32_t> peak_of_cell;  // per cell of the town: actives in the town's peak round
  for (int64_t round = 0; round < p.substeps && n > 0; ++round) {
    const float pr = arrest_p(actives + spill);
    last_p = pr;
    least_round_p = std::min(least_round_p, pr);
    uint32_t now_active = 0;
    for (size_t i = 0; i < n; ++i) now_active += key[i] > pr ? 1u : 0u;
    if (now_active > peak) {
      peak = now_active;
      peak_of_cell.assign(loc.cell_count, 0);
      for (size_t i = 0; i < n; ++i)
        if (key[i] > pr) ++peak_of_cell[slot_of[i] / cell - loc.first_cell];
    }
    uint32_t remaining = now_active;
    if (now_active > 0 && cops > 0) {
      const float take = std::min(1.0f, arrest_rate * cops / static_cast<float>(now_active));
      rng::SplitStream ar(world.seed, kStreamTownArrests, l, static_cast<uint64_t>(world.step) * 64 + static_cast<uint64_t>(round));
      remaining -= take_arrests(ar, take, n, now_active, [&](size_t i) { return key[i] > pr; }, [&](size_t i) {
        const uint64_t slot = slot_of[i];
        ++tally[slot / cell].arrests;
        pop.status[slot] = with_status(pop.status[slot], Status::Imprisoned);
        arrested.push_back(slot);
        key[i] = kGone;
      });
    }
    actives = static_cast<float>(remaining);
  }
  for (uint64_t c = loc.first_cell; c < cell_end && peak > 0; ++c) tally[c].active_peak = peak_of_cell[c - loc.first_cell];
  // Those active in the last round stay marked; in the spin-up they are taken (protest_rounds).
  for (size_t i = 0; i < n; ++i) {
    const uint64_t slot = slot_of[i];
    tally[slot / cell].took_part += key[i] > least_round_p ? 1u : 0u;
    if (!(key[i] > last_p)) continue;
    if (!spin_up) {
      pop.status[slot] |= kActive;
      if (st.cell_active[slot / cell] < 65535) ++st.cell_active[slot / cell];
      continue;
    }
    pop.status[slot] = with_status(pop.status[slot], Status::Imprisoned);
    arrested.push_back(slot);
  }
  for (uint64_t c = loc.first_cell; c < cell_end; ++c) tally[c].took_part += tally[c].arrests;
  std::sort(arrested.begin(), arrested.end());
}

// Phase 3. Every cell, in parallel by chunks of cells: the person pass (deaths, learning, belief,
// voice, grievance, the wish to move; people.hpp), then the cell's protest rounds. Writes the
// people, the cells' tallies, actives and knowers; returns each chunk's arrests and migrants.
std::vector<ChunkOutput> pass_cells(World& world, const Params& p, const MonthPlan& plan, bool spin_up = false) {
  auto& geo = world.geo;
  auto& st = world.society;
  auto& pop = PeopleWriter::of(st);
  const uint64_t cell = st.cell_agents;
  const int year = world.year();
  const std::vector<float>& climate = plan.climate;
  const std::vector<float>& exposure = plan.exposure;
  const std::vector<uint8_t>& circulating = plan.circulating;
  const std::vector<uint8_t>& exposed = plan.exposed;
  const std::vector<float>& spill = plan.spill;
  const std::vector<float>& contact_learn = st.cell_word_of_mouth;
  const uint64_t month_key = plan.month_key;
  const bool sample_contacts = p.sample_contacts;
  const double month_fraction = 1.0 / 12.0;
  // This month's randomness: per person and purpose, one 32-bit hash of (slot ^ key), the keys
  // derived from (run, stream, month) (people.hpp).
  CellRules common;  // the rules every cell shares this month
  // Per topic and cohort: the chance (of 2^32) of losing the fear of speaking on learning it.
  std::array<std::array<uint32_t, kCohorts>, kTopics> embolden_chance{};
  for (size_t t = 0; t < kTopics; ++t)
    for (size_t c = 0; c < kCohorts; ++c) embolden_chance[t][c] = below_of(p.topics[t].embolden[c], 4294967296.0);
  common.size = static_cast<uint32_t>(cell);
  common.disposition_keys = disposition_keys(world.seed);
  common.draw_key = static_cast<uint32_t>(month_key >> 32);
  for (size_t t = 0; t < kTopics; ++t) {
    const uint64_t k = rng::hash_combine(month_key, t + 1);
    common.learn_key[t] = static_cast<uint32_t>(k);
    common.embolden_key[t] = static_cast<uint32_t>(k >> 32);
  }
  common.youngest_adult_offset = year - 1940 - static_cast<int>(p.adult_age);
  common.spread = static_cast<float>(p.legitimacy_spread);
  common.climate_rate = static_cast<float>(p.climate_rate);
  common.public_pull = static_cast<float>(p.public_pull);
  common.integrity_weight = static_cast<float>(p.integrity_weight);
  common.emboldened_factor = static_cast<float>(p.emboldened_factor);
  common.emboldened_risk = static_cast<float>(p.emboldened_risk);
  common.active_threshold = static_cast<float>(p.active_threshold);
  // The spin-up before the run settles beliefs, voice and protest only: nobody dies or moves.
  common.migrate_below = spin_up ? 0 : below_of(p.migration_rate * month_fraction, 16777216.0);
  std::array<uint32_t, kCohorts> death_below{}, camp_death_below{};
  for (size_t c = 0; c < kCohorts && !spin_up; ++c) {
    const double dp = p.death_rate[c] / 1000.0 * month_fraction;
    death_below[c] = below_of(dp, 4294967296.0);
    camp_death_below[c] = below_of(dp + p.camp_death_rate / 1000.0 * month_fraction, 4294967296.0);
  }
  const float fear_risk_weight = static_cast<float>(p.fear_risk_weight);

  const size_t n_cells = st.cell_active.size();
  // Kept between months: allocated and faulted in once, not every month (a few hundred MB at 1:1).
  std::vector<CellTally>& tally = st.cell_tally;
  tally.resize(n_cells);

  // The reference path picks contacts among the people present at the start of the month.
  std::vector<uint8_t> alive_at_start;
  if (p.sample_contacts) {
    alive_at_start.resize(pop.slots());
    for (uint64_t x = 0; x < pop.slots(); ++x) alive_at_start[x] = is_person(pop.status[x]) ? 1 : 0;
  }
  constexpr size_t kCellsPerChunk = 64;
  const size_t n_chunks = Executor::chunk_count(n_cells, kCellsPerChunk);
  std::vector<ChunkOutput> outputs(n_chunks);

  world.executor->for_chunks(n_cells, kCellsPerChunk, [&](size_t cell_begin, size_t cell_end, size_t chunk) {
    ChunkOutput& out = outputs[chunk];
    ProtestBuffers protest(cell);
    CellScratch scratch;
    scratch.resize(cell);
    CellRules rules = common;
    // Per topic: the locality and chance of learning from contacts `rules`' tables were last
    // prepared for in this chunk (none yet).
    struct Prepared {
      size_t locality = SIZE_MAX;
      uint32_t contacts_bits = 0;
    };
    std::array<Prepared, kTopics> prepared{};
    for (size_t c = cell_begin; c < cell_end; ++c) {
      CellTally& t = tally[c];
      t = CellTally{};
      const uint64_t s_begin = c * cell;
      // The cell after next, on its way from memory while this one is worked on (the columns are
      // read in cell order, but five streams per thread are more than the prefetchers follow).
      if (c + 2 < cell_end) {
        const uint64_t ahead = s_begin + 2 * cell;
        for (uint64_t b = 0; b < cell; b += 64) {
          __builtin_prefetch(&pop.status[ahead + b], 1);
          __builtin_prefetch(&pop.traits[ahead + b], 0);
          __builtin_prefetch(&pop.legitimacy[ahead + b], 1);
          __builtin_prefetch(&pop.info[ahead + b], 1);
          __builtin_prefetch(&pop.info_prev[ahead + b], 0);
        }
      }
      uint32_t* const knowers_after = &st.cell_knowers[c * kKnowerCounts];
      // Who is here and what some of them do not know: as last month's pass left it (the knowers
      // word of mouth reads), counted afresh where someone came or went since.
      CellCensus census;
      if (st.cell_knowers_stale[c]) {
        census = cell_census(&pop.status[s_begin], &pop.info_prev[s_begin], static_cast<uint32_t>(cell));
      } else {
        census.persons = knowers_after[kTopics];
        for (int topic = 0; topic < kTopics; ++topic)
          if (knowers_after[topic] < census.persons) census.lacking |= static_cast<uint8_t>(1u << topic);
      }
      st.cell_knowers_stale[c] = 0;
      if (census.persons == 0) {
        st.cell_active[c] = 0;
        std::fill(knowers_after, knowers_after + kKnowerCounts, 0u);
        continue;
      }
      const size_t l = pop.cell_locality[c];
      const auto& loc = geo.localities[l];
      const auto& reg = geo.regions[static_cast<size_t>(loc.region)];
      const bool camp = loc.setting == Setting::Camp;
      const float fear = st.inputs.fear[l];
      // Troops and police deter alike; two writers keep two inputs so neither overwrites the other.
      const float security = st.inputs.security[l] + st.inputs.troops[l];
      const float company = std::max(0.0f, 1.0f - st.cell_expressing[c] - static_cast<float>(p.openness_weight * world.signals.openness));

      rules.first_slot = static_cast<uint32_t>(s_begin);
      rules.camp = camp;
      rules.rural = loc.setting == Setting::Rural;
      rules.death_below = camp ? camp_death_below : death_below;
      // The part of this month's clash with the police that falls in this cell, if any.
      const uint64_t s_end = s_begin + cell;
      const uint64_t near_begin = std::max(s_begin, plan.incident_begin[l]), near_end = std::min(s_end, plan.incident_end[l]);
      rules.incident_begin = near_begin < near_end ? static_cast<uint32_t>(near_begin - s_begin) : 0u;
      rules.incident_end = near_begin < near_end ? static_cast<uint32_t>(near_end - s_begin) : 0u;
      rules.incident_grievance = static_cast<float>(p.incident_grievance);
      rules.incident_legitimacy = static_cast<float>(p.incident_legitimacy);
      for (size_t k = 0; k < kClasses; ++k) {
        rules.hardship[k] = plan.hardship[l * kClasses + k];
        rules.climate[k] = climate[l * kClasses + k];
      }
      rules.public_loyalty = 1.0f - st.cell_expressing[c];
      rules.outer_cost = static_cast<float>(p.fear_weight) * fear * company;
      rules.risk_scale = 0.5f + fear_risk_weight * fear;
      rules.open_topics = static_cast<uint8_t>(exposed[l] | circulating[l]);

      const CellColumns cols{pop.status.data() + s_begin, pop.traits.data() + s_begin, pop.legitimacy.data() + s_begin,
                             pop.info.data() + s_begin, pop.info_prev.data() + s_begin};
      // A topic's chances of learning here (channels and folded word of mouth) and its shocks.
      const float* const exposure_l = &exposure[l * kTopics * kClasses * kCohorts];
      auto prepare_topic = [&](int topic) {
        const auto tp = static_cast<size_t>(topic);
        const auto& effect = p.topics[tp];
        const bool by_word = (circulating[l] >> topic) & 1u;
        // The contacts folded into one chance (see contact_learn above): one draw, not K.
        const float by_contacts = by_word && !sample_contacts ? contact_learn[c * kTopics + tp] : 0.0f;
        // The tables are a function of the locality and this chance alone: where both are those
        // the chunk last prepared the topic for (neighbouring cells of a locality where everyone
        // or no one around knows it), the tables in `rules` are already these.
        const uint32_t contacts_bits = std::bit_cast<uint32_t>(by_contacts);
        if (prepared[tp].locality == l && prepared[tp].contacts_bits == contacts_bits) return;
        prepared[tp] = {l, contacts_bits};
        if ((exposed[l] >> topic) & 1u) {
          for (size_t k = 0; k < kClasses; ++k)
            for (size_t co = 0; co < kCohorts; ++co) {
              const float by_channel = exposure_l[(tp * kClasses + k) * kCohorts + co];
              rules.learn_below[tp][k * kCohorts + co] = below_of(1.0f - (1.0f - by_channel) * (1.0f - by_contacts), 4294967296.0);
            }
        } else {
          // No channel carries it here this month: the same chance for everyone (the same float
          // operations as above with by_channel = 0).
          rules.learn_below[tp].fill(below_of(1.0f - (1.0f - 0.0f) * (1.0f - by_contacts), 4294967296.0));
        }
        // Given that a person learns, the learning draw is uniform below the learning threshold,
        // so "below the threshold times the chance of emboldening" has that chance: one draw for both.
        for (size_t g = 0; g < kClasses * kCohorts; ++g)
          rules.embolden_below[tp][g] = static_cast<uint32_t>((uint64_t{rules.learn_below[tp][g]} * embolden_chance[tp][g % kCohorts]) >> 32);
        for (size_t co = 0; co < kCohorts; ++co) {
          double shock = effect.legitimacy_shock[co];
          if (effect.scaled_by_stalin_attachment) shock *= 2.0 * reg.stalin_attachment;
          rules.shock[tp][co] = static_cast<float>(shock);
        }
      };
      CellCounts counts;
      // Learning: only topics someone carries or knows here, and only if someone of the cell does
      // not know them yet.
      rules.learn_topics = static_cast<uint8_t>(rules.open_topics & census.lacking);
      for (int topic = 0; topic < kTopics; ++topic)
        if ((rules.learn_topics >> topic) & 1u) prepare_topic(topic);
      if (!sample_contacts) {
        pass_cell(rules, cols, scratch, counts);
      } else {
        // The reference path: the channels' learning, then those the channels did not reach draw
        // and look up every contact, then the rest of the month.
        pass_cell_learning(rules, cols, scratch, counts);
        for (int topic = 0; topic < kTopics; ++topic) {
          const auto tp = static_cast<size_t>(topic);
          if (!((rules.learn_topics >> topic) & 1u) || !((circulating[l] >> topic) & 1u)) continue;
          const double silence = 1.0 - p.fear_silence * fear;
          const uint64_t block_begin = loc.first_slot, block_end = loc.first_slot + loc.slot_count;
          for (uint32_t i = 0; i < cell; ++i) {
            if (!scratch.adult[i] || knows(cols.info[i], topic)) continue;
            const uint64_t s = s_begin + i;
            rng::SplitStream r = rng::SplitStream::from_state(rng::mix64(month_key ^ (s * 0x9e3779b97f4a7c15ULL) ^ tp));
            bool learned = false;
            for (int64_t k = 0; k < p.contacts && !learned; ++k) {
              // Mostly near (kin, neighbours, workmates), sometimes anywhere in the locality.
              const bool anywhere = r.uniform_f() < kContactsAnywhere;
              const auto w = static_cast<uint64_t>(p.contact_window);
              const uint64_t lo = anywhere ? block_begin : s > block_begin + w ? s - w : block_begin;
              const uint64_t hi = anywhere ? block_end : std::min(block_end, s + w + 1);
              // A person of the range, by rejection of the slots empty at the start of the month.
              uint64_t j = UINT64_MAX;
              for (int tries = 0; tries < 256 && j == UINT64_MAX; ++tries) {
                const uint64_t x = lo + r.below64(hi - lo);
                if (alive_at_start[x]) j = x;
              }
              if (j != UINT64_MAX && j != s && knows(pop.info_prev[j], topic) && r.uniform() < p.transmission * silence) learned = true;
            }
            if (learned) {
              const Cohort cohort = cohort_of(cols.traits[i]);
              cols.info[i] |= static_cast<uint8_t>(1u << topic);
              scratch.shock[i] += rules.shock[tp][cohort];
              if (rng::hash32(static_cast<uint32_t>(s) ^ rules.embolden_key[tp]) < embolden_chance[tp][cohort])
                cols.status[i] |= kEmboldened;
            }
          }
        }
        pass_cell_belief(rules, cols, scratch, counts);
      }

      t.persons = counts.persons;
      t.deaths = counts.deaths;
      t.adults = counts.adults;
      t.dissent = counts.dissent;
      t.expressing = counts.expressing;
      t.legitimacy = static_cast<double>(counts.legitimacy_sum) / 255.0;
      t.informed = counts.informed;
      // For next month's word of mouth (the dead have left).
      std::copy(counts.knowers.begin(), counts.knowers.end(), knowers_after);
      knowers_after[kTopics] = counts.persons - counts.deaths;
      for (uint32_t k = 0; k < counts.migrants; ++k) out.migrants.push_back(s_begin + scratch.migrant[k]);
      if (loc.town >= 0) {
        // A town's crowd is one crowd: its candidates wait for the whole town (town_protest).
        for (uint32_t k = 0; k < counts.candidates; ++k) {
          out.town_candidate.push_back(s_begin + scratch.candidate[k]);
          out.town_key.push_back(scratch.candidate_key[k]);
        }
        continue;
      }
      protest_rounds(world, p, c, security, counts.adults, counts.candidates, spill[l], camp, spin_up, scratch.candidate.data(),
                     scratch.candidate_key.data(), protest, t, out);
    }
    std::sort(out.arrested.begin(), out.arrested.end());
  });
  // The towns' crowds, each over its town (towns in parallel: each writes only its own people,
  // cells and arrests), their arrests after the chunks' in one more output.
  std::vector<std::vector<uint64_t>> town_arrested(geo.localities.size());
  world.executor->for_each_index(geo.localities.size(), [&](size_t l) {
    if (geo.localities[l].town >= 0) town_protest(world, p, l, outputs, kCellsPerChunk, spin_up, town_arrested[l]);
  });
  ChunkOutput towns;
  for (const auto& a : town_arrested) towns.arrested.insert(towns.arrested.end(), a.begin(), a.end());
  std::sort(towns.arrested.begin(), towns.arrested.end());
  outputs.push_back(std::move(towns));
  return outputs;
}

// Phase 4. The cells' tallies into their localities, each in cell order (localities in parallel:
// each writes only its own stats and cells); the dead have left their slots.
void fold_localities(World& world) {
  auto& geo = world.geo;
  auto& st = world.society;
  const std::vector<CellTally>& tally = st.cell_tally;
  world.executor->for_each_index(geo.localities.size(), [&](size_t l) {
    const auto& loc = geo.localities[l];
    uint64_t deaths = 0;
    LocalityStats s;
    double legit = 0, dissent = 0, expressing = 0;
    std::array<double, kTopics> informed{};
    for (uint64_t c = loc.first_cell; c < loc.first_cell + loc.cell_count; ++c) {
      const CellTally& t = tally[c];
      s.persons += t.persons;
      s.adults += t.adults;
      legit += t.legitimacy;
      dissent += t.dissent;
      expressing += t.expressing;
      s.active_peak += t.active_peak;
      s.arrests += t.arrests;
      s.took_part += t.took_part;
      deaths += t.deaths;
      for (size_t k = 0; k < kTopics; ++k) informed[k] += t.informed[k];
      st.cell_expressing[c] = t.adults > 0 ? static_cast<float>(t.expressing) / static_cast<float>(t.adults) : 0.0f;
    }
    if (s.adults > 0) {
      s.legitimacy = legit / s.adults;
      s.dissent = dissent / s.adults;
      s.expressing = expressing / s.adults;
      for (size_t k = 0; k < kTopics; ++k) s.informed[k] = informed[k] / s.adults;
    }
    st.stats[l] = s;
    st.used_slots[l] -= deaths;
  });

}

// Phase 5. People move: this month's arrests are handed to repression in slot order (it sentences
// them next month); migrants who are still free go to the towns of their region. An agent of a
// town stands for fewer people than one of the camps or the countryside: of those arrested in a
// town, the share weight(town) / weight(camp) goes on to be sentenced and the rest leave the
// population (they are in the camps as a share of an agent); a migrant into a town arrives as the
// number of agents the weights make him (people kept in expectation).
void move_people(World& world, const std::vector<ChunkOutput>& outputs) {
  auto& geo = world.geo;
  auto& st = world.society;
  const auto& pop = st.pop();
  const size_t n_loc = geo.localities.size();
  st.arrested.clear();
  // In slot order: the chunks' arrests are, the towns' (the last output) are merged in.
  std::vector<uint64_t> taken;
  for (const auto& o : outputs) taken.insert(taken.end(), o.arrested.begin(), o.arrested.end());
  std::sort(taken.begin(), taken.end());
  for (uint64_t s : taken) {
    const auto& from = geo.localities[static_cast<size_t>(pop.locality_of(s))];
    if (from.weight < world.scale) {
      rng::Draws d = world.draws(kStreamWeights, s);
      if (d.uniform() >= from.weight / world.scale) {
        remove_person(world, s);
        continue;
      }
    }
    st.arrested.push_back(s);
  }

  // The towns of each region with their people now: a migrant goes to one of them in proportion.
  std::vector<std::vector<int>> towns_of_region(geo.regions.size());
  std::vector<std::vector<double>> size_of(geo.regions.size());
  for (size_t l = 0; l < n_loc; ++l)
    if (geo.localities[l].setting == Setting::Urban) {
      const auto r = static_cast<size_t>(geo.localities[l].region);
      towns_of_region[r].push_back(static_cast<int>(l));
      size_of[r].push_back(static_cast<double>(st.used_slots[l]) * geo.localities[l].weight);
    }
  std::vector<double> region_total(geo.regions.size(), 0.0);
  for (size_t r = 0; r < geo.regions.size(); ++r)
    for (double x : size_of[r]) region_total[r] += x;
  // Each migrant's town is a draw of their own (keyed by the slot), so the choices are made in
  // parallel, by groups of the pass's chunks, and joined in slot order.
  constexpr size_t kChunksPerGroup = 256;
  std::vector<std::vector<Move>> chosen(Executor::chunk_count(outputs.size(), kChunksPerGroup));
  world.executor->for_chunks(outputs.size(), kChunksPerGroup, [&](size_t ob, size_t oe, size_t group) {
    for (size_t o = ob; o < oe; ++o)
      for (size_t j = 0; j < outputs[o].migrants.size(); ++j) {
        const uint64_t s = outputs[o].migrants[j];
        if (j + 8 < outputs[o].migrants.size()) __builtin_prefetch(&pop.status[outputs[o].migrants[j + 8]], 0);
        if (status_of(pop.status[s]) != Status::Free) continue;  // arrested after deciding to move
        const auto& from = geo.localities[static_cast<size_t>(pop.locality_of(s))];
        const auto r = static_cast<size_t>(from.region);
        if (towns_of_region[r].empty()) continue;
        rng::Draws d = world.draws(kStreamMigration, s);
        double u = d.uniform() * region_total[r];
        size_t pick = towns_of_region[r].size() - 1;
        for (size_t i = 0; i < size_of[r].size(); ++i)
          if ((u -= size_of[r][i]) < 0) {
            pick = i;
            break;
          }
        chosen[group].push_back({s, towns_of_region[r][pick]});
      }
  });
  std::vector<Move> moves;
  size_t n_moves = 0;
  for (const auto& g : chosen) n_moves += g.size();
  moves.reserve(n_moves);
  for (const auto& g : chosen) moves.insert(moves.end(), g.begin(), g.end());
  // From the countryside to the towns: no one leaves a town here, so the towns fill in parallel.
  transfer_all(world, moves);
}

// Phase 6. Births, per locality, into free slots.
void births(World& world, const Params& p) {
  auto& geo = world.geo;
  auto& st = world.society;
  const double birth_p = p.birth_rate.at(world.step) / 1000.0 * (1.0 / 12.0);
  // A locality's births fill its own block only: localities in parallel, each counting the
  // births its full block refused.
  std::vector<uint64_t> refused(geo.localities.size(), 0);
  world.executor->for_each_index(geo.localities.size(), [&](size_t l) {
    const auto& loc = geo.localities[l];
    if (loc.setting == Setting::Camp) return;
    rng::Draws d = world.draws(kStreamBirths, l);
    const uint64_t births = dist::binomial(d, static_cast<uint64_t>(st.stats[l].persons), birth_p);
    const Class klass = loc.setting == Setting::Rural ? Kolkhoznik : Worker;
    const uint8_t belief = quantise_belief(static_cast<float>(st.stats[l].legitimacy), 0.5f);
    for (uint64_t b = 0; b < births; ++b)
      add_person_counted(world, static_cast<int>(l), make_traits(Born1940on, klass, 0),
                         static_cast<uint8_t>(static_cast<uint8_t>(Status::Free) | kBornInRun), belief, refused[l]);
  });
  for (uint64_t r : refused) st.transfers_refused += r;
}

// Hardship as felt in a locality this month, averaged over its classes.
double mean_hardship(const State& st, size_t l) {
  double sum = 0;
  for (size_t k = 0; k < kClasses; ++k) sum += std::clamp(st.inputs.hardship[l * kClasses + k] * st.inputs.austerity[l], 0.0f, 1.0f);
  return sum / kClasses;
}

// Phase 7. Localities in open unrest (events society.unrest, society.camp_strike). A town is in
// unrest relative to its size (a crowd of 2,000 in a town of 100,000), the rest of a region's
// towns and its countryside at a smaller share of many more people; camps at a share.
double unrest_share_needed(const LocalityDef& loc, const Params& p) {
  return loc.setting == Setting::Camp ? 0.05 : loc.town >= 0 ? p.unrest_town_share : p.unrest_share;
}

bool unrest_in(const LocalityDef& loc, const LocalityStats& s, const Params& p) {
  const double people_active = s.active_peak * loc.weight;
  const double share = s.adults > 0 ? s.active_peak / s.adults : 0.0;
  const bool town = loc.town >= 0;
  const double needed = unrest_share_needed(loc, p);
  const double min_people = town ? p.unrest_town_min_people : p.unrest_min_people;
  return share >= needed && people_active >= min_people;
}

void report_unrest(World& world, const Params& p) {
  auto& geo = world.geo;
  auto& st = world.society;
  for (size_t l = 0; l < geo.localities.size(); ++l) {
    const auto& loc = geo.localities[l];
    const auto& s = st.stats[l];
    const double people_active = s.active_peak * loc.weight;
    const double share = s.adults > 0 ? s.active_peak / s.adults : 0.0;
    const bool camp = loc.setting == Setting::Camp;
    const bool town = loc.town >= 0;
    const bool unrest = unrest_in(loc, s, p);
    const bool was = st.in_unrest[l] != 0;
    if (unrest) {
      const std::string what = camp ? "a prisoners' strike" : "unrest";
      // A continuing unrest is recorded but kept out of the narrative: the outbreak is the news.
      const Severity severity = was ? Severity::Minor : people_active > 50000 ? Severity::Major : Severity::Notable;
      world.add_event(camp ? "society.camp_strike" : "society.unrest", severity,
                      fmt::format("{} {} in {}: about {} people at its height, {} arrested", what,
                                  was ? "continues" : "breaks out", loc.name, people_text(people_active),
                                  people_text(s.arrests * loc.weight)),
                      {{"active", people_active}, {"arrests", s.arrests * loc.weight}, {"took_part", s.took_part * loc.weight}, {"share", share},
                       {"locality", static_cast<double>(l)}, {"country", static_cast<double>(loc.country)},
                       {"town", town ? 1.0 : 0.0}, {"setting", static_cast<double>(loc.setting)},
                       {"continues", was ? 1.0 : 0.0},
                       // Its drivers (io/events.hpp): what crossed the threshold and what stood behind it.
                       {"driver.active_share", share}, {"driver.threshold", unrest_share_needed(loc, p)},
                       {"driver.hardship", mean_hardship(st, l)}, {"driver.legitimacy", s.legitimacy},
                       {"driver.security", st.inputs.security[l] + st.inputs.troops[l]}, {"driver.fear", st.inputs.fear[l]},
                       {"driver.heard_of_unrest", s.informed[UnrestNews]}},
                      loc.name);
    }
    st.in_unrest[l] = unrest ? 1 : 0;
  }

}

// Phase 8. Shocks to the climate fade; this month's channels are used up; knowledge becomes old news.
void close_month(World& world, const Params& p) {
  auto& st = world.society;
  const float decay = static_cast<float>(det::pow(0.5, 1.0 / p.shift_half_life));
  for (auto& x : st.inputs.legitimacy_shift) x *= decay;
  st.inputs.exposures.clear();
  auto& pop = PeopleWriter::of(st);
  std::swap(pop.info, pop.info_prev);
}

// Phase 9. The signals: the USSR's belief, dissent, protest and knowledge; each country's unrest
// and belief; each camp's strikers.
void publish_signals(World& world) {
  auto& geo = world.geo;
  auto& st = world.society;
  const size_t n_loc = geo.localities.size();
  auto& sig = world.signals;
  const int ussr = geo.ussr();
  const size_t n_countries = geo.countries.size();
  sig.country_active_share.assign(n_countries, 0.0);
  sig.country_legitimacy.assign(n_countries, 0.0);
  sig.topic_informed.assign(kTopics, 0.0);
  sig.camp_active_share.assign(geo.camps.size(), 0.0);
  std::vector<double> country_adults(n_countries, 0.0), country_urban_adults(n_countries, 0.0), country_urban_active(n_countries, 0.0);
  double adults = 0, legit = 0, dissent = 0, expressing = 0, active = 0, arrests = 0;
  int unrest_count = 0;
  std::array<double, kTopics> informed{};
  for (size_t l = 0; l < n_loc; ++l) {
    const auto& loc = geo.localities[l];
    const auto& s = st.stats[l];
    if (loc.setting == Setting::Camp) {
      sig.camp_active_share[static_cast<size_t>(loc.camp)] = s.adults > 0 ? s.active_peak / s.adults : 0.0;
      continue;
    }
    // In people, not agents: a town's agents stand for fewer people than the rest.
    const auto c = static_cast<size_t>(loc.country);
    const double people = s.adults * loc.weight;
    country_adults[c] += people;
    sig.country_legitimacy[c] += s.legitimacy * people;
    if (loc.setting == Setting::Urban) {
      country_urban_adults[c] += people;
      country_urban_active[c] += s.active_peak * loc.weight;
    }
    if (loc.country != ussr) continue;
    adults += people;
    legit += s.legitimacy * people;
    dissent += s.dissent * people;
    expressing += s.expressing * people;
    active += s.active_peak * loc.weight;
    arrests += s.arrests * loc.weight;
    unrest_count += st.in_unrest[l];
    for (size_t k = 0; k < kTopics; ++k) informed[k] += s.informed[k] * people;
  }
  for (size_t c = 0; c < n_countries; ++c) {
    if (country_adults[c] > 0) sig.country_legitimacy[c] /= country_adults[c];
    if (country_urban_adults[c] > 0) sig.country_active_share[c] = country_urban_active[c] / country_urban_adults[c];
  }
  if (adults > 0) {
    sig.mean_legitimacy = legit / adults;
    sig.dissent_private = dissent / adults;
    sig.dissent_expressed = expressing / adults;
    for (size_t k = 0; k < kTopics; ++k) sig.topic_informed[k] = informed[k] / adults;
  }
  sig.active_peak = active;
  sig.arrests_political = arrests;
  sig.unrest_localities = unrest_count;
}

}  // namespace

void step(World& world, const Params& p) {
  const MonthPlan plan = plan_month(world, p);
  fold_word_of_mouth(world, p, plan);
  const std::vector<ChunkOutput> outputs = pass_cells(world, p, plan);
  fold_localities(world);
  move_people(world, outputs);
  births(world, p);
  report_unrest(world, p);
  close_month(world, p);
  publish_signals(world);
}


// The months before the run: 1952's conditions (the inputs as the mechanisms' set-up left them,
// no decision taken) until protest has settled. Those arrested are the ones 1952 put away: they
// leave the free population, and the camps' 1953 stock (REP-01/02) already counts them; nothing
// is recorded. ODD: docs/odd/society.md, "Initialisation".
SpinUp spin_up(World& world, const Params& p) {
  auto& st = world.society;
  const int64_t saved_step = world.step;
  SpinUp result;
  for (int64_t m = 0; m < p.spinup_months; ++m) {
    // Steps before the run's first: the run's own streams are untouched.
    world.step = m - p.spinup_months;
    const MonthPlan plan = plan_month(world, p);
    fold_word_of_mouth(world, p, plan);
    const std::vector<ChunkOutput> outputs = pass_cells(world, p, plan, true);
    fold_localities(world);
    // How many were active this month, in people (a town's agents stand for fewer).
    double actives = 0, adults = 0;
    bool any_unrest = false;
    for (size_t l = 0; l < st.stats.size(); ++l) {
      any_unrest |= unrest_in(world.geo.localities[l], st.stats[l], p);
      actives += st.stats[l].active_peak * world.geo.localities[l].weight;
      adults += st.stats[l].adults * world.geo.localities[l].weight;
    }
    for (const auto& o : outputs) {
      for (uint64_t slot : o.arrested) {
        result.removed += world.geo.localities[static_cast<size_t>(st.pop().locality_of(slot))].weight;
        remove_person(world, slot);
      }
    }
    close_month(world, p);
    result.months = m + 1;
    result.last_active_share = adults > 0 ? actives / adults : 0.0;
    // At rest: no place would count as in unrest, and few are active anywhere.
    if (m + 1 >= p.spinup_min_months && !any_unrest && result.last_active_share <= p.spinup_tolerance) break;
  }
  world.step = saved_step;
  st.arrested.clear();
  std::fill(st.in_unrest.begin(), st.in_unrest.end(), uint8_t{0});
  return result;
}

}  // namespace thaw::model::society
