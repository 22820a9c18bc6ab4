// A sweep's design: the points it runs, each a value (as TOML text) for every parameter.
//
//   auto points = design_points(spec);   // points[p][j]: parameter j's value at point p
#pragma once

#include "app/sweep_spec.hpp"

#include <string>
#include <vector>

namespace thaw::app {

// The design: point p's value (as TOML text) for each parameter. Grid: every combination, the
// first parameter varying slowest. Random: point i's draws are a pure function of (sweep seed,
// point, parameter), so a design can be extended with more points without changing the first.
std::vector<std::vector<std::string>> design_points(const SweepSpec& spec);

// Point p's overrides as "name=value" lines.
std::string point_overrides_text(const SweepSpec& spec, const std::vector<std::string>& values);

}  // namespace thaw::app
