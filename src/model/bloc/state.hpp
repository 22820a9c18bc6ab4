// State of the bloc mechanism, kept in the World. ODD: docs/odd/bloc.md.
#pragma once

namespace thaw::model::bloc {

struct State {};

}  // namespace thaw::model::bloc
