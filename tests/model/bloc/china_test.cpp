// Tests of China (docs/odd/bloc.md, "China"): the alliance and the split on small worlds.
#include "model/bloc/bloc.hpp"

#include "model/support/world_fixture.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

namespace thaw::model::bloc {
namespace {

using test::WorldFixture;

TEST(China, DestalinisationBreaksTheChineseAlliance) {
  double alliance[2];
  for (int informed = 0; informed < 2; ++informed) {
    WorldFixture f;
    Params p;
    p.china.coexistence_weight = 0;
    p.china.reform_weight = 0;
    p.china.incident_sd = 0;
    init(f.world(), p);
    f.world().signals.topic_informed.assign(kTopics, 0.0);
    f.world().signals.topic_informed[SecretSpeech] = informed;
    for (int m = 1; m <= 120; ++m) {
      f.at_step(m);
      step(f.world(), p);
    }
    alliance[informed] = f.world().bloc.china.alliance;
    EXPECT_EQ(f.world().events.first("bloc.sino_soviet_split") != nullptr, alliance[informed] < f.world().bloc.china.bearable);
  }
  EXPECT_LT(alliance[1], alliance[0]);
}

// The break comes from its causes, so its month differs between runs (incidents, and how much the
// two sides will bear) and comes later when fewer Soviet citizens know of the Secret Speech.
TEST(China, TheSplitsMonthVariesAndComesLaterWithoutTheRevelations) {
  auto split_month = [](uint64_t seed, double informed) {
    WorldFixture f(50000, seed);
    Params p;
    init(f.world(), p);
    f.world().signals.topic_informed.assign(kTopics, 0.0);
    f.world().signals.topic_informed[SecretSpeech] = informed;
    for (int m = 1; m <= 240; ++m) {
      f.at_step(m);
      step(f.world(), p);
      if (f.world().bloc.china.split) return m;
    }
    return 241;
  };
  std::vector<int> months;
  double informed_sum = 0, silent_sum = 0;
  for (uint64_t seed = 1; seed <= 8; ++seed) {
    months.push_back(split_month(seed, 0.8));
    informed_sum += months.back();
    silent_sum += split_month(seed, 0.0);
  }
  EXPECT_NE(*std::min_element(months.begin(), months.end()), *std::max_element(months.begin(), months.end()));
  EXPECT_GT(silent_sum, informed_sum);
}

}  // namespace
}  // namespace thaw::model::bloc
