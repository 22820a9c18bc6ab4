#include "model/registry.hpp"

#include "model/thaw/thaw_model.hpp"
#include "model/epstein/model.hpp"

namespace thaw {

namespace {
template <class Params, class Sim>
std::unique_ptr<ModelSetup> make() {
  return std::make_unique<SetupFor<Params, Sim>>();
}

// One line per model.
const ModelInfo kModels[] = {
    {"thaw", "the Soviet system and its bloc, 1953-1964, month by month", make<model::Params, model::ThawSimulation>},
    {"epstein", "Epstein (2002) civil violence, Model I: citizens, cops, legitimacy and jail", make<epstein::Params, epstein::Model>},
};
}  // namespace

std::span<const ModelInfo> models() { return kModels; }

const ModelInfo* find_model(std::string_view name) {
  for (const auto& m : kModels)
    if (m.name == name && m.make != nullptr) return &m;
  return nullptr;
}

}  // namespace thaw
