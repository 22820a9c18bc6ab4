// The Thaw model's events are the engine's generic event log (src/engine/events.hpp), so that a
// Simulation can hand its log over without the runner knowing the model. This header keeps the
// names the mechanisms use (model::Event, model::Severity, world.events) and the one helper that
// is the Thaw's own.
#pragma once

#include "engine/events.hpp"

#include <string>

namespace thaw::model {

using thaw::Event;
using thaw::EventLog;
using thaw::Severity;

// People in words: "about 1.8 million", "41,300", "950".
std::string people_text(double people);

}  // namespace thaw::model
