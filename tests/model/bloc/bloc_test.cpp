// Tests of the bloc mechanism (docs/odd/bloc.md): rules on small worlds with signals set by hand.
#include "model/bloc/bloc.hpp"

#include "model/society/society.hpp"
#include "model/support/world_fixture.hpp"
#include "model/thaw/decisions.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace thaw::model::bloc {
namespace {

using test::WorldFixture;

Decision make(std::string_view kind, std::vector<std::pair<std::string, double>> numbers,
              std::vector<std::pair<std::string, std::string>> texts = {}) {
  return test::make_decision(kind, std::move(numbers), std::move(texts));
}

void apply(World& w, const Decision& d) { d.spec->apply(w, d); }

// Sets a country's unrest as society would have reported it this month.
void set_unrest(World& w, std::string_view country, double share) {
  w.signals.country_active_share.resize(w.geo.countries.size(), 0.0);
  w.signals.country_legitimacy.resize(w.geo.countries.size(), 0.5);
  w.signals.country_active_share[static_cast<size_t>(w.geo.country_index(country))] = share;
}

size_t count(const World& w, std::string_view code, std::string_view subject) {
  size_t n = 0;
  for (const auto* e : w.events.with_code(code)) n += e->subject == subject;
  return n;
}

float troops_in(const World& w, std::string_view country) {
  float t = 0;
  const int c = w.geo.country_index(country);
  for (size_t l = 0; l < w.geo.localities.size(); ++l)
    if (w.geo.localities[l].country == c && w.geo.localities[l].setting == Setting::Urban) t += w.society.inputs.troops[l];
  return t;
}

float shift_in(const World& w, std::string_view country) {
  float s = 0;
  const int c = w.geo.country_index(country);
  for (size_t l = 0; l < w.geo.localities.size(); ++l)
    if (w.geo.localities[l].country == c) s += w.society.inputs.legitimacy_shift[l];
  return s;
}

TEST(Bloc, InterventionNeedsUnrestAboveTheThreshold) {
  for (double u : {0.0, 0.01, 0.6}) {
    WorldFixture f;
    Params p;
    init(f.world(), p);
    apply(f.world(), make("intervention_policy", {{"unrest_threshold", 0.03}, {"control_factor", 4}}));
    set_unrest(f.world(), "hungary", u);
    f.at_step(1);
    step(f.world(), p);
    EXPECT_EQ(count(f.world(), "bloc.intervention", "hungary") > 0, u >= 0.12) << u;
  }
}

TEST(Bloc, NeverMeansNever) {
  WorldFixture f;
  Params p;
  init(f.world(), p);
  apply(f.world(), make("intervention_policy", {}, {{"policy", "never"}}));
  for (int m = 1; m <= 6; ++m) {
    set_unrest(f.world(), "hungary", 0.9);
    f.at_step(m);
    step(f.world(), p);
  }
  EXPECT_EQ(count(f.world(), "bloc.intervention", "hungary"), 0u);
  EXPECT_EQ(f.world().signals.intervening[static_cast<size_t>(f.world().geo.country_index("hungary"))], 0);
}

TEST(Bloc, DisloyalLeaderIsNotTrustedBelowTheControlLevel) {
  // The same unrest: a loyal Stalinist is left to cope, a disloyal reformer is not.
  size_t interventions[2];
  for (int disloyal = 0; disloyal < 2; ++disloyal) {
    WorldFixture f;
    Params p;
    p.change_scale = 1e6;  // no change of leader in this test
    p.uprising_change = 0;
    init(f.world(), p);
    if (disloyal) apply(f.world(), make("satellite_leader", {}, {{"country", "hungary"}, {"leader", "Imre Nagy"}}));
    set_unrest(f.world(), "hungary", 0.05);
    f.at_step(1);
    step(f.world(), p);
    interventions[disloyal] = count(f.world(), "bloc.intervention", "hungary");
  }
  EXPECT_EQ(interventions[0], 0u);
  EXPECT_EQ(interventions[1], 1u);
}

TEST(Bloc, InterventionRaisesTroopsAndInstallsALoyalLeader) {
  WorldFixture f;
  Params p;
  init(f.world(), p);
  apply(f.world(), make("satellite_leader", {}, {{"country", "hungary"}, {"leader", "Imre Nagy"}}));
  const float before = troops_in(f.world(), "hungary");
  const double prestige = f.world().bloc.prestige;
  set_unrest(f.world(), "hungary", 0.3);
  f.at_step(1);
  step(f.world(), p);
  EXPECT_GT(troops_in(f.world(), "hungary"), 2 * before + 1e-4f);
  EXPECT_LT(f.world().bloc.prestige, prestige);
  const auto& cs = f.world().bloc.countries[static_cast<size_t>(f.world().geo.country_index("hungary"))];
  EXPECT_GE(cs.candidates[static_cast<size_t>(cs.leader)].loyalty, f.world().bloc.loyalty_trust);
  const auto* e = f.world().events.first("bloc.intervention");
  ASSERT_NE(e, nullptr);
  EXPECT_GT(e->get("dead"), 0);
}

// Society with troops in view arrests more and so fewer stay active (Epstein's rule).
TEST(Bloc, InterventionLowersUnrestNextMonth) {
  double next[2];
  for (int policy = 0; policy < 2; ++policy) {
    WorldFixture f(20000);
    World& w = f.world();
    Params p;
    p.intervention_troops = 300000;  // the society of the fixture is in near-general revolt
    init(w, p);
    apply(w, make("intervention_policy", {{"unrest_threshold", 0.001}, {"control_factor", 1}},
                  {{"policy", policy ? "threshold" : "never"}}));
    const int hu = w.geo.country_index("hungary");
    for (size_t l = 0; l < w.geo.localities.size(); ++l)
      if (w.geo.localities[l].country == hu) {
        w.society.inputs.fear[l] = 0.5f;
      }
    f.at_step(1);
    society::step(w, f.society_params);
    const double first = w.signals.country_active_share[static_cast<size_t>(hu)];
    ASSERT_GT(first, 0.001);
    step(w, p);
    f.at_step(2);
    society::step(w, f.society_params);
    next[policy] = w.signals.country_active_share[static_cast<size_t>(hu)];
  }
  EXPECT_LT(next[1], next[0]);
}

TEST(Bloc, ConcessionsRaiseLegitimacyAndEaseAusterity) {
  WorldFixture f;
  Params p;
  p.change_scale = 1e6;
  init(f.world(), p);
  auto& cs = f.world().bloc.countries[static_cast<size_t>(f.world().geo.country_index("poland"))];
  cs.candidates[static_cast<size_t>(cs.leader)].reformism = 1.0;  // always concedes
  const float before = shift_in(f.world(), "poland");
  const double austerity = cs.austerity;
  set_unrest(f.world(), "poland", 0.01);
  f.at_step(1);
  step(f.world(), p);
  EXPECT_GT(shift_in(f.world(), "poland"), before);
  EXPECT_LT(cs.austerity, austerity);
  EXPECT_GT(count(f.world(), "bloc.concession", "poland"), 0u);
}

TEST(Bloc, UnrestBringsAMoreReformistLeader) {
  WorldFixture f;
  Params p;
  p.change_scale = 0.001;  // any unrest forces a change
  p.line_rate = 0;         // and only unrest
  init(f.world(), p);
  const auto& cs = f.world().bloc.countries[static_cast<size_t>(f.world().geo.country_index("poland"))];
  const double before = cs.candidates[static_cast<size_t>(cs.leader)].reformism;
  set_unrest(f.world(), "poland", 0.01);
  f.at_step(1);
  step(f.world(), p);
  EXPECT_GT(cs.candidates[static_cast<size_t>(cs.leader)].reformism, before);
  EXPECT_EQ(count(f.world(), "bloc.leadership_change", "poland"), 1u);
}

TEST(Bloc, ContagionExposesTheOthers) {
  for (double u : {0.0, 0.05}) {
    WorldFixture f;
    Params p;
    p.satellites.clear();  // no foreign radio at home (ForeignRadioCarriesNewsOfUnrestAtHome)
    init(f.world(), p);
    set_unrest(f.world(), "poland", u);
    f.at_step(1);
    step(f.world(), p);
    const int pl = f.world().geo.country_index("poland"), hu = f.world().geo.country_index("hungary");
    double to_hungary = 0, to_poland = 0;
    for (const auto& e : f.world().society.inputs.exposures) {
      if (e.topic != UnrestNews) continue;
      if (e.country == hu) to_hungary += e.probability;
      if (e.country == pl) to_poland += e.probability;
    }
    EXPECT_EQ(to_poland, 0.0);
    EXPECT_EQ(to_hungary > 0, u > 0) << u;
  }
}

TEST(Bloc, MoscowsLineReplacesAStalinistFarBehindIt) {
  for (double line : {0.3, 1.0}) {
    WorldFixture f;
    Params p;
    p.line_rate = 5;  // certain once beyond the tolerance
    p.line_tolerance = 0.3;
    p.line_destalinisation = 0;
    World& w = f.world();
    init(w, p);
    w.signals.leader_reformism = line;
    f.at_step(1);
    step(w, p);
    const auto& cs = w.bloc.countries[static_cast<size_t>(w.geo.country_index("hungary"))];
    const auto& leader = cs.candidates[static_cast<size_t>(cs.leader)];
    if (line < 0.5) {
      EXPECT_EQ(leader.name, "Mátyás Rákosi");  // within the tolerance: he stays
      EXPECT_EQ(count(w, "bloc.leadership_change", "hungary"), 0u);
    } else {
      EXPECT_GT(leader.reformism, 0.1);
      EXPECT_GE(leader.loyalty, w.bloc.loyalty_trust);  // Moscow picks a man it trusts, not Nagy
      ASSERT_EQ(count(w, "bloc.leadership_change", "hungary"), 1u);
    }
  }
}

TEST(Bloc, ALeaderFarAheadOfMoscowGivesWayToTheNextLessReformist) {
  WorldFixture f;
  Params p;
  p.line_rate = 5;  // certain once beyond the tolerance
  p.line_destalinisation = 0;
  World& w = f.world();
  init(w, p);
  auto& cs = w.bloc.countries[static_cast<size_t>(w.geo.country_index("poland"))];
  for (size_t i = 0; i < cs.candidates.size(); ++i)
    if (cs.candidates[i].name == "Władysław Gomułka") cs.leader = static_cast<int>(i);
  cs.candidates[static_cast<size_t>(cs.leader)].loyalty = 0.9;
  w.signals.leader_reformism = 0.2;
  f.at_step(1);
  step(w, p);
  EXPECT_EQ(cs.candidates[static_cast<size_t>(cs.leader)].name, "Edward Ochab");
}

TEST(Bloc, ForeignRadioCarriesNewsOfUnrestAtHome) {
  for (double u : {0.0, 0.01}) {
    WorldFixture f;
    Params p;
    init(f.world(), p);
    set_unrest(f.world(), "gdr", u);
    f.at_step(1);
    step(f.world(), p);
    const int gdr = f.world().geo.country_index("gdr");
    double at_home = 0;
    for (const auto& e : f.world().society.inputs.exposures)
      if (e.topic == UnrestNews && e.country == gdr) at_home = std::max(at_home, static_cast<double>(e.probability));
    EXPECT_FLOAT_EQ(static_cast<float>(at_home), u > 0 ? 0.6f : 0.0f) << u;
  }
}

// The bloc writes its own input, a factor society multiplies the economy's hardship by: the
// economy's values stay as the economy wrote them, and the factor is a level, not a product.
TEST(Bloc, AusterityIsAFactorOnHardshipThatNeverCompounds) {
  WorldFixture f;
  Params p;
  p.satellites.clear();  // every satellite at austerity 1 in 1953
  p.expectation_hardship = 0;  // the austerity alone (B11 below)
  World& w = f.world();
  init(w, p);
  const int l = f.locality("East Berlin (towns)");
  ASSERT_GE(l, 0);
  const size_t gdr_l = static_cast<size_t>(l);
  ASSERT_GE(f.locality("Moscow (towns)"), 0);
  const size_t ussr_l = static_cast<size_t>(f.locality("Moscow (towns)"));
  EXPECT_EQ(w.society.inputs.austerity[gdr_l], 1.0f);
  const std::vector<float> hardship = w.society.inputs.hardship;
  apply(w, make("satellite_austerity", {{"change", 0.4}}, {{"country", "gdr"}}));
  for (int m = 1; m <= 3; ++m) {
    f.at_step(m);
    step(w, p);
  }
  const double austerity = w.bloc.countries[static_cast<size_t>(w.geo.country_index("gdr"))].austerity;
  EXPECT_GT(austerity, 1.0);
  EXPECT_FLOAT_EQ(w.society.inputs.austerity[gdr_l], static_cast<float>(1 + p.austerity_hardship * (austerity - 1)));
  EXPECT_LT(w.society.inputs.austerity[gdr_l], 1 + p.austerity_hardship * 0.4 + 1e-6);
  EXPECT_EQ(w.society.inputs.austerity[ussr_l], 1.0f);
  EXPECT_EQ(w.society.inputs.hardship, hardship);  // the economy's input is the economy's
}

// B11: the same austerity weighs more where people were led to expect a milder course.
TEST(Bloc, AusterityAboveTheExpectedCourseIsFeltAsHardship) {
  float factor[2];
  double expected[2];
  for (int reform = 0; reform < 2; ++reform) {
    WorldFixture f;
    Params p;
    p.satellites.clear();
    p.line_pull = 0;
    p.line_rate = 0;  // the same leader in both worlds
    World& w = f.world();
    init(w, p);
    apply(w, make("satellite_austerity", {{"change", 0.2}}, {{"country", "gdr"}}));
    w.signals.leader_reformism = reform ? 1.0 : 0.0;  // Stalin's course, or a reformer's in Moscow
    for (int m = 1; m <= 6; ++m) {
      f.at_step(m);
      step(w, p);
    }
    const auto& cs = w.bloc.countries[static_cast<size_t>(w.geo.country_index("gdr"))];
    expected[reform] = cs.expected_line;
    factor[reform] = w.society.inputs.austerity[static_cast<size_t>(f.locality("East Berlin (towns)"))];
    // Under Stalin's course nothing better was promised: the factor is the austerity's alone.
    if (!reform) {
      EXPECT_FLOAT_EQ(factor[0], static_cast<float>(1 + p.austerity_hardship * (cs.austerity - 1)));
    }
  }
  EXPECT_DOUBLE_EQ(expected[0], 0.0);
  EXPECT_GT(expected[1], 0.8);  // hopes follow the line within months
  EXPECT_GT(factor[1], factor[0] + 0.5f);
}

// B10: fear eases as Moscow's course softens; troops sent in bring it back.
TEST(Bloc, FearFollowsMoscowsLineAndTheTroops) {
  WorldFixture f;
  Params p;
  p.line_rate = 0;
  World& w = f.world();
  init(w, p);
  const size_t berlin = static_cast<size_t>(f.locality("East Berlin (towns)"));
  const size_t moscow = static_cast<size_t>(f.locality("Moscow (towns)"));
  const float moscow_fear = w.society.inputs.fear[moscow];
  EXPECT_FLOAT_EQ(w.society.inputs.fear[berlin], static_cast<float>(p.fear_1953));
  w.signals.leader_reformism = 1.0;
  for (int m = 1; m <= 24; ++m) {
    f.at_step(m);
    step(w, p);
  }
  const auto& cs = w.bloc.countries[static_cast<size_t>(w.geo.country_index("gdr"))];
  EXPECT_LT(cs.fear, p.fear_1953 - 0.8 * p.line_fear);
  EXPECT_FLOAT_EQ(w.society.inputs.fear[berlin], static_cast<float>(cs.fear));
  EXPECT_FLOAT_EQ(w.society.inputs.fear[moscow], moscow_fear);  // the USSR's fear is repression's
  const double calm = cs.fear;
  set_unrest(w, "gdr", 0.5);  // beyond any control: troops go in
  f.at_step(25);
  step(w, p);
  ASSERT_EQ(count(w, "bloc.intervention", "gdr"), 1u);
  EXPECT_GT(cs.fear, calm + 0.02);
  // Order restored for a government that stays: the dead are counted at the lower rate (SAT-03).
  const auto* e = w.events.first("bloc.intervention");
  ASSERT_NE(e, nullptr);
  EXPECT_LT(e->get("dead"), 3 * p.order_casualty_rate * e->get("active") + 1);
}

// B4: a declared exit is met by Moscow even when the unrest is below its threshold; "never" holds.
TEST(Bloc, ADeclaredExitIsMetWhateverTheUnrest) {
  for (int never = 0; never < 2; ++never) {
    WorldFixture f;
    Params p;
    p.change_scale = 1e6;
    p.uprising_change = 0;
    p.exit_chance = 1;
    init(f.world(), p);
    if (never) apply(f.world(), make("intervention_policy", {}, {{"policy", "never"}}));
    apply(f.world(), make("satellite_leader", {}, {{"country", "hungary"}, {"leader", "Imre Nagy"}}));
    set_unrest(f.world(), "hungary", 0.025);  // an uprising, below the 3% threshold
    f.at_step(1);
    step(f.world(), p);
    EXPECT_EQ(count(f.world(), "bloc.exit", "hungary"), 1u);
    EXPECT_EQ(count(f.world(), "bloc.intervention", "hungary"), never ? 0u : 1u);
  }
}

// B3: an uprising brings in the crowd's man, the most reformist candidate; mere unrest the next one.
TEST(Bloc, TheCrowdNamesItsMan) {
  for (double u : {0.01, 0.025}) {
    WorldFixture f;
    Params p;
    p.change_scale = 1e-6;  // the leader falls this month
    p.exit_chance = 0;
    p.line_rate = 0;
    init(f.world(), p);
    set_unrest(f.world(), "hungary", u);
    f.at_step(1);
    step(f.world(), p);
    const auto& cs = f.world().bloc.countries[static_cast<size_t>(f.world().geo.country_index("hungary"))];
    EXPECT_EQ(cs.candidates[static_cast<size_t>(cs.leader)].name, u >= p.uprising_share ? "Imre Nagy" : "András Hegedüs") << u;
  }
}

TEST(Bloc, MissilesEndInWithdrawalAndHumiliation) {
  WorldFixture f;
  Params p;
  p.discovery_chance = 1;
  init(f.world(), p);
  apply(f.world(), make("missile_deployment", {{"resolve", 0.0}, {"trade", 0.0}}));
  for (int m = 1; m <= 12; ++m) {
    f.at_step(m);
    step(f.world(), p);
  }
  ASSERT_NE(f.world().events.first("bloc.missile_crisis"), nullptr);
  ASSERT_NE(f.world().events.first("bloc.missiles_withdrawn"), nullptr);
  EXPECT_LT(f.world().bloc.prestige, 0);
}

TEST(Bloc, SameOutcomeWhateverTheThreadCount) {
  std::vector<std::string> codes[2];
  std::vector<double> figures[2];
  for (int t = 0; t < 2; ++t) {
    WorldFixture f(50000, 7, t ? 2 : 1);
    World& w = f.world();
    Params p;
    init(w, p);
    const int hu = w.geo.country_index("hungary");
    for (size_t l = 0; l < w.geo.localities.size(); ++l)
      if (w.geo.localities[l].country == hu)
        for (int k = 0; k < kClasses; ++k) w.society.inputs.hardship[l * kClasses + static_cast<size_t>(k)] = 1.0f;
    for (int m = 1; m <= 6; ++m) {
      f.at_step(m);
      society::step(w, f.society_params);
      step(w, p);
    }
    for (const auto& e : w.events.all()) {
      codes[t].push_back(e.code + e.subject);
      for (const auto& [k, v] : e.data) figures[t].push_back(v);
    }
    figures[t].push_back(w.bloc.prestige);
    figures[t].push_back(w.bloc.china.alliance);
  }
  EXPECT_EQ(codes[0], codes[1]);
  EXPECT_EQ(figures[0], figures[1]);
}

}  // namespace
}  // namespace thaw::model::bloc
