// Docking against Mesa: do thaw's runs and Mesa's runs of the same configuration give the same
// distributions of summary statistics? (Axtell, Axelrod, Epstein & Cohen 1996 call this
// "docking": distributional equivalence of two implementations.) Method and results:
// docs/docking.md; ODD "Validation" of docs/odd/epstein.md.
//
//   auto mesa = read_mesa_summary("data/docking/mesa_epstein_summary.csv");
//   auto thaw = run_replicates(params, seeds, executor);
//   ConfigComparison c = compare(config, thaw, mesa_runs_of(mesa, config.mesa_file), {});
//   c.pass();  fmt::print("{}", to_markdown({c}));
#pragma once

#include "engine/parallel.hpp"
#include "engine/two_sample.hpp"
#include "model/epstein/params.hpp"
#include "model/epstein/statistics.hpp"

#include <cstdint>
#include <filesystem>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace thaw::epstein {

// One row of Mesa's summary: one seed of one configuration.
struct MesaRun {
  std::string file;  // names the configuration, e.g. "timeseries_40x40_200steps_seeds1-30.csv"
  int64_t seed = 0;
  int64_t citizens = 0;
  int64_t cops = 0;
  int64_t steps = 0;
  RunStatistics stats;
};

struct MesaSummary {
  std::vector<MesaRun> runs;
  // Decimal places each statistic is written with (means to 3, fractions to 4): thaw's values are
  // rounded alike before comparing, or a value such as 1/181 = 0.00552 would never tie with
  // Mesa's 0.006 and rank tests would see a spurious shift.
  std::map<std::string, int, std::less<>> decimals;
};

// Throws std::runtime_error naming the file and line on anything unreadable.
MesaSummary read_mesa_summary(const std::filesystem::path& path);

// A configuration Mesa was run in, and the scenario file that reproduces it.
struct DockingConfig {
  std::string_view label;     // "40x40, 200 steps"
  std::string_view mesa_file;  // the value of Mesa's "file" column
  std::string_view scenario;   // under scenarios/
};
std::span<const DockingConfig> docking_configs();

// The statistics the docking claim rests on (mean active, mean jailed, peak active, outbursts),
// and every statistic of Mesa's summary (for a closer look); names are RunStatistics::get keys.
std::span<const std::string_view> docked_statistics();
std::span<const std::string_view> all_statistics();

struct DockingCriteria {
  double alpha = 0.01;        // per test: Mann-Whitney and Kolmogorov-Smirnov, two-sided
  double mean_margin = 0.25;  // |mean_thaw - mean_mesa| / mean_mesa must stay within this ...
  double resolvable = 3.0;    // ... where the margin spans at least this many standard errors
  size_t min_mesa_runs_for_mean = 10;  // ... estimated from at least this many Mesa runs
  uint32_t ks_permutations = 10000;
};

struct StatisticComparison {
  std::string statistic;
  two_sample::Summary thaw;
  two_sample::Summary mesa;
  two_sample::MannWhitney mann_whitney;
  two_sample::KolmogorovSmirnov ks;
  double relative_difference = 0;  // (mean_thaw - mean_mesa) / mean_mesa; 0 when both are 0
  double relative_se = 0;          // standard error of that difference, relative to mean_mesa
  bool mean_checked = false;       // whether the margin could be resolved
  bool pass = false;
};

struct ConfigComparison {
  DockingConfig config;
  std::vector<StatisticComparison> rows;
  bool pass() const;
};

// Runs seeds 1..n of a configuration, single-threaded each, the runs in parallel. The result is
// in seed order whatever the number of threads.
std::vector<RunStatistics> run_replicates(const Params& params, size_t seeds, const Executor& executor);

std::vector<MesaRun> mesa_runs_of(const std::vector<MesaRun>& all, std::string_view file);

// `decimals`: MesaSummary::decimals (statistics not listed are compared unrounded).
ConfigComparison compare(const DockingConfig& config, const std::vector<RunStatistics>& thaw,
                         const std::vector<MesaRun>& mesa, const std::map<std::string, int, std::less<>>& decimals,
                         const DockingCriteria& criteria,
                         std::span<const std::string_view> statistics = docked_statistics());

std::string to_markdown(const std::vector<ConfigComparison>& comparisons, const DockingCriteria& criteria);
std::string to_csv(const std::vector<ConfigComparison>& comparisons);

}  // namespace thaw::epstein
