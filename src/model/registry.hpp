// The models thaw can run, by the name a scenario gives in [scenario] model = "...".
#pragma once

#include "engine/simulation.hpp"

#include <memory>
#include <span>
#include <string_view>

namespace thaw {

struct ModelInfo {
  std::string_view name;
  std::string_view summary;
  std::unique_ptr<ModelSetup> (*make)();  // a setup holding the model's default parameters
};

std::span<const ModelInfo> models();
const ModelInfo* find_model(std::string_view name);

}  // namespace thaw
