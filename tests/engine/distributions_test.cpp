#include "engine/distributions.hpp"
#include "engine/rng.hpp"
#include "support/stats.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace thaw {
namespace {

std::vector<double> sample(int n, auto&& draw) {
  std::vector<double> x;
  x.reserve(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) {
    rng::Draws d(2024, rng::stream_id("test"), static_cast<uint64_t>(i), 0);
    x.push_back(static_cast<double>(draw(d)));
  }
  return x;
}

double binomial_pmf(uint64_t n, double p, uint64_t k) {
  const double ln = std::lgamma(n + 1.0) - std::lgamma(k + 1.0) - std::lgamma(n - k + 1.0) +
                    static_cast<double>(k) * std::log(p) + static_cast<double>(n - k) * std::log1p(-p);
  return std::exp(ln);
}

// Chi-square goodness of fit of integer samples against a pmf, pooling sparse tails.
void expect_fits_pmf(const std::vector<double>& x, auto&& pmf, uint64_t lo, uint64_t hi) {
  const double n = static_cast<double>(x.size());
  std::vector<double> obs, exp;
  double pooled_obs = 0, pooled_exp = 0;
  for (uint64_t k = lo; k <= hi; ++k) {
    double o = 0;
    for (double v : x) o += v == static_cast<double>(k);
    const double e = n * pmf(k);
    pooled_obs += o;
    pooled_exp += e;
    if (pooled_exp >= 20) {
      obs.push_back(pooled_obs);
      exp.push_back(pooled_exp);
      pooled_obs = pooled_exp = 0;
    }
  }
  double outside = 0;
  for (double v : x) outside += v < static_cast<double>(lo) || v > static_cast<double>(hi);
  // The last cell holds the unpooled remainder and both tails, so the cells sum to n.
  const double covered = std::accumulate(exp.begin(), exp.end(), 0.0);
  obs.push_back(pooled_obs + outside);
  exp.push_back(n - covered);
  ASSERT_GT(obs.size(), 3u);
  EXPECT_LT(test::chi_square(obs, exp), test::chi_square_critical(static_cast<double>(obs.size() - 1)));
}

TEST(Distributions, BinomialSmallMeanFitsPmf) {
  const auto x = sample(50000, [](auto& d) { return dist::binomial(d, 40, 0.1); });
  expect_fits_pmf(x, [](uint64_t k) { return binomial_pmf(40, 0.1, k); }, 0, 15);
}

TEST(Distributions, BinomialLargeMeanFitsPmf) {
  // n*p = 300 exercises BTRD, including its squeeze and exact acceptance branches.
  const auto x = sample(50000, [](auto& d) { return dist::binomial(d, 1000, 0.3); });
  expect_fits_pmf(x, [](uint64_t k) { return binomial_pmf(1000, 0.3, k); }, 240, 360);
}

TEST(Distributions, BinomialHighProbabilityIsMirrored) {
  const auto x = sample(50000, [](auto& d) { return dist::binomial(d, 200, 0.93); });
  expect_fits_pmf(x, [](uint64_t k) { return binomial_pmf(200, 0.93, k); }, 170, 200);
}

TEST(Distributions, BinomialHugeCountsHaveTheRightMoments) {
  const uint64_t n = 200'000'000;
  const double p = 0.013;
  const auto x = sample(20000, [&](auto& d) { return dist::binomial(d, n, p); });
  const double mean = n * p, var = n * p * (1 - p);
  EXPECT_NEAR(test::mean(x), mean, 4 * std::sqrt(var / x.size()));
  EXPECT_NEAR(test::variance(x) / var, 1.0, 0.05);
}

TEST(Distributions, BinomialEdgeCases) {
  rng::Draws d(1, 1, 1, 1);
  EXPECT_EQ(dist::binomial(d, 0, 0.5), 0u);
  EXPECT_EQ(dist::binomial(d, 10, 0.0), 0u);
  EXPECT_EQ(dist::binomial(d, 10, 1.0), 10u);
  for (int i = 0; i < 1000; ++i) EXPECT_LE(dist::binomial(d, 7, 0.999), 7u);
}

TEST(Distributions, PoissonFitsPmfAcrossBothAlgorithms) {
  for (double lambda : {2.5, 40.0}) {
    const auto x = sample(50000, [&](auto& d) { return dist::poisson(d, lambda); });
    auto pmf = [&](uint64_t k) {
      return std::exp(static_cast<double>(k) * std::log(lambda) - lambda - std::lgamma(k + 1.0));
    };
    const uint64_t lo = lambda < 10 ? 0 : static_cast<uint64_t>(lambda - 5 * std::sqrt(lambda));
    const uint64_t hi = static_cast<uint64_t>(lambda + 6 * std::sqrt(lambda) + 3);
    expect_fits_pmf(x, pmf, lo, hi);
  }
}

TEST(Distributions, NormalMatchesMomentsAndShape) {
  const auto x = sample(100000, [](auto& d) { return dist::normal(d); });
  EXPECT_NEAR(test::mean(x), 0.0, 0.015);
  EXPECT_NEAR(test::variance(x), 1.0, 0.015);
  // Tail mass beyond 2 sigma: 4.55%.
  double tail = 0;
  for (double v : x) tail += std::fabs(v) > 2.0;
  EXPECT_NEAR(tail / x.size(), 0.0455, 0.003);
}

TEST(Distributions, ExponentialAndGeometricMeans) {
  const auto e = sample(100000, [](auto& d) { return dist::exponential(d, 4.0); });
  EXPECT_NEAR(test::mean(e), 0.25, 0.005);
  const auto g = sample(100000, [](auto& d) { return dist::geometric(d, 0.2); });
  EXPECT_NEAR(test::mean(g), 4.0, 0.06);  // (1-p)/p
}

TEST(Distributions, GammaAndBetaMoments) {
  for (double shape : {0.5, 3.0}) {
    const auto x = sample(100000, [&](auto& d) { return dist::gamma(d, shape); });
    EXPECT_NEAR(test::mean(x), shape, 0.02 * shape + 0.01);
    EXPECT_NEAR(test::variance(x), shape, 0.05 * shape);
  }
  const auto b = sample(100000, [](auto& d) { return dist::beta(d, 2.0, 5.0); });
  EXPECT_NEAR(test::mean(b), 2.0 / 7.0, 0.003);
}

TEST(Distributions, ShuffleIsAUniformPermutation) {
  // All 6 orders of 3 items equally likely.
  std::vector<double> counts(6, 0.0);
  for (int i = 0; i < 60000; ++i) {
    rng::Draws d(77, 1, static_cast<uint64_t>(i), 0);
    int v[3] = {0, 1, 2};
    dist::shuffle(d, std::span<int>(v));
    counts[static_cast<size_t>(v[0] * 2 + (v[1] > v[2] ? 1 : 0))] += 1;
  }
  EXPECT_LT(test::chi_square(counts, std::vector<double>(6, 10000.0)), test::chi_square_critical(5));
}

}  // namespace
}  // namespace thaw
