// Scaffolding until the repression mechanism lands: the arrested go to the first camp.
#include "model/repression/repression.hpp"

#include "model/society/society.hpp"
#include "model/thaw/world.hpp"

namespace thaw::model::repression {

void Params::describe(ParamVisitor&) {}
std::span<const DecisionKind> decision_kinds() { return {}; }

void init(World& world, const Params&) {
  for (size_t l = 0; l < world.geo.localities.size(); ++l) {
    const bool camp = world.geo.localities[l].setting == Setting::Camp;
    world.society.inputs.security[l] = camp ? 0.08f : 0.004f;
    world.society.inputs.fear[l] = camp ? 0.9f : 0.8f;
  }
}

void step(World& world, const Params&) {
  int camp = -1;
  for (size_t l = 0; l < world.geo.localities.size() && camp < 0; ++l)
    if (world.geo.localities[l].setting == Setting::Camp) camp = static_cast<int>(l);
  for (uint64_t s : world.society.arrested) society::transfer(world, s, camp);
  world.society.arrested.clear();
}

void record(const World&, IndicatorRow&) {}

}  // namespace thaw::model::repression
