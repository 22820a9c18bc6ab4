// Scaffolding until the elite mechanism lands.
#include "model/elite/elite.hpp"

#include "model/thaw/world.hpp"

namespace thaw::model::elite {

void Params::describe(ParamVisitor&) {}
std::span<const DecisionKind> decision_kinds() { return {}; }
void init(World&, const Params&) {}
void step(World&, const Params&) {}
void record(const World&, IndicatorRow&) {}

}  // namespace thaw::model::elite
