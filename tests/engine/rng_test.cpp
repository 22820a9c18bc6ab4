#include "engine/rng.hpp"
#include "support/stats.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <set>
#include <vector>

namespace thaw {
namespace {

TEST(Rng, SameKeySameSequence) {
  rng::Draws a(42, rng::stream_id("x"), 7, 3), b(42, rng::stream_id("x"), 7, 3);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(a.next_u32(), b.next_u32());
}

TEST(Rng, EveryKeyComponentChangesTheSequence) {
  auto first = [](uint64_t seed, uint32_t stream, uint64_t entity, uint64_t step) {
    rng::Draws d(seed, stream, entity, step);
    return d.next_u64();
  };
  const uint64_t base = first(42, 1, 7, 3);
  EXPECT_NE(base, first(43, 1, 7, 3));
  EXPECT_NE(base, first(42, 2, 7, 3));
  EXPECT_NE(base, first(42, 1, 8, 3));
  EXPECT_NE(base, first(42, 1, 7, 4));
  EXPECT_NE(base, first(42, 1, 7 + (1ULL << 32), 3));  // the high half of the entity counts too
}

TEST(Rng, ReplicateSeedsAreNotConsecutive) {
  std::set<uint64_t> seen;
  for (uint64_t r = 0; r < 1000; ++r) {
    const uint64_t s = rng::replicate_seed(1, r);
    EXPECT_TRUE(seen.insert(s).second);
    EXPECT_NE(s, 1 + r);
  }
  // Master seeds 1 and 2 give unrelated replicate seeds (not a shifted copy).
  EXPECT_NE(rng::replicate_seed(1, 1), rng::replicate_seed(2, 0));
}

TEST(Rng, StreamIdsAreCompileTimeAndDistinct) {
  static_assert(rng::stream_id("a") != rng::stream_id("b"));
  EXPECT_NE(rng::stream_id("society.contacts"), rng::stream_id("society.contact"));
}

TEST(Rng, UniformIsInRangeAndUniform) {
  constexpr int kBins = 64, kDraws = 640000;
  std::vector<double> observed(kBins, 0.0);
  for (int e = 0; e < kDraws / 8; ++e) {
    rng::Draws d(9, 1, static_cast<uint64_t>(e), 0);
    for (int k = 0; k < 8; ++k) {
      const double u = d.uniform();
      ASSERT_GE(u, 0.0);
      ASSERT_LT(u, 1.0);
      observed[static_cast<size_t>(u * kBins)] += 1;
    }
  }
  std::vector<double> expected(kBins, kDraws / double(kBins));
  EXPECT_LT(test::chi_square(observed, expected), test::chi_square_critical(kBins - 1));
}

TEST(Rng, BelowIsUnbiasedForAwkwardRanges) {
  // 3 * 2^30 is the worst case for naive modulo reduction: low values would be 2x too likely.
  const uint32_t n = 3u << 30;
  std::vector<double> observed(3, 0.0);
  rng::Draws d(5, 2, 0, 0);
  constexpr int kDraws = 300000;
  for (int i = 0; i < kDraws; ++i) {
    const uint32_t x = d.below(n);
    ASSERT_LT(x, n);
    observed[x / (1u << 30)] += 1;
  }
  std::vector<double> expected(3, kDraws / 3.0);
  EXPECT_LT(test::chi_square(observed, expected), test::chi_square_critical(2));
}

TEST(Rng, NeighbouringEntitiesAreUncorrelated) {
  // Adjacent counters must not give related numbers: correlation of the first draws.
  std::vector<double> a, b;
  for (uint64_t e = 0; e < 20000; ++e) {
    rng::Draws x(3, 1, e, 0), y(3, 1, e + 1, 0);
    a.push_back(x.uniform());
    b.push_back(y.uniform());
  }
  const double ma = test::mean(a), mb = test::mean(b);
  double cov = 0;
  for (size_t i = 0; i < a.size(); ++i) cov += (a[i] - ma) * (b[i] - mb);
  cov /= static_cast<double>(a.size());
  const double corr = cov / std::sqrt(test::variance(a) * test::variance(b));
  EXPECT_LT(std::fabs(corr), 4.0 / std::sqrt(20000.0));
}

// hash32(slot ^ key) draws the society's per-person numbers: distinct slots must get distinct
// values under one key, the values must be uniform, and nearby slots must not give related values.
TEST(Hash32, IsABijectionUniformAndAvalanches) {
  const uint32_t key = 0x5bd1e995u;
  std::vector<uint32_t> values;
  std::array<int, 16> top{};
  for (uint32_t s = 0; s < (1u << 20); ++s) {
    const uint32_t h = rng::hash32(s ^ key);
    values.push_back(h);
    ++top[h >> 28];
  }
  std::sort(values.begin(), values.end());
  EXPECT_EQ(std::adjacent_find(values.begin(), values.end()), values.end());
  for (int n : top) EXPECT_NEAR(n, (1 << 20) / 16, 5 * std::sqrt((1 << 20) / 16.0));
  // Flipping one input bit flips each output bit with chance one half.
  double flipped = 0;
  int trials = 0;
  for (uint32_t s = 0; s < 4096; ++s)
    for (int b = 0; b < 32; ++b, ++trials)
      flipped += __builtin_popcount(rng::hash32(s * 2654435761u) ^ rng::hash32((s * 2654435761u) ^ (1u << b)));
  EXPECT_NEAR(flipped / trials / 32.0, 0.5, 0.01);
}

}  // namespace
}  // namespace thaw
