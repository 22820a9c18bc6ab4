// State of the elite mechanism, kept in the World. ODD: docs/odd/elite.md.
#pragma once

namespace thaw::model::elite {

struct State {};

}  // namespace thaw::model::elite
