// The drivers of an event: what crossed the threshold and what stood behind it, in events.json
// and in the narrative ("because ..."), on a planted case.
#include "app/report.hpp"
#include "app/scenario.hpp"
#include "io/events.hpp"
#include "model/thaw/thaw_model.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

namespace thaw::model {
namespace {

using ::testing::HasSubstr;

Event planted_unrest() {
  return {Month::of(1962, 6),
          "society.unrest",
          Severity::Major,
          "unrest breaks out in Rostov (towns): about 60,000 people at its height, 2,000 arrested",
          {{"active", 60000}, {"continues", 0}, {"driver.active_share", 0.041}, {"driver.threshold", 0.03},
           {"driver.hardship", 0.52}, {"driver.legitimacy", 0.31}, {"driver.security", 0.004}, {"driver.fear", 0.2},
           {"driver.heard_of_unrest", 0.12}},
          "Rostov (towns)"};
}

TEST(Drivers, TheNarrativeSaysBecauseWhatCrossedTheThresholdAndFromWhere) {
  World w;
  w.events.add(planted_unrest().month, planted_unrest().code, Severity::Major, planted_unrest().text, planted_unrest().data,
               planted_unrest().subject);
  const std::string narrative = narrative_markdown(w, "planted");
  EXPECT_THAT(narrative, HasSubstr("because 4.1% were active (the threshold is 3.0%); behind it: hardship 0.52; belief in the "
                                   "regime 0.31; security forces per adult 0.004; fear 0.2; 12% had heard of unrest elsewhere"));
}

TEST(Drivers, EventsJsonKeepsTheDriversApartFromTheFigures) {
  const auto j = io::event_json(planted_unrest());
  ASSERT_TRUE(j.contains("drivers"));
  EXPECT_DOUBLE_EQ(j["drivers"]["hardship"].get<double>(), 0.52);
  EXPECT_DOUBLE_EQ(j["drivers"]["threshold"].get<double>(), 0.03);
  EXPECT_FALSE(j["data"].contains("driver.hardship"));
  EXPECT_DOUBLE_EQ(j["data"]["active"].get<double>(), 60000);
  EXPECT_THAT(j["because"].get<std::string>(), HasSubstr("because 4.1% were active"));
}

// A satellite's intervention and a vote in the Kremlin say why in words, each figure in its place.
TEST(Drivers, AnInterventionAndAVoteSayWhyInWords) {
  Event intervention{Month::of(1956, 11), "bloc.intervention", Severity::Major, "Soviet troops move against the uprising in Hungary",
                     {{"driver.active_share", 0.09}, {"driver.threshold", 0.03}, {"driver.austerity", 1.15},
                      {"driver.broken_promise", 0.2}, {"driver.leader_loyalty", 0.3}, {"driver.loyalty_trusted", 0.5},
                      {"driver.exit_declared", 1}},
                     "hungary"};
  EXPECT_EQ(io::because_text(intervention),
            "because 9.0% were active (the threshold is 3.0%); behind it: austerity 1.15 (1953 = 1); 0.2 of it above what people "
            "had been led to expect; his loyalty to Moscow 0.3 (0-1); the loyalty Moscow trusts 0.5; the leadership had declared "
            "the country's exit");
  Event vote{Month::of(1964, 10), "elite.vote", Severity::Major, "the Presidium votes to remove the First Secretary",
             {{"for", 9}, {"driver.failures", 0.2}, {"driver.cc_support", 0.29}, {"driver.plot_months", 5}},
             "Khrushchev"};
  EXPECT_EQ(io::because_text(vote),
            "because of the leader's record of failures 0.2; 29% of the Central Committee expected to back him; 5 months of "
            "soundings before the move");
  const auto j = io::event_json(vote);
  EXPECT_DOUBLE_EQ(j["drivers"]["cc_support"].get<double>(), 0.29);
  EXPECT_DOUBLE_EQ(j["data"]["for"].get<double>(), 9);
}

// In a baseline run, the major events of the crises and the Kremlin's moves carry their drivers.
TEST(Drivers, TheCrisesAndTheKremlinsMovesOfABaselineRunCarryTheirDrivers) {
  const std::set<std::string> explained = {"society.unrest", "society.camp_strike", "bloc.unrest", "bloc.uprising",
                                           "bloc.intervention", "bloc.exit", "bloc.leadership_change", "elite.vote",
                                           "elite.removal", "elite.plenum"};
  std::map<std::string, int> seen;
  for (uint64_t seed = 1; seed <= 3; ++seed) {
    const auto scenario = app::Scenario::load(app::find_scenario("thaw-1953.toml"), {"run.scale=1000"});
    auto sim = scenario.setup->create({.seed = seed, .threads = 1});
    sim->run_to_end();
    ASSERT_NE(sim->events(), nullptr);
    // The report's timeline says why beside each major event, as the narrative does.
    const std::string report = app::report_html({.sim = sim.get(), .scenario = &scenario, .seed = seed});
    EXPECT_NE(report.find("<span class=\"why\">(because "), std::string::npos) << "seed " << seed;
    for (const auto& e : sim->events()->all()) {
      if (e.severity != Severity::Major || !explained.contains(e.code)) continue;
      // A plenum that only elects (the First Secretary's election) has no move behind it.
      if (e.code == "elite.plenum" && e.text.find("First Secretary") != std::string::npos && e.text.find("relieves") == std::string::npos &&
          e.text.find("stands by") == std::string::npos && e.text.find("overturns") == std::string::npos)
        continue;
      ++seen[e.code];
      EXPECT_FALSE(io::because_text(e).empty()) << e.month.str() << " " << e.code << ": " << e.text;
    }
    // How a camp strike ended, by troops or by concessions, says why (Notable or Major).
    for (const auto& e : sim->events()->all()) {
      if (e.code != "repression.camp_suppressed" && e.code != "repression.camp_concession") continue;
      ++seen[e.code];
      EXPECT_THAT(io::because_text(e), HasSubstr("months on strike")) << e.month.str() << " " << e.code << ": " << e.text;
    }
  }
  // Not vacuous: the baseline's crises and votes happened in these runs.
  EXPECT_GT(seen["bloc.intervention"] + seen["bloc.uprising"], 0);
  EXPECT_GT(seen["bloc.leadership_change"], 0);
  EXPECT_GT(seen["elite.vote"], 0);
  EXPECT_GT(seen["repression.camp_suppressed"] + seen["repression.camp_concession"], 0);
}

TEST(Drivers, AnEventWithoutDriversHasNoBecause) {
  Event e = planted_unrest();
  e.data = {{"active", 1}};
  EXPECT_EQ(io::because_text(e), "");
  EXPECT_FALSE(io::event_json(e).contains("drivers"));
}

}  // namespace
}  // namespace thaw::model
