// The baseline, year by year, to the bit: a golden regression test (LAMMPS's golden files and
// OpenTTD's desync checks are the models).
//
// The historical baseline (scenarios/thaw-1953.toml) at 1:1000, seed 1, on two threads: for every
// simulated year and every phase of the month, a checksum of what the phase leaves behind (the
// indicators, its events, society's inputs, its own state), folded over the year's months, compared
// with tests/model/thaw/golden/baseline-1000-seed1.csv. Any change of any result fails it.
//
// A change that alters results on purpose regenerates the file in the same commit and says why in
// the commit message:
//
//   scripts/regenerate-golden.sh        # = THAW_REGENERATE_GOLDEN=1 build/release/tests/thaw_tests --gtest_filter='Golden*'
//
// To find the month and phase where an unintended change begins: thaw run --checksums with the
// old build and the new, then thaw diverge on the two folders.
#include "app/scenario.hpp"
#include "engine/checksum_log.hpp"
#include "model/thaw/thaw_model.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

namespace thaw::model {
namespace {

const std::filesystem::path kGolden = std::filesystem::path(THAW_SOURCE_DIR) / "tests/model/thaw/golden/baseline-1000-seed1.csv";

ChecksumLog baseline_by_year() {
  const auto scenario = app::Scenario::load(app::find_scenario("thaw-1953.toml"), {"run.scale=1000", "run.checksums=true"});
  auto sim = scenario.setup->create({.seed = 1, .threads = 2});
  sim->run_to_end();
  const auto* thaw = dynamic_cast<const ThawSimulation*>(sim.get());
  EXPECT_NE(thaw, nullptr);
  return thaw ? thaw->phase_checksums().yearly() : ChecksumLog{};
}

TEST(Golden, TheBaselineIsTheSameYearByYearToTheBit) {
  const ChecksumLog now = baseline_by_year();
  ASSERT_FALSE(now.rows().empty());
  const char* regenerate = std::getenv("THAW_REGENERATE_GOLDEN");
  if (regenerate && *regenerate) {
    now.write_csv(kGolden);
    std::printf("regenerated %s: say in the commit message why the results change\n", kGolden.string().c_str());
    return;
  }
  ASSERT_TRUE(std::filesystem::exists(kGolden)) << kGolden << " is missing: scripts/regenerate-golden.sh writes it";
  const ChecksumLog golden = ChecksumLog::read_csv(kGolden);
  const auto d = first_divergence(golden, now);
  if (!d) return;
  std::string parts;
  for (const auto& p : d->parts) parts += (parts.empty() ? "" : ", ") + p;
  FAIL() << "the baseline differs from " << kGolden.filename() << " from " << d->date << ", after the phase '" << d->phase
         << "' (" << (parts.empty() ? d->note : parts) << ").\n"
         << "If the change is intended, run scripts/regenerate-golden.sh and say why in the commit message.\n"
         << "Otherwise find the month: thaw run --checksums --out a (old build), the same --out b (new build), "
            "thaw diverge a b.";
}

}  // namespace
}  // namespace thaw::model
