#include "engine/two_sample.hpp"

#include "engine/distributions.hpp"
#include "engine/rng.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace thaw::two_sample {
namespace {

TEST(MannWhitney, ExactPForCompletelySeparatedSamples) {
  // Of the C(6,3) = 20 equally likely labellings, only the two extremes are as far apart.
  const std::vector<double> a = {1, 2, 3}, b = {4, 5, 6};
  const auto mw = mann_whitney(a, b);
  EXPECT_TRUE(mw.exact);
  EXPECT_DOUBLE_EQ(mw.u, 0.0);
  EXPECT_NEAR(mw.p, 2.0 / 20.0, 1e-12);
  // With two values against twenty, the smallest two-sided p is 2 / C(22, 2) = 2 / 231.
  std::vector<double> many(20);
  for (size_t i = 0; i < many.size(); ++i) many[i] = static_cast<double>(i);
  const std::vector<double> two = {100, 101};
  EXPECT_NEAR(mann_whitney(many, two).p, 2.0 / 231.0, 1e-12);
}

TEST(MannWhitney, TiesAndIdenticalSamplesGiveNoEvidence) {
  const std::vector<double> zeros = {0, 0, 0, 0}, more_zeros = {0, 0, 0};
  EXPECT_DOUBLE_EQ(mann_whitney(zeros, more_zeros).p, 1.0);
  const std::vector<double> a = {1, 2, 2, 3}, b = {1, 2, 2, 3};
  EXPECT_DOUBLE_EQ(mann_whitney(a, b).p, 1.0);
  // Ties across samples count one half each in U.
  const std::vector<double> c = {1, 2}, d = {2, 3};
  EXPECT_DOUBLE_EQ(mann_whitney(c, d).u, 0.5);
}

TEST(KolmogorovSmirnov, StatisticAndPermutationP) {
  const std::vector<double> a = {1, 2, 3}, b = {4, 5, 6};
  const auto ks = kolmogorov_smirnov(a, b, 20000);
  EXPECT_DOUBLE_EQ(ks.d, 1.0);
  EXPECT_NEAR(ks.p, 0.1, 0.01);  // as for Mann-Whitney: 2 of 20 labellings reach D = 1
  const std::vector<double> c = {1, 1, 2, 5}, e = {1, 1, 2, 5};
  EXPECT_DOUBLE_EQ(kolmogorov_smirnov(c, e).d, 0.0);
  EXPECT_DOUBLE_EQ(kolmogorov_smirnov(c, e).p, 1.0);
  // Ties are never split: {0,0,1} against {0,1,1} differ by 1/3 at value 0, not more.
  const std::vector<double> f = {0, 0, 1}, g = {0, 1, 1};
  EXPECT_NEAR(kolmogorov_smirnov(f, g).d, 1.0 / 3.0, 1e-12);
}

TEST(KolmogorovSmirnov, SameSeedSameP) {
  const std::vector<double> a = {1, 4, 2, 8, 5}, b = {3, 9, 7, 6, 10, 11};
  EXPECT_EQ(kolmogorov_smirnov(a, b, 999, 5).p, kolmogorov_smirnov(a, b, 999, 5).p);
}

// Under the null hypothesis a test at level 5% rejects about 5% of the time; against a shift of
// one standard deviation with 30 values a side it rejects nearly always. Integer-valued samples
// (many ties) exercise the tie handling.
struct Rates {
  double mw = 0, ks = 0;
};
Rates rejection_rates(double shift, bool integers, int trials) {
  Rates r;
  for (int t = 0; t < trials; ++t) {
    rng::Draws d(2024, rng::stream_id("two_sample_test"), static_cast<uint64_t>(t), integers ? 1 : 0);
    std::vector<double> a(30), b(25);
    for (double& x : a) x = integers ? std::floor(2 * dist::normal(d) + 0.5) : dist::normal(d);
    for (double& x : b) x = integers ? std::floor(2 * (dist::normal(d) + shift) + 0.5) : dist::normal(d) + shift;
    r.mw += mann_whitney(a, b).p < 0.05 ? 1 : 0;
    r.ks += kolmogorov_smirnov(a, b, 400, static_cast<uint64_t>(t)).p < 0.05 ? 1 : 0;
  }
  r.mw /= trials;
  r.ks /= trials;
  return r;
}

TEST(TwoSample, LevelIsHonestUnderTheNullEvenWithTies) {
  for (bool integers : {false, true}) {
    const Rates r = rejection_rates(0.0, integers, 300);
    // Binomial(300, 0.05): mean 15, sd 3.8; the bounds are about 3 sd either side.
    EXPECT_GT(r.mw, 0.012) << integers;
    EXPECT_LT(r.mw, 0.088) << integers;
    EXPECT_GT(r.ks, 0.012) << integers;
    EXPECT_LT(r.ks, 0.088) << integers;
  }
}

TEST(TwoSample, DetectsAShiftOfOneStandardDeviation) {
  const Rates r = rejection_rates(1.0, false, 100);
  EXPECT_GT(r.mw, 0.85);
  EXPECT_GT(r.ks, 0.7);
}

TEST(MannWhitney, LargeSamplesUseTheNormalApproximation) {
  std::vector<double> a(200), b(200);
  for (size_t i = 0; i < a.size(); ++i) a[i] = static_cast<double>(i % 17);
  for (size_t i = 0; i < b.size(); ++i) b[i] = a[b.size() - 1 - i];  // the same values, reordered
  const auto same = mann_whitney(a, b);
  EXPECT_FALSE(same.exact);
  EXPECT_GT(same.p, 0.9);
  for (double& x : b) x += 4;  // about 0.8 standard deviations
  EXPECT_LT(mann_whitney(a, b).p, 1e-6);
}

TEST(Summary, MeanAndSampleStandardDeviation) {
  const std::vector<double> x = {2, 4, 4, 4, 5, 5, 7, 9};
  const Summary s = summarise(x);
  EXPECT_DOUBLE_EQ(s.mean, 5.0);
  EXPECT_NEAR(s.sd, std::sqrt(32.0 / 7.0), 1e-12);
  EXPECT_EQ(s.n, 8u);
}

}  // namespace
}  // namespace thaw::two_sample
