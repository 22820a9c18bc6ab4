// State of the economy mechanism, kept in the World. ODD: docs/odd/economy.md.
#pragma once

namespace thaw::model::economy {

struct State {};

}  // namespace thaw::model::economy
