// Determinism is a contract (ODD "Design concepts: stochasticity"): the same scenario and seed
// give the same history to the last bit, whatever the number of threads.
#include "model/epstein/model.hpp"

#include <gtest/gtest.h>

namespace thaw::epstein {
namespace {

Params unrest(int64_t width, int64_t height, const char* activation) {
  Params p;
  p.width = width;
  p.height = height;
  p.cop_density = 0.04;
  p.legitimacy = 0.82;
  p.max_jail_term = 30;
  p.activation = activation;
  p.steps = 40;
  p.burn_in = 0;
  return p;
}

uint64_t run(const Params& p, uint64_t seed, int threads) {
  Model m(p, RunConfig{.seed = seed, .threads = threads});
  m.run_to_end();
  return m.checksum();
}

TEST(Determinism, SameSeedSameHistoryDifferentSeedDifferentHistory) {
  const Params p = unrest(40, 40, "random_order");
  Model a(p, RunConfig{.seed = 7}), b(p, RunConfig{.seed = 7}), c(p, RunConfig{.seed = 8});
  a.run_to_end();
  b.run_to_end();
  c.run_to_end();
  EXPECT_EQ(a.checksum(), b.checksum());
  EXPECT_EQ(a.indicators().to_csv(), b.indicators().to_csv());
  EXPECT_NE(a.checksum(), c.checksum());
  EXPECT_NE(a.indicators().to_csv(), c.indicators().to_csv());
}

TEST(Determinism, RandomOrderIgnoresTheThreadCount) {
  const Params p = unrest(60, 50, "random_order");
  EXPECT_EQ(run(p, 3, 1), run(p, 3, 2));
}

TEST(Determinism, TiledActivationIsBitIdenticalForOneAndTwoThreads) {
  // 168 x 120 with vision 7 cuts into 6 x 4 tiles (at least 28 cells each), so each colour has
  // several tiles running at once; 150 x 90 gives uneven tiles (4 x 2).
  for (auto [w, h] : {std::pair{168, 120}, std::pair{150, 90}}) {
    const Params p = unrest(w, h, "tiled");
    Model probe(p, RunConfig{.seed = 1});
    const auto [tx, ty] = probe.tiles();
    EXPECT_GE(tx * ty, 8u) << w << "x" << h;
    const uint64_t one = run(p, 11, 1);
    EXPECT_EQ(one, run(p, 11, 2)) << w << "x" << h;
    EXPECT_EQ(one, run(p, 11, 2)) << w << "x" << h << " (again: thread timing differs between runs)";
    EXPECT_NE(one, run(p, 12, 2));
  }
}

TEST(Determinism, TilesAreAtLeastFourVisionsWideAndEvenInNumber) {
  Params p = unrest(400, 90, "tiled");
  Model m(p, RunConfig{.seed = 1});
  EXPECT_EQ(m.tiles(), (std::pair<uint32_t, uint32_t>{14, 2}));  // 400 / 28 = 14.3; 90 / 28 = 3.2 -> 2
  Params small = unrest(40, 40, "tiled");
  Model one(small, RunConfig{.seed = 1});
  EXPECT_EQ(one.tiles(), (std::pair<uint32_t, uint32_t>{1, 1}));  // too small to cut: one tile
}

}  // namespace
}  // namespace thaw::epstein
