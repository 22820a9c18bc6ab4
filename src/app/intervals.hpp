// Intervals for shares and means over an ensemble's runs.
//
//   auto [low, high] = wilson_interval(37, 100);   // 95%: the share of runs with an event
#pragma once

#include <utility>

namespace thaw::app {

// 95% Wilson score interval of a proportion of k successes in n (Wilson 1927; Newcombe 1998).
std::pair<double, double> wilson_interval(double k, double n, double z = 1.96);

}  // namespace thaw::app
