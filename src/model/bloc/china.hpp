// China: the Sino-Soviet alliance and its break, part of the bloc mechanism's phase.
// ODD: docs/odd/bloc.md, "China".
//
//   bloc::Params p;                         // p.china holds China's parameters ([bloc.china])
//   china::init(world, p.china);            // from bloc::init
//   china::step(world, p.china, tension);   // from bloc::step, after the satellites
//
// The alliance is a stock of trust between the two parties (Lüthi, The Sino-Soviet Split, 2008):
// it is drawn down by what Beijing reads as revisionism in Moscow — the revelations of
// de-Stalinisation, peaceful coexistence with the West, reconciliation with Tito — by the
// rivalry for leadership of the communist world (sharpened by Beijing's own radical line, the
// Great Leap, and by Moscow's losses of face) and by incidents; aid and promises (the 1954
// agreements, the 1957 promise of nuclear help) add to it, and a promise withdrawn costs more than
// it gave. The split breaks out when the stock falls below what the two leaderships will bear,
// itself uncertain (drawn once a run).
#pragma once

#include "engine/params.hpp"
#include "model/thaw/decisions.hpp"
#include "model/thaw/indicators.hpp"

#include <span>

namespace thaw::model {
struct World;
}

namespace thaw::model::bloc::china {

struct State {
  double alliance = 0.9;     // 0..1
  double bearable = 0.4;     // alliance below which the break comes (drawn at init)
  double radicalism = 0;     // Beijing's own line (outside input): 0 the Soviet model .. 1 the Great Leap
  bool nuclear_promised = false;
  bool split = false;
};

struct Params {
  double alliance_1953 = 0.9;
  double destalinisation_rate = 0.006; // alliance lost per month per share informed of the speech
  double revisionism_rate = 0.002;     // ... per month per unit of revisionism
  double coexistence_weight = 1.0;     // revisionism from low tension (peaceful coexistence)
  double reform_weight = 1.0;          // revisionism from the Soviet leader's reformism above one half
  double rivalry_rate = 0.006;         // alliance lost per month per unit of Beijing's radicalism
  double face_weight = 1.0;            // rivalry from Soviet prestige below zero
  double incident_sd = 0.012;          // sd of a month's incidents, polemics and gestures
  double split_threshold = 0.4;        // mean of what the two sides will bear
  double threshold_spread = 0.05;      // half-width of its uniform uncertainty
  double split_experts = 1390;         // Soviet experts recalled at the split (EXT-13)
  double split_prestige = 0.1;

  void describe(ParamVisitor& v);
};

std::span<const DecisionKind> decision_kinds();
void init(World& world, const Params& params);
void step(World& world, const Params& params, double tension);
void record(const World& world, IndicatorRow& row);

// This month's loss of alliance from its causes, before incidents and gifts (for tests).
double drift(const World& world, const Params& params, double tension);

}  // namespace thaw::model::bloc::china
