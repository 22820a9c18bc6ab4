// Docking against Mesa v3.3.1 (docs/docking.md): with Mesa's rule set, thaw's distributions of
// mean active, mean jailed, peak active and outburst count match those of Mesa's own runs
// (data/docking/mesa_epstein_summary.csv), configuration by configuration.
//
// Claim and test: for each statistic, two-sided exact Mann-Whitney and permutation
// Kolmogorov-Smirnov tests at alpha = 0.01 do not reject equality of distributions, and where the
// data can resolve it (the margin spans three standard errors, at least 10 Mesa runs) the means
// differ by less than 25%. thaw runs seeds 1..N (N >= 20 everywhere, as `thaw dock` defaults to
// 100). With only two Mesa seeds at 200 x 200 the rank tests can reject only if both Mesa values
// lie beyond nearly all of thaw's (the smallest attainable p is 2 / C(22, 2) = 0.0087 for N = 20):
// that configuration checks for gross disagreement, nothing finer.
//
// A negative control shows that the comparison can fail: NetLogo's floor instead of Mesa's
// rounding in C / A is detected at once.
#include "app/scenario.hpp"
#include "model/epstein/docking.hpp"
#include "model/epstein/model.hpp"

#include <gtest/gtest.h>

namespace thaw::epstein {
namespace {

const MesaSummary& mesa() {
  static const MesaSummary summary =
      read_mesa_summary(std::filesystem::path(THAW_SOURCE_DIR) / "data/docking/mesa_epstein_summary.csv");
  return summary;
}

const DockingConfig& config_for(std::string_view mesa_file) {
  for (const auto& c : docking_configs())
    if (c.mesa_file == mesa_file) return c;
  throw std::logic_error("no docking configuration for " + std::string(mesa_file));
}

ConfigComparison dock(std::string_view mesa_file, size_t seeds, const std::vector<std::string>& overrides = {}) {
  const DockingConfig& config = config_for(mesa_file);
  const auto scenario = app::Scenario::load(app::find_scenario(std::string(config.scenario)), overrides);
  const auto& params = dynamic_cast<const SetupFor<Params, Model>&>(*scenario.setup).params;
  Executor executor(hardware_threads());
  const auto thaw = run_replicates(params, seeds, executor);
  const auto runs = mesa_runs_of(mesa().runs, mesa_file);
  EXPECT_FALSE(runs.empty()) << mesa_file;
  return compare(config, thaw, runs, mesa().decimals, DockingCriteria{});
}

void expect_docked(const ConfigComparison& c) {
  ASSERT_EQ(c.rows.size(), docked_statistics().size());
  for (const auto& r : c.rows) {
    EXPECT_TRUE(r.pass) << c.config.label << ", " << r.statistic << ": thaw " << r.thaw.mean << " ± " << r.thaw.sd
                        << " (n " << r.thaw.n << "), Mesa " << r.mesa.mean << " ± " << r.mesa.sd << " (n " << r.mesa.n
                        << "); Mann-Whitney p " << r.mann_whitney.p << ", KS p " << r.ks.p << ", relative difference "
                        << r.relative_difference;
  }
}

TEST(Docking, MesaSummaryIsReadWithItsPrecision) {
  EXPECT_EQ(mesa().runs.size(), 57u);
  EXPECT_EQ(mesa().decimals.at("mean_active"), 3);
  EXPECT_EQ(mesa().decimals.at("frac_steps_in_outburst"), 4);
  EXPECT_EQ(mesa().decimals.at("outbursts"), 0);
  EXPECT_EQ(mesa_runs_of(mesa().runs, "timeseries_40x40_200steps_seeds1-30.csv").size(), 30u);
}

TEST(Docking, Mesa40x40For200Steps) { expect_docked(dock("timeseries_40x40_200steps_seeds1-30.csv", 30)); }

TEST(Docking, Mesa40x40For1000Steps) { expect_docked(dock("timeseries_40x40_1000steps_seeds1-5.csv", 20)); }

TEST(Docking, Mesa40x40FewCopsShortJailPunctuatedEquilibrium) {
  expect_docked(dock("timeseries_40x40_500steps_seeds1-20_cop0.04_L0.82_J30.csv", 30));
}

TEST(Docking, Mesa200x200NoGrossDisagreementWithTwoMesaSeeds) {
  expect_docked(dock("timeseries_200x200_100steps_seeds1-2.csv", 20));
}

TEST(Docking, NegativeControlFloorInsteadOfRoundIsDetected) {
  const auto c = dock("timeseries_40x40_500steps_seeds1-20_cop0.04_L0.82_J30.csv", 30,
                      {"rules.arrest_rounding=floor"});
  EXPECT_FALSE(c.pass());
  for (const auto& r : c.rows) {
    EXPECT_LT(r.mann_whitney.p, 0.001) << r.statistic;
    EXPECT_GT(r.thaw.mean, r.mesa.mean) << r.statistic << ": flooring lowers the arrest risk, so more unrest";
  }
}

}  // namespace
}  // namespace thaw::epstein
