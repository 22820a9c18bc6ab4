// State of the culture mechanism, kept in the World. ODD: docs/odd/culture.md.
#pragma once

namespace thaw::model::culture {

struct State {};

}  // namespace thaw::model::culture
