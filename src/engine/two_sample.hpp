// Two-sample comparisons for docking one model against another: do two sets of replicate
// statistics come from the same distribution?
//
//   auto mw = two_sample::mann_whitney(thaw_values, mesa_values);   // mw.p: two-sided
//   auto ks = two_sample::kolmogorov_smirnov(thaw_values, mesa_values, /*permutations=*/10000);
//   if (mw.p < 0.01 || ks.p < 0.01) ...                            // the samples differ
//
// Both tests are conditional on the pooled values, so ties (integer statistics such as peak
// counts, many zeros) are handled exactly rather than by a continuous-distribution formula:
// Mann-Whitney by the exact permutation distribution of the mid-rank sum, Kolmogorov-Smirnov by a
// permutation test whose draws come from a counter-based stream, so p is the same on every run.
#pragma once

#include <cstdint>
#include <span>

namespace thaw::two_sample {

struct Summary {
  double mean = 0;
  double sd = 0;  // sample standard deviation (n - 1); 0 for one value
  size_t n = 0;
};
Summary summarise(std::span<const double> x);

struct MannWhitney {
  double u = 0;  // U of the first sample: pairs (a, b) with a > b, ties counting one half
  double p = 1;  // two-sided
  bool exact = false;  // exact permutation distribution, or normal approximation with ties
};
// Exact whenever the permutation distribution is affordable (always for samples up to about a
// hundred values each); otherwise the normal approximation with tie and continuity corrections.
MannWhitney mann_whitney(std::span<const double> a, std::span<const double> b);

struct KolmogorovSmirnov {
  double d = 0;  // sup |F_a - F_b|
  double p = 1;  // permutation p-value, (1 + #{D* >= D}) / (1 + permutations)
};
KolmogorovSmirnov kolmogorov_smirnov(std::span<const double> a, std::span<const double> b,
                                     uint32_t permutations = 10000, uint64_t seed = 1);

}  // namespace thaw::two_sample
