// Society: the monthly pass over every citizen. ODD: docs/odd/society.md.
#include "model/society/society.hpp"

#include "model/society/people.hpp"

#include "engine/distributions.hpp"
#include "model/thaw/world.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace thaw::model::society {

namespace {

constexpr const char* kCohortKeys[kCohorts] = {"old", "mature", "young", "youngest"};
constexpr const char* kTopicKeys[kTopics] = {"secret_speech", "unrest_news", "camp_truth", "western_culture"};
constexpr uint32_t kStreamStatic = rng::stream_id("society.dispositions");
constexpr uint32_t kStreamMonth = rng::stream_id("society.month");
constexpr uint32_t kStreamArrests = rng::stream_id("society.arrests");
constexpr uint32_t kStreamInit = rng::stream_id("society.init");
constexpr uint32_t kStreamBirths = rng::stream_id("society.births");
// Share of a person's contacts who may live anywhere in the locality (the rest live nearby).
constexpr float kContactsAnywhere = 0.1f;

inline DispositionKeys disposition_keys(uint64_t seed) {
  const uint64_t k = rng::hash_combine(seed, kStreamStatic);
  return {static_cast<uint32_t>(k), static_cast<uint32_t>(k >> 32)};
}

inline uint32_t below_of(double probability, double range) {
  return static_cast<uint32_t>(std::min(std::clamp(probability, 0.0, 1.0) * range, range - 1.0));
}

struct ChunkOutput {
  std::vector<uint64_t> arrested;
  std::vector<uint64_t> migrants;
};

bool adult_at(uint8_t traits, uint8_t status, int year, int birth_year_offset, int adult_age) {
  if (status & kBornInRun) return false;
  if (cohort_of(traits) != Born1940on) return true;
  return 1940 + birth_year_offset + adult_age <= year;
}

}  // namespace

void TopicEffect::describe(ParamVisitor& v) {
  for (int c = 0; c < kCohorts; ++c) {
    v.value(fmt::format("shock_{}", kCohortKeys[c]), legitimacy_shock[static_cast<size_t>(c)],
            {.doc = "change of belief on learning it, by cohort (old: born before 1900; mature: 1900-24; "
                    "young: 1925-39; youngest: 1940 on)",
             .min = -1, .max = 1, .source = "seed 004 (older shocked, younger emboldened); calibrated"});
  }
  for (int c = 0; c < kCohorts; ++c) {
    v.value(fmt::format("embolden_{}", kCohortKeys[c]), embolden[static_cast<size_t>(c)],
            {.doc = "chance of losing the fear of speaking on learning it, by cohort", .min = 0, .max = 1,
             .source = "seed 004; calibrated"});
  }
  v.value("scaled_by_stalin_attachment", scaled_by_stalin_attachment,
          {.doc = "the shock is multiplied by twice the region's attachment to Stalin"});
}

std::array<TopicEffect, kTopics> Params::default_topics() {
  std::array<TopicEffect, kTopics> t;
  t[SecretSpeech] = {{-0.12, -0.08, 0.02, 0.02}, {0.02, 0.10, 0.45, 0.50}, true};
  t[UnrestNews] = {{-0.01, -0.02, -0.03, -0.03}, {0.0, 0.05, 0.15, 0.20}, false};
  t[CampTruth] = {{-0.03, -0.04, -0.05, -0.05}, {0.02, 0.08, 0.20, 0.20}, false};
  t[WesternCulture] = {{0.0, -0.01, -0.02, -0.03}, {0.0, 0.03, 0.20, 0.25}, false};
  return t;
}

void Params::describe(ParamVisitor& v) {
  v.value("cell_agents", cell_agents, {.doc = "agents per neighbourhood cell (the civil-violence 'vision'); a multiple of 64",
                                       .unit = "agents", .min = 64, .max = 65536});
  v.value("urban_room", urban_room, {.doc = "spare slots in urban blocks for births and newcomers", .unit = "share", .min = 0, .max = 5});
  v.value("rural_room", rural_room, {.doc = "spare slots in rural blocks", .unit = "share", .min = 0, .max = 5});
  v.value("camp_room", camp_room, {.doc = "spare slots in camp blocks", .unit = "share", .min = 0, .max = 5});

  v.value("legitimacy_spread", legitimacy_spread, {.doc = "sd of personal belief around the local climate", .min = 0, .max = 0.5, .source = "calibrated"});
  v.value("climate_rate", climate_rate, {.doc = "how fast personal belief moves toward the local climate", .unit = "per month", .min = 0, .max = 1, .source = "calibrated"});
  v.value("class_offset_party", class_offset_party, {.doc = "party members' belief above the climate", .min = -1, .max = 1});
  v.value("class_offset_intelligentsia", class_offset_intelligentsia, {.doc = "intelligentsia's belief relative to the climate", .min = -1, .max = 1});
  v.value("class_offset_kolkhoznik", class_offset_kolkhoznik, {.doc = "collective farmers' belief relative to the climate", .min = -1, .max = 1});
  v.value("hardship_weight", hardship_weight, {.doc = "climate falls by this times the rise of hardship since 1953", .min = 0, .max = 5, .source = "calibrated"});
  v.value("shift_half_life", shift_half_life, {.doc = "half-life of a shock to the local climate", .unit = "months", .min = 1, .max = 1200});
  v.value("public_pull", public_pull, {.doc = "pull of what people say in public on what they believe (Kuran's knowledge falsification)", .unit = "per month", .min = 0, .max = 1});

  v.value("contacts", contacts, {.doc = "contacts an uninformed person consults a month", .min = 0, .max = 64});
  v.value("contact_window", contact_window, {.doc = "contacts live within this many slots of each other (neighbours, workmates, kin)", .unit = "agents", .min = 1, .max = 1 << 24});
  v.value("transmission", transmission, {.doc = "chance that a contact who knows passes it on", .min = 0, .max = 1, .source = "calibrated"});
  v.value("sample_contacts", sample_contacts, {.doc = "draw every contact and look them up (the slow reference path); "
                                                     "otherwise the contacts are folded into one chance per cell and topic, same distribution"});
  v.value("fear_silence", fear_silence, {.doc = "how much fear stops people passing things on", .min = 0, .max = 1});
  v.section("topics", "how each topic moves people who learn it", [&](ParamVisitor& s) {
    for (int t = 0; t < kTopics; ++t)
      s.section(kTopicKeys[t], "", [&](ParamVisitor& x) { topics[static_cast<size_t>(t)].describe(x); });
  });

  v.value("integrity_weight", integrity_weight, {.doc = "inner cost of pretending, per unit of private dissent (Kuran 1995)", .min = 0, .max = 10, .source = "calibrated"});
  v.value("fear_weight", fear_weight, {.doc = "outer cost of speaking, per unit of fear and of personal threshold", .min = 0, .max = 10, .source = "calibrated"});
  v.value("openness_weight", openness_weight, {.doc = "published boldness counts as this much dissent already voiced", .min = 0, .max = 1});
  v.value("emboldened_factor", emboldened_factor, {.doc = "share of the fear the emboldened still feel when speaking", .min = 0, .max = 1});

  v.value("active_threshold", active_threshold, {.doc = "T: grievance minus net risk above which a person protests", .min = 0, .max = 1, .source = "Epstein 2002 (0.1)"});
  v.value("arrest_constant", arrest_constant, {.doc = "k in P = 1 - exp(-k C / (1 + A))", .min = 0, .max = 100, .source = "Epstein 2002 (2.3)"});
  v.value("substeps", substeps, {.doc = "rounds of the protest rule each month", .min = 1, .max = 31});
  v.value("arrest_rate", arrest_rate, {.doc = "arrests per security agent per round with actives in view", .min = 0, .max = 10});
  v.value("spill", spill, {.doc = "share of last month's locality-wide actives every cell sees", .min = 0, .max = 1});
  v.value("fear_risk_weight", fear_risk_weight, {.doc = "perceived risk is R P (0.5 + weight x fear)", .min = 0, .max = 10});
  v.value("emboldened_risk", emboldened_risk, {.doc = "share of the risk the emboldened perceive", .min = 0, .max = 1});
  v.value("unrest_share", unrest_share, {.doc = "share of adults active at which a locality counts as in unrest", .min = 0, .max = 1});
  v.value("unrest_min_people", unrest_min_people, {.doc = "and at least this many people", .unit = "people", .min = 0});

  v.value("birth_rate", birth_rate, {.doc = "births per 1000 people a year", .unit = "per 1000/year", .min = 0, .max = 100,
                                     .source = "POP-06 (25 in 1959); 1964: 19.6"});
  for (int c = 0; c < kCohorts; ++c)
    v.value(fmt::format("death_rate_{}", kCohortKeys[c]), death_rate[static_cast<size_t>(c)],
            {.doc = "deaths per 1000 a year in this cohort", .unit = "per 1000/year", .min = 0, .max = 1000,
             .source = "POP-06 (crude rate 7.6 in 1959); split by age assumed"});
  v.value("camp_death_rate", camp_death_rate, {.doc = "extra deaths per 1000 prisoners a year", .unit = "per 1000/year", .min = 0, .max = 1000});
  v.value("migration_rate", migration_rate, {.doc = "share of rural young adults moving to town each year", .unit = "per year", .min = 0, .max = 1,
                                             .source = "POP-04, POP-05 (urban 43% in 1956, 48% in 1959)"});
  v.value("adult_age", adult_age, {.doc = "age from which people speak and protest", .unit = "years", .min = 10, .max = 30});
}

// ---------------------------------------------------------------------------------------------
// Setup

void init(World& world, const Params& p) {
  auto& geo = world.geo;
  auto& st = world.society;
  st.cell_agents = static_cast<uint32_t>(p.cell_agents);
  const uint64_t cell = st.cell_agents;

  // Localities: urban and rural of every region, then the camps.
  geo.localities.clear();
  for (size_t r = 0; r < geo.regions.size(); ++r) {
    const auto& reg = geo.regions[r];
    const int country = geo.country_index(reg.country);
    const double urban = reg.population * reg.urban_share;
    const double rural = reg.population - urban;
    if (urban > 0) geo.localities.push_back({reg.name + " (towns)", country, static_cast<int32_t>(r), Setting::Urban, -1, urban});
    if (rural > 0) geo.localities.push_back({reg.name + " (countryside)", country, static_cast<int32_t>(r), Setting::Rural, -1, rural});
  }
  for (size_t c = 0; c < geo.camps.size(); ++c) {
    const auto& camp = geo.camps[c];
    const int region = geo.region_index(camp.region);
    const int country = geo.country_index(geo.regions[static_cast<size_t>(region)].country);
    geo.localities.push_back({camp.name, country, region, Setting::Camp, static_cast<int32_t>(c), camp.prisoners});
  }

  // Blocks: whole cells, with room to grow.
  uint64_t next_slot = 0;
  std::vector<uint64_t> initial_agents(geo.localities.size());
  for (size_t l = 0; l < geo.localities.size(); ++l) {
    auto& loc = geo.localities[l];
    const uint64_t agents = static_cast<uint64_t>(std::llround(loc.population / world.scale));
    const double room = loc.setting == Setting::Urban ? p.urban_room : loc.setting == Setting::Rural ? p.rural_room : p.camp_room;
    uint64_t slots = static_cast<uint64_t>(std::ceil(static_cast<double>(agents) * (1.0 + room)));
    slots = std::max<uint64_t>(cell, (slots + cell - 1) / cell * cell);
    loc.first_slot = next_slot;
    loc.slot_count = slots;
    loc.first_cell = next_slot / cell;
    loc.cell_count = slots / cell;
    initial_agents[l] = agents;
    next_slot += slots;
  }
  // Slots are hashed as 32-bit numbers (people.hpp): 4.29 billion slots, 15 times the 1:1 world.
  if (next_slot > 0xffffffffULL)
    throw std::runtime_error(fmt::format("society: {} slots at run.scale = {}; at most 4294967295 (raise run.scale)", next_slot, world.scale));
  st.pop.resize(next_slot);
  st.pop.cell_agents = st.cell_agents;
  st.pop.cell_locality.resize(next_slot / cell);
  for (size_t l = 0; l < geo.localities.size(); ++l)
    std::fill_n(st.pop.cell_locality.begin() + static_cast<std::ptrdiff_t>(geo.localities[l].first_cell),
                geo.localities[l].cell_count, static_cast<uint16_t>(l));
  const size_t cells = next_slot / cell;
  st.cell_active.assign(cells, 0);
  st.cell_expressing.assign(cells, 0.0f);
  st.stats.assign(geo.localities.size(), {});
  st.next_free.resize(geo.localities.size());
  st.used_slots.assign(geo.localities.size(), 0);
  st.in_unrest.assign(geo.localities.size(), 0);
  st.hardship_1953.clear();

  const size_t n_loc = geo.localities.size();
  st.inputs.hardship.assign(n_loc * kClasses, 0.4f);
  st.inputs.security.assign(n_loc, 0.005f);
  st.inputs.troops.assign(n_loc, 0.0f);
  st.inputs.fear.assign(n_loc, 0.8f);
  st.inputs.legitimacy_shift.assign(n_loc, 0.0f);
  st.inputs.exposures.clear();

  // People: in parallel over ranges of slots, not localities (the largest locality would hold up
  // the rest). Each slot's values depend only on the slot, so the split changes nothing.
  const uint64_t init_key = rng::hash_combine(world.seed, kStreamInit);
  const DispositionKeys disp_keys = disposition_keys(world.seed);
  world.executor->for_chunks(next_slot, uint64_t{1} << 18, [&](size_t chunk_begin, size_t chunk_end, size_t) {
    // The locality holding the chunk's first slot: the last whose block starts at or before it.
    size_t l = static_cast<size_t>(std::upper_bound(geo.localities.begin(), geo.localities.end(), chunk_begin,
                                                    [](uint64_t slot, const LocalityDef& x) { return slot < x.first_slot; }) -
                                   geo.localities.begin()) - 1;
    for (uint64_t s = chunk_begin; s < chunk_end; ++s) {
      while (s >= geo.localities[l].first_slot + geo.localities[l].slot_count) ++l;
      const auto& loc = geo.localities[l];
      const auto& reg = geo.regions[static_cast<size_t>(loc.region)];
      const bool camp = loc.setting == Setting::Camp;
      const double political_share = camp ? geo.camps[static_cast<size_t>(loc.camp)].political_share : 0.0;
      auto& pop = st.pop;
      pop.info[s] = 0;
      pop.info_prev[s] = 0;
      if (s - loc.first_slot >= initial_agents[l]) {
        pop.traits[s] = 0;
        pop.status[s] = static_cast<uint8_t>(Status::Empty);
        pop.legitimacy[s] = 0;
        continue;
      }
      // One hash per person (SplitStream, not a Philox block per draw: set-up at 1:1 touches
      // hundreds of millions of people).
      rng::SplitStream d = rng::SplitStream::from_state(rng::mix64(init_key ^ (s * 0x9e3779b97f4a7c15ULL)));
      // Age structure of 1953 (assumed from the 1959 census pyramid): under 14: 26%, 14-28: 27%,
      // 29-53: 35%, 54 and over: 12%. Camps hold adults only.
      // Counted thresholds rather than a chain of comparisons: the same cohort without a branch the
      // CPU cannot predict (set-up at 1:1 draws 330 million of them).
      const double u = d.uniform();
      const int cohort_index = camp ? (u >= 0.07) + (u >= 0.62) : (u >= 0.12) + (u >= 0.47) + (u >= 0.74);
      const auto cohort = static_cast<Cohort>(cohort_index);
      Class klass = Worker;
      const double k = d.uniform();
      const bool child = cohort == Born1940on;
      if (!child && k < reg.party_share) klass = PartyMember;
      else if (loc.setting == Setting::Urban && k < reg.party_share + reg.intelligentsia_share) klass = Intelligentsia;
      else if (loc.setting == Setting::Rural && d.uniform() < reg.kolkhoz_share) klass = Kolkhoznik;
      pop.traits[s] = make_traits(cohort, klass, 0);
      uint8_t status = static_cast<uint8_t>(camp ? Status::Imprisoned : Status::Free);
      const bool political = camp && d.uniform() < political_share;
      if (political) status |= kPolitical;
      pop.status[s] = status;
      double belief;
      if (camp) belief = political ? 0.2 : 0.35;
      else belief = reg.base_legitimacy + (klass == PartyMember ? p.class_offset_party : 0) +
                    (klass == Intelligentsia ? p.class_offset_intelligentsia : 0) +
                    (klass == Kolkhoznik ? p.class_offset_kolkhoznik : 0) + (cohort == BornBefore1900 ? 0.05 : 0);
      const DispositionWords disp = disposition_words(disp_keys, static_cast<uint32_t>(s), incarnation_of(pop.traits[s]));
      pop.legitimacy[s] = quantise_belief(static_cast<float>(belief) + personal_offset_of(disp, static_cast<float>(p.legitimacy_spread)), d.uniform_f());
    }
  });
  for (size_t l = 0; l < n_loc; ++l) {
    st.used_slots[l] = initial_agents[l];
    st.next_free[l] = geo.localities[l].first_slot + initial_agents[l];
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers for other mechanisms

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

int locality_of(const World& world, uint64_t slot) { return world.society.pop.locality_of(slot); }

namespace {
// Someone arrives in or leaves the slot's cell: its knowers must be counted again.
void mark_knowers_stale(State& st, uint64_t slot) {
  if (!st.cell_knowers_stale.empty()) st.cell_knowers_stale[slot / st.pop.cell_agents] = 1;
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
    if (!is_person(st.pop.status[s])) {
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
  auto& pop = world.society.pop;
  const int from = pop.locality_of(slot);
  pop.status[slot] = static_cast<uint8_t>(Status::Empty);
  pop.info[slot] = 0;
  pop.info_prev[slot] = 0;
  --world.society.used_slots[static_cast<size_t>(from)];
  mark_knowers_stale(world.society, slot);
}
}  // namespace

uint64_t transfer(World& world, uint64_t slot, int dest) {
  auto& pop = world.society.pop;
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
  release_slot(world, slot);
  return to;
}

void remove_person(World& world, uint64_t slot) {
  if (is_person(world.society.pop.status[slot])) release_slot(world, slot);
}

uint64_t add_person(World& world, int dest, uint8_t traits, uint8_t status, uint8_t legitimacy) {
  const uint64_t to = allocate_slot(world, dest);
  if (to == UINT64_MAX) return to;
  auto& pop = world.society.pop;
  const uint8_t incarnation = static_cast<uint8_t>(incarnation_of(pop.traits[to]) + 1);
  pop.traits[to] = make_traits(cohort_of(traits), class_of(traits), incarnation);
  pop.status[to] = status;
  pop.legitimacy[to] = legitimacy;
  pop.info[to] = 0;
  pop.info_prev[to] = 0;
  return to;
}

bool is_adult(const World& world, uint64_t slot) {
  const auto& pop = world.society.pop;
  if (!is_person(pop.status[slot])) return false;
  const DispositionWords disp = disposition_words(disposition_keys(world.seed), static_cast<uint32_t>(slot), incarnation_of(pop.traits[slot]));
  return adult_at(pop.traits[slot], pop.status[slot], world.year(), birth_year_offset_of(disp), 16);
}

// ---------------------------------------------------------------------------------------------
// The monthly pass

void step(World& world, const Params& p) {
  auto& geo = world.geo;
  auto& st = world.society;
  auto& pop = st.pop;
  const size_t n_loc = geo.localities.size();
  const uint64_t cell = st.cell_agents;
  const int year = world.year();
  const auto step_index = static_cast<uint64_t>(world.step);

  // Per locality and class: the climate belief drifts toward.
  if (st.hardship_1953.empty()) st.hardship_1953 = st.inputs.hardship;
  std::vector<float> climate(n_loc * kClasses);
  for (size_t l = 0; l < n_loc; ++l) {
    const auto& loc = geo.localities[l];
    const auto& reg = geo.regions[static_cast<size_t>(loc.region)];
    const double base = loc.setting == Setting::Camp ? 0.3 : reg.base_legitimacy;
    for (int k = 0; k < kClasses; ++k) {
      double offset = k == PartyMember ? p.class_offset_party : k == Intelligentsia ? p.class_offset_intelligentsia
                    : k == Kolkhoznik ? p.class_offset_kolkhoznik : 0.0;
      const double hardship_rise = st.inputs.hardship[l * kClasses + static_cast<size_t>(k)] - st.hardship_1953[l * kClasses + static_cast<size_t>(k)];
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
  std::vector<float> exposure(n_loc * kTopics * kClasses * kCohorts, 0.0f);
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
  std::vector<uint8_t> circulating(n_loc, 0);
  for (size_t l = 0; l < n_loc; ++l)
    for (int t = 0; t < kTopics; ++t)
      if (st.stats[l].informed[static_cast<size_t>(t)] > 0) circulating[l] |= static_cast<uint8_t>(1u << t);
  // Last month's actives of each locality, spread over its cells (what everyone has heard of).
  std::vector<float> spill(n_loc);
  for (size_t l = 0; l < n_loc; ++l)
    spill[l] = static_cast<float>(p.spill * st.stats[l].active_peak / std::max<double>(1.0, static_cast<double>(geo.localities[l].cell_count)));

  const float arrest_constant = static_cast<float>(p.arrest_constant);
  const float arrest_rate = static_cast<float>(p.arrest_rate);
  const bool sample_contacts = p.sample_contacts;
  const double month_fraction = 1.0 / 12.0;
  // This month's randomness: per person and purpose, one 32-bit hash of (slot ^ key), the keys
  // derived from (run, stream, month) (people.hpp).
  const uint64_t month_key = rng::hash_combine(rng::hash_combine(world.seed, kStreamMonth), step_index);
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
  common.migrate_below = below_of(p.migration_rate * month_fraction, 16777216.0);
  std::array<uint32_t, kCohorts> death_below{}, camp_death_below{};
  for (size_t c = 0; c < kCohorts; ++c) {
    const double dp = p.death_rate[c] / 1000.0 * month_fraction;
    death_below[c] = below_of(dp, 4294967296.0);
    camp_death_below[c] = below_of(dp + p.camp_death_rate / 1000.0 * month_fraction, 4294967296.0);
  }
  const float fear_risk_weight = static_cast<float>(p.fear_risk_weight);
  // Topics a channel carries somewhere in each locality this month.
  std::vector<uint8_t> exposed(n_loc, 0);
  for (size_t l = 0; l < n_loc; ++l)
    for (size_t i = l * kTopics * kClasses * kCohorts; i < (l + 1) * kTopics * kClasses * kCohorts; ++i)
      if (exposure[i] > 0) exposed[l] |= static_cast<uint8_t>(1u << (i / (kClasses * kCohorts) % kTopics));

  const size_t n_cells = st.cell_active.size();
  // Kept between months: allocated and faulted in once, not every month (a few hundred MB at 1:1).
  std::vector<CellTally>& tally = st.cell_tally;
  tally.resize(n_cells);

  // Word of mouth, folded. A person consults `contacts` contacts, each a person anywhere in the
  // block with chance kContactsAnywhere and otherwise a person within contact_window slots (people,
  // not slots: empty slots would dilute word of mouth where blocks are mostly room, as in small
  // localities at coarse scales); each who knows passes it on with chance transmission x silence.
  // Given last month's knowledge these draws are independent, so the chance of learning by word of
  // mouth is 1 - (1 - q tau)^K, with q the chance that one contact knows: the share of knowers
  // among the people of the window and of the block. The window is taken in
  // whole cells around the person's cell, so one chance serves the whole cell. Same distribution
  // as drawing every contact (the sample_contacts reference path) up to the window's rounding to
  // cells, at one draw a topic instead of K lookups at random addresses.
  if (st.cell_knowers_stale.size() != n_cells) {
    st.cell_knowers.assign(n_cells * kKnowerCounts, 0);
    st.cell_knowers_stale.assign(n_cells, 1);
  }
  std::vector<float>& contact_learn = st.cell_word_of_mouth;
  bool any_circulating = false;
  for (size_t l = 0; l < n_loc; ++l) any_circulating |= circulating[l] != 0;
  if (any_circulating && !p.sample_contacts) {
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
    std::vector<uint32_t> cand_index(cell + 16);  // the cell's possible protesters, offsets in slot order
    std::vector<float> cand_key(cell + 16);       // (G - T) / R: active while P is below it
    std::vector<uint64_t> cand_arrested_last;  // camp inmates taken in the last round
    CellScratch scratch;
    scratch.resize(cell);
    CellRules rules = common;
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
      for (size_t k = 0; k < kClasses; ++k) {
        rules.hardship[k] = st.inputs.hardship[l * kClasses + k];
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

      // The protest rounds of this cell: cells do not interact within a month, so each is settled
      // by the chunk that owns it. A candidate is active in a round when G - R P > T, that is when
      // P < (G - T) / R: each candidate's `key`. A round counts the keys above this round's P (no
      // memory writes); the status bits are written once, after the last round.
      float actives = static_cast<float>(st.cell_active[c]);
      uint32_t peak = 0;
      const float cops = security * static_cast<float>(counts.adults);
      // Most candidates can never be active this month: the chance of arrest is at least its value
      // with every candidate in view, and whoever stays below it is dropped before the rounds.
      size_t n_cand = 0;
      if (counts.candidates > 0) {
        const float most_in_view = std::max(actives, static_cast<float>(counts.candidates)) + spill[l];
        const float least_p = 1.0f - std::exp(-arrest_constant * cops / (1.0f + most_in_view));
        n_cand = select_above(scratch.candidate.data(), scratch.candidate_key.data(), counts.candidates, least_p, cand_index.data(), cand_key.data());
      }
      constexpr float kGone = -1.0f;  // the key of a candidate arrested out of the cell's protest
      float last_p = 2.0f;            // nobody active unless a round runs
      for (int64_t round = 0; round < p.substeps && n_cand > 0; ++round) {
        const float in_view = actives + spill[l];
        const float arrest_p = 1.0f - std::exp(-arrest_constant * cops / (1.0f + in_view));
        last_p = arrest_p;
        const bool last_round = round + 1 == p.substeps;
        uint32_t now_active = 0;
        for (size_t i = 0; i < n_cand; ++i) now_active += cand_key[i] > arrest_p ? 1u : 0u;
        peak = std::max(peak, now_active);
        // Arrests: each security agent takes one active in view with probability arrest_rate, so
        // each active is taken with chance `take`, independently. The gaps between those taken are
        // geometric: one draw per arrest instead of one per active (same distribution), walking
        // the candidates in slot order.
        uint32_t remaining = now_active;
        if (now_active > 0 && cops > 0) {
          const float take = std::min(1.0f, arrest_rate * cops / static_cast<float>(now_active));
          rng::SplitStream ar(world.seed, kStreamArrests, c, step_index * 64 + static_cast<uint64_t>(round));
          const double log_keep = take < 1.0f ? std::log1p(-static_cast<double>(take)) : 0.0;
          auto gap = [&]() -> uint64_t {
            if (take >= 1.0f) return 0;
            const double g = std::floor(std::log(ar.uniform_pos()) / log_keep);
            return g < 1e18 ? static_cast<uint64_t>(g) : UINT64_MAX;
          };
          uint64_t skip = gap();
          for (size_t i = 0; i < n_cand && skip < now_active; ++i) {
            if (!(cand_key[i] > arrest_p)) continue;
            if (skip > 0) {
              --skip;
              continue;
            }
            skip = gap();
            --remaining;
            ++t.arrests;
            const uint64_t slot = s_begin + cand_index[i];
            uint8_t& status = pop.status[slot];
            if (!camp) {
              status = with_status(status, Status::Imprisoned);
              out.arrested.push_back(slot);
              cand_key[i] = kGone;
            } else if (last_round) {
              cand_arrested_last.push_back(slot);  // a prisoner taken away ends the month inactive
            }
          }
        }
        actives = static_cast<float>(remaining);
      }
      // Those active in the last round stay marked (read by the repression mechanism).
      for (size_t i = 0; i < n_cand; ++i)
        if (cand_key[i] > last_p) pop.status[s_begin + cand_index[i]] |= kActive;
      for (const uint64_t slot : cand_arrested_last) pop.status[slot] &= static_cast<uint8_t>(~kActive);
      cand_arrested_last.clear();
      // Without a candidate nobody was active: last month's actives must not linger in view.
      st.cell_active[c] = n_cand > 0 ? static_cast<uint16_t>(std::min<float>(actives, 65535.0f)) : uint16_t{0};
      t.active_peak = peak;
    }
    std::sort(out.arrested.begin(), out.arrested.end());
  });

  // Fold the cells into localities, each in cell order (localities in parallel: each writes only
  // its own stats and cells); the dead have left their slots.
  world.executor->for_each_index(n_loc, [&](size_t l) {
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

  // Arrests, in slot order, for the repression mechanism to sentence next month.
  st.arrested.clear();
  for (const auto& o : outputs) st.arrested.insert(st.arrested.end(), o.arrested.begin(), o.arrested.end());

  // Migration to the towns of the same region.
  std::vector<int> urban_of_region(geo.regions.size(), -1);
  for (size_t l = 0; l < n_loc; ++l)
    if (geo.localities[l].setting == Setting::Urban) urban_of_region[static_cast<size_t>(geo.localities[l].region)] = static_cast<int>(l);
  for (const auto& o : outputs)
    for (uint64_t s : o.migrants) {
      if (status_of(pop.status[s]) != Status::Free) continue;  // arrested after deciding to move
      const int dest = urban_of_region[static_cast<size_t>(geo.localities[static_cast<size_t>(pop.locality_of(s))].region)];
      if (dest >= 0) transfer(world, s, dest);
    }

  // Births, per locality, into free slots.
  const double birth_p = p.birth_rate.at(world.step) / 1000.0 * month_fraction;
  for (size_t l = 0; l < n_loc; ++l) {
    const auto& loc = geo.localities[l];
    if (loc.setting == Setting::Camp) continue;
    rng::Draws d = world.draws(kStreamBirths, l);
    const uint64_t births = dist::binomial(d, static_cast<uint64_t>(st.stats[l].persons), birth_p);
    const Class klass = loc.setting == Setting::Rural ? Kolkhoznik : Worker;
    const uint8_t belief = quantise_belief(static_cast<float>(st.stats[l].legitimacy), 0.5f);
    for (uint64_t b = 0; b < births; ++b)
      add_person(world, static_cast<int>(l), make_traits(Born1940on, klass, 0),
                 static_cast<uint8_t>(static_cast<uint8_t>(Status::Free) | kBornInRun), belief);
  }

  // Unrest events.
  for (size_t l = 0; l < n_loc; ++l) {
    const auto& loc = geo.localities[l];
    const auto& s = st.stats[l];
    const double people_active = world.people(s.active_peak);
    const double share = s.adults > 0 ? s.active_peak / s.adults : 0.0;
    const bool camp = loc.setting == Setting::Camp;
    const double needed = camp ? 0.05 : p.unrest_share;
    const bool unrest = share >= needed && people_active >= p.unrest_min_people;
    const bool was = st.in_unrest[l] != 0;
    if (unrest) {
      const std::string what = camp ? "a prisoners' strike" : "unrest";
      // A continuing unrest is recorded but kept out of the narrative: the outbreak is the news.
      const Severity severity = was ? Severity::Minor : people_active > 50000 ? Severity::Major : Severity::Notable;
      world.add_event(camp ? "society.camp_strike" : "society.unrest", severity,
                      fmt::format("{} {} in {}: about {} people at its height, {} arrested", what,
                                  was ? "continues" : "breaks out", loc.name, people_text(people_active),
                                  people_text(world.people(s.arrests))),
                      {{"active", people_active}, {"arrests", world.people(s.arrests)}, {"share", share},
                       {"locality", static_cast<double>(l)}, {"country", static_cast<double>(loc.country)},
                       {"continues", was ? 1.0 : 0.0}},
                      loc.name);
    }
    st.in_unrest[l] = unrest ? 1 : 0;
  }

  // Shocks to the climate fade; this month's channels are used up; knowledge becomes old news.
  const float decay = static_cast<float>(std::pow(0.5, 1.0 / p.shift_half_life));
  for (auto& x : st.inputs.legitimacy_shift) x *= decay;
  st.inputs.exposures.clear();
  std::swap(pop.info, pop.info_prev);

  // Signals.
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
    const auto c = static_cast<size_t>(loc.country);
    country_adults[c] += s.adults;
    sig.country_legitimacy[c] += s.legitimacy * s.adults;
    if (loc.setting == Setting::Urban) {
      country_urban_adults[c] += s.adults;
      country_urban_active[c] += s.active_peak;
    }
    if (loc.country != ussr) continue;
    adults += s.adults;
    legit += s.legitimacy * s.adults;
    dissent += s.dissent * s.adults;
    expressing += s.expressing * s.adults;
    active += s.active_peak;
    arrests += s.arrests;
    unrest_count += st.in_unrest[l];
    for (size_t k = 0; k < kTopics; ++k) informed[k] += s.informed[k] * s.adults;
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
  sig.active_peak = world.people(active);
  sig.arrests_political = world.people(arrests);
  sig.unrest_localities = unrest_count;
}

}  // namespace thaw::model::society
