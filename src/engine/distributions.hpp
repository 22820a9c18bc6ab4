// The project's own random variates. std::*_distribution is never used in simulation code: its
// algorithms are left to each standard library, so the same seed would give different histories
// under libstdc++ and libc++. These are written out once, tested statistically in
// tests/engine/distributions_test.cpp, and take any generator with uniform(), uniform_pos() and
// below() (normally rng::Draws).
//
//   rng::Draws d(seed, rng::stream_id("amnesty"), camp, step);
//   uint64_t released = dist::binomial(d, eligible, 0.55);
#pragma once

#include "engine/detmath.hpp"

#include <cmath>
#include <cstdint>
#include <numbers>
#include <span>
#include <utility>

namespace thaw::dist {

template <class G>
double normal(G& g) {
  // Box-Muller, keeping one of the pair so that no state survives between calls.
  const double r = std::sqrt(-2.0 * det::log(g.uniform_pos()));
  return r * det::cos(2.0 * std::numbers::pi * g.uniform());
}

template <class G>
double normal(G& g, double mean, double sd) {
  return mean + sd * normal(g);
}

template <class G>
double exponential(G& g, double rate) {
  return -det::log(g.uniform_pos()) / rate;
}

// Number of failures before the first success, p in (0, 1].
template <class G>
uint64_t geometric(G& g, double p) {
  if (p >= 1.0) return 0;
  const double x = std::floor(det::log(g.uniform_pos()) / det::log1p(-p));
  return x >= 1.8e19 ? UINT64_MAX : static_cast<uint64_t>(x);
}

namespace detail {
// log(k!) - Stirling's approximation, for the binomial acceptance test (Hörmann 1993, table 1).
inline double stirling_correction(uint64_t k) {
  static constexpr double table[10] = {0.08106146679532726, 0.04134069595540929,
                                       0.02767792568499834, 0.02079067210376509,
                                       0.01664469118982119, 0.01387612882307075,
                                       0.01189670994589177, 0.01041126526197209,
                                       0.009255462182712733, 0.008330563433362871};
  if (k < 10) return table[k];
  const double r = 1.0 / (static_cast<double>(k) + 1.0);
  const double r2 = r * r;
  return (1.0 / 12 - (1.0 / 360 - r2 / 1260) * r2) * r;
}

template <class G>
uint64_t binomial_inversion(G& g, uint64_t n, double p) {
  // Sequential search from 0; used when n*p is small, so the loop is short.
  const double q = 1.0 - p;
  const double s = p / q;
  const double a = (static_cast<double>(n) + 1.0) * s;
  double r = det::pow(q, static_cast<double>(n));
  double u = g.uniform();
  uint64_t x = 0;
  while (u > r) {
    u -= r;
    ++x;
    if (x > n) {  // rounding left a sliver of mass: start again rather than return > n
      x = 0;
      r = det::pow(q, static_cast<double>(n));
      u = g.uniform();
      continue;
    }
    r *= a / static_cast<double>(x) - s;
  }
  return x;
}

// BTRD: transformed rejection with decomposition (Hörmann 1993), for n*p >= 10, p <= 1/2.
template <class G>
uint64_t binomial_btrd(G& g, uint64_t n_int, double p) {
  const double n = static_cast<double>(n_int);
  const double m = std::floor((n + 1.0) * p);
  const double r = p / (1.0 - p);
  const double nr = (n + 1.0) * r;
  const double npq = n * p * (1.0 - p);
  const double spq = std::sqrt(npq);
  const double b = 1.15 + 2.53 * spq;
  const double a = -0.0873 + 0.0248 * b + 0.01 * p;
  const double c = n * p + 0.5;
  const double alpha = (2.83 + 5.1 / b) * spq;
  const double vr = 0.92 - 4.2 / b;
  const double urvr = 0.86 * vr;
  for (;;) {
    double v = g.uniform();
    double u;
    if (v <= urvr) {
      u = v / vr - 0.43;
      return static_cast<uint64_t>(std::floor((2.0 * a / (0.5 - std::fabs(u)) + b) * u + c));
    }
    if (v >= vr) {
      u = g.uniform() - 0.5;
    } else {
      u = v / vr - 0.93;
      u = (u < 0 ? -0.5 : 0.5) - u;
      v = g.uniform() * vr;
    }
    const double us = 0.5 - std::fabs(u);
    const double kf = std::floor((2.0 * a / us + b) * u + c);
    if (kf < 0.0 || kf > n) continue;
    v = v * alpha / (a / (us * us) + b);
    const double km = std::fabs(kf - m);
    if (km <= 15.0) {
      // Recursive evaluation of f(k)/f(m).
      double f = 1.0;
      if (m < kf) {
        for (double i = m + 1; i <= kf; i += 1.0) f *= nr / i - r;
      } else if (m > kf) {
        for (double i = kf + 1; i <= m; i += 1.0) v *= nr / i - r;
      }
      if (v <= f) return static_cast<uint64_t>(kf);
      continue;
    }
    // Squeeze with the normal approximation, then the exact test.
    const double lv = det::log(v);
    const double rho = (km / npq) * (((km / 3.0 + 0.625) * km + 1.0 / 6.0) / npq + 0.5);
    const double t = -km * km / (2.0 * npq);
    if (lv < t - rho) return static_cast<uint64_t>(kf);
    if (lv > t + rho) continue;
    const double nm = n - m + 1.0;
    const double h = (m + 0.5) * det::log((m + 1.0) / (r * nm)) +
                     stirling_correction(static_cast<uint64_t>(m)) +
                     stirling_correction(static_cast<uint64_t>(n - m));
    const double nk = n - kf + 1.0;
    if (lv <= h + (n + 1.0) * det::log(nm / nk) + (kf + 0.5) * det::log(nk * r / (kf + 1.0)) -
                  stirling_correction(static_cast<uint64_t>(kf)) -
                  stirling_correction(static_cast<uint64_t>(n - kf))) {
      return static_cast<uint64_t>(kf);
    }
  }
}
}  // namespace detail

// Successes among n independent trials of probability p: exact, O(1) expected time for large n.
template <class G>
uint64_t binomial(G& g, uint64_t n, double p) {
  if (n == 0 || p <= 0.0) return 0;
  if (p >= 1.0) return n;
  const bool flip = p > 0.5;
  const double pp = flip ? 1.0 - p : p;
  const uint64_t k = static_cast<double>(n) * pp < 10.0 ? detail::binomial_inversion(g, n, pp)
                                                         : detail::binomial_btrd(g, n, pp);
  return flip ? n - k : k;
}

template <class G>
uint64_t poisson(G& g, double mean) {
  if (mean <= 0.0) return 0;
  if (mean < 10.0) {
    // Inversion by sequential search.
    double p = det::exp(-mean);
    double s = p;
    const double u = g.uniform();
    uint64_t k = 0;
    while (u > s && k < 1000) {
      ++k;
      p *= mean / static_cast<double>(k);
      s += p;
    }
    return k;
  }
  // PTRS: transformed rejection with squeeze (Hörmann 1993).
  const double slam = std::sqrt(mean);
  const double loglam = det::log(mean);
  const double b = 0.931 + 2.53 * slam;
  const double a = -0.059 + 0.02483 * b;
  const double inv_alpha = 1.1239 + 1.1328 / (b - 3.4);
  const double vr = 0.9277 - 3.6224 / (b - 2.0);
  for (;;) {
    const double u = g.uniform() - 0.5;
    const double v = g.uniform();
    const double us = 0.5 - std::fabs(u);
    const double kf = std::floor((2.0 * a / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return static_cast<uint64_t>(kf);
    if (kf < 0.0 || (us < 0.013 && v > us)) continue;
    if (det::log(v) + det::log(inv_alpha) - det::log(a / (us * us) + b) <=
        -mean + kf * loglam - det::lgamma(kf + 1.0)) {
      return static_cast<uint64_t>(kf);
    }
  }
}

// Gamma(shape, 1) by Marsaglia & Tsang (2000).
template <class G>
double gamma(G& g, double shape) {
  if (shape < 1.0) {
    const double x = gamma(g, shape + 1.0);
    return x * det::pow(g.uniform_pos(), 1.0 / shape);
  }
  const double d = shape - 1.0 / 3.0;
  const double c = 1.0 / std::sqrt(9.0 * d);
  for (;;) {
    const double x = normal(g);
    double v = 1.0 + c * x;
    if (v <= 0.0) continue;
    v = v * v * v;
    const double u = g.uniform_pos();
    if (u < 1.0 - 0.0331 * x * x * x * x) return d * v;
    if (det::log(u) < 0.5 * x * x + d * (1.0 - v + det::log(v))) return d * v;
  }
}

template <class G>
double beta(G& g, double a, double b) {
  const double x = gamma(g, a);
  const double y = gamma(g, b);
  return x / (x + y);
}

// Fisher-Yates.
template <class G, class T>
void shuffle(G& g, std::span<T> items) {
  for (size_t i = items.size(); i > 1; --i) {
    const size_t j = g.below64(i);
    std::swap(items[i - 1], items[j]);
  }
}

}  // namespace thaw::dist
