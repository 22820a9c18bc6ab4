#include "model/registry.hpp"

#include "model/epstein/model.hpp"

namespace thaw {

namespace {
// One line per model. Each entry's make() returns a SetupFor<Params, Simulation>.
const ModelInfo kModels[] = {
    {"epstein", "Epstein (2002) civil violence, Model I: citizens, cops, legitimacy and jail",
     []() -> std::unique_ptr<ModelSetup> { return std::make_unique<SetupFor<epstein::Params, epstein::Model>>(); }},
};
}  // namespace

std::span<const ModelInfo> models() { return kModels; }

const ModelInfo* find_model(std::string_view name) {
  for (const auto& m : kModels)
    if (m.name == name && m.make != nullptr) return &m;
  return nullptr;
}

}  // namespace thaw
