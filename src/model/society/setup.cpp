// Society's parameters and its set-up: the localities, their blocks of slots and the people of
// 1953. ODD: docs/odd/society.md ("Initialisation", "Parameters").
#include "model/society/society.hpp"

#include "model/society/internal.hpp"
#include "model/thaw/world.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace thaw::model::society {

using namespace detail;

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
  v.value("spinup_months", spinup_months, {.doc = "at most this many months of 1952's conditions before the run (nothing recorded)",
                                           .unit = "months", .min = 0, .max = 60});
  v.value("spinup_min_months", spinup_min_months, {.doc = "at least this many spin-up months", .unit = "months", .min = 0, .max = 60});
  v.value("spinup_tolerance", spinup_tolerance, {.doc = "the spin-up stops once a month's peak actives fall below this share of adults",
                                                 .unit = "share", .min = 0, .max = 1});
  v.value("min_town_agents", min_town_agents, {.doc = "a town locality has at least this many agents (fewer people per agent than the run's scale)",
                                               .unit = "agents", .min = 1, .max = 1 << 20});
  v.value("town_mixing", town_mixing, {.doc = "a named town's base belief lies this share of the way from its region's toward its country's "
                                               "people-weighted mean (the post-war newcomers from everywhere)",
                                        .min = 0, .max = 1,
                                        .source = "1959 census by nationality (Riga 45% Latvian, Tallinn 60% Estonian, Vilnius 34% Lithuanian, recalled, "
                                                  "verify); Misiunas and Taagepera 1993; assumption"});
  v.value("town_housing_weight", town_housing_weight, {.doc = "hardship of a town's people rises by this share per step of worse housing "
                                                              "(communal 0, crowded and communal_barracks 1/2, barracks 1, tents_barracks 2, standard -1/2)",
                                                       .min = 0, .max = 1, .source = "assumption (Filtzer 2002; Kozlov 2002 on Temirtau); calibrated"});
  v.value("town_supply_weight", town_supply_weight, {.doc = "hardship of a town's people rises by this share per step of poorer food supply "
                                                            "(special -1, priority -1/2, ordinary 0, poor 1)",
                                                     .min = 0, .max = 1, .source = "assumption (Osokina 2001; Kozlov 2002 on the 101st kilometre); calibrated"});
  v.value("unrest_town_share", unrest_town_share, {.doc = "a town counts as in unrest when this share of its adults is active",
                                                   .min = 0, .max = 1, .source = "issue 13: a crowd of 2,000 in a town of 100,000"});
  v.value("unrest_town_min_people", unrest_town_min_people, {.doc = "and at least this many people", .unit = "people", .min = 0,
                                                             .source = "Kozlov 2002: most disturbances a few hundred to a few thousand"});
  v.value("incident_rate", incident_rate, {.doc = "chance a month that a clash with the police sets one neighbourhood of a town against it "
                                                  "(times the crime index)",
                                           .unit = "per town and month", .min = 0, .max = 1,
                                           .source = "Kozlov 2002 (most disturbances began with an arrest or a death in custody); calibrated"});
  v.value("incident_fear_power", incident_fear_power, {.doc = "the chance of a clash that draws a crowd goes with (1 - fear) to this power",
                                                       .min = 0, .max = 10, .source = "Kozlov 2002 (the disturbances came as the fear of the police receded); calibrated"});
  v.value("incident_grievance", incident_grievance, {.doc = "hardship added for the month to the people of the neighbourhood of an incident",
                                                     .min = 0, .max = 1, .source = "calibrated"});
  v.value("incident_legitimacy", incident_legitimacy, {.doc = "belief in the regime's right to rule that the people of an incident's neighbourhood "
                                                              "set aside for the month as they weigh their grievance (their belief itself is kept)",
                                                       .min = 0, .max = 1, .source = "Epstein 2002 (a sudden loss of legitimacy sets off outbursts); Kozlov 2002; calibrated"});
  v.value("incident_people", incident_people, {.doc = "people of the neighbourhood an incident sets against the police (the crowd a clash at a "
                                                      "market or a police station could draw on)",
                                               .unit = "people", .min = 0, .max = 1e6,
                                               .source = "assumption (Kozlov 2002: crowds of a few hundred to a few thousand); calibrated"});
  v.value("adult_age", adult_age, {.doc = "age from which people speak and protest", .unit = "years", .min = 10, .max = 30});
}

// ---------------------------------------------------------------------------------------------
// Setup

std::vector<double> detail::base_legitimacy(const Geography& geo, double town_mixing) {
  std::vector<double> people(geo.countries.size(), 0.0), belief(geo.countries.size(), 0.0);
  for (const auto& reg : geo.regions) {
    const int c = geo.country_index(reg.country);
    if (c < 0) continue;
    people[static_cast<size_t>(c)] += reg.population;
    belief[static_cast<size_t>(c)] += reg.population * reg.base_legitimacy;
  }
  std::vector<double> base(geo.localities.size());
  for (size_t l = 0; l < geo.localities.size(); ++l) {
    const auto& loc = geo.localities[l];
    const auto& reg = geo.regions[static_cast<size_t>(loc.region)];
    const auto c = static_cast<size_t>(loc.country);
    if (loc.setting == Setting::Camp) base[l] = 0.3;
    else if (loc.town >= 0 && people[c] > 0) base[l] = reg.base_legitimacy + town_mixing * (belief[c] / people[c] - reg.base_legitimacy);
    else base[l] = reg.base_legitimacy;
  }
  return base;
}

void init(World& world, const Params& p) {
  auto& geo = world.geo;
  auto& st = world.society;
  st.cell_agents = static_cast<uint32_t>(p.cell_agents);
  const uint64_t cell = st.cell_agents;

  // Localities: every region's towns that are places of their own, the rest of its towns, its
  // countryside; then the camps. A region's remaining towns come after its own towns, so that "the
  // region's last town locality" (where the other mechanisms send people home) stays the rest.
  geo.localities.clear();
  for (size_t r = 0; r < geo.regions.size(); ++r) {
    const auto& reg = geo.regions[r];
    const int country = geo.country_index(reg.country);
    const double urban = reg.population * reg.urban_share;
    const double rural = reg.population - urban;
    double in_towns = 0;
    for (size_t t = 0; t < geo.towns.size(); ++t) {
      const auto& town = geo.towns[t];
      if (town.region != reg.key || town.population <= 0) continue;
      in_towns += town.population;
      LocalityDef loc{town.name, country, static_cast<int32_t>(r), Setting::Urban, -1, town.population};
      loc.town = static_cast<int32_t>(t);
      loc.hardship_factor = town_hardship_factor(town, p.town_housing_weight, p.town_supply_weight);
      geo.localities.push_back(loc);
    }
    // The towns listed may not hold more people than the region's towns (data/geography/README.md).
    if (in_towns > urban * 1.0001 + 1)
      throw std::runtime_error(fmt::format("town list: the towns of region '{}' hold {:.0f} people, more than its {:.0f} town-dwellers",
                                           reg.key, in_towns, urban));
    const double rest = std::max(0.0, urban - in_towns);
    if (rest >= 1) geo.localities.push_back({reg.name + " (towns)", country, static_cast<int32_t>(r), Setting::Urban, -1, rest});
    if (rural > 0) geo.localities.push_back({reg.name + " (countryside)", country, static_cast<int32_t>(r), Setting::Rural, -1, rural});
  }
  for (size_t c = 0; c < geo.camps.size(); ++c) {
    const auto& camp = geo.camps[c];
    const int region = geo.region_index(camp.region);
    const int country = geo.country_index(geo.regions[static_cast<size_t>(region)].country);
    geo.localities.push_back({camp.name, country, region, Setting::Camp, static_cast<int32_t>(c), camp.prisoners});
  }
  if (geo.localities.size() > 65535)
    throw std::runtime_error(fmt::format("society: {} localities; at most 65535 (fewer towns)", geo.localities.size()));

  // Blocks: whole cells, with room to grow. A town has at least min_town_agents agents, so that a
  // crowd of a few thousand is a few dozen agents at any scale: its agents stand for fewer people.
  uint64_t next_slot = 0;
  std::vector<uint64_t> initial_agents(geo.localities.size());
  for (size_t l = 0; l < geo.localities.size(); ++l) {
    auto& loc = geo.localities[l];
    uint64_t agents = static_cast<uint64_t>(std::llround(loc.population / world.scale));
    loc.weight = world.scale;
    if (loc.town >= 0 && agents < static_cast<uint64_t>(p.min_town_agents)) {
      agents = static_cast<uint64_t>(p.min_town_agents);
      loc.weight = loc.population / static_cast<double>(agents);
    }
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
  Population& people = PeopleWriter::of(st);
  people.resize(next_slot);
  people.cell_agents = st.cell_agents;
  people.cell_locality.resize(next_slot / cell);
  for (size_t l = 0; l < geo.localities.size(); ++l)
    std::fill_n(people.cell_locality.begin() + static_cast<std::ptrdiff_t>(geo.localities[l].first_cell),
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
  st.inputs.austerity.assign(n_loc, 1.0f);
  st.inputs.fear.assign(n_loc, 0.8f);
  st.inputs.legitimacy_shift.assign(n_loc, 0.0f);
  st.inputs.exposures.clear();

  // People: in parallel over ranges of slots, not localities (the largest locality would hold up
  // the rest). Each slot's values depend only on the slot, so the split changes nothing.
  const std::vector<double> base = base_legitimacy(geo, p.town_mixing);
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
      auto& pop = PeopleWriter::of(st);
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
      // A town's own mix; its white-collar share (the census's definition) in the region's narrower
      // sense of intelligentsia, relative to the towns' mean of about a quarter (geography.md).
      const TownDef* town = loc.town >= 0 ? &geo.towns[static_cast<size_t>(loc.town)] : nullptr;
      const double party_share = town ? town->party_share : reg.party_share;
      const double intelligentsia_share = town ? reg.intelligentsia_share * town->intelligentsia_share / 0.24 : reg.intelligentsia_share;
      if (!child && k < party_share) klass = PartyMember;
      else if (loc.setting == Setting::Urban && k < party_share + intelligentsia_share) klass = Intelligentsia;
      else if (loc.setting == Setting::Rural && d.uniform() < reg.kolkhoz_share) klass = Kolkhoznik;
      pop.traits[s] = make_traits(cohort, klass, 0);
      uint8_t status = static_cast<uint8_t>(camp ? Status::Imprisoned : Status::Free);
      const bool political = camp && d.uniform() < political_share;
      if (political) status |= kPolitical;
      pop.status[s] = status;
      double belief;
      if (camp) belief = political ? 0.2 : 0.35;
      else belief = base[l] + (klass == PartyMember ? p.class_offset_party : 0) +
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

}  // namespace thaw::model::society
