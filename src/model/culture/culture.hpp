// The culture mechanism. ODD: docs/odd/culture.md.
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
  void describe(ParamVisitor& v);
};

std::span<const DecisionKind> decision_kinds();
void init(World& world, const Params& params);
void step(World& world, const Params& params);
void record(const World& world, IndicatorRow& row);

}  // namespace thaw::model::culture
