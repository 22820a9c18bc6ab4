// China: the Sino-Soviet alliance and its break, part of the bloc mechanism's phase.
// ODD: docs/odd/bloc.md, "China".
//
//   bloc::Params p;                         // p.china holds China's parameters ([bloc.china])
//   china::init(world, p.china);            // from bloc::init
//   china::step(world, p.china, tension);   // from bloc::step, after the satellites
//
// The alliance weakens with the revelations of de-Stalinisation and with what Beijing calls
// revisionism (reconciliation with Tito, peaceful coexistence); the split breaks out when it falls
// below what either side will bear.
#pragma once

#include "engine/params.hpp"
#include "model/thaw/indicators.hpp"

namespace thaw::model {
struct World;
}

namespace thaw::model::bloc::china {

struct State {
  double alliance = 0.9;  // 0..1
  bool split = false;
};

struct Params {
  double alliance_1953 = 0.9;
  double destalinisation_rate = 0.01; // alliance lost per month per share informed of the speech
  double revisionism_rate = 0.004;    // ... per month per unit of revisionism
  double coexistence_weight = 1.0;    // revisionism from low tension (peaceful coexistence)
  double split_threshold = 0.4;
  double split_experts = 1390;        // Soviet experts recalled at the split (EXT-13)
  double split_prestige = 0.1;

  void describe(ParamVisitor& v);
};

void init(World& world, const Params& params);
void step(World& world, const Params& params, double tension);
void record(const World& world, IndicatorRow& row);

}  // namespace thaw::model::bloc::china
