// Decisions the society mechanism applies: revelations and the channels that carry them.
#pragma once

#include "model/thaw/decisions.hpp"

#include <span>

namespace thaw::model::society {

std::span<const DecisionKind> decision_kinds();

}  // namespace thaw::model::society
