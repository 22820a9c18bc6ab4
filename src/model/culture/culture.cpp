// Scaffolding until the culture mechanism lands.
#include "model/culture/culture.hpp"

#include "model/thaw/world.hpp"

namespace thaw::model::culture {

void Params::describe(ParamVisitor&) {}
std::span<const DecisionKind> decision_kinds() { return {}; }
void init(World&, const Params&) {}
void step(World&, const Params&) {}
void record(const World&, IndicatorRow&) {}

}  // namespace thaw::model::culture
