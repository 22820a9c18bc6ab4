// Repression and release: the Gulag and the special settlements as populations with sentences and
// categories; amnesties; review commissions with a finite throughput; rehabilitation; the return
// of deported nations; repatriation of foreign prisoners; crime after releases; fear and security
// for society; strikes in the camps and the state's answer. ODD: docs/odd/repression.md.
//
//   repression::Params p;
//   repression::init(world, p);      // after society::init: custody table, settlers, levers
//   repression::step(world, p);      // every month, in its phase (model/thaw/mechanisms.cpp)
//
// Rules rest on the record (REP-01..18, DEP-01..12), Dobson (2009, Khrushchev's Cold Summer) for
// releases and crime, and on queue (finite service rate) dynamics for the review commissions.
#pragma once

#include "engine/checksum.hpp"
#include "engine/params.hpp"
#include "model/thaw/decisions.hpp"
#include "model/thaw/indicators.hpp"

#include <span>
#include <string>
#include <vector>

namespace thaw::model {
struct World;
}

namespace thaw::model::repression {

// A deported nation (or class: kulaks) held in special settlements.
struct NationDef {
  std::string key;
  std::string name;
  double people = 0;          // in special settlements, early 1953
  std::string exile_region;   // RegionDef::key where most of them live
  std::string home_region;    // RegionDef::key they would return to
  void describe(ParamVisitor& v);
};

// Foreign prisoners (POWs and convicted "war criminals") who leave the USSR when released.
struct ForeignGroupDef {
  std::string key;
  std::string name;
  double people = 0;
  std::string camp;           // CampDef::key where they are held
  void describe(ParamVisitor& v);
};

// Camps close enough for a strike in one to be heard of in the others (data/camps_complexes.csv).
struct ComplexDef {
  std::string key;
  std::string name;
  std::string camps;          // CampDef keys, separated by spaces
  void describe(ParamVisitor& v);
};

struct Params {
  // Custody at the start -----------------------------------------------------------------------
  double criminal_short_share = 0.70;   // criminal terms of 1-5 years
  double criminal_mid_share = 0.20;     // 6-10 years (the rest: 11-25)
  double grave_share = 0.40;            // of criminals with terms over 5 years: grave crimes
  double vulnerable_share = 0.08;       // of criminals: minors, mothers, the sick
  double political_25_share = 0.35;     // political terms of 25 years
  double political_10_share = 0.45;     // 10 years (the rest: 5-8)
  double collaborator_share = 0.40;     // of politicals: convicted of collaboration
  std::vector<NationDef> nations = default_nations();
  std::vector<ForeignGroupDef> foreign_groups = default_foreign_groups();
  double settler_belief_offset = -0.15; // settlers believe less than their neighbours

  // Inflows -------------------------------------------------------------------------------------
  double criminal_sentencing_rate = 2.6; // custodial sentences per 1000 people a year (1953 practice)
  double crime_sentencing_elasticity = 1.0;
  double protest_term_min = 3, protest_term_max = 10;  // years, political terms for protest

  // Camps -------------------------------------------------------------------------------------------
  double camp_hardship = 0.40;
  double special_hardship = 0.55;
  double min_camp_hardship = 0.30;
  double camp_security = 0.08;          // guards per prisoner in view
  double camp_fear = 0.9;
  double strike_share = 0.05;           // share of prisoners active that makes a strike
  double suppress_base = 0.25;          // monthly chance of suppression in the first strike month
  double suppress_escalation = 0.25;    // added per further month on strike
  double hardline_weight = 0.5;         // x (conservative pressure - leader's reformism)
  double legality_restraint = 0.3;      // suppression chance falls by this x legality
  double suppression_death_share = 0.05;  // of the strikers killed
  double suppression_extra_years = 5;   // added to the terms of the strikers who survive
  int64_t garrison_months = 6;          // reinforced guard after suppression
  double garrison_factor = 3;           // guards multiplied by this meanwhile
  double deprivation_weight = 2.0;      // relative deprivation of politicals passed over by releases
  double concession_step = 0.25;        // hardship removed by a concession (the regime eased after a great strike)
  double concession_chance = 0.3;       // monthly chance that talks end in a concession, from the second month
  double exhaustion_fear = 0.05;        // camp fear added per month on strike (rations cut, cold, isolation)
  double suppression_fear = 0.3;        // camp fear added when troops end a strike (decaying)
  double expectation_shock = 0.1;       // camp hardship added by news of a fall at the top (decaying)
  double expectation_legality = 0.5;    // ... per unit of legality gained
  double complex_spread = 0.3;          // chance a prisoner of another camp of the complex hears of a strike
  std::vector<ComplexDef> complexes = default_complexes();
  double local_term_min = 1, local_term_max = 5;  // years, satellites' own sentences for protest

  // Society --------------------------------------------------------------------------------------
  double security_base = 0.004;         // security agents in view per free adult, 1953
  double fear_1953 = 0.8;
  double fear_floor = 0.35;             // fear with full legality and no arrests
  double arrest_fear = 0.05;            // fear added per political sentence per 1000 adults (memory)
  double relief_fear = 0.02;            // fear removed per returnee/rehabilitation per 1000 adults
  double memory_half_life = 12;         // months
  double stories_per_returnee = 5;      // people a returnee tells of the camps in the first month

  // Crime ----------------------------------------------------------------------------------------
  double crime_half_life = 6;           // months
  double crime_returnee_share = 0.35;   // share of crime attributable to recent releases in 1953
  double crime_wave_index = 1.3;        // a crime wave is reported above this

  // Settlements -----------------------------------------------------------------------------------
  double return_rate = 0.031;           // monthly chance a settler allowed home goes

  static std::vector<NationDef> default_nations();
  static std::vector<ForeignGroupDef> default_foreign_groups();
  static std::vector<ComplexDef> default_complexes();
  void describe(ParamVisitor& v);
};

std::span<const DecisionKind> decision_kinds();
void init(World& world, const Params& params);
void step(World& world, const Params& params);
void record(const World& world, IndicatorRow& row);
// Custody and settlers (what the indicators do not show), for the per-phase checksums.
void checksum(const World& world, Checksum& sum);

}  // namespace thaw::model::repression
