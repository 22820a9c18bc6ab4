#include "app/intervals.hpp"

#include <algorithm>
#include <cmath>

namespace thaw::app {

std::pair<double, double> wilson_interval(double k, double n, double z) {
  if (n <= 0) return {NAN, NAN};
  const double p = k / n;
  const double centre = (p + z * z / (2 * n)) / (1 + z * z / n);
  const double half = z * std::sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n);
  return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

}  // namespace thaw::app
