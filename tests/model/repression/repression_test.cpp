// Tests of the repression mechanism (docs/odd/repression.md): rules on small worlds built for the test.
#include "model/repression/repression.hpp"

#include "model/society/society.hpp"
#include "model/support/world_fixture.hpp"
#include "model/thaw/decisions.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

namespace thaw::model::repression {
namespace {

using society::Status;
using test::WorldFixture;

constexpr double kScale = 5000;  // about 500 prisoners, 540 settlers, 56,000 people

Decision make(std::string_view kind, std::vector<std::pair<std::string, double>> numbers,
              std::vector<std::pair<std::string, std::string>> texts = {}) {
  return test::make_decision(kind, std::move(numbers), std::move(texts));
}

void apply(World& w, const Decision& d) { d.spec->apply(w, d); }

size_t count_status(const World& w, Status s) {
  size_t n = 0;
  for (uint64_t i = 0; i < w.society.pop().slots(); ++i) n += society::status_of(w.society.pop().status[i]) == s ? 1 : 0;
  return n;
}

size_t count_persons(const World& w) {
  size_t n = 0;
  for (uint64_t i = 0; i < w.society.pop().slots(); ++i) n += society::is_person(w.society.pop().status[i]) ? 1 : 0;
  return n;
}

Params quiet_params() {
  Params p;
  p.criminal_sentencing_rate = 0;  // no new prisoners unless a test sends them
  return p;
}

TEST(Repression, InitHoldsEveryPrisonerAndMakesSettlers) {
  WorldFixture f(kScale);
  World& w = f.world();
  Params p;
  init(w, p);
  const auto& c = w.repression.custody;
  size_t held = 0, political = 0;
  for (uint64_t off = 0; off < c.size(); ++off) {
    const uint64_t slot = c.first_slot + off;
    const bool imprisoned = society::status_of(w.society.pop().status[slot]) == Status::Imprisoned;
    ASSERT_EQ(imprisoned, (c.flags[off] & kHeld) != 0) << slot;
    if (!imprisoned) continue;
    ++held;
    if (category_of(c.flags[off]) == Political) {
      ++political;
      EXPECT_TRUE(w.society.pop().status[slot] & society::kPolitical);
    }
    if (category_of(c.flags[off]) == Foreign) continue;  // held until repatriated
    EXPECT_GE(c.release_step[off], 0);
    EXPECT_LT(c.release_step[off], c.term_years[off] * 12);
  }
  EXPECT_EQ(held, count_status(w, Status::Imprisoned));
  EXPECT_NEAR(w.signals.prisoners, 2.49e6, 0.1e6);
  EXPECT_NEAR(static_cast<double>(political) / static_cast<double>(held), 0.23, 0.04);
  EXPECT_EQ(w.repression.settlers.size(), count_status(w, Status::Settler));
  EXPECT_NEAR(w.signals.special_settlers, 2.7e6, 0.2e6);
}

TEST(Repression, CustodyMovesConservePeople) {
  WorldFixture f(kScale);
  World& w = f.world();
  Params p;  // criminal sentencing on
  init(w, p);
  // Protesters arrested this month, amnesty, commissions and a nation freed to go home, all at once.
  auto& pop = w.society.pop();
  for (uint64_t s = 0, n = 0; s < pop.slots() && n < 20; s += 997) {
    if (society::status_of(pop.status[s]) != Status::Free || !society::is_adult(w, s)) continue;
    society::imprison(w, s);
    w.society.arrested.push_back(s);
    ++n;
  }
  apply(w, make("amnesty", {{"months", 1}}));
  apply(w, make("review_commissions", {{"cases_per_month", 200000}}));
  apply(w, make("lift_settlement", {{"allow_return", 1}}, {{"nation", "chechens_ingush"}}));
  p.return_rate = 1;
  const size_t before = count_persons(w);
  for (int64_t s = 0; s < 3; ++s) {
    f.at_step(s);
    step(w, p);
  }
  EXPECT_EQ(count_persons(w), before);  // nobody killed, nobody repatriated: moves only
  EXPECT_EQ(w.society.transfers_refused, 0u);
  EXPECT_EQ(count_status(w, Status::Imprisoned), static_cast<size_t>(w.repression.prisoners));
  EXPECT_GT(w.repression.returned_total, 0);
}

TEST(Repression, AmnestyReleasesExactlyTheEligible) {
  WorldFixture f(kScale);
  World& w = f.world();
  Params p = quiet_params();
  init(w, p);
  const auto& c = w.repression.custody;
  std::set<uint64_t> leave, stay;
  for (uint64_t off = 0; off < c.size(); ++off) {
    const uint8_t fl = c.flags[off];
    if (!(fl & kHeld)) continue;
    const bool eligible = category_of(fl) == Criminal && !(fl & kGrave) && (c.term_years[off] <= 5 || (fl & kVulnerable));
    const bool expires = c.release_step[off] <= 1;  // within the two months run below (0 and 1)
    (eligible || expires ? leave : stay).insert(off);
  }
  ASSERT_GT(leave.size(), 100u);
  ASSERT_GT(stay.size(), 100u);
  apply(w, make("amnesty", {{"max_sentence_years", 5}, {"criminal", 1}, {"political", 0}, {"vulnerable", 1},
                            {"exclude_grave", 1}, {"share", 1}, {"months", 1}}));
  f.at_step(0);
  step(w, p);
  EXPECT_EQ(w.repression.amnestied_total, 0);  // the decree's month: releases start the month after
  f.at_step(1);
  step(w, p);
  for (uint64_t off : leave) EXPECT_FALSE(c.flags[off] & kHeld) << off;
  for (uint64_t off : stay) EXPECT_TRUE(c.flags[off] & kHeld) << off;
  EXPECT_EQ(w.repression.amnestied_total + w.repression.expired_total, static_cast<double>(leave.size()));
  const auto* e = w.events.first("repression.amnesty");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->get("released"), w.people(w.repression.amnestied_total));
}

TEST(Repression, AmnestyCoversMorePrisonersWithALongerSentenceLimit) {
  double released[2];
  for (int i = 0; i < 2; ++i) {
    WorldFixture f(kScale);
    Params p = quiet_params();
    init(f.world(), p);
    apply(f.world(), make("amnesty", {{"max_sentence_years", i == 0 ? 3 : 10}, {"months", 1}}));
    step(f.world(), p);
    f.at_step(1);
    step(f.world(), p);
    released[i] = f.world().repression.amnestied_total;
  }
  EXPECT_LT(released[0], released[1]);
}

TEST(Repression, CommissionReleasesAreBoundedByThroughput) {
  std::vector<double> released;
  for (double cases : {5000.0, 20000.0, 80000.0}) {
    WorldFixture f(kScale);
    World& w = f.world();
    Params p = quiet_params();
    init(w, p);
    const double political_before = w.repression.political;
    apply(w, make("review_commissions", {{"cases_per_month", cases}, {"release_share", 1.0}, {"months", 2}}));
    f.at_step(0);
    step(w, p);
    const auto& k = w.repression.commissions;
    EXPECT_LE(k.reviewed, std::floor(cases / kScale) + 1e-9);
    EXPECT_LE(k.released, k.reviewed);
    EXPECT_LE(k.reviewed, political_before);
    released.push_back(k.released);
    // Politicals released by commissions only: criminals untouched beyond expiry.
    EXPECT_DOUBLE_EQ(w.repression.released_total, k.released + w.repression.expired_total);
  }
  EXPECT_LT(released[0], released[1]);
  EXPECT_LT(released[1], released[2]);
}

TEST(Repression, CommissionsReleaseOnlyPoliticalPrisoners) {
  WorldFixture f(kScale);
  World& w = f.world();
  Params p = quiet_params();
  init(w, p);
  const double criminals = w.repression.prisoners - w.repression.political;
  apply(w, make("review_commissions", {{"cases_per_month", 1e7}, {"release_share", 1.0}, {"months", 1}}));
  step(w, p);
  // Every political case was reviewed and released; criminals left only through expiry.
  EXPECT_EQ(w.repression.political, 0);
  EXPECT_DOUBLE_EQ(w.repression.released_total, w.repression.commissions.released + w.repression.expired_total);
  EXPECT_GE(w.repression.prisoners, criminals - w.repression.expired_total);
}

TEST(Repression, MoreReleasesMeanMoreCrime) {
  double crime[3];
  for (int i = 0; i < 3; ++i) {
    WorldFixture f(kScale);
    World& w = f.world();
    Params p;
    init(w, p);
    if (i > 0) apply(w, make("amnesty", {{"max_sentence_years", i == 1 ? 2 : 10}, {"months", 2}}));
    for (int64_t s = 0; s < 3; ++s) {
      f.at_step(s);
      step(w, p);
    }
    crime[i] = w.signals.crime_index;
  }
  EXPECT_LT(crime[0], crime[1]);
  EXPECT_LT(crime[1], crime[2]);
}

TEST(Repression, SentencedProtestersEndInCamps) {
  WorldFixture f(kScale);
  World& w = f.world();
  Params p = quiet_params();
  init(w, p);
  auto& pop = w.society.pop();
  std::vector<uint64_t> arrested;
  for (uint64_t s = 0; s < pop.slots() && arrested.size() < 30; s += 499) {
    if (society::status_of(pop.status[s]) != Status::Free || !society::is_adult(w, s)) continue;
    if (w.geo.localities[static_cast<size_t>(pop.locality_of(s))].country != w.geo.ussr()) continue;
    society::imprison(w, s);
    arrested.push_back(s);
  }
  w.society.arrested = arrested;
  const double political_before = w.repression.political;
  step(w, p);
  EXPECT_EQ(w.repression.sentenced_political_total, static_cast<double>(arrested.size()));
  for (uint64_t s : arrested) EXPECT_EQ(society::status_of(pop.status[s]), Status::Empty) << s;  // moved out
  // They are in camp blocks now, as political prisoners (some old politicals may have been released).
  const double released_political = w.repression.political_released_total;
  EXPECT_EQ(w.repression.political, political_before + static_cast<double>(arrested.size()) - released_political);
  size_t in_camps = 0;
  const auto& c = w.repression.custody;
  for (uint64_t off = 0; off < c.size(); ++off)
    if ((c.flags[off] & kHeld) && category_of(c.flags[off]) == Political && c.release_step[off] >= 3 * 12 - 1 &&
        w.geo.localities[static_cast<size_t>(pop.locality_of(c.first_slot + off))].setting == Setting::Camp &&
        society::status_of(pop.status[c.first_slot + off]) == Status::Imprisoned)
      ++in_camps;
  EXPECT_GE(in_camps, arrested.size());
}

TEST(Repression, LiftedNationGoesHome) {
  WorldFixture f(kScale);
  World& w = f.world();
  Params p = quiet_params();
  p.return_rate = 1;
  init(w, p);
  const int n = [&] {
    for (size_t i = 0; i < w.repression.nations.size(); ++i)
      if (w.repression.nations[i].key == "chechens_ingush") return static_cast<int>(i);
    return -1;
  }();
  ASSERT_GE(n, 0);
  size_t chechens = 0;
  for (const auto& s : w.repression.settlers) chechens += s.nation == n ? 1 : 0;
  ASSERT_GT(chechens, 10u);
  const double settlers_before = w.repression.settlers_count;

  apply(w, make("lift_settlement", {{"allow_return", 0}}, {{"nation", "chechens_ingush"}}));
  step(w, p);
  EXPECT_DOUBLE_EQ(w.repression.settlers_count, settlers_before - static_cast<double>(chechens));
  EXPECT_EQ(w.repression.returned_total, 0);  // free, but not allowed home

  apply(w, make("lift_settlement", {{"allow_return", 1}}, {{"nation", "chechens_ingush"}}));
  f.at_step(1);
  step(w, p);
  const auto& ns = w.repression.nations[static_cast<size_t>(n)];
  EXPECT_GT(ns.returned, 0.9 * static_cast<double>(chechens));  // a few may have died
  EXPECT_LE(ns.returned, static_cast<double>(chechens));
}

TEST(Repression, UnknownNationIsAnError) {
  WorldFixture f(kScale);
  Params p;
  init(f.world(), p);
  EXPECT_THROW(apply(f.world(), make("lift_settlement", {}, {{"nation", "atlanteans"}})), std::runtime_error);
}

// Marks every prisoner of a camp active, as society would leave strikers, and reports the share.
size_t strike(World& w, size_t camp, double share) {
  const auto& loc = w.geo.localities[static_cast<size_t>(w.repression.camp_locality[camp])];
  size_t strikers = 0;
  for (uint64_t s = loc.first_slot; s < loc.first_slot + loc.slot_count; ++s)
    if (share > 0 && society::is_person(w.society.pop().status[s])) {
      test::people_of(w).status[s] |= society::kActive;  // the test plays society: they strike
      ++strikers;
    }
  w.signals.camp_active_share.assign(w.geo.camps.size(), 0.0);
  w.signals.camp_active_share[camp] = share;
  return strikers;
}

TEST(Repression, AStrikeOpensWithTalksAndEndsByTroopsOrConcession) {
  for (int hard = 0; hard < 2; ++hard) {
    WorldFixture f(kScale);
    World& w = f.world();
    Params p = quiet_params();
    p.suppress_base = hard ? 1.0 : 0.0;
    p.suppress_escalation = 0;
    p.hardline_weight = 0;
    p.concession_chance = 1;
    p.suppression_death_share = 0.5;
    init(w, p);
    const size_t camp = 0;
    const size_t strikers = strike(w, camp, 0.5);
    const float hardship_before = w.repression.camp_hardship[camp];
    step(w, p);
    // The first month is the commission's: no troops yet, whatever the line.
    ASSERT_NE(w.events.first("repression.camp_commission"), nullptr);
    EXPECT_EQ(w.events.first("repression.camp_suppressed"), nullptr);
    EXPECT_EQ(w.events.first("repression.camp_concession"), nullptr);
    f.at_step(1);
    strike(w, camp, 0.5);
    step(w, p);
    if (hard) {
      const auto* e = w.events.first("repression.camp_suppressed");
      ASSERT_NE(e, nullptr);
      EXPECT_EQ(e->subject, w.geo.camps[camp].name);
      EXPECT_GT(w.repression.killed_total, 0);
      EXPECT_LT(w.repression.killed_total, static_cast<double>(strikers));
      EXPECT_GT(w.society.inputs.security[static_cast<size_t>(w.repression.camp_locality[camp])], p.camp_security);
    } else {
      ASSERT_NE(w.events.first("repression.camp_concession"), nullptr);
      EXPECT_EQ(w.repression.killed_total, 0);
      EXPECT_LT(w.repression.camp_hardship[camp], hardship_before);
    }
    EXPECT_EQ(w.repression.strike_months[camp], 0);  // the episode is over
  }
}

TEST(Repression, NoSuppressionWithoutStrikers) {
  WorldFixture f(kScale);
  World& w = f.world();
  Params p = quiet_params();
  p.suppress_base = 1.0;
  init(w, p);
  const size_t camp = 0;
  strike(w, camp, 0.5);
  step(w, p);
  ASSERT_EQ(w.repression.strike_months[camp], 1);
  // Next month the share still reads as a strike, but nobody is left active in the camp.
  f.at_step(1);
  const auto& loc = w.geo.localities[static_cast<size_t>(w.repression.camp_locality[camp])];
  for (uint64_t s = loc.first_slot; s < loc.first_slot + loc.slot_count; ++s)
    test::people_of(w).status[s] &= static_cast<uint8_t>(~society::kActive);
  step(w, p);
  EXPECT_EQ(w.events.first("repression.camp_suppressed"), nullptr);
  EXPECT_NE(w.events.first("repression.camp_strike_end"), nullptr);
  EXPECT_EQ(w.repression.killed_total, 0);
}

TEST(Repression, SatelliteProtestersStayOutOfTheGulag) {
  WorldFixture f(kScale);
  World& w = f.world();
  Params p = quiet_params();
  init(w, p);
  auto& pop = w.society.pop();
  std::vector<uint64_t> arrested;
  for (uint64_t s = 0; s < pop.slots() && arrested.size() < 20; s += 97) {
    if (society::status_of(pop.status[s]) != Status::Free || !society::is_adult(w, s)) continue;
    if (w.geo.localities[static_cast<size_t>(pop.locality_of(s))].country == w.geo.ussr()) continue;
    society::imprison(w, s);
    arrested.push_back(s);
  }
  ASSERT_FALSE(arrested.empty());
  w.society.arrested = arrested;
  const double prisoners_before = w.repression.prisoners;
  step(w, p);
  EXPECT_EQ(w.repression.sentenced_political_total, 0);
  EXPECT_LE(w.repression.prisoners, prisoners_before);
  for (uint64_t s : arrested) EXPECT_EQ(society::status_of(pop.status[s]), Status::Imprisoned) << s;  // held at home
  EXPECT_EQ(w.repression.local_prisoners.size(), arrested.size());
  // They go free when their terms end.
  for (int64_t m = 1; m <= static_cast<int64_t>(p.local_term_max * 12) + 1; ++m) {
    f.at_step(m);
    w.society.arrested.clear();
    step(w, p);
  }
  EXPECT_TRUE(w.repression.local_prisoners.empty());
  size_t free_again = 0;
  for (uint64_t s : arrested) free_again += society::status_of(pop.status[s]) == Status::Free ? 1 : 0;
  EXPECT_EQ(free_again, arrested.size());
}

TEST(Repression, UnknownCampInAComplexIsAnError) {
  WorldFixture f(kScale);
  Params p;
  p.complexes = {{"atlantis", "Atlantis", "gorlag atlantlag"}};
  EXPECT_THROW(init(f.world(), p), std::runtime_error);
}

TEST(Repression, PassedOverPoliticalsFeelDeprivation) {
  // An amnesty that excludes politicals raises hardship in the special (political) camps more
  // than in ordinary ones; one that includes them does not.
  float rise[2];
  for (int include = 0; include < 2; ++include) {
    WorldFixture f(kScale);
    World& w = f.world();
    Params p = quiet_params();
    init(w, p);
    const size_t special = 0;  // Norilsk, 95% political
    const size_t l = static_cast<size_t>(w.repression.camp_locality[special]);
    const float before = w.society.inputs.hardship[l * kClasses];
    apply(w, make("amnesty", {{"political", static_cast<double>(include)}, {"max_sentence_years", 25}, {"months", 1}}));
    step(w, p);
    f.at_step(1);
    step(w, p);
    rise[include] = w.society.inputs.hardship[l * kClasses] - before;
  }
  EXPECT_GT(rise[0], 0.01f);
  EXPECT_LT(rise[1], rise[0]);
}

TEST(Repression, LegalityLowersFear) {
  float fear[2];
  for (int i = 0; i < 2; ++i) {
    WorldFixture f(kScale);
    World& w = f.world();
    Params p = quiet_params();
    init(w, p);
    if (i) apply(w, make("legal_reform", {{"legality_change", 0.5}}));
    step(w, p);
    fear[i] = w.society.inputs.fear[0];
  }
  EXPECT_LT(fear[1], fear[0]);
}

uint64_t run_checksum(int threads) {
  WorldFixture f(kScale, 7, threads);
  World& w = f.world();
  Params p;
  init(w, p);
  apply(w, make("amnesty", {}));
  apply(w, make("review_commissions", {{"cases_per_month", 50000}}));
  apply(w, make("lift_settlement", {{"allow_return", 1}}, {{"nation", "all"}}));
  for (int64_t s = 0; s < 6; ++s) {
    f.at_step(s);
    step(w, p);
    society::step(w, f.society_params);
  }
  uint64_t h = 0;
  const auto& c = w.repression.custody;
  for (uint64_t off = 0; off < c.size(); ++off)
    h = rng::hash_combine(h, (static_cast<uint64_t>(c.flags[off]) << 40) ^ (static_cast<uint64_t>(static_cast<uint16_t>(c.release_step[off])) << 16) ^ c.home[off]);
  for (const auto& s : w.repression.settlers) h = rng::hash_combine(h, s.slot * 16 + s.phase);
  for (uint64_t i = 0; i < w.society.pop().slots(); ++i) h = rng::hash_combine(h, w.society.pop().status[i]);
  h = rng::hash_combine(h, static_cast<uint64_t>(w.signals.crime_index * 1e12));
  h = rng::hash_combine(h, w.events.size());
  return h;
}

TEST(Repression, SameResultWhateverTheThreadCount) { EXPECT_EQ(run_checksum(1), run_checksum(2)); }

}  // namespace
}  // namespace thaw::model::repression
