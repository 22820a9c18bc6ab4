// The culture mechanism: writers and artists, the censor, openness, crackdowns, and what
// reaches society from them. ODD: docs/odd/culture.md.
//
// Published models it rests on:
//   - Kuran (1991, "Now out of never", World Politics 44:7; 1995, Private Truths, Public Lies):
//     people reveal their private preference once the revealed climate passes a personal
//     threshold; what is revealed moves the climate, so revelations cascade (Granovetter 1978);
//   - a censor as a gatekeeper whose limit follows the leadership's line and the pressure of the
//     conservatives, with crackdowns when openness outruns what the conservatives tolerate
//     (the pattern of the Thaw's "freezes": CUL-01, CUL-04, CUL-08).
#pragma once

#include "engine/params.hpp"
#include "model/thaw/decisions.hpp"
#include "model/thaw/indicators.hpp"

#include <span>

namespace thaw::model {
struct World;
}

namespace thaw::model::culture {

struct Params {
  // Writers ----------------------------------------------------------------------------------
  int64_t writers = 300;             // writers and artists modelled
  double boldness_mean = 0.45;       // mean boldness of what they would write if free
  double threshold_mean = 0.45;      // mean Kuran threshold (uniform on 0..2 x mean, clipped)
  double camp_share = 0.08;          // share who write about the camps
  double submit_rate = 0.1;          // works submitted per writer per month
  double threshold_recovery = 0.03;  // per month, towards their own threshold after a crackdown

  // The censor -----------------------------------------------------------------------------------
  double censor_base = 0.25;         // limit with a neutral leader and no pressure
  double reform_weight = 0.8;        // limit per unit of leader reformism above one half
  double pressure_weight = 0.3;      // limit lost per unit of conservative pressure
  double line_weight = 1.0;          // limit per unit of the declared line
  double censor_adjust = 0.15;       // share of the gap to its target the censor closes each month
  double initial_censorship = 0.12;  // March 1953 (late Zhdanovshchina)
  double initial_openness = 0.1;

  // Openness -----------------------------------------------------------------------------------
  double openness_half_life = 6;     // months: how long a published work counts
  double openness_prior = 20;        // works' weight of the 1953 climate in openness
  double talked_about_share = 0.05;  // the boldest share of a month's works that sets the climate
  double notable_margin = 0.12;      // a work this much bolder than the climate is news
  double bold_level = 0.3;           // a work this bold counts as bold (indicator, events)

  // Crackdowns -----------------------------------------------------------------------------------
  double tolerance_base = 0.25;      // openness the conservatives tolerate, neutral leader, no pressure
  double tolerance_reform = 0.4;     // ... per unit reformism above one half
  double tolerance_pressure = 0.3;   // ... lost per unit conservative pressure
  double crackdown_cut = 0.15;       // censorship limit lost in a crackdown
  double penalty_half_life = 18;     // months
  double crackdown_chill = 0.2;      // writers' thresholds rise by up to this in a crackdown
  int64_t crackdown_cooldown = 12;   // months before another crackdown can happen
  double abroad_rate = 0.01;         // chance a rejected work at least abroad_level bold goes abroad
  double abroad_level = 0.7;
  double abroad_scandal = 0.1;       // tolerance lost per work published abroad
  double scandal_half_life = 12;     // months

  // The leadership's word and its limits ---------------------------------------------------------
  double authority = 0.3;            // limit added to a permitted work per unit of the leader's security
  double provocation_weight = 0.5;   // scandal per unit of an exhibition's boldness above tolerance
  double expulsion_margin = 0.1;     // in a crackdown, writers this much bolder than tolerance are expelled
  int64_t expulsion_months = 36;     // an expelled writer publishes nothing at home for this long
  double members_per_writer = 20;    // union members each modelled writer stands for

  // Criticism and its repression (USSR) ----------------------------------------------------------
  double agitation_rate = 0.0006;    // arrests a month per adult voicing dissent, at pressure one
  double agitation_pressure = 1.0;   // ... grows by this per unit of conservative pressure
  double psychiatric_share = 0.1;    // share of those arrested sent to psychiatric hospitals

  // Society ------------------------------------------------------------------------------------
  double camp_reach = 0.01;          // monthly chance per unit camp-literature weight that a town adult learns
  double camp_weight_half_life = 12; // months

  void describe(ParamVisitor& v);
};

std::span<const DecisionKind> decision_kinds();
void init(World& world, const Params& params);
void step(World& world, const Params& params);  // its phase of the month (model/thaw/mechanisms.cpp)
void record(const World& world, IndicatorRow& row);

// The censor's target limit given the leadership and the pressure (for tests).
double censor_target(const World& world, const Params& params);
// Conservatives' tolerance of openness (for tests).
double tolerance(const World& world, const Params& params);

}  // namespace thaw::model::culture
