// What Epstein (2002) reports for Model I, produced by the mechanics alone (ODD "Purpose and
// patterns", docs/odd/epstein.md). Nothing here names a step or a date: each test runs several
// seeds and asserts a property of the behaviour. The configurations are the shipped scenarios.
#include "app/scenario.hpp"
#include "engine/parallel.hpp"
#include "engine/two_sample.hpp"
#include "model/epstein/model.hpp"
#include "model/epstein/statistics.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace thaw::epstein {
namespace {

Params scenario_params(const char* name, const std::vector<std::string>& overrides = {}) {
  const auto s = app::Scenario::load(app::find_scenario(name), overrides);
  return dynamic_cast<const SetupFor<Params, Model>&>(*s.setup).params;
}

// Active counts per step, for seeds 1..n (run in parallel; the result does not depend on it).
std::vector<std::vector<double>> active_series(const Params& p, size_t seeds) {
  std::vector<std::vector<double>> out(seeds);
  Executor ex(hardware_threads());
  ex.for_each_index(seeds, [&](size_t i) {
    Model m(p, RunConfig{.seed = i + 1});
    m.run_to_end();
    out[i] = m.indicators().column("active");
  });
  return out;
}

struct Outburst {
  size_t begin, end;  // steps with active > threshold: [begin, end)
};
std::vector<Outburst> outbursts(const std::vector<double>& active, size_t from, double threshold) {
  std::vector<Outburst> out;
  for (size_t t = from; t < active.size();) {
    if (active[t] <= threshold) {
      ++t;
      continue;
    }
    size_t e = t;
    while (e < active.size() && active[e] > threshold) ++e;
    out.push_back({t, e});
    t = e;
  }
  return out;
}

TEST(Phenomena, PunctuatedEquilibriumBriefOutburstsSeparatedByQuietSpells) {
  // Few cops, middling legitimacy, short sentences (epstein-paper-punctuated, 500 steps).
  const Params p = scenario_params("epstein-paper-punctuated.toml", {"run.steps=500"});
  const auto runs = active_series(p, 10);
  int seeds_with_repeated_outbursts = 0, seeds_quiet_between = 0;
  std::vector<double> durations, share_in_outburst;
  for (const auto& a : runs) {
    const auto bursts = outbursts(a, 20, 50);
    seeds_with_repeated_outbursts += bursts.size() >= 2 ? 1 : 0;
    size_t in_burst = 0;
    std::vector<double> lowest_between;
    for (size_t i = 0; i < bursts.size(); ++i) {
      durations.push_back(static_cast<double>(bursts[i].end - bursts[i].begin));
      in_burst += bursts[i].end - bursts[i].begin;
      if (i + 1 < bursts.size())
        lowest_between.push_back(*std::min_element(a.begin() + static_cast<long>(bursts[i].end),
                                                   a.begin() + static_cast<long>(bursts[i + 1].begin)));
    }
    // The unrest all but dies down between outbursts: the typical spell between two of them falls
    // to 10 actives or fewer. (A few seeds settle instead into sustained unrest that hovers below
    // 50 between outbursts; the claim is about the typical run.)
    if (!lowest_between.empty()) {
      std::sort(lowest_between.begin(), lowest_between.end());
      seeds_quiet_between += lowest_between[lowest_between.size() / 2] <= 10 ? 1 : 0;
    }
    share_in_outburst.push_back(static_cast<double>(in_burst) / static_cast<double>(a.size() - 20));
  }
  EXPECT_GE(seeds_with_repeated_outbursts, 8) << "outbursts of more than 50 actives recur";
  EXPECT_GE(seeds_quiet_between, 8) << "consecutive outbursts are separated by near-quiet spells";
  std::sort(durations.begin(), durations.end());
  EXPECT_LE(durations[durations.size() / 2], 5) << "an outburst typically lasts a few steps";
  std::sort(share_in_outburst.begin(), share_in_outburst.end());
  EXPECT_LT(share_in_outburst[share_in_outburst.size() / 2], 0.15) << "most of the time is quiet";
}

TEST(Phenomena, HigherLegitimacyLeavesActivesButNoOutbursts) {
  // The same world with legitimacy 0.88: grievances up to 0.12 still exceed the threshold 0.1, so
  // some citizens do turn active, but no outburst forms.
  const auto runs = active_series(scenario_params("epstein-paper-punctuated.toml",
                                                  {"run.steps=500", "citizens.legitimacy=0.88"}),
                                  10);
  double total_active = 0;
  for (const auto& a : runs) {
    EXPECT_TRUE(outbursts(a, 20, 50).empty());
    for (size_t t = 20; t < a.size(); ++t) total_active += a[t];
  }
  EXPECT_GT(total_active, 0) << "the contrast would be trivial if nobody could turn active";
}

TEST(Phenomena, UnrestFallsAsLegitimacyRises) {
  double previous = 1e9;
  for (const char* l : {"citizens.legitimacy=0.82", "citizens.legitimacy=0.85", "citizens.legitimacy=0.88"}) {
    const auto runs = active_series(scenario_params("epstein-paper-punctuated.toml", {"run.steps=300", l}), 8);
    double mean = 0;
    for (const auto& a : runs)
      for (size_t t = 20; t < a.size(); ++t) mean += a[t] / static_cast<double>((a.size() - 20) * runs.size());
    EXPECT_LT(mean, previous) << l;
    previous = mean;
  }
}

TEST(Phenomena, MoreCopsSuppressOutbursts) {
  size_t few = 0, many = 0;
  for (const auto& a : active_series(scenario_params("epstein-paper-punctuated.toml", {"run.steps=500"}), 8))
    few += outbursts(a, 20, 50).size();
  for (const auto& a :
       active_series(scenario_params("epstein-paper-punctuated.toml", {"run.steps=500", "cops.density=0.074"}), 8))
    many += outbursts(a, 20, 50).size();
  EXPECT_GT(few, 20u);
  EXPECT_LT(many * 5, few) << "Mesa's default cop density (0.074) against 0.04";
}

TEST(Phenomena, ASuddenLegitimacyDropSparksALargerOutburstThanTheSameDropSpreadOut) {
  // Epstein's Figs. 9-10: the same fall of legitimacy, at once or in small increments.
  auto peaks = [](const char* scenario) {
    std::vector<double> out;
    for (const auto& a : active_series(scenario_params(scenario), 20))
      out.push_back(*std::max_element(a.begin() + 100, a.end()));
    return out;
  };
  const auto sudden = peaks("epstein-paper-legitimacy-sudden.toml");
  const auto gradual = peaks("epstein-paper-legitimacy-gradual.toml");
  const auto mw = two_sample::mann_whitney(sudden, gradual);
  EXPECT_GT(two_sample::summarise(sudden).mean, two_sample::summarise(gradual).mean);
  EXPECT_LT(mw.p, 0.01);
}

}  // namespace
}  // namespace thaw::epstein
