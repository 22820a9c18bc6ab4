// Quantiles by linear interpolation between order statistics (Hyndman & Fan type 7, R's default):
// the one definition every summary in thaw uses (validation, sweeps, calibration, the server).
#pragma once

#include <algorithm>
#include <cmath>
#include <vector>

namespace thaw {

// q in [0, 1] of values already sorted ascending; NaN when there are none.
inline double quantile_sorted(const std::vector<double>& x, double q) {
  if (x.empty()) return NAN;
  const double pos = q * static_cast<double>(x.size() - 1);
  const auto lo = static_cast<size_t>(std::floor(pos));
  const size_t hi = std::min(lo + 1, x.size() - 1);
  return x[lo] + (pos - static_cast<double>(lo)) * (x[hi] - x[lo]);
}

// The same of unsorted values (sorts its copy).
inline double quantile(std::vector<double> x, double q) {
  std::sort(x.begin(), x.end());
  return quantile_sorted(x, q);
}

}  // namespace thaw
