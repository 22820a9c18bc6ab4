// State of the repression mechanism, kept in the World. ODD: docs/odd/repression.md.
#pragma once

namespace thaw::model::repression {

struct State {};

}  // namespace thaw::model::repression
