// The person pass (src/model/society/people.cpp): the vectorised version the program runs (AVX-512,
// AVX2 or baseline, picked when it loads) against the same source compiled without vectors
// (people_scalar.cpp); and the rules of one person worked by hand.
#include "model/society/people.hpp"
#include "model/society/people_avx512.hpp"
#include "model/society/people_scalar.hpp"

#include <gtest/gtest.h>

#include <algorithm>
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
  }
  c.legitimacy[0] = 0;
  c.legitimacy[1] = 255;
  return c;
}

CellRules random_rules(uint64_t seed) {
  auto u = [&, k = uint64_t{0}]() mutable { return static_cast<double>(rng::mix64(seed * 7919 + ++k) >> 11) * 0x1.0p-53; };
  CellRules r;
  r.first_slot = static_cast<uint32_t>(rng::mix64(seed) % 1000000) * kCell;
  // Some cells end inside a vector: the last lanes must leave the next cell's slots alone.
  r.size = seed % 4 == 0 ? kCell - static_cast<uint32_t>(seed % 15) - 1 : kCell;
  r.disposition_keys = {static_cast<uint32_t>(rng::mix64(seed + 1)), static_cast<uint32_t>(rng::mix64(seed + 2))};
  r.death_key = static_cast<uint32_t>(rng::mix64(seed + 3));
  r.draw_key = static_cast<uint32_t>(rng::mix64(seed + 4));
  for (size_t t = 0; t < kTopics; ++t) {
    r.learn_key[t] = static_cast<uint32_t>(rng::mix64(seed + 5 + t));
    for (size_t g = 0; g < kClasses * kCohorts; ++g) r.learn_below[t][g] = static_cast<uint32_t>(u() * 4294967295.0);
    for (size_t c = 0; c < kCohorts; ++c) {
      r.shock[t][c] = static_cast<float>(u() * 0.3 - 0.15);
      r.embolden_below[t][c] = static_cast<uint32_t>(u() * 4294967295.0);
    }
  }
  for (size_t c = 0; c < kCohorts; ++c) r.death_below[c] = static_cast<uint32_t>(u() * 0.2 * 4294967295.0);
  r.youngest_adult_offset = static_cast<int>(seed % 14) - 1;
  r.camp = seed % 3 == 0;
  r.rural = seed % 2 == 0;
  for (size_t k = 0; k < kClasses; ++k) {
    r.climate[k] = static_cast<float>(u() * 1.2 - 0.1);
    r.hardship[k] = static_cast<float>(u());
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
  return r;
}

// The three passes, as the monthly step calls them, with either set of functions.
template <class Demography, class Learning, class Belief>
CellCounts run_cell(const CellRules& r, Cell& cell, CellScratch& x, Demography demography, Learning learning, Belief belief) {
  CellCounts n;
  const CellColumns cols = cell.columns();
  demography(r, cols, x, n);
  learning(r, static_cast<uint8_t>(r.open_topics & n.unknown), cols, x);
  belief(r, cols, x, n);
  return n;
}

template <class T>
bool same_bits(const std::vector<T>& a, const std::vector<T>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0;
}

// What the month reads after a cell's pass: its columns, keys, adults and movers, bit for bit.
void expect_same_outputs(const Cell& a, const CellScratch& xa, const Cell& b, const CellScratch& xb) {
  ASSERT_TRUE(same_bits(a.status, b.status));
  ASSERT_TRUE(same_bits(a.legitimacy, b.legitimacy));
  ASSERT_TRUE(same_bits(a.info, b.info));
  ASSERT_TRUE(same_bits(xa.key, xb.key));
  ASSERT_TRUE(same_bits(xa.adult, xb.adult));
  ASSERT_TRUE(same_bits(xa.migrant, xb.migrant));
}

void expect_same_counts(const CellCounts& a, const CellCounts& b) {
  EXPECT_EQ(a.persons, b.persons);
  EXPECT_EQ(a.deaths, b.deaths);
  EXPECT_EQ(a.adults, b.adults);
  EXPECT_EQ(a.unknown, b.unknown);
  EXPECT_EQ(a.dissent, b.dissent);
  EXPECT_EQ(a.expressing, b.expressing);
  EXPECT_EQ(a.candidates, b.candidates);
  EXPECT_EQ(a.migrants, b.migrants);
  EXPECT_EQ(a.legitimacy_sum, b.legitimacy_sum);
  EXPECT_EQ(a.informed, b.informed);
  EXPECT_EQ(a.knowers, b.knowers);
}

TEST(PeoplePass, VectorisedAndScalarGiveTheSameBits) {
  int cells_with_learning = 0, cells_with_candidates = 0, cells_with_deaths = 0;
  for (uint64_t seed = 1; seed <= 300; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    const CellRules r = random_rules(seed);
    Cell vec = random_cell(seed), ref = random_cell(seed);
    CellScratch xv, xr;
    xv.resize(kCell);
    xr.resize(kCell);
    // Past the cell's end the scratch says "adult": a pass that ran over the end would show.
    std::fill(xv.adult.begin(), xv.adult.end(), uint8_t{1});
    std::fill(xr.adult.begin(), xr.adult.end(), uint8_t{1});
    const CellCounts nv = run_cell(r, vec, xv, pass_demography, pass_learning, pass_belief);
    const CellCounts nr = run_cell(r, ref, xr, scalar::pass_demography, scalar::pass_learning, scalar::pass_belief);
    const Cell before = random_cell(seed);
    for (uint32_t i = r.size; i < kCell; ++i) {
      ASSERT_EQ(vec.status[i], before.status[i]) << "slot " << i;
      ASSERT_EQ(vec.info[i], before.info[i]) << "slot " << i;
      ASSERT_EQ(vec.legitimacy[i], before.legitimacy[i]) << "slot " << i;
    }
    expect_same_outputs(vec, xv, ref, xr);
    if (HasFatalFailure()) return;
    ASSERT_TRUE(same_bits(xv.belief, xr.belief));
    expect_same_counts(nv, nr);
    for (const float threshold : {-2.0f, 0.0f, 0.3f}) {
      std::vector<uint32_t> index_v(kCell + 16), index_r(kCell + 16);
      std::vector<float> kept_v(kCell + 16), kept_r(kCell + 16);
      const uint32_t above = select_above(xv.key.data(), r.size, threshold, index_v.data(), kept_v.data());
      ASSERT_EQ(above, scalar::select_above(xr.key.data(), r.size, threshold, index_r.data(), kept_r.data()));
      for (uint32_t k = 0; k < above; ++k) {
        ASSERT_EQ(index_v[k], index_r[k]);
        ASSERT_EQ(kept_v[k], kept_r[k]);
        ASSERT_GT(kept_v[k], threshold);
      }
      const uint32_t moving = select_nonzero(xv.migrant.data(), r.size, index_v.data());
      ASSERT_EQ(moving, scalar::select_nonzero(xr.migrant.data(), r.size, index_r.data()));
      ASSERT_EQ(moving, nv.migrants);
      for (uint32_t k = 0; k < moving; ++k) ASSERT_EQ(index_v[k], index_r[k]);
    }
    for (const uint32_t n : {kCell, r.size, uint32_t{1}, uint32_t{0}}) {
      EXPECT_EQ(count_knowers(vec.info.data(), vec.status.data(), n), scalar::count_knowers(ref.info.data(), ref.status.data(), n));
      EXPECT_EQ(count_persons(vec.status.data(), n), scalar::count_persons(ref.status.data(), n));
    }
    // Where the CPU has AVX-512, the hand-written kernels: the same bits again.
    if (avx512::available()) {
      Cell fused = random_cell(seed);
      CellScratch xf;
      xf.resize(kCell);
      std::fill(xf.adult.begin(), xf.adult.end(), uint8_t{1});
      CellCounts nf;
      ASSERT_TRUE(avx512::pass_demography(r, fused.columns(), xf, nf));
      ASSERT_TRUE(avx512::pass_learning_and_belief(r, static_cast<uint8_t>(r.open_topics & nf.unknown), fused.columns(), xf, nf));
      expect_same_outputs(fused, xf, ref, xr);
      if (HasFatalFailure()) return;
      expect_same_counts(nf, nr);
    }
    cells_with_learning += nv.unknown != 0;
    cells_with_candidates += nv.candidates > 0;
    cells_with_deaths += nv.deaths > 0;
  }
  // The comparison covered every branch of the rules, not only quiet cells.
  EXPECT_GT(cells_with_learning, 100);
  EXPECT_GT(cells_with_candidates, 100);
  EXPECT_GT(cells_with_deaths, 100);
}

// One free adult worked by hand: no death, learns nothing, belief moves toward the climate.
TEST(PeoplePass, OneAdultFollowsTheRules) {
  CellRules r;
  r.size = 1;
  r.first_slot = 4242;
  r.death_below = {0, 0, 0, 0};  // nobody dies
  r.youngest_adult_offset = 100;
  r.climate = {0.9f, 0.9f, 0.9f, 0.9f};
  r.hardship = {0.8f, 0.8f, 0.8f, 0.8f};
  r.spread = 0;  // no personal offset: the target is the climate
  r.climate_rate = 0.5f;
  r.public_pull = 0;
  r.outer_cost = 0;  // nothing to fear: a dissenter speaks
  r.integrity_weight = 1;
  r.risk_scale = 1;
  r.emboldened_factor = r.emboldened_risk = 1;
  r.active_threshold = 0.1f;
  Cell cell(1);
  cell.status[0] = static_cast<uint8_t>(Status::Free) | kActive;  // last month's protest is forgotten
  cell.traits[0] = make_traits(Born1900to1924, Worker, 0);
  cell.legitimacy[0] = 51;  // 0.2
  CellScratch x;
  x.resize(1);
  CellCounts n;
  pass_demography(r, cell.columns(), x, n);
  pass_belief(r, cell.columns(), x, n);
  EXPECT_EQ(n.persons, 1u);
  EXPECT_EQ(n.adults, 1u);
  EXPECT_EQ(n.deaths, 0u);
  // 0.2 + 0.5 (0.9 - 0.2) = 0.55, i.e. 140.25 of 255: rounded to 140 or 141.
  EXPECT_TRUE(cell.legitimacy[0] == 140 || cell.legitimacy[0] == 141) << int(cell.legitimacy[0]);
  EXPECT_EQ(cell.status[0] & kActive, 0);
  EXPECT_EQ(n.dissent, 0u);  // 0.55 is above one half
  // Grievance = H (1 - L) with H = 0.8 x sensitivity in [0.5, 1.5), L about 0.55: above T = 0.1.
  EXPECT_EQ(n.candidates, 1u);
  EXPECT_GT(x.key[0], 0.0f);

  // The same person, dead this month: the slot is empty and forgets what it knew.
  r.death_below = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu};
  cell.info_prev[0] = 0x3;
  CellCounts dead;
  pass_demography(r, cell.columns(), x, dead);
  EXPECT_EQ(dead.deaths, 1u);
  EXPECT_EQ(dead.adults, 0u);
  EXPECT_EQ(status_of(cell.status[0]), Status::Empty);
  EXPECT_EQ(cell.info[0], 0);
}

}  // namespace
}  // namespace thaw::model::society
