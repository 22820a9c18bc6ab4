// Scaffolding until the economy mechanism lands: constant hardship by class.
#include "model/economy/economy.hpp"

#include "model/thaw/world.hpp"

namespace thaw::model::economy {

void Params::describe(ParamVisitor&) {}
std::span<const DecisionKind> decision_kinds() { return {}; }

void init(World& world, const Params&) {
  auto& h = world.society.inputs.hardship;
  for (size_t l = 0; l < world.geo.localities.size(); ++l) {
    const bool camp = world.geo.localities[l].setting == Setting::Camp;
    const float by_class[kClasses] = {0.45f, 0.55f, 0.35f, 0.25f};
    for (int k = 0; k < kClasses; ++k) h[l * kClasses + static_cast<size_t>(k)] = camp ? 0.85f : by_class[k];
  }
}

void step(World&, const Params&) {}
void record(const World&, IndicatorRow&) {}

}  // namespace thaw::model::economy
