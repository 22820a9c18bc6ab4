// Society at scale: the fast paths must not change the model's behaviour in distribution.
//   - word of mouth folded into one chance per cell and topic against the reference path that
//     draws and looks up every contact (society.sample_contacts);
//   - the same small world at two scales (people per agent) gives the same shares;
// Means over seeds are compared within a tolerance from their spread (about 4 standard errors),
// with a negative control showing the comparison can fail. ODD: docs/odd/society.md;
// docs/performance.md.
#include "model/society/society.hpp"
#include "model/support/world_fixture.hpp"
#include "model/thaw/world.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <vector>

namespace thaw::model {
namespace {

void set_inputs(World& w, float hardship, float security, float fear) {
  for (size_t l = 0; l < w.geo.localities.size(); ++l) {
    for (int k = 0; k < kClasses; ++k) w.society.inputs.hardship[l * kClasses + static_cast<size_t>(k)] = hardship;
    w.society.inputs.security[l] = security;
    w.society.inputs.fear[l] = fear;
  }
}

struct Summary {
  double mean = 0, se = 0;
};

Summary summarise(const std::vector<double>& x) {
  double m = 0;
  for (double v : x) m += v;
  m /= static_cast<double>(x.size());
  double ss = 0;
  for (double v : x) ss += (v - m) * (v - m);
  return {m, std::sqrt(ss / static_cast<double>(x.size() - 1) / static_cast<double>(x.size()))};
}

// True when the two means agree within `z` standard errors of their difference (plus `slack`,
// for the small, known rounding of the fast path).
bool agree(const std::vector<double>& a, const std::vector<double>& b, double z, double slack) {
  const Summary sa = summarise(a), sb = summarise(b);
  return std::abs(sa.mean - sb.mean) <= z * std::hypot(sa.se, sb.se) + slack;
}

// The Secret Speech read to party members in month 0, then left to word of mouth: the share of
// Soviet adults who know it after `months`.
double informed_after(uint64_t seed, int months, const society::Params& p, double scale = 20000) {
  test::WorldFixture f(scale, seed);
  World& w = f.world();
  set_inputs(w, 0.3f, 0.05f, 0.5f);
  society::Exposure e;
  e.topic = SecretSpeech;
  e.country = w.geo.ussr();
  e.class_mask = 1u << PartyMember;
  e.probability = 0.9f;
  society::expose(w, e);
  for (int m = 0; m < months; ++m) {
    f.at_step(m);
    society::step(w, p);
  }
  return w.signals.topic_informed[SecretSpeech];
}

std::vector<double> over_seeds(int n, const std::function<double(uint64_t)>& f) {
  std::vector<double> x;
  for (int s = 1; s <= n; ++s) x.push_back(f(static_cast<uint64_t>(s)));
  return x;
}

TEST(SocietyScale, FoldedWordOfMouthSpreadsLikeDrawnContacts) {
  society::Params fast, reference;
  reference.sample_contacts = true;
  for (const int64_t window : {int64_t{2048}, int64_t{128}}) {
    fast.contact_window = reference.contact_window = window;
    const auto a = over_seeds(6, [&](uint64_t s) { return informed_after(s, 5, fast); });
    const auto b = over_seeds(6, [&](uint64_t s) { return informed_after(s, 5, reference); });
    EXPECT_GT(summarise(a).mean, 0.1) << "word of mouth spreads beyond the party";
    EXPECT_TRUE(agree(a, b, 4.0, 0.01)) << "window " << window << ": folded " << summarise(a).mean << " +- "
                                        << summarise(a).se << ", drawn " << summarise(b).mean << " +- " << summarise(b).se;
  }
}

TEST(SocietyScale, TheComparisonCanFail) {
  // Negative control: half the transmission is visibly slower, so the tolerance above has power.
  society::Params fast, slower;
  slower.sample_contacts = true;
  slower.transmission = fast.transmission / 2;
  const auto a = over_seeds(6, [&](uint64_t s) { return informed_after(s, 5, fast); });
  const auto b = over_seeds(6, [&](uint64_t s) { return informed_after(s, 5, slower); });
  EXPECT_FALSE(agree(a, b, 4.0, 0.01)) << summarise(a).mean << " vs " << summarise(b).mean;
}

// A year of the same world at `scale` people per agent, with revelations, hardship and police.
struct YearShares {
  double legitimacy, dissent, informed, active_share, arrest_share;
};

YearShares year_at(double scale, uint64_t seed) {
  test::WorldFixture f(scale, seed);
  World& w = f.world();
  set_inputs(w, 0.55f, 0.01f, 0.4f);
  society::Params p;
  society::Exposure e;
  e.topic = CampTruth;
  e.probability = 0.05f;
  double active = 0, arrests = 0, people = 0;
  for (int m = 0; m < 12; ++m) {
    f.at_step(m);
    society::expose(w, e);
    society::step(w, p);
    active += w.signals.active_peak;
    arrests += w.signals.arrests_political;
  }
  for (size_t l = 0; l < w.geo.localities.size(); ++l)
    if (w.geo.localities[l].country == w.geo.ussr()) people += w.people(static_cast<double>(w.society.used_slots[l]));
  return {w.signals.mean_legitimacy, w.signals.dissent_private, w.signals.topic_informed[CampTruth], active / people,
          arrests / people};
}

TEST(SocietyScale, TheSameWorldAtTwoScalesGivesTheSameShares) {
  std::vector<YearShares> coarse, fine;
  for (uint64_t s = 1; s <= 5; ++s) {
    coarse.push_back(year_at(40000, s));
    fine.push_back(year_at(10000, s));
  }
  auto column = [](const std::vector<YearShares>& v, double YearShares::*field) {
    std::vector<double> x;
    for (const auto& y : v) x.push_back(y.*field);
    return x;
  };
  const struct {
    const char* name;
    double YearShares::*field;
    double slack;
  } checks[] = {{"legitimacy", &YearShares::legitimacy, 0.005},
                {"dissent", &YearShares::dissent, 0.01},
                {"informed", &YearShares::informed, 0.01},
                {"active share", &YearShares::active_share, 0.02},
                {"arrest share", &YearShares::arrest_share, 0.002}};
  for (const auto& c : checks) {
    const auto a = column(coarse, c.field), b = column(fine, c.field);
    EXPECT_TRUE(agree(a, b, 4.0, c.slack)) << c.name << ": 1:40000 " << summarise(a).mean << " +- " << summarise(a).se
                                           << ", 1:10000 " << summarise(b).mean << " +- " << summarise(b).se;
  }
  EXPECT_GT(summarise(column(fine, &YearShares::active_share)).mean, 0.0) << "the year has protest to compare";
}

}  // namespace
}  // namespace thaw::model
