// The person pass (src/model/society/people.cpp): the same source compiled for every instruction
// set this CPU runs (AVX-512, AVX2, SSE4, SSSE3 and one lane at a time, Highway's scalar target)
// gives the same bits, whole or in two halves; and the rules of one person worked by hand.
#include "model/society/people.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

namespace thaw::model::society {
namespace {

constexpr uint32_t kCell = 128;

// A cell's columns, owned.
struct Cell {
  std::vector<uint8_t> status, traits, legitimacy, info, info_prev;
  explicit Cell(uint32_t n) : status(n), traits(n), legitimacy(n), info(n), info_prev(n) {}
  CellColumns columns() { return {status.data(), traits.data(), legitimacy.data(), info.data(), info_prev.data()}; }
};

// Every status (persons, dead, empty, with every flag), cohort, class, belief and knowledge.
Cell random_cell(uint64_t seed) {
  Cell c(kCell);
  for (uint32_t i = 0; i < kCell; ++i) {
    const uint64_t h = rng::mix64(seed * 1000 + i);
    c.status[i] = static_cast<uint8_t>(((h & 7) % 6) | ((h >> 8) & 0xf8));
    c.traits[i] = static_cast<uint8_t>(h >> 16);
    c.legitimacy[i] = static_cast<uint8_t>(h >> 24);
    c.info_prev[i] = static_cast<uint8_t>((h >> 32) & 0x0f);
    c.info[i] = static_cast<uint8_t>(h >> 40);  // last month's leftovers: must be overwritten
    // A nursery: births fill a block's room in order, so whole vectors hold only children.
    if (seed % 3 == 1 && i >= 16 && i < 48) c.status[i] |= kBornInRun;
    // Room at the end of the block: a vector with nobody in it.
    if (seed % 7 == 2 && i >= 96) c.status[i] = static_cast<uint8_t>(Status::Empty);
  }
  c.legitimacy[0] = 0;
  c.legitimacy[1] = 255;
  return c;
}

CellRules random_rules(uint64_t seed) {
  auto u = [&, k = uint64_t{0}]() mutable { return static_cast<double>(rng::mix64(seed * 7919 + ++k) >> 11) * 0x1.0p-53; };
  CellRules r;
  r.first_slot = static_cast<uint32_t>(rng::mix64(seed) % 1000000) * kCell;
  // A cell of 64 slots (the smallest society.cell_agents) leaves the second half alone.
  r.size = seed % 4 == 0 ? 64 : kCell;
  r.disposition_keys = {static_cast<uint32_t>(rng::mix64(seed + 1)), static_cast<uint32_t>(rng::mix64(seed + 2))};
  r.draw_key = static_cast<uint32_t>(rng::mix64(seed + 4));
  for (size_t t = 0; t < kTopics; ++t) {
    r.learn_key[t] = static_cast<uint32_t>(rng::mix64(seed + 5 + t));
    for (size_t g = 0; g < kClasses * kCohorts; ++g) {
      r.learn_below[t][g] = static_cast<uint32_t>(u() * 4294967295.0);
      r.embolden_below[t][g] = static_cast<uint32_t>(u() * r.learn_below[t][g]);
    }
    for (size_t c = 0; c < kCohorts; ++c) r.shock[t][c] = static_cast<float>(u() * 0.3 - 0.15);
  }
  for (size_t c = 0; c < kCohorts; ++c) r.death_below[c] = static_cast<uint32_t>(u() * 0.2 * 4294967295.0);
  r.youngest_adult_offset = static_cast<int>(seed % 14) - 1;
  r.camp = seed % 3 == 0;
  r.rural = seed % 2 == 0;
  for (size_t k = 0; k < kClasses; ++k) {
    r.climate[k] = static_cast<float>(u() * 1.2 - 0.1);
    r.hardship[k] = static_cast<float>(u() * 1.1 - 0.05);  // the clamps of H at 0 and 1 are reached
  }
  r.spread = static_cast<float>(u() * 0.3);
  r.climate_rate = static_cast<float>(u() * 0.2);
  r.public_pull = static_cast<float>(u() * 0.05);
  r.public_loyalty = static_cast<float>(u());
  r.outer_cost = static_cast<float>(u());
  r.integrity_weight = static_cast<float>(u());
  r.emboldened_factor = static_cast<float>(u());
  r.risk_scale = seed % 5 == 0 ? 0.0f : static_cast<float>(u() * 1.5);  // R = 0: the key's special case
  r.emboldened_risk = static_cast<float>(u());
  r.active_threshold = static_cast<float>(u() * 0.3);
  r.migrate_below = static_cast<uint32_t>(u() * 16777215.0);
  r.open_topics = seed % 5 == 0 ? static_cast<uint8_t>(rng::mix64(seed + 9) & 0x0f) : uint8_t{0x0f};
  r.learn_topics = r.open_topics;
  // A clash with the police over part of the cell (in two seeds of three), its ends inside vectors.
  if (seed % 3 != 2) {
    r.incident_begin = static_cast<uint32_t>(u() * r.size);
    r.incident_end = r.incident_begin + static_cast<uint32_t>(u() * (r.size - r.incident_begin));
    r.incident_grievance = static_cast<float>(u());
    r.incident_legitimacy = static_cast<float>(u() * 0.5);
  }
  return r;
}

// One pass over a fresh random cell, with its outputs.
struct Outcome {
  Cell cell{kCell};
  CellScratch scratch;
  CellCounts counts;
};

Outcome run(uint64_t seed, bool in_halves) {
  Outcome o;
  o.cell = random_cell(seed);
  o.scratch.resize(kCell);
  const CellRules r = random_rules(seed);
  if (in_halves) {
    pass_cell_learning(r, o.cell.columns(), o.scratch, o.counts);
    pass_cell_belief(r, o.cell.columns(), o.scratch, o.counts);
  } else {
    pass_cell(r, o.cell.columns(), o.scratch, o.counts);
  }
  return o;
}

template <class T>
bool same_bits(const T* a, const T* b, size_t n) {
  return std::memcmp(a, b, n * sizeof(T)) == 0;
}

// What the month reads after a cell's pass, bit for bit: columns, adults, candidates with their
// keys, movers and every count.
void expect_same(const Outcome& a, const Outcome& b, uint32_t size) {
  ASSERT_TRUE(same_bits(a.cell.status.data(), b.cell.status.data(), kCell));
  ASSERT_TRUE(same_bits(a.cell.legitimacy.data(), b.cell.legitimacy.data(), kCell));
  ASSERT_TRUE(same_bits(a.cell.info.data(), b.cell.info.data(), size));
  ASSERT_TRUE(same_bits(a.scratch.adult.data(), b.scratch.adult.data(), size));
  const CellCounts &x = a.counts, &y = b.counts;
  EXPECT_EQ(x.persons, y.persons);
  EXPECT_EQ(x.deaths, y.deaths);
  EXPECT_EQ(x.adults, y.adults);
  EXPECT_EQ(x.dissent, y.dissent);
  EXPECT_EQ(x.expressing, y.expressing);
  EXPECT_EQ(x.migrants, y.migrants);
  EXPECT_EQ(x.legitimacy_sum, y.legitimacy_sum);
  EXPECT_EQ(x.informed, y.informed);
  EXPECT_EQ(x.knowers, y.knowers);
  ASSERT_EQ(x.candidates, y.candidates);
  ASSERT_TRUE(same_bits(a.scratch.candidate.data(), b.scratch.candidate.data(), x.candidates));
  ASSERT_TRUE(same_bits(a.scratch.candidate_key.data(), b.scratch.candidate_key.data(), x.candidates));
  ASSERT_TRUE(same_bits(a.scratch.migrant.data(), b.scratch.migrant.data(), x.migrants));
}

// Makes every pass of the process run one target until the end of the scope.
struct OnTarget {
  explicit OnTarget(int64_t target) { use_pass_target(target); }
  ~OnTarget() { use_pass_target(0); }
};

TEST(PeoplePass, EveryTargetGivesTheSameBits) {
  const std::vector<int64_t> targets = pass_targets();
  ASSERT_GE(targets.size(), 2u) << "the pass must be compiled for its scalar target and at least one vector target";
  EXPECT_STREQ(pass_target_name(targets.back()), "SCALAR");
  int cells_with_learning = 0, cells_with_candidates = 0, cells_with_deaths = 0, cells_with_movers = 0, cells_with_voice = 0;
  for (uint64_t seed = 1; seed <= 300; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    const uint32_t size = random_rules(seed).size;
    const std::vector<uint32_t> lengths = {kCell, size, 1, 0, 77};
    Outcome reference;
    std::vector<std::array<uint32_t, kTopics + 1>> knowers;
    std::vector<CellCensus> censuses;
    {
      const OnTarget scalar(targets.back());
      reference = run(seed, false);
      for (const uint32_t n : lengths) {
        knowers.push_back(count_knowers(reference.cell.info.data(), reference.cell.status.data(), n));
        censuses.push_back(cell_census(reference.cell.status.data(), reference.cell.info.data(), n));
      }
    }
    // The slots past the cell's end are another cell's: left alone.
    const Cell before = random_cell(seed);
    for (uint32_t i = size; i < kCell; ++i) {
      ASSERT_EQ(reference.cell.status[i], before.status[i]) << "slot " << i;
      ASSERT_EQ(reference.cell.info[i], before.info[i]) << "slot " << i;
      ASSERT_EQ(reference.cell.legitimacy[i], before.legitimacy[i]) << "slot " << i;
    }
    for (const int64_t target : targets) {
      SCOPED_TRACE(pass_target_name(target));
      const OnTarget on(target);
      for (const bool in_halves : {false, true}) {
        SCOPED_TRACE(in_halves ? "in two halves" : "whole");
        expect_same(run(seed, in_halves), reference, size);
        if (HasFatalFailure()) return;
      }
      const Cell& c = reference.cell;
      for (size_t k = 0; k < lengths.size(); ++k) {
        EXPECT_EQ(count_knowers(c.info.data(), c.status.data(), lengths[k]), knowers[k]) << lengths[k];
        const CellCensus census = cell_census(c.status.data(), c.info.data(), lengths[k]);
        EXPECT_EQ(census.persons, censuses[k].persons) << lengths[k];
        EXPECT_EQ(census.lacking, censuses[k].lacking) << lengths[k];
      }
    }
    const CellCounts& n = reference.counts;
    cells_with_learning += n.informed != CellCounts{}.informed;
    cells_with_candidates += n.candidates > 0;
    cells_with_deaths += n.deaths > 0;
    cells_with_movers += n.migrants > 0;
    cells_with_voice += n.expressing > 0;
  }
  // The comparison covered every branch of the rules, not only quiet cells.
  EXPECT_GT(cells_with_learning, 100);
  EXPECT_GT(cells_with_candidates, 100);
  EXPECT_GT(cells_with_deaths, 100);
  EXPECT_GT(cells_with_movers, 50);
  EXPECT_GT(cells_with_voice, 50);
}

TEST(PeoplePass, CensusCountsPersonsAndWhatTheyLack) {
  std::vector<uint8_t> status(200, static_cast<uint8_t>(Status::Empty)), info(200, 0x0f);
  status[3] = static_cast<uint8_t>(Status::Free);
  info[3] = 0x0d;  // lacks topic 1
  status[150] = static_cast<uint8_t>(Status::Imprisoned) | kActive;
  info[150] = 0x07;  // lacks topic 3
  info[10] = 0x00;   // an empty slot lacks nothing that counts
  status[199] = static_cast<uint8_t>(Status::Dead);
  const CellCensus census = cell_census(status.data(), info.data(), 200);
  EXPECT_EQ(census.persons, 2u);
  EXPECT_EQ(census.lacking, 0x0a);
  EXPECT_EQ(cell_census(status.data(), info.data(), 100).lacking, 0x02);
}

TEST(PeoplePass, SelectAboveKeepsOrderAndIndices) {
  const uint32_t index[] = {3, 9, 17, 40, 41};
  const float key[] = {0.5f, 0.1f, 3.0f, 0.2f, 0.25f};
  uint32_t out[5];
  float kept[5];
  ASSERT_EQ(select_above(index, key, 5, 0.2f, out, kept), 3u);
  EXPECT_EQ(out[0], 3u);
  EXPECT_EQ(out[1], 17u);
  EXPECT_EQ(out[2], 41u);
  EXPECT_EQ(kept[1], 3.0f);
  EXPECT_EQ(select_above(index, key, 5, 5.0f, out, kept), 0u);
}

// The month's draws over many people: death, moving to town, learning, emboldening given learning
// and the rounding of belief each happen with their chance (within five standard errors), and
// nobody is emboldened without learning.
TEST(PeoplePass, TheMonthsDrawsHaveTheirChances) {
  constexpr uint32_t kCells = 2000;
  constexpr double kDeath = 0.01, kMove = 0.05, kLearn = 0.3, kEmbolden = 0.4, kFraction = 0.3;
  CellRules r;
  r.size = kCell;
  r.disposition_keys = {0x1234567u, 0x89abcdefu};
  r.draw_key = 0x2468ace1u;
  r.learn_key[0] = 0x13579bdfu;
  r.death_below = {0, 0, static_cast<uint32_t>(kDeath * 4294967296.0), 0};
  r.youngest_adult_offset = 100;
  r.rural = true;
  r.migrate_below = static_cast<uint32_t>(kMove * 16777216.0);
  r.learn_topics = r.open_topics = 0x01;
  r.learn_below[0].fill(static_cast<uint32_t>(kLearn * 4294967296.0));
  r.embolden_below[0].fill(static_cast<uint32_t>(kLearn * kEmbolden * 4294967296.0));
  r.shock[0].fill(static_cast<float>(kFraction / 255.0));  // learners' belief: 128.3 of 255, no drift
  r.hardship = {0, 0, 0, 0};
  uint64_t persons = 0, deaths = 0, adults = 0, movers = 0, learners = 0, emboldened = 0, rounded_up = 0, wrongly_emboldened = 0;
  CellScratch x;
  x.resize(kCell);
  for (uint32_t c = 0; c < kCells; ++c) {
    Cell cell(kCell);
    for (uint32_t i = 0; i < kCell; ++i) {
      cell.status[i] = static_cast<uint8_t>(Status::Free);
      cell.traits[i] = make_traits(Born1925to1939, Worker, 0);
      cell.legitimacy[i] = 128;
    }
    r.first_slot = c * kCell;
    CellCounts n;
    pass_cell(r, cell.columns(), x, n);
    persons += n.persons, deaths += n.deaths, adults += n.adults, movers += n.migrants, learners += n.informed[0];
    for (uint32_t i = 0; i < kCell; ++i) {
      const bool learnt = knows(cell.info[i], 0), bold = (cell.status[i] & kEmboldened) != 0;
      emboldened += learnt && bold;
      wrongly_emboldened += !learnt && bold;
      rounded_up += learnt && cell.legitimacy[i] == 129;
    }
  }
  auto expect_share = [](uint64_t k, uint64_t of, double p, const char* what) {
    const double share = static_cast<double>(k) / static_cast<double>(of);
    EXPECT_NEAR(share, p, 5.0 * std::sqrt(p * (1 - p) / static_cast<double>(of))) << what;
  };
  ASSERT_EQ(persons, uint64_t{kCells} * kCell);
  expect_share(deaths, persons, kDeath, "death");
  expect_share(movers, adults, kMove, "moving to town");
  expect_share(learners, adults, kLearn, "learning");
  expect_share(emboldened, learners, kEmbolden, "emboldened, given learning");
  expect_share(rounded_up, learners, kFraction, "belief rounded up");
  EXPECT_EQ(wrongly_emboldened, 0u);
}

// One free adult worked by hand: no death, learns nothing, belief moves toward the climate.
// A cell of 64 empty slots and rules simple enough to follow by hand: nobody dies, everyone
// born before 1953 is an adult, no personal offset (the target is the climate), nothing to fear.
CellRules hand_rules(uint32_t first_slot, float climate, float hardship, float threshold) {
  CellRules r;
  r.size = 64;
  r.first_slot = first_slot;
  r.death_below = {0, 0, 0, 0};
  r.youngest_adult_offset = 100;
  r.climate = {climate, climate, climate, climate};
  r.hardship = {hardship, hardship, hardship, hardship};
  r.spread = 0;
  r.climate_rate = 0.5f;
  r.public_pull = 0;
  r.outer_cost = 0;  // a dissenter speaks
  r.integrity_weight = 1;
  r.risk_scale = 1;
  r.emboldened_factor = r.emboldened_risk = 1;
  r.active_threshold = threshold;
  return r;
}

Cell empty_cell() {
  Cell cell(64);
  std::fill(cell.status.begin(), cell.status.end(), static_cast<uint8_t>(Status::Empty));
  return cell;
}

TEST(PeoplePass, OneAdultFollowsTheRules) {
  CellRules r = hand_rules(4224, 0.9f, 0.8f, 0.1f);
  Cell cell = empty_cell();
  cell.status[5] = static_cast<uint8_t>(Status::Free) | kActive;  // last month's protest is forgotten
  cell.traits[5] = make_traits(Born1900to1924, Worker, 0);
  cell.legitimacy[5] = 51;  // 0.2
  CellScratch x;
  x.resize(64);
  CellCounts n;
  pass_cell(r, cell.columns(), x, n);
  EXPECT_EQ(n.persons, 1u);
  EXPECT_EQ(n.adults, 1u);
  EXPECT_EQ(n.deaths, 0u);
  // 0.2 + 0.5 (0.9 - 0.2) = 0.55, i.e. 140.25 of 255: rounded to 140 or 141.
  EXPECT_TRUE(cell.legitimacy[5] == 140 || cell.legitimacy[5] == 141) << int(cell.legitimacy[5]);
  EXPECT_EQ(cell.status[5] & kActive, 0);
  EXPECT_EQ(n.dissent, 0u);  // 0.55 is above one half
  // Grievance = H (1 - L) with H = 0.8 x sensitivity in [0.5, 1.5), L about 0.55: above T = 0.1.
  ASSERT_EQ(n.candidates, 1u);
  EXPECT_EQ(x.candidate[0], 5u);
  EXPECT_GT(x.candidate_key[0], 0.0f);

  // The same person, dead this month: the slot is empty and forgets what it knew.
  r.death_below = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu};
  cell.info_prev[5] = 0x3;
  CellCounts dead;
  pass_cell(r, cell.columns(), x, dead);
  EXPECT_EQ(dead.deaths, 1u);
  EXPECT_EQ(dead.adults, 0u);
  EXPECT_EQ(dead.candidates, 0u);
  EXPECT_EQ(status_of(cell.status[5]), Status::Empty);
  EXPECT_EQ(cell.info[5], 0);
}

TEST(PeoplePass, APrisonerJoinsNoCrowdOutsideACampAndStrikesInOne) {
  CellRules r = hand_rules(8448, 0.1f, 0.9f, 0.05f);
  Cell cell = empty_cell();
  // Two aggrieved adults of one kind: one free, one held where he was taken (a satellite's prison).
  for (int i : {3, 9}) {
    cell.traits[i] = make_traits(Born1900to1924, Worker, 0);
    cell.legitimacy[i] = 25;
  }
  cell.status[3] = static_cast<uint8_t>(Status::Free);
  cell.status[9] = static_cast<uint8_t>(Status::Imprisoned);
  CellScratch x;
  x.resize(64);
  CellCounts town;
  pass_cell(r, cell.columns(), x, town);
  ASSERT_EQ(town.candidates, 1u);
  EXPECT_EQ(x.candidate[0], 3u);
  // In a camp the prisoner's grievance counts (strikes).
  r.camp = true;
  cell.legitimacy[3] = cell.legitimacy[9] = 25;
  CellCounts camp;
  pass_cell(r, cell.columns(), x, camp);
  EXPECT_EQ(camp.candidates, 2u);
}

// A clash with the police, followed by hand (issue 13: a recomputation once found 50-80 aggrieved
// in such a neighbourhood where the pass found 5-10; it had used T = 0.1, the mechanism's default,
// while the baseline scenario sets society.active_threshold = 0.4). In the clash's slots H is
// min(1, hardship + incident_grievance) x sensitivity and the belief weighed is L minus
// incident_legitimacy; elsewhere the rule is unchanged. The pass's candidates are exactly those
// whose grievance so computed exceeds T, for either threshold, and T = 0.4 leaves far fewer.
TEST(PeoplePass, AClashWithThePoliceFollowsTheRulesByHand) {
  std::array<uint32_t, 2> found{};
  for (size_t which = 0; which < 2; ++which) {
    const float threshold = which == 0 ? 0.1f : 0.4f;
    CellRules r = hand_rules(12800, 0.7f, 0.45f, threshold);
    r.disposition_keys = {0x1234567u, 0x89abcdefu};
    r.incident_begin = 10;
    r.incident_end = 50;
    r.incident_grievance = 0.7f;
    r.incident_legitimacy = 0.2f;
    Cell cell = empty_cell();
    for (uint32_t i = 0; i < 64; ++i) {
      cell.status[i] = static_cast<uint8_t>(Status::Free);
      cell.traits[i] = make_traits(Born1900to1924, Worker, 0);
      cell.legitimacy[i] = static_cast<uint8_t>(140 + (i * 37) % 100);  // 0.55 .. 0.94
    }
    CellScratch x;
    x.resize(64);
    CellCounts n;
    pass_cell(r, cell.columns(), x, n);
    std::vector<uint32_t> expected;
    for (uint32_t i = 0; i < 64; ++i) {
      const bool near = i >= r.incident_begin && i < r.incident_end;
      const float held = legitimacy_value(cell.legitimacy[i]);
      const float hardship_here = near ? std::min(r.hardship[Worker] + r.incident_grievance, 1.0f) : r.hardship[Worker];
      const float unheld = near ? std::min((1.0f - held) + r.incident_legitimacy, 1.0f) : 1.0f - held;
      const float sensitivity = hardship_sensitivity_of(disposition_words(r.disposition_keys, r.first_slot + i, 0));
      const float grievance = std::min(std::max(hardship_here * sensitivity, 0.0f), 1.0f) * unheld;
      if (grievance > threshold) expected.push_back(i);
    }
    ASSERT_EQ(n.candidates, expected.size()) << "T = " << threshold;
    for (size_t k = 0; k < expected.size(); ++k) EXPECT_EQ(x.candidate[k], expected[k]);
    found[which] = n.candidates;
  }
  EXPECT_GT(found[0], 40u);
  EXPECT_LT(found[1], found[0] / 2);
}

}  // namespace
}  // namespace thaw::model::society
