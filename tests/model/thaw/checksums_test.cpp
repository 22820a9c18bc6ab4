// The per-phase checksums find where two runs part.
#include "model/support/world_fixture.hpp"
#include "model/thaw/mechanisms.hpp"
#include "model/thaw/thaw_model.hpp"

#include <gtest/gtest.h>

namespace thaw::model {
namespace {

Params small(int64_t months) {
  Params p;
  p.scale = 20000;
  p.end = p.start + static_cast<int32_t>(months - 1);
  p.checksums = true;
  return p;
}

ChecksumLog run(const Params& p, int threads) {
  ThawSimulation sim(p, {.seed = 4, .threads = threads});
  sim.run_to_end();
  return sim.phase_checksums();
}

TEST(PhaseChecksums, AreTheSameOnOneThreadOrTwo) {
  const Params p = small(8);
  const ChecksumLog one = run(p, 1), two = run(p, 2);
  EXPECT_EQ(one.rows().size(), 8 * (1 + mechanisms().size()));
  EXPECT_FALSE(first_divergence(one, two).has_value());
}

TEST(PhaseChecksums, NameTheMonthAndPhaseWhereADecisionChangesTheRun) {
  const Params p = small(10);
  Params q = p;
  Decision d = test::make_decision("revelation", {{"party", 0.9}});
  d.date = p.start + 6;
  q.decisions.push_back(d);
  const auto divergence = first_divergence(run(p, 1), run(q, 2));
  ASSERT_TRUE(divergence.has_value());
  EXPECT_EQ(divergence->date, (p.start + 6).str());
  EXPECT_EQ(divergence->phase, "decisions");  // its event and the channels it opens
  EXPECT_EQ(divergence->parts, (std::vector<std::string>{"events", "inputs"}));
}

TEST(PhaseChecksums, NameTheMechanismWhoseParameterChanged) {
  const Params p = small(10);
  Params q = p;
  q.elite.failure_half_life = 3;  // read only by the elite's step
  const auto divergence = first_divergence(run(p, 1), run(q, 1));
  ASSERT_TRUE(divergence.has_value());
  EXPECT_EQ(divergence->phase, "elite");
}

TEST(PhaseChecksums, ChangeNoResult) {
  Params p = small(8);
  ThawSimulation with(p, {.seed = 4, .threads = 1});
  p.checksums = false;
  ThawSimulation without(p, {.seed = 4, .threads = 1});
  with.run_to_end();
  without.run_to_end();
  EXPECT_EQ(with.checksum(), without.checksum());
  EXPECT_TRUE(without.phase_checksums().rows().empty());
}

}  // namespace
}  // namespace thaw::model
