// The economy's rules on a small world: harvests, prices, procurement, councils, imports.
#include "model/economy/economy.hpp"

#include "model/support/world_fixture.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace thaw::model {
namespace {

using test::make_decision;
using test::WorldFixture;

float hardship(const World& w, int locality, Class k) {
  return w.society.inputs.hardship[static_cast<size_t>(locality) * kClasses + k];
}

void apply(World& w, const Decision& d) { d.spec->apply(w, d); }

TEST(Economy, TheHarvestGrowsWithAreaAndWeather) {
  economy::Params p;
  const auto base = economy::harvest(p, 3, 102, 20, 1, 1, 0, 0);
  EXPECT_GT(economy::harvest(p, 3, 102, 30, 1, 1, 0, 0).harvest_mt, base.harvest_mt);  // more land
  EXPECT_GT(economy::harvest(p, 3, 102, 20, 1, 1, 1, 0).harvest_mt, base.harvest_mt);  // better weather, old lands
  EXPECT_GT(economy::harvest(p, 3, 102, 20, 1, 1, 0, 1).harvest_mt, base.harvest_mt);  // ... new lands
  EXPECT_LT(economy::harvest(p, 3, 102, 20, 0.5, 1, 0, 0).harvest_mt, base.harvest_mt);  // eroded soil
  EXPECT_GT(economy::harvest(p, 3, 102, 20, 1, 1.5, 0, 0).harvest_mt, base.harvest_mt);  // better procurement pay
  // A drought on the steppe swings the new lands more than the old (ECO-04).
  const auto drought_new = economy::harvest(p, 3, 0, 20, 1, 1, 0, -2);
  const auto drought_old = economy::harvest(p, 3, 20, 0, 1, 1, -2, 0);
  EXPECT_LT(drought_new.harvest_mt / drought_new.expected_mt, drought_old.harvest_mt / drought_old.expected_mt);
  // The expectation is the mean: averaging the log-normal weather over a symmetric grid of draws
  // comes close to it.
  double sum = 0;
  for (double z = -4; z <= 4.0001; z += 0.01) sum += economy::harvest(p, 0, 0, 10, 1, 1, 0, z).harvest_mt * std::exp(-z * z / 2);
  double weight = 0;
  for (double z = -4; z <= 4.0001; z += 0.01) weight += std::exp(-z * z / 2);
  EXPECT_NEAR(sum / weight, economy::harvest(p, 0, 0, 10, 1, 1, 0, 0).expected_mt, 0.01);
}

TEST(Economy, APriceRiseHurtsTownWorkersMoreThanKolkhozniksAndLeavesCampsAlone) {
  WorldFixture f;
  World& w = f.world();
  economy::Params p;
  const int camp = f.locality("Norilsk (Gorlag)");
  ASSERT_GE(camp, 0);
  const int town = f.locality("the Volga (towns)");
  const int village = f.locality("the Volga (countryside)");
  ASSERT_GE(town, 0);
  ASSERT_GE(village, 0);
  w.society.inputs.hardship[static_cast<size_t>(camp) * kClasses + Worker] = 0.77f;
  economy::init(w, p);
  f.at_step(1);
  economy::step(w, p);
  const float worker = hardship(w, town, Worker), kolkhoznik = hardship(w, village, Kolkhoznik);
  apply(w, make_decision("retail_prices", {{"meat", 0.3}, {"butter", 0.25}}));
  f.at_step(2);
  economy::step(w, p);
  EXPECT_GT(hardship(w, town, Worker) - worker, 0.05f);
  EXPECT_GT(hardship(w, village, Kolkhoznik), kolkhoznik);
  EXPECT_LT(hardship(w, village, Kolkhoznik) - kolkhoznik, hardship(w, town, Worker) - worker);
  EXPECT_EQ(hardship(w, camp, Worker), 0.77f);
  // The loss is felt for a year, then only the lower real wage remains.
  for (int64_t s = 3; s <= 15; ++s) {
    f.at_step(s);
    economy::step(w, p);
  }
  EXPECT_LT(hardship(w, town, Worker) - worker, 0.05f);
}

TEST(Economy, BetterProcurementPricesEaseKolkhozniksOnly) {
  WorldFixture f;
  World& w = f.world();
  economy::Params p;
  economy::init(w, p);
  const int village = f.locality("the Volga (countryside)");
  const int town = f.locality("the Volga (towns)");
  const float kolkhoznik = hardship(w, village, Kolkhoznik), worker = hardship(w, town, Worker);
  apply(w, make_decision("procurement_prices", {{"factor", 1.5}}));
  f.at_step(1);
  economy::step(w, p);
  EXPECT_LT(hardship(w, village, Kolkhoznik), kolkhoznik - 0.05f);
  EXPECT_NEAR(hardship(w, town, Worker), worker, 0.02f);
}

TEST(Economy, CouncilsCostGrowthOnlyAfterTheirFirstYear) {
  WorldFixture f;
  World& w = f.world();
  economy::Params p;
  economy::init(w, p);
  WorldFixture g;
  economy::init(g.world(), p);
  apply(w, make_decision("economic_councils", {{"councils", 105}}));
  EXPECT_EQ(w.economy.sovnarkhoz_councils, 105);
  for (int64_t s = 1; s <= 24; ++s) {
    f.at_step(s);
    g.at_step(s);
    economy::step(w, p);
    economy::step(g.world(), p);
    if (s <= 12) {
      EXPECT_EQ(w.economy.industrial_growth, g.world().economy.industrial_growth) << s;
    }
  }
  EXPECT_NEAR(w.economy.industrial_growth, g.world().economy.industrial_growth - p.council_loss, 1e-9);
}

TEST(Economy, GrainIsBoughtAbroadOnlyUnderAnImportPolicyAndOnlyAfterAShortfall) {
  economy::Params p;
  p.weather_sd_old = 0.8;  // big swings so that some years fall short
  p.weather_sd_new = 0.8;
  auto imports_over = [&](bool policy) {
    WorldFixture f;
    World& w = f.world();
    economy::init(w, p);
    if (policy) apply(w, make_decision("grain_import_policy", {{"cover", 0.5}}));
    int bought = 0, short_years = 0;
    for (int64_t s = 1; s <= 120; ++s) {
      f.at_step(s);
      economy::step(w, p);
      if (w.month.month() == p.harvest_month) {
        short_years += w.economy.harvest_mt < w.economy.expected_mt ? 1 : 0;
        if (w.economy.imports_mt > 0) {
          ++bought;
          EXPECT_NEAR(w.economy.imports_mt, 0.5 * (w.economy.expected_mt - w.economy.harvest_mt), 1e-9);
        }
      }
    }
    EXPECT_GT(short_years, 0);
    return std::pair{bought, short_years};
  };
  EXPECT_EQ(imports_over(false).first, 0);
  const auto [bought, short_years] = imports_over(true);
  EXPECT_EQ(bought, short_years);
}

TEST(Economy, TheSameSeedGivesTheSameHarvestsAndAnotherSeedOthers) {
  economy::Params p;
  auto harvests = [&](uint64_t seed) {
    WorldFixture f(50000, seed);
    economy::init(f.world(), p);
    std::vector<double> h;
    for (int64_t s = 1; s <= 60; ++s) {
      f.at_step(s);
      economy::step(f.world(), p);
      h.push_back(f.world().economy.harvest_mt);
    }
    return h;
  };
  EXPECT_EQ(harvests(3), harvests(3));
  EXPECT_NE(harvests(3), harvests(4));
}

}  // namespace
}  // namespace thaw::model
