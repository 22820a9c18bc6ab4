// Scaffolding until the bloc mechanism lands.
#include "model/bloc/bloc.hpp"

#include "model/thaw/world.hpp"

namespace thaw::model::bloc {

void Params::describe(ParamVisitor&) {}
std::span<const DecisionKind> decision_kinds() { return {}; }
void init(World&, const Params&) {}
void step(World&, const Params&) {}
void record(const World&, IndicatorRow&) {}

}  // namespace thaw::model::bloc
