// Statistical helpers for tests. Tests use fixed seeds, so a statistical test either always
// passes or always fails; the thresholds are set so that a correct implementation passes with
// overwhelming probability for any seed (p < 0.001 rejection).
#pragma once

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

namespace thaw::test {

// Upper critical value of chi-square with `df` degrees of freedom (Wilson-Hilferty), for the
// standard-normal quantile z (3.09 for p = 0.001).
inline double chi_square_critical(double df, double z = 3.09) {
  const double a = 2.0 / (9.0 * df);
  const double t = 1.0 - a + z * std::sqrt(a);
  return df * t * t * t;
}

inline double chi_square(const std::vector<double>& observed, const std::vector<double>& expected) {
  double chi = 0;
  for (size_t i = 0; i < observed.size(); ++i) {
    const double d = observed[i] - expected[i];
    chi += d * d / expected[i];
  }
  return chi;
}

inline double mean(const std::vector<double>& x) {
  return std::accumulate(x.begin(), x.end(), 0.0) / static_cast<double>(x.size());
}

inline double variance(const std::vector<double>& x) {
  const double m = mean(x);
  double s = 0;
  for (double v : x) s += (v - m) * (v - m);
  return s / static_cast<double>(x.size() - 1);
}

// Two-sample Kolmogorov-Smirnov statistic.
inline double ks_statistic(std::vector<double> a, std::vector<double> b) {
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  size_t i = 0, j = 0;
  double d = 0;
  while (i < a.size() && j < b.size()) {
    const double x = std::min(a[i], b[j]);
    while (i < a.size() && a[i] <= x) ++i;
    while (j < b.size() && b[j] <= x) ++j;
    d = std::max(d, std::fabs(static_cast<double>(i) / a.size() - static_cast<double>(j) / b.size()));
  }
  return d;
}

}  // namespace thaw::test
