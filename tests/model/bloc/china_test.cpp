// Tests of China (docs/odd/bloc.md, "China"): the alliance and the split on small worlds.
#include "model/bloc/bloc.hpp"

#include "model/support/world_fixture.hpp"

#include <gtest/gtest.h>

namespace thaw::model::bloc {
namespace {

using test::WorldFixture;

TEST(China, DestalinisationBreaksTheChineseAlliance) {
  double alliance[2];
  for (int informed = 0; informed < 2; ++informed) {
    WorldFixture f;
    Params p;
    p.china.coexistence_weight = 0;
    init(f.world(), p);
    f.world().signals.topic_informed.assign(kTopics, 0.0);
    f.world().signals.topic_informed[SecretSpeech] = informed;
    for (int m = 1; m <= 120; ++m) {
      f.at_step(m);
      step(f.world(), p);
    }
    alliance[informed] = f.world().bloc.china.alliance;
    EXPECT_EQ(f.world().events.first("bloc.sino_soviet_split") != nullptr, alliance[informed] < p.china.split_threshold);
  }
  EXPECT_LT(alliance[1], alliance[0]);
}

}  // namespace
}  // namespace thaw::model::bloc
