// The rules of Epstein's Model I, one at a time, on small hand-built worlds whose outcome can be
// worked out by hand (ODD "Submodels", docs/odd/epstein.md).
#include "model/epstein/model.hpp"

#include "support/stats.hpp"

#include <gtest/gtest.h>

#include <cfenv>
#include <cmath>
#include <map>

namespace thaw::epstein {
namespace {

// A 21 x 21 torus, vision 3 (a diamond of 24 cells), nobody moving unless a test says so.
Params tiny() {
  Params p;
  p.width = 21;
  p.height = 21;
  p.citizen_vision = 3;
  p.cop_vision = 3;
  p.movement = "none";
  p.steps = 10;
  p.burn_in = 0;
  return p;
}

AgentSpec citizen(uint32_t x, uint32_t y, float hardship = 0.5f, float risk = 0.5f,
                  CitizenState state = CitizenState::Quiet, uint16_t sentence = 0) {
  return {Kind::Citizen, x, y, hardship, risk, state, sentence, true};
}
AgentSpec cop(uint32_t x, uint32_t y) { return {Kind::Cop, x, y, 0, 0, CitizenState::Quiet, 0, true}; }

AgentId at(const Model& m, uint32_t x, uint32_t y) { return m.occupant(m.torus().cell(x, y)).value(); }

TEST(Rules, WholeRatioRoundsHalfToEvenLikePythonOrFloorsLikeNetLogo) {
  // Python's round(): 0.5 -> 0, 1.5 -> 2, 2.5 -> 2, 3.5 -> 4; above a half goes up.
  EXPECT_EQ(Model::whole_ratio(1, 2, Rounding::HalfEven), 0u);
  EXPECT_EQ(Model::whole_ratio(3, 2, Rounding::HalfEven), 2u);
  EXPECT_EQ(Model::whole_ratio(5, 2, Rounding::HalfEven), 2u);
  EXPECT_EQ(Model::whole_ratio(7, 2, Rounding::HalfEven), 4u);
  EXPECT_EQ(Model::whole_ratio(2, 3, Rounding::HalfEven), 1u);
  EXPECT_EQ(Model::whole_ratio(1, 3, Rounding::HalfEven), 0u);
  EXPECT_EQ(Model::whole_ratio(0, 1, Rounding::HalfEven), 0u);
  EXPECT_EQ(Model::whole_ratio(3, 2, Rounding::Floor), 1u);
  EXPECT_EQ(Model::whole_ratio(2, 3, Rounding::Floor), 0u);
  EXPECT_EQ(Model::whole_ratio(9, 4, Rounding::Floor), 2u);
  // Against the floating-point definition (nearbyint rounds half to even by default).
  ASSERT_EQ(std::fegetround(), FE_TONEAREST);
  for (uint32_t c = 0; c <= 40; ++c)
    for (uint32_t a = 1; a <= 40; ++a) {
      const double q = static_cast<double>(c) / a;
      ASSERT_EQ(Model::whole_ratio(c, a, Rounding::HalfEven), static_cast<uint32_t>(std::nearbyint(q))) << c << "/" << a;
      ASSERT_EQ(Model::whole_ratio(c, a, Rounding::Floor), static_cast<uint32_t>(std::floor(q))) << c << "/" << a;
    }
}

// The subject at (10, 10) sees `cops` cops and `actives` active citizens within vision 3; a quiet
// citizen and a prisoner in view and an active citizen and a cop just out of view must not count.
// Returns whether the subject turns active.
bool turns_active(float hardship, float risk, int cops, int actives, const Params& p) {
  std::vector<AgentSpec> world = {citizen(10, 10, hardship, risk)};
  const std::pair<uint32_t, uint32_t> spots[] = {{11, 10}, {9, 10}, {10, 11}, {10, 9}, {12, 10}, {8, 10},
                                                 {10, 12}, {10, 8}, {11, 11}, {9, 9},  {11, 9},  {9, 11}};
  size_t next = 0;
  for (int i = 0; i < cops; ++i, ++next) world.push_back(cop(spots[next].first, spots[next].second));
  for (int i = 0; i < actives; ++i, ++next)
    world.push_back(citizen(spots[next].first, spots[next].second, 1, 0, CitizenState::Active));
  world.push_back(citizen(13, 10, 1, 0, CitizenState::Quiet));         // in view, quiet
  world.push_back(citizen(7, 10, 1, 0, CitizenState::Arrested, 5));    // in view, jailed
  world.push_back(citizen(14, 10, 1, 0, CitizenState::Active));        // distance 4: out of view
  world.push_back(cop(12, 12));                                        // distance 4: out of view
  Model m(p, RunConfig{.seed = 1}, world);
  const AgentId subject = at(m, 10, 10);
  EXPECT_EQ(m.cops_seen(m.position(subject)), static_cast<uint32_t>(cops));
  EXPECT_EQ(m.actives_seen(m.position(subject)), static_cast<uint32_t>(actives));
  m.activate(subject);
  EXPECT_TRUE(m.audit().empty());
  return m.state(subject) == CitizenState::Active;
}

TEST(Rules, CitizenIsActiveExactlyWhenGrievanceMinusNetRiskExceedsTheThreshold) {
  const Params p = tiny();  // L = 0.8, T = 0.1, k = 2.3
  const double legitimacy = 0.8, threshold = 0.1, k = 2.3;
  const float levels[] = {0.05f, 0.3f, 0.49f, 0.51f, 0.7f, 0.9f, 1.0f};
  for (float h : levels)
    for (float r : levels)
      for (int cops = 0; cops <= 3; ++cops)
        for (int actives = 0; actives <= 3; ++actives) {
          const double p_arrest = 1.0 - std::exp(-k * std::nearbyint(static_cast<double>(cops) / (1 + actives)));
          const bool expected = static_cast<double>(h) * (1 - legitimacy) - static_cast<double>(r) * p_arrest > threshold;
          ASSERT_EQ(turns_active(h, r, cops, actives, p), expected)
              << "H " << h << " R " << r << " cops " << cops << " actives " << actives;
        }
}

TEST(Rules, BoundaryCasesOfTheDecisionRule) {
  const Params p = tiny();
  // No cops: P = 0, so only the grievance H (1 - L) = 0.2 H against T = 0.1 matters.
  EXPECT_TRUE(turns_active(0.51f, 1.0f, 0, 0, p));
  EXPECT_FALSE(turns_active(0.49f, 0.0f, 0, 0, p));
  // One cop, nobody else active: P = 1 - e^-2.3 = 0.8997; with H = 1, R = 0.1 the net risk 0.08997
  // leaves 0.110 > 0.1, R = 0.12 leaves 0.092.
  EXPECT_TRUE(turns_active(1.0f, 0.1f, 1, 0, p));
  EXPECT_FALSE(turns_active(1.0f, 0.12f, 1, 0, p));
}

TEST(Rules, ArrestRatioRoundingHalfEvenAgainstFloor) {
  Params half_even = tiny(), floor = tiny();
  floor.arrest_rounding = "floor";
  // Two cops, two other actives: C / A = 2/3. Half-even rounds to 1 (P = 0.9, the subject with
  // H = R = 1 stays quiet); floor gives 0 (P = 0, grievance 0.2 > 0.1: active).
  EXPECT_FALSE(turns_active(1.0f, 1.0f, 2, 2, half_even));
  EXPECT_TRUE(turns_active(1.0f, 1.0f, 2, 2, floor));
  // One cop, one other active: C / A = 1/2 rounds to 0 under half-even (a round-half-up would
  // give 1 and keep the subject quiet).
  EXPECT_TRUE(turns_active(1.0f, 1.0f, 1, 1, half_even));
  // Three cops, one other active: 3/2 = 1.5 -> 2 under half-even, 1 under floor; both deter.
  EXPECT_FALSE(turns_active(1.0f, 1.0f, 3, 1, half_even));
  EXPECT_FALSE(turns_active(1.0f, 1.0f, 3, 1, floor));
}

TEST(Rules, SelfInVisionCountsAnActiveCitizenTwice) {
  // NetLogo's in-radius includes the citizen's own patch: an active citizen seeing one cop and no
  // other active has A = 2 there (C / A = 1/2 -> 0, stays active) but A = 1 in Mesa (P = 0.9, quits).
  Params mesa = tiny(), netlogo = tiny();
  netlogo.self_in_vision = true;
  for (const Params* p : {&mesa, &netlogo}) {
    Model m(*p, RunConfig{.seed = 1}, std::vector<AgentSpec>{citizen(10, 10, 1.0f, 1.0f, CitizenState::Active), cop(11, 10)});
    m.activate(at(m, 10, 10));
    EXPECT_EQ(m.state(at(m, 10, 10)), p->self_in_vision ? CitizenState::Active : CitizenState::Quiet);
  }
}

TEST(Rules, CopArrestsOnlyActiveCitizensWithinItsVision) {
  Params p = tiny();
  p.max_jail_term = 30;
  // Active citizens at distance 4 (out of view) and a quiet one next door: nobody to arrest.
  {
    Model m(p, RunConfig{.seed = 3},
            std::vector<AgentSpec>{cop(10, 10), citizen(11, 10), citizen(14, 10, 1, 0, CitizenState::Active)});
    m.activate(at(m, 10, 10));
    EXPECT_EQ(m.state(at(m, 11, 10)), CitizenState::Quiet);
    EXPECT_EQ(m.state(at(m, 14, 10)), CitizenState::Active);
  }
  // Two actives in view: exactly one is arrested, with a sentence in 0..30, and the count fields
  // forget it at once.
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    Model m(p, RunConfig{.seed = seed},
            std::vector<AgentSpec>{cop(10, 10), citizen(12, 10, 1, 0, CitizenState::Active),
                                   citizen(10, 7, 1, 0, CitizenState::Active), citizen(9, 10)});
    m.activate(at(m, 10, 10));
    const AgentId a = at(m, 12, 10), b = at(m, 10, 7);
    EXPECT_EQ((m.state(a) == CitizenState::Arrested) + (m.state(b) == CitizenState::Arrested), 1);
    for (AgentId id : {a, b}) {
      if (m.state(id) == CitizenState::Arrested) {
        EXPECT_LE(m.sentence(id), 30);
      }
    }
    EXPECT_EQ(m.state(at(m, 9, 10)), CitizenState::Quiet);
    EXPECT_EQ(m.actives_seen_by_cops(m.torus().cell(10, 10)), 1u);
    EXPECT_TRUE(m.audit().empty());
  }
}

TEST(Rules, CopPicksUniformlyAmongTheActivesInView) {
  Params p = tiny();
  const std::pair<uint32_t, uint32_t> spots[] = {{11, 10}, {13, 10}, {10, 8}, {8, 9}};
  std::map<std::pair<uint32_t, uint32_t>, double> hits;
  const int runs = 2000;
  for (int seed = 1; seed <= runs; ++seed) {
    std::vector<AgentSpec> world = {cop(10, 10)};
    for (auto [x, y] : spots) world.push_back(citizen(x, y, 1, 0, CitizenState::Active));
    Model m(p, RunConfig{.seed = static_cast<uint64_t>(seed)}, world);
    m.activate(at(m, 10, 10));
    for (auto [x, y] : spots)
      if (m.state(at(m, x, y)) == CitizenState::Arrested) hits[{x, y}] += 1;
  }
  std::vector<double> observed, expected;
  for (auto s : spots) {
    observed.push_back(hits[s]);
    expected.push_back(runs / 4.0);
  }
  EXPECT_LT(test::chi_square(observed, expected), test::chi_square_critical(3));
}

std::map<int, double> sentences_drawn(const std::string& draw, int max_term, int runs) {
  Params p = tiny();
  p.max_jail_term = max_term;
  p.jail_term_draw = draw;
  std::map<int, double> seen;
  for (int seed = 1; seed <= runs; ++seed) {
    Model m(p, RunConfig{.seed = static_cast<uint64_t>(seed)},
            std::vector<AgentSpec>{cop(10, 10), citizen(11, 10, 1, 0, CitizenState::Active)});
    m.activate(at(m, 10, 10));
    seen[m.sentence(at(m, 11, 10))] += 1;
  }
  return seen;
}

TEST(Rules, JailTermIsUniformOverZeroToMaxInclusiveOrExclusive) {
  const int runs = 2000;
  // Mesa: randint(0, 3) gives 0, 1, 2, 3 equally often.
  const auto mesa = sentences_drawn("zero_to_max", 3, runs);
  ASSERT_EQ(mesa.size(), 4u);
  EXPECT_EQ(mesa.rbegin()->first, 3);
  std::vector<double> obs, exp;
  for (auto [term, n] : mesa) {
    obs.push_back(n);
    exp.push_back(runs / 4.0);
  }
  EXPECT_LT(test::chi_square(obs, exp), test::chi_square_critical(3));
  // NetLogo: random 3 gives 0, 1, 2 and never 3.
  const auto netlogo = sentences_drawn("zero_to_max_minus_one", 3, runs);
  ASSERT_EQ(netlogo.size(), 3u);
  EXPECT_EQ(netlogo.rbegin()->first, 2);
}

TEST(Rules, JailedCitizensBlockTheirCellOnlyWhenTheRuleSaysSo) {
  for (bool block : {true, false}) {
    Params p = tiny();
    p.jailed_block_cells = block;
    p.max_jail_term = 0;  // any sentence is 0: the prisoner is free again at its next turn
    Model m(p, RunConfig{.seed = 5}, std::vector<AgentSpec>{cop(10, 10), citizen(11, 10, 1, 0, CitizenState::Active)});
    const AgentId prisoner = at(m, 11, 10);
    m.activate(at(m, 10, 10));
    EXPECT_EQ(m.state(prisoner), CitizenState::Arrested);
    EXPECT_EQ(m.occupant(m.torus().cell(11, 10)).has_value(), block);
    EXPECT_EQ(m.on_lattice(prisoner), block);
    EXPECT_TRUE(m.audit().empty());
  }
  // NetLogo's cop steps onto the cell its prisoner has left.
  Params p = tiny();
  p.jailed_block_cells = false;
  p.after_arrest = "move_to_arrestee";
  Model m(p, RunConfig{.seed = 5}, std::vector<AgentSpec>{cop(10, 10), citizen(12, 10, 1, 0, CitizenState::Active)});
  const AgentId the_cop = at(m, 10, 10);
  m.activate(the_cop);
  EXPECT_EQ(m.position(the_cop), m.torus().cell(12, 10));
  EXPECT_FALSE(m.occupant(m.torus().cell(10, 10)).has_value());
  EXPECT_TRUE(m.audit().empty());
}

TEST(Rules, AJailedCitizenSpendsItsTurnsCountingDownThenDecidesAgain) {
  // Mesa: each turn with a sentence > 0 only shortens it; the first turn at 0 (still "arrested")
  // applies the decision rule again.
  Params p = tiny();
  Model m(p, RunConfig{.seed = 1},
          std::vector<AgentSpec>{citizen(10, 10, 1.0f, 0.0f, CitizenState::Arrested, 3)});
  const AgentId id = at(m, 10, 10);
  for (int expected = 2; expected >= 0; --expected) {
    m.activate(id);
    EXPECT_EQ(m.sentence(id), expected);
    EXPECT_EQ(m.state(id), CitizenState::Arrested);
  }
  m.activate(id);
  EXPECT_EQ(m.state(id), CitizenState::Active);  // grievance 0.2 > 0.1 and no cops
  EXPECT_EQ(m.counts().jailed, 0);
}

TEST(Rules, EndOfStepCountdownShortensEverySentenceOncePerStep) {
  Params p = tiny();
  p.jail_countdown = "end_of_step";
  Model m(p, RunConfig{.seed = 1},
          std::vector<AgentSpec>{citizen(10, 10, 1.0f, 0.0f, CitizenState::Arrested, 2), citizen(3, 3)});
  const AgentId id = at(m, 10, 10);
  m.activate(id);  // a turn alone changes nothing
  EXPECT_EQ(m.sentence(id), 2);
  m.step();
  EXPECT_EQ(m.sentence(id), 1);
  EXPECT_EQ(m.counts().serving_sentence, 1);
  m.step();
  EXPECT_EQ(m.sentence(id), 0);
  EXPECT_EQ(m.state(id), CitizenState::Arrested);  // released, acts at its next turn
  EXPECT_EQ(m.counts().serving_sentence, 0);
  m.step();
  EXPECT_EQ(m.state(id), CitizenState::Active);
}

TEST(Rules, MovesGoToAUniformlyRandomEmptyCellAnywhereWithinVision) {
  // Mesa moves within the vision radius, not to adjacent cells: over many seeds the citizen lands
  // on each of the 23 free cells of its radius-3 diamond equally often (one is blocked by a cop
  // standing 2 away, whom a quiet citizen does not fear: H small).
  Params p = tiny();
  p.movement = "all";
  std::map<grid::Cell, double> landed;
  const int runs = 4600;
  const grid::Torus t(21, 21);
  const grid::Neighbourhood diamond(t, grid::Metric::VonNeumann, 3);
  for (int seed = 1; seed <= runs; ++seed) {
    Model m(p, RunConfig{.seed = static_cast<uint64_t>(seed)},
            std::vector<AgentSpec>{citizen(10, 10, 0.1f, 0.5f), cop(10, 12)});
    const AgentId id = at(m, 10, 10);
    m.activate(id);
    const grid::Cell now = m.position(id);
    ASSERT_TRUE(diamond.contains(m.torus().cell(10, 10), now)) << "moved beyond vision";
    ASSERT_NE(now, m.torus().cell(10, 12)) << "moved onto the cop";
    landed[now] += 1;
  }
  ASSERT_EQ(landed.size(), 23u);
  int beyond_adjacent = 0;
  std::vector<double> obs, exp;
  for (auto [cell, n] : landed) {
    obs.push_back(n);
    exp.push_back(runs / 23.0);
    beyond_adjacent += std::abs(t.dx(t.cell(10, 10), cell)) + std::abs(t.dy(t.cell(10, 10), cell)) > 1 ? 1 : 0;
  }
  EXPECT_EQ(beyond_adjacent, 23 - 4);
  EXPECT_LT(test::chi_square(obs, exp), test::chi_square_critical(22));
}

TEST(Rules, MovementSettingDecidesWhoMoves) {
  for (const char* movement : {"all", "cops_only", "none"}) {
    Params p = tiny();
    p.movement = movement;
    Model m(p, RunConfig{.seed = 9}, std::vector<AgentSpec>{citizen(5, 5, 0.1f), cop(15, 15)});
    const AgentId c = at(m, 5, 5), k = at(m, 15, 15);
    m.step();
    EXPECT_EQ(m.position(c) != m.torus().cell(5, 5), std::string(movement) == "all") << movement;
    EXPECT_EQ(m.position(k) != m.torus().cell(15, 15), std::string(movement) != "none") << movement;
  }
}

TEST(Rules, AReleasedPrisonerReturnsToItsCellOrToAFreeOneInSight) {
  Params p = tiny();
  p.jailed_block_cells = false;
  // Its cell is free: it takes it back.
  {
    Model m(p, RunConfig{.seed = 2},
            std::vector<AgentSpec>{{Kind::Citizen, 10, 10, 0.1f, 0.5f, CitizenState::Arrested, 0, false}});
    const AgentId id = 0;
    EXPECT_FALSE(m.on_lattice(id));
    m.activate(id);
    EXPECT_TRUE(m.on_lattice(id));
    EXPECT_EQ(m.position(id), m.torus().cell(10, 10));
    EXPECT_EQ(m.state(id), CitizenState::Quiet);
  }
  // Someone took it meanwhile: it is placed on a free cell within vision.
  {
    Model m(p, RunConfig{.seed = 2},
            std::vector<AgentSpec>{{Kind::Citizen, 10, 10, 0.1f, 0.5f, CitizenState::Arrested, 0, false},
                                   citizen(10, 10, 0.1f, 0.5f)});
    const AgentId id = 0;
    m.activate(id);
    EXPECT_TRUE(m.on_lattice(id));
    EXPECT_NE(m.position(id), m.torus().cell(10, 10));
    EXPECT_TRUE(m.citizen_vision().contains(m.torus().cell(10, 10), m.position(id)));
    EXPECT_TRUE(m.audit().empty());
  }
}

TEST(Rules, CountFieldsStayExactThroughWholeRunsUnderEveryRuleSet) {
  struct Variant {
    const char* name;
    void (*apply)(Params&);
  };
  const Variant variants[] = {
      {"mesa", [](Params&) {}},
      {"netlogo",
       [](Params& p) {
         p.vision_metric = "euclidean";
         p.arrest_rounding = "floor";
         p.jail_term_draw = "zero_to_max_minus_one";
         p.max_jail_term = 30;
         p.jailed_block_cells = false;
         p.update_order = "move_then_decide";
         p.after_arrest = "move_to_arrestee";
         p.self_in_vision = true;
         p.placement = "exact_count";
         p.jail_countdown = "end_of_step";
       }},
      {"unequal visions, moore", [](Params& p) { p.vision_metric = "moore"; p.cop_vision = 2; p.citizen_vision = 4; }},
      {"cross, tiled into 4 x 4 tiles",
       [](Params& p) {
         p.vision_metric = "cross";
         p.activation = "tiled";
         p.citizen_vision = p.cop_vision = 3;
         p.width = 64;
         p.height = 60;
       }},
      {"torus smaller than vision", [](Params& p) { p.width = 6; p.height = 9; p.citizen_vision = 7; p.cop_vision = 7; }},
  };
  for (const auto& v : variants) {
    Params p;
    p.width = 30;
    p.height = 24;
    p.legitimacy = 0.7;  // enough unrest for arrests, releases and moving actives
    p.max_jail_term = 15;
    p.steps = 60;
    v.apply(p);
    Model m(p, RunConfig{.seed = 17});
    for (int s = 0; s < 60; ++s) {
      m.step();
      if (s % 20 == 19) {
        const auto problems = m.audit();
        ASSERT_TRUE(problems.empty()) << v.name << " step " << s + 1 << ": " << problems.front();
      }
    }
    EXPECT_GT(m.counts().jailed, 0) << v.name << ": the run never exercised arrests";
  }
}

TEST(Initialisation, PlacementFollowsTheDensities) {
  Params p;
  p.width = 200;
  p.height = 200;
  p.steps = 0;
  p.burn_in = 0;
  Model bernoulli(p, RunConfig{.seed = 4});
  const double cells = 40000;
  const double cops = bernoulli.agent_count() - bernoulli.citizen_count();
  // Binomial(40000, 0.7): sd 92; Binomial(40000, 0.074): sd 52. Bounds at 5 sd.
  EXPECT_NEAR(bernoulli.citizen_count(), 0.7 * cells, 460);
  EXPECT_NEAR(cops, 0.074 * cells, 260);
  p.placement = "exact_count";
  Model exact(p, RunConfig{.seed = 4});
  EXPECT_EQ(exact.citizen_count(), 28000u);
  EXPECT_EQ(exact.agent_count() - exact.citizen_count(), 2960u);
  // Everyone starts quiet and free, with hardship and risk aversion uniform on (0, 1).
  const StateCounts s = bernoulli.counts();
  EXPECT_EQ(s.quiet, static_cast<int64_t>(bernoulli.citizen_count()));
  double h = 0, r = 0;
  for (AgentId id = 0; id < bernoulli.citizen_count(); ++id) {
    h += bernoulli.hardship(id);
    r += bernoulli.risk_aversion(id);
  }
  EXPECT_NEAR(h / bernoulli.citizen_count(), 0.5, 0.01);
  EXPECT_NEAR(r / bernoulli.citizen_count(), 0.5, 0.01);
  EXPECT_TRUE(bernoulli.audit().empty());
}

TEST(Indicators, StepZeroIsTheInitialStateAndEveryStepAddsARow) {
  Params p = tiny();
  p.steps = 5;
  Model m(p, RunConfig{.seed = 1});
  m.run_to_end();
  const auto& t = m.indicators();
  ASSERT_EQ(t.rows(), 6u);
  EXPECT_EQ(t.at(0, t.index_of("step")), 0);
  EXPECT_EQ(t.at(0, t.index_of("active")), 0);
  EXPECT_EQ(t.at(0, t.index_of("quiet")), m.citizen_count());
  for (size_t r = 0; r < t.rows(); ++r)
    EXPECT_EQ(t.at(r, t.index_of("quiet")) + t.at(r, t.index_of("active")) + t.at(r, t.index_of("jailed")),
              m.citizen_count());
}

}  // namespace
}  // namespace thaw::epstein
