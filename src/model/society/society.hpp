// Society: citizens who feel hardship, believe or doubt, speak or keep silent, protest or not.
//
// ODD: docs/odd/society.md. Rules rest on
//   - Epstein (2002) civil violence, Model I: grievance G = H(1 - L); a citizen is active when
//     G - R * P > T, with P = 1 - exp(-k C / (1 + A)) from the security forces C and the actives A
//     in view (here: the neighbourhood cell, plus a share of the locality's last unrest);
//   - Granovetter (1978) and Kuran (1991): a citizen voices private dissent only when enough
//     others around already do; thresholds are personal and scaled by fear (preference
//     falsification);
//   - information spreading through contacts (word of mouth) and channels (meetings, press,
//     foreign radio), damped by fear; generations react differently to revelations (seed 004:
//     "older citizens ... shock ... younger people ... emboldened"; "rural areas ... less affected").
#pragma once

#include "engine/checksum.hpp"
#include "engine/params.hpp"
#include "engine/schedule.hpp"
#include "model/society/state.hpp"
#include "model/thaw/geography.hpp"
#include "model/thaw/indicators.hpp"

#include <array>
#include <span>

namespace thaw::model {
struct World;
}

namespace thaw::model::society {

struct TopicEffect {
  std::array<double, kCohorts> legitimacy_shock{};  // change of belief on learning, per cohort
  std::array<double, kCohorts> embolden{};          // chance of losing the fear of speaking
  bool scaled_by_stalin_attachment = false;         // shock times the region's attachment x 2
  void describe(ParamVisitor& v);
};

struct Params {
  // Structure ---------------------------------------------------------------------------------
  int64_t cell_agents = 128;     // agents per neighbourhood cell (a multiple of 64)
  double urban_room = 0.8;       // spare slots in urban blocks, for births and newcomers
  double rural_room = 0.25;
  double camp_room = 0.6;

  // Beliefs ----------------------------------------------------------------------------------
  double legitimacy_spread = 0.12;   // sd of personal belief around the local climate
  double climate_rate = 0.06;        // per month: how fast belief moves toward the climate
  double class_offset_party = 0.15;  // party members believe more
  double class_offset_intelligentsia = -0.05;
  double class_offset_kolkhoznik = -0.03;
  double hardship_weight = 0.35;     // climate falls by this times (hardship - its 1953 level)
  double shift_half_life = 36;       // months for a shock to the local climate to halve
  double public_pull = 0.01;         // per month: pull of the cell's public mood on private belief

  // Information ------------------------------------------------------------------------------
  int64_t contacts = 4;              // contacts consulted per month by the uninformed
  int64_t contact_window = 2048;     // contacts live within this many slots (same locality)
  double transmission = 0.2;         // chance a contact who knows passes it on
  double fear_silence = 0.7;         // how much fear stops people passing things on
  bool sample_contacts = false;      // reference path: draw and look up every contact (slow)
  std::array<TopicEffect, kTopics> topics = default_topics();

  // Speaking out (Kuran) -----------------------------------------------------------------------
  // A dissenter speaks when the inner cost of pretending, integrity x (1/2 - L), exceeds the
  // outer cost of speaking, fear_weight x fear x threshold x (1 - share already speaking -
  // openness_weight x openness): safety in numbers (Granovetter) and preference falsification (Kuran).
  double integrity_weight = 0.5;
  double fear_weight = 1.0;
  double openness_weight = 0.25;       // published boldness makes dissent look common and safe
  double emboldened_factor = 0.5;      // the emboldened feel this share of the fear

  // Open protest (Epstein) -------------------------------------------------------------------
  double active_threshold = 0.1;     // T
  double arrest_constant = 2.3;      // k
  int64_t substeps = 4;              // activation rounds per month ("weeks")
  double arrest_rate = 0.5;          // arrests per security agent per round, if actives in view
  double spill = 0.5;                // share of the locality's last-month actives seen by every cell
  double fear_risk_weight = 1.0;     // perceived risk times (0.5 + weight x fear)
  double emboldened_risk = 0.6;      // the emboldened feel this share of the risk
  double unrest_share = 0.005;       // a locality is "in unrest" when this share of adults is active
  double unrest_min_people = 2000;   // ... and at least this many people

  // Towns (issue 13) -------------------------------------------------------------------------
  int64_t min_town_agents = 1024;    // a town locality has at least this many agents
  double town_mixing = 0.5;          // a town's base belief: this share of the way to its country's mean
  double town_housing_weight = 0.12; // hardship up by this per step of worse housing
  double town_supply_weight = 0.12;  // ... and per step of poorer food supply
  double unrest_town_share = 0.015;  // a town is in unrest at this share of its adults active
  double unrest_town_min_people = 300;  // ... and at least this many people
  double incident_rate = 0.08;       // per town and month: a clash with the police (times crime index)
  double incident_grievance = 0.7;   // hardship added for a month in the incident's neighbourhood
  double incident_legitimacy = 0.2;  // belief in the regime lost there for the month, as grievance weighs it
  double incident_people = 5000;     // people in that neighbourhood (the same at every scale)
  double incident_fear_power = 2;    // the chance goes with (1 - fear) to this power

  // Demography -------------------------------------------------------------------------------
  Schedule birth_rate = Schedule({{0, 26.0}, {70, 25.0}, {130, 19.6}}, Schedule::Linear);  // per 1000 a year
  std::array<double, kCohorts> death_rate{45.0, 9.0, 2.2, 3.0};  // per 1000 a year, by cohort
  double camp_death_rate = 12.0;     // extra deaths per 1000 prisoners a year
  double migration_rate = 0.11;      // share of rural young adults moving to town each year
  int64_t adult_age = 16;

  // Spin-up ----------------------------------------------------------------------------------
  int64_t spinup_months = 12;        // at most this many months of 1952 before the run
  int64_t spinup_min_months = 12;    // at least this many (slow drifts of belief and voice show late)
  double spinup_tolerance = 2e-5;    // stop once a month's peak actives are below this share of adults

  static std::array<TopicEffect, kTopics> default_topics();
  void describe(ParamVisitor& v);
};

// Lays out the localities and their people, with society's inputs at their defaults. It is the
// mechanism table's `layout`: it runs before every mechanism's init, since they all read the people.
void init(World& world, const Params& params);
void step(World& world, const Params& params);
// Before the run: months of 1952 until protest has settled (steps -k .. -1, nothing recorded).
struct SpinUp {
  int64_t months = 0;
  double removed = 0;            // people taken out of the population (arrested, or still active at a month's end)
  double last_active_share = 0;  // of adults, at the last month's peak
};
SpinUp spin_up(World& world, const Params& params);
// Population, belief, dissent, protest and knowledge; the satellites' unrest and belief.
void record(const World& world, IndicatorRow& row);
// The people and their localities' tallies (what the indicators do not show), for the checksums.
void checksum(const World& world, Checksum& sum);

// For the other mechanisms ----------------------------------------------------------------------

// Adds `delta` to the legitimacy climate of every locality of `country` (-1: all) whose setting
// is in `setting_mask`; the shift decays with the half-life above.
void shift_legitimacy(World& world, int country, uint8_t setting_mask, float delta);
void shift_legitimacy_locality(World& world, int locality, float delta);
void expose(World& world, const Exposure& exposure);

// Moves a person into a free slot of `dest` (arrest, release, return, migration). Returns the new
// slot, or UINT64_MAX if the block is full (counted in transfers_refused).
uint64_t transfer(World& world, uint64_t slot, int dest);

// transfer() for each move in turn, with the same result; where no one leaves a destination and
// the slots ascend (migration: from the countryside to the towns), the destinations are filled in
// parallel.
struct Move {
  uint64_t slot;
  int dest;
};
void transfer_all(World& world, std::span<const Move> moves);

// Takes a person out of the population (killed in custody, repatriated abroad): the slot is free.
void remove_person(World& world, uint64_t slot);

// Puts a new person into `dest` (a birth); returns the slot or UINT64_MAX.
uint64_t add_person(World& world, int dest, uint8_t traits, uint8_t status, uint8_t legitimacy);

// A person's legal status and the marks of their status byte change only through these (the
// repression mechanism's sentences, releases and settlements; population.hpp has the bits).
void imprison(World& world, uint64_t slot);   // Imprisoned where they stand (before moving to a camp); marks kept
void set_free(World& world, uint64_t slot);   // Free; marks kept (let go, released, the settlement regime lifted)
void end_protest(World& world, uint64_t slot);  // no longer active (suppressed, sentenced, released)
// The "counter-revolutionary" mark of a political sentence (and of the family); a criminal
// sentence or a release as a criminal clears it.
void mark_political(World& world, uint64_t slot, bool political);
// A deportee of 1953: status Settler, belief shifted by `belief_offset` (clamped to 0..1).
void settle(World& world, uint64_t slot, float belief_offset);

bool is_adult(const World& world, uint64_t slot);
int locality_of(const World& world, uint64_t slot);
inline constexpr uint8_t setting_bit(Setting s) { return static_cast<uint8_t>(1u << static_cast<int>(s)); }

}  // namespace thaw::model::society
