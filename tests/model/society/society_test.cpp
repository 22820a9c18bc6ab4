#include "engine/checksum.hpp"
#include "model/society/people.hpp"
#include "model/society/society.hpp"
#include "model/thaw/world.hpp"
#include "model/support/world_fixture.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <span>
#include <type_traits>
#include <utility>

namespace thaw::model {
namespace {

using society::Status;

// Sets every non-camp locality's inputs to the same values.
void set_inputs(World& w, float hardship, float security, float fear) {
  for (size_t l = 0; l < w.geo.localities.size(); ++l) {
    for (int k = 0; k < kClasses; ++k) w.society.inputs.hardship[l * kClasses + static_cast<size_t>(k)] = hardship;
    w.society.inputs.security[l] = security;
    w.society.inputs.fear[l] = fear;
  }
}

size_t count_persons(const World& w, int locality) {
  const auto& loc = w.geo.localities[static_cast<size_t>(locality)];
  size_t n = 0;
  for (uint64_t s = loc.first_slot; s < loc.first_slot + loc.slot_count; ++s) n += society::is_person(w.society.pop().status[s]);
  return n;
}

double ussr_active(const World& w) { return w.signals.active_peak; }

TEST(Society, InitialPopulationMatchesTheGeography) {
  test::WorldFixture f(10000);
  const World& w = f.world();
  double people = 0;
  for (size_t l = 0; l < w.geo.localities.size(); ++l) {
    const auto& loc = w.geo.localities[l];
    EXPECT_EQ(loc.first_slot % w.society.cell_agents, 0u) << loc.name;  // blocks are whole cells
    EXPECT_EQ(count_persons(w, static_cast<int>(l)), w.society.used_slots[l]) << loc.name;
    EXPECT_NEAR(static_cast<double>(w.society.used_slots[l]), loc.population / 10000, 0.51) << loc.name;
    if (loc.country == w.geo.ussr()) people += static_cast<double>(w.society.used_slots[l]) * 10000;
  }
  EXPECT_NEAR(people, 188e6, 0.2e6);  // POP-02: 188 M in 1953, camps included
}

TEST(Society, BlocksStayConsistentThroughBirthsDeathsAndMigration) {
  test::WorldFixture f(10000);
  World& w = f.world();
  set_inputs(w, 0.3f, 0.03f, 0.8f);
  society::Params p;
  double first = 0;
  for (int m = 0; m < 24; ++m) {
    f.at_step(m);
    society::step(w, p);
    if (m == 0) first = w.signals.mean_legitimacy;
  }
  EXPECT_GT(first, 0);
  size_t persons = 0;
  for (size_t l = 0; l < w.geo.localities.size(); ++l) {
    EXPECT_EQ(count_persons(w, static_cast<int>(l)), w.society.used_slots[l]) << w.geo.localities[l].name;
    persons += w.society.used_slots[l];
  }
  EXPECT_EQ(w.society.transfers_refused, 0u);
  // Births (about 26 per 1000) exceed deaths (about 9 per 1000): two years of growth.
  double initial = 0;
  for (const auto& loc : w.geo.localities) initial += loc.population / 10000;
  EXPECT_GT(static_cast<double>(persons), initial * 1.02);
  EXPECT_LT(static_cast<double>(persons), initial * 1.05);
}

TEST(Society, MoreHardshipMeansMoreProtest) {
  double active[3];
  const float hardship[3] = {0.2f, 0.5f, 0.9f};
  for (int i = 0; i < 3; ++i) {
    test::WorldFixture f(20000);
    set_inputs(f.world(), hardship[i], 0.01f, 0.5f);
    society::step(f.world(), society::Params{});
    active[i] = ussr_active(f.world());
  }
  EXPECT_LT(active[0], active[1]);
  EXPECT_LT(active[1], active[2]);
}

// The bloc's austerity multiplies the economy's hardship: hardship 0.5 squeezed by 1.5 is felt as
// hardship 0.75, to the bit.
TEST(Society, AusterityIsFeltAsHardship) {
  auto month = [](float hardship, float austerity) {
    test::WorldFixture f(20000);
    World& w = f.world();
    set_inputs(w, hardship, 0.002f, 0.3f);
    std::fill(w.society.inputs.austerity.begin(), w.society.inputs.austerity.end(), austerity);
    for (int m = 0; m < 3; ++m) {
      f.at_step(m);
      society::step(w, society::Params{});
    }
    Checksum c;
    society::checksum(w, c);
    return std::pair(c.value(), ussr_active(w));
  };
  const auto squeezed = month(0.5f, 1.5f), plain = month(0.75f, 1.0f), milder = month(0.5f, 1.0f);
  EXPECT_EQ(squeezed, plain);
  EXPECT_GT(squeezed.second, milder.second);
}

TEST(Society, MoreSecurityMeansLessProtest) {
  double active[3];
  const float security[3] = {0.0f, 0.005f, 0.05f};
  for (int i = 0; i < 3; ++i) {
    test::WorldFixture f(20000);
    set_inputs(f.world(), 0.7f, security[i], 0.5f);
    society::step(f.world(), society::Params{});
    active[i] = ussr_active(f.world());
  }
  EXPECT_GT(active[0], active[1]);
  EXPECT_GT(active[1], active[2]);
  // With no security at all there is no risk: everyone whose grievance exceeds T protests.
  EXPECT_GT(active[0], 0.0);
}

TEST(Society, ProtestersAreArrestedAndHandedOver) {
  test::WorldFixture f(20000);
  World& w = f.world();
  set_inputs(w, 0.9f, 0.004f, 0.3f);
  society::step(w, society::Params{});
  ASSERT_FALSE(w.society.arrested.empty());
  EXPECT_TRUE(std::is_sorted(w.society.arrested.begin(), w.society.arrested.end()));
  for (uint64_t s : w.society.arrested) EXPECT_EQ(society::status_of(w.society.pop().status[s]), Status::Imprisoned);
  EXPECT_GT(w.signals.arrests_political, 0);
}

TEST(Society, FearSilencesDissent) {
  // Kuran: the same private dissent is voiced far more where fear is low.
  double voiced[2];
  const float fear[2] = {0.9f, 0.1f};
  for (int i = 0; i < 2; ++i) {
    test::WorldFixture f(20000);
    World& w = f.world();
    set_inputs(w, 0.5f, 0.05f, fear[i]);
    for (auto& x : w.society.inputs.legitimacy_shift) x = -0.35f;  // make private dissent common
    society::Params p;
    p.public_pull = 0;  // keep the public mood from pulling belief back up
    for (int m = 0; m < 12; ++m) {
      f.at_step(m);
      society::step(w, p);
    }
    voiced[i] = w.signals.dissent_expressed;
    EXPECT_GT(w.signals.dissent_private, 0.2);
  }
  EXPECT_GT(voiced[1], 3 * voiced[0] + 0.01);
}

TEST(Society, ARevelationReachesPartyMembersFirstAndSpreadsByWordOfMouth) {
  test::WorldFixture f(5000);
  World& w = f.world();
  set_inputs(w, 0.3f, 0.05f, 0.3f);
  society::Exposure e;
  e.topic = SecretSpeech;
  e.country = w.geo.ussr();
  e.class_mask = 1u << PartyMember;
  e.probability = 0.9f;
  society::expose(w, e);
  society::Params p;
  society::step(w, p);
  // Count knowledge by class among free adults.
  auto share_knowing = [&](Class k) {
    double know = 0, all = 0;
    for (uint64_t s = 0; s < w.society.pop().slots(); ++s) {
      if (!society::is_adult(w, s) || society::class_of(w.society.pop().traits[s]) != k) continue;
      if (society::status_of(w.society.pop().status[s]) != Status::Free) continue;
      if (w.geo.localities[static_cast<size_t>(w.society.pop().locality_of(s))].country != w.geo.ussr()) continue;
      all += 1;
      know += society::knows(w.society.pop().info_prev[s], SecretSpeech);  // info is swapped at month end
    }
    return know / all;
  };
  EXPECT_NEAR(share_knowing(PartyMember), 0.9, 0.05);
  EXPECT_LT(share_knowing(Worker), 0.01);
  const double first_month = w.signals.topic_informed[SecretSpeech];
  for (int m = 1; m < 8; ++m) {
    f.at_step(m);
    society::step(w, p);
  }
  EXPECT_GT(share_knowing(Worker), 0.05);  // nobody told workers but their contacts
  EXPECT_GT(w.signals.topic_informed[SecretSpeech], 2 * first_month);
}

// Word of mouth reads each cell's knowers as the cell's pass left them last month, unless someone
// came or went since. Checked against a fresh count of every cell, month after month, with people
// moved between localities after each month as the other mechanisms do.
TEST(Society, KnowersKeptFromThePassMatchAFreshCount) {
  test::WorldFixture f(10000);
  World& w = f.world();
  set_inputs(w, 0.3f, 0.05f, 0.3f);
  society::Exposure e;  // read to everyone, a few at a time
  e.topic = SecretSpeech;
  e.probability = 0.05f;
  society::Params p;
  const auto& st = w.society;
  const size_t cell = st.cell_agents;
  size_t compared = 0, with_knowers = 0, stale = 0;
  // From 1958, when the first of those born after 1940 come of age and can learn.
  for (int m = 60; m < 72; ++m) {
    f.at_step(m);
    society::expose(w, e);
    society::step(w, p);
    // Moves after the pass: every 997th slot's person to the next locality, every 1009th leaves.
    const size_t n_loc = w.geo.localities.size();
    for (uint64_t s = static_cast<uint64_t>(m); s < st.pop().slots(); s += 997)
      if (society::is_person(st.pop().status[s])) society::transfer(w, s, static_cast<int>((static_cast<size_t>(st.pop().locality_of(s)) + 1) % n_loc));
    for (uint64_t s = static_cast<uint64_t>(m); s < st.pop().slots(); s += 1009) society::remove_person(w, s);
    // And the young who know something: a move draws a new year of birth, which may make a
    // knower a child again (the count must not assume that children know nothing).
    for (uint64_t s = static_cast<uint64_t>(m); s < st.pop().slots(); s += 211)
      if (society::is_person(st.pop().status[s]) && society::cohort_of(st.pop().traits[s]) == Born1940on && st.pop().info_prev[s] != 0)
        society::transfer(w, s, static_cast<int>((static_cast<size_t>(st.pop().locality_of(s)) + 1) % n_loc));
    for (size_t c = 0; c < st.cell_knowers_stale.size(); ++c) {
      if (st.cell_knowers_stale[c]) {
        ++stale;
        continue;
      }
      const auto fresh = society::count_knowers(&st.pop().info_prev[c * cell], &st.pop().status[c * cell], static_cast<uint32_t>(cell));
      for (size_t k = 0; k < society::kKnowerCounts; ++k)
        ASSERT_EQ(st.cell_knowers[c * society::kKnowerCounts + k], fresh[k]) << "month " << m << " cell " << c << " count " << k;
      ++compared;
      with_knowers += fresh[SecretSpeech] > 0;
    }
  }
  // The check saw both kinds of cell, and knowledge spreading.
  EXPECT_GT(compared, 1000u);
  EXPECT_GT(with_knowers, 100u) << compared << " compared, " << stale << " stale";
  EXPECT_GT(stale, 100u);
}

TEST(Society, OlderCohortsAreShockedWhereStalinMeantMore) {
  // The same revelation costs more belief among the old in Georgia (attachment 0.95) than in the
  // Baltic republics (0.15), and the young are not shocked (seed 004).
  test::WorldFixture f(5000);
  World& w = f.world();
  set_inputs(w, 0.3f, 0.05f, 0.5f);
  society::Params p;
  p.climate_rate = 0.0;  // isolate the shock from the drift back to the climate
  p.public_pull = 0.0;
  auto mean_belief = [&](std::string_view region, Cohort c) {
    double sum = 0, n = 0;
    for (uint64_t s = 0; s < w.society.pop().slots(); ++s) {
      const auto& loc = w.geo.localities[static_cast<size_t>(w.society.pop().locality_of(s))];
      if (w.geo.regions[static_cast<size_t>(loc.region)].key != region || loc.setting == Setting::Camp) continue;
      if (!society::is_adult(w, s) || society::cohort_of(w.society.pop().traits[s]) != c) continue;
      sum += society::legitimacy_value(w.society.pop().legitimacy[s]);
      n += 1;
    }
    return sum / n;
  };
  society::step(w, p);
  const double georgia_old = mean_belief("georgia", Born1900to1924), baltic_old = mean_belief("baltic", Born1900to1924);
  const double georgia_young = mean_belief("georgia", Born1925to1939);
  society::Exposure e;
  e.topic = SecretSpeech;
  e.probability = 1.0f;
  society::expose(w, e);
  f.at_step(1);
  society::step(w, p);
  const double georgia_drop = georgia_old - mean_belief("georgia", Born1900to1924);
  const double baltic_drop = baltic_old - mean_belief("baltic", Born1900to1924);
  EXPECT_GT(georgia_drop, 0.1);
  EXPECT_GT(georgia_drop, 3 * baltic_drop);
  EXPECT_LT(georgia_young - mean_belief("georgia", Born1925to1939), 0.0);  // the young gain hope
}

TEST(Society, TransferMovesAPersonAndFreesTheSlot) {
  test::WorldFixture f(20000);
  World& w = f.world();
  const int from = f.locality("Moscow (towns)"), to = f.locality("Norilsk (Gorlag)");
  ASSERT_GE(from, 0);
  ASSERT_GE(to, 0);
  const uint64_t slot = w.geo.localities[static_cast<size_t>(from)].first_slot;
  const uint8_t belief = w.society.pop().legitimacy[slot];
  const size_t from_before = w.society.used_slots[static_cast<size_t>(from)], to_before = w.society.used_slots[static_cast<size_t>(to)];
  const uint64_t moved = society::transfer(w, slot, to);
  ASSERT_NE(moved, UINT64_MAX);
  EXPECT_EQ(w.society.pop().locality_of(moved), to);
  EXPECT_EQ(w.society.pop().legitimacy[moved], belief);
  EXPECT_EQ(society::status_of(w.society.pop().status[slot]), Status::Empty);
  EXPECT_EQ(w.society.used_slots[static_cast<size_t>(from)], from_before - 1);
  EXPECT_EQ(w.society.used_slots[static_cast<size_t>(to)], to_before + 1);
  EXPECT_EQ(count_persons(w, to), w.society.used_slots[static_cast<size_t>(to)]);
}

// Other mechanisms see the people read-only; a status changes through society's functions, each
// changing what it names and keeping the rest of the byte.
static_assert(std::is_const_v<std::remove_reference_t<decltype(std::declval<society::State&>().pop())>>);

TEST(Society, StatusChangesOnlyWhatTheyName) {
  test::WorldFixture f(20000);
  World& w = f.world();
  const auto& pop = w.society.pop();
  const uint64_t slot = w.geo.localities[static_cast<size_t>(f.locality("Moscow (towns)"))].first_slot;
  ASSERT_EQ(society::status_of(pop.status[slot]), Status::Free);
  test::people_of(w).status[slot] |= society::kActive | society::kEmboldened;  // the test plays society
  society::imprison(w, slot);
  EXPECT_EQ(society::status_of(pop.status[slot]), Status::Imprisoned);
  EXPECT_TRUE(pop.status[slot] & society::kActive);
  society::mark_political(w, slot, true);
  EXPECT_TRUE(pop.status[slot] & society::kPolitical);
  society::end_protest(w, slot);
  EXPECT_FALSE(pop.status[slot] & society::kActive);
  society::set_free(w, slot);
  EXPECT_EQ(society::status_of(pop.status[slot]), Status::Free);
  EXPECT_TRUE(pop.status[slot] & society::kPolitical);
  society::mark_political(w, slot, false);
  EXPECT_EQ(pop.status[slot], static_cast<uint8_t>(Status::Free) | society::kEmboldened);

  const float belief = society::legitimacy_value(pop.legitimacy[slot]);
  society::settle(w, slot, -0.2f);
  EXPECT_EQ(society::status_of(pop.status[slot]), Status::Settler);
  EXPECT_NEAR(society::legitimacy_value(pop.legitimacy[slot]), std::max(0.0f, belief - 0.2f), 0.5 / 255);
}

TEST(Society, AFullBlockRefusesNewcomers) {
  test::WorldFixture f(20000);
  World& w = f.world();
  const int to = f.locality("Norilsk (Gorlag)");
  const int from = f.locality("Moscow (towns)");
  const auto& dest = w.geo.localities[static_cast<size_t>(to)];
  const auto& src = w.geo.localities[static_cast<size_t>(from)];
  uint64_t moved = 0, refused = 0;
  for (uint64_t s = src.first_slot; s < src.first_slot + src.slot_count && refused == 0; ++s) {
    if (!society::is_person(w.society.pop().status[s])) continue;
    if (society::transfer(w, s, to) == UINT64_MAX) ++refused;
    else ++moved;
  }
  EXPECT_EQ(refused, 1u);
  EXPECT_EQ(w.society.used_slots[static_cast<size_t>(to)], dest.slot_count);
  EXPECT_EQ(w.society.transfers_refused, 1u);
  EXPECT_GT(moved, 0u);
}

// Migration moves people in parallel, one destination per task (transfer_all): the same slots,
// people and counts as transfer() one move after another, also where a block fills up and where
// the weights make one newcomer several agents; and where a destination is also a source the
// moves go one by one.
TEST(Society, MovesInParallelLeaveWhatTransfersInTurnLeave) {
  auto run = [](int threads, bool in_turn, bool from_a_town) {
    test::WorldFixture f(20000, 3, threads);
    World& w = f.world();
    const auto& geo = w.geo;
    std::vector<int> towns;
    for (size_t l = 0; l < geo.localities.size(); ++l)
      if (geo.localities[l].setting == Setting::Urban) towns.push_back(static_cast<int>(l));
    // The smallest town, which fills up.
    const int small = *std::min_element(towns.begin(), towns.end(), [&](int a, int b) {
      return geo.localities[static_cast<size_t>(a)].slot_count < geo.localities[static_cast<size_t>(b)].slot_count;
    });
    std::vector<society::Move> moves;
    size_t k = 0;
    for (size_t l = 0; l < geo.localities.size(); ++l) {
      const auto& loc = geo.localities[l];
      const bool source = loc.setting == Setting::Rural || (from_a_town && static_cast<int>(l) == towns.front());
      if (!source) continue;
      for (uint64_t s = loc.first_slot; s < loc.first_slot + loc.slot_count; s += 3) {
        if (!society::is_person(w.society.pop().status[s])) continue;
        const int dest = k % 4 == 0 ? small : towns[k % towns.size()];
        if (dest != static_cast<int>(l)) moves.push_back({s, dest});
        ++k;
      }
    }
    if (in_turn) {
      for (const auto& m : moves) society::transfer(w, m.slot, m.dest);
    } else {
      society::transfer_all(w, moves);
    }
    Checksum c;
    c.add(w.society.pop().traits.span());
    c.add(w.society.pop().status.span());
    c.add(w.society.pop().legitimacy.span());
    c.add(w.society.pop().info.span());
    c.add(std::span<const uint64_t>(w.society.used_slots));
    c.add(std::span<const uint64_t>(w.society.next_free));
    c.add(w.society.transfers_refused);
    return std::pair{c.value(), w.society.transfers_refused};
  };
  const auto in_turn = run(1, true, false);
  EXPECT_GT(in_turn.second, 0u);  // the small town filled up
  EXPECT_EQ(run(2, false, false), in_turn);
  EXPECT_EQ(run(1, false, false), in_turn);
  EXPECT_EQ(run(2, false, true), run(1, true, true));
}

TEST(Society, TheMonthIsTheSameOnOneThreadOrTwo) {
  auto run = [](int threads, uint64_t seed) {
    test::WorldFixture f(10000, seed, threads);
    World& w = f.world();
    set_inputs(w, 0.6f, 0.01f, 0.4f);
    society::Exposure e;
    e.probability = 0.3f;
    society::expose(w, e);
    society::Params p;
    for (int m = 0; m < 6; ++m) {
      f.at_step(m);
      society::step(w, p);
    }
    Checksum c;
    c.add(w.society.pop().status.span());
    c.add(w.society.pop().legitimacy.span());
    c.add(w.society.pop().info_prev.span());
    c.add(w.signals.mean_legitimacy);
    c.add(w.signals.active_peak);
    return c.value();
  };
  EXPECT_EQ(run(1, 7), run(2, 7));
  EXPECT_NE(run(1, 7), run(1, 8));  // and another seed gives another history
}

}  // namespace
}  // namespace thaw::model
