#include "model/registry.hpp"

namespace thaw {

namespace {
// One line per model. Each entry's make() returns a SetupFor<Params, Simulation>.
const ModelInfo kModels[] = {
    {"none", "placeholder until the first model lands", nullptr},
};
}  // namespace

std::span<const ModelInfo> models() { return kModels; }

const ModelInfo* find_model(std::string_view name) {
  for (const auto& m : kModels)
    if (m.name == name && m.make != nullptr) return &m;
  return nullptr;
}

}  // namespace thaw
