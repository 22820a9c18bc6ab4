// The bloc and the world: the satellites' leaderships, Soviet troops and interventions, contagion
// of unrest across countries, and the world (tension, prestige, China, Yugoslavia, the US).
//
// ODD: docs/odd/bloc.md. Rules rest on
//   - Epstein (2002) civil violence, as used by society: troops are security forces in view, which
//     raise the arrest probability and so crush unrest;
//   - Granovetter (1978) thresholds: news of unrest abroad reaches citizens whose own thresholds
//     then decide (society); the bloc supplies the news (Topic::UnrestNews) in proportion to unrest;
//   - a deterrence/credibility rule (Schelling 1966): Moscow acts when a satellite's unrest passes
//     its declared threshold and the local leadership cannot be trusted (disloyal, declared exit,
//     or lost control); crises resolve by comparing resolve.
#pragma once

#include "engine/params.hpp"
#include "model/bloc/china.hpp"
#include "model/thaw/decisions.hpp"
#include "model/thaw/indicators.hpp"

#include <span>
#include <string>
#include <vector>

namespace thaw::model {
struct World;
}

namespace thaw::model::bloc {

// A possible first secretary of a satellite; the first listed for a country leads in 1953.
struct LeaderDef {
  std::string country;   // CountryDef::key
  std::string name;
  double reformism = 0.3;
  double loyalty = 0.8;
  void describe(ParamVisitor& v);
};

// Soviet troops stationed in a satellite in 1953.
struct GarrisonDef {
  std::string country;
  double troops = 0;  // people
  void describe(ParamVisitor& v);
};

// What sets a satellite apart besides its leaders and garrison (data/satellites.csv): its
// austerity before the New Course (1953 = 1 for a country without a drive of its own under way)
// and how far foreign radio carries news of its own unrest across the country.
struct SatelliteDef {
  std::string country;
  double austerity_1953 = 1;
  double outside_news = 0.3;  // chance a townsman hears foreign broadcasts of unrest at home, per month of unrest
  void describe(ParamVisitor& v);
};

std::vector<LeaderDef> default_leaders();
std::vector<SatelliteDef> default_satellites();
std::vector<GarrisonDef> default_garrisons();

struct Params {
  // Unrest and the leaderships' responses ---------------------------------------------------
  double unrest_share = 0.005;        // peak share of urban adults active that counts as unrest
  double uprising_share = 0.02;       // ... and as an uprising
  double concession_legitimacy = 0.03;  // climate shift per concession
  double concession_austerity = 0.05;   // austerity removed per concession
  double crackdown_forces = 0.004;    // own forces in view per urban adult added by a crackdown
  double crackdown_legitimacy = 0.01; // climate lost per crackdown
  double forces_half_life = 3;        // months
  double change_scale = 0.3;          // unrest (active share) per month that presses for a new leader
  double new_leader_legitimacy = 0.1; // climate shift per unit of reformism gained by a change
  double austerity_relief = 0.4;      // a full reformer brings austerity toward 1 - this
  double stalinist_austerity = 0.3;   // ... and a full Stalinist toward 1 + this (forced industrialisation)
  double austerity_rate = 0.05;       // per month, toward that target
  double austerity_hardship = 1.5;    // hardship factor = 1 + this x (austerity - 1)
  double austerity_min = 0.3, austerity_max = 2.0;

  // Moscow's line ----------------------------------------------------------------------------
  double line_destalinisation = 0.5;  // Moscow's line moves toward reform by this x share informed of the Secret Speech
  double line_tolerance = 0.3;        // a leader this far behind Moscow's line is tolerated
  double line_rate = 0.15;            // monthly chance of his replacement per unit of the gap beyond that
  double line_discredit = 0;          // climate lost per month per unit of that gap: Moscow disowns his course

  // Fear in the satellites (B10) --------------------------------------------------------------
  double fear_1953 = 0.8;             // fear of repression at Stalin's death (as the USSR's, repression.fear_1953)
  double line_fear = 0.3;             // fear removed per unit of Moscow's line (the terror eases as Moscow's course softens)
  double fear_rate = 0.1;             // share of the gap to that level closed per month
  double weakness_fear = 0.05;        // fear lost when the leadership gives way to the street (a concession, a new man)
  double crackdown_fear = 0.02;       // fear added by a crackdown
  double intervention_fear = 0.3;     // fear added when Soviet troops go in
  double fear_memory_half_life = 12;  // months: how long such a shock is remembered
  bool crowd_names_its_man = true;    // B3: in an uprising the street brings the most reformist candidate, not the next one
  double uprising_change = 0.5;       // B3: chance a month that an uprising brings down the leader, at least

  // Expectations (B11) and the leaders' course ----------------------------------------------------
  double expectation_hardship = 2.8;  // B11: hardship factor per unit of austerity above what the course people expect would bring
  double expectation_rate = 0.3;      // B11: share of the gap between the course expected and Moscow's (as known there) closed per month
  double line_pull = 0.5;             // B5: share of his gap behind Moscow's line by which a leader's course follows it

  // Exit and intervention -------------------------------------------------------------------
  double exit_reformism = 0.7;        // a leader at least this reformist ...
  double exit_loyalty = 0.5;          // ... and less loyal than this, facing an uprising,
  double exit_chance = 0.5;           // declares exit with this chance a month
  double intervention_troops = 60000; // people sent in an intervention
  double intervention_months = 3;
  double troop_visibility = 1.0;      // share of the surge in view in the towns
  double garrison_visibility = 0.05;  // share of a garrison in view (barracks)
  double casualty_rate = 0.01;        // killed per active person at the peak when troops go in
  double order_casualty_rate = 1e-4;  // ... when they restore order for a government that stays (GDR 1953)
  double intervention_prestige = 0.15;  // prestige lost when troops overthrow a government and install another
  double order_prestige = 0;            // ... when they restore order for a government that stays
  double intervention_tension = 0.15;
  double installed_legitimacy = -0.05;  // climate shift when Moscow installs a leader

  // Contagion -------------------------------------------------------------------------------
  double contagion = 0.5;             // exposure chance per unit of unrest relative to contagion_scale
  double contagion_scale = 0.02;
  double contagion_ussr = 0.1;        // the USSR hears less (censorship, distance)

  // The world -------------------------------------------------------------------------------
  double base_tension = 0.45;
  double tension_half_life = 12;      // months
  double prestige_half_life = 36;     // months
  china::Params china;                // the alliance and the split (china.hpp)
  double us_resolve = 0.8;            // how firmly the US meets a challenge (0..1)
  double discovery_chance = 0.5;      // per month, that deployed missiles abroad are discovered
  double missile_tension = 0.45;
  double humiliation = 0.3;           // prestige lost by a withdrawal under pressure
  double ultimatum_tension = 0.15;
  double ultimatum_lapse_prestige = 0.05;
  double rapprochement_prestige = 0.05;
  double withdrawal_prestige = 0.05;
  double pact_tension = 0.03;

  std::vector<LeaderDef> leaders = default_leaders();
  std::vector<GarrisonDef> garrisons = default_garrisons();
  std::vector<SatelliteDef> satellites = default_satellites();

  void describe(ParamVisitor& v);
};

std::span<const DecisionKind> decision_kinds();
void init(World& world, const Params& params);
void step(World& world, const Params& params);  // its phase of the month (model/thaw/mechanisms.cpp)
void record(const World& world, IndicatorRow& row);

// World tension from the state (baseline plus decaying crises), clamped to 0..1.
double tension(const World& world, const Params& params);

}  // namespace thaw::model::bloc
