// The culture mechanism on a small World (docs/odd/culture.md).
#include "model/culture/culture.hpp"
#include "model/support/world_fixture.hpp"

#include <gtest/gtest.h>

namespace thaw::model {
namespace {

Decision make(std::string_view kind) {
  Decision d = test::make_decision(kind);
  d.id.clear();
  return d;
}

void set(Decision& d, std::string_view field, double v) {
  for (size_t i = 0; i < d.spec->numbers.size(); ++i)
    if (d.spec->numbers[i].name == field) d.numbers[i] = v;
}

void run(test::WorldFixture& f, const culture::Params& p, int from, int to) {
  for (int m = from; m < to; ++m) {
    f.at_step(m);
    culture::step(f.world(), p);
  }
}

// A censor that lets everything through and conservatives who tolerate everything.
culture::Params free_press() {
  culture::Params p;
  p.censor_base = 1;
  p.initial_censorship = 1;
  p.tolerance_base = 10;
  p.submit_rate = 1;
  p.abroad_rate = 0;
  return p;
}

// Writers who would all write boldly, with Kuran thresholds from `first` up in steps of `step`.
void hand_built_writers(World& w, float first, float step, int n = 20) {
  w.culture.writers.clear();
  for (int i = 0; i < n; ++i) {
    culture::Writer wr;
    wr.boldness = 0.8f;
    wr.threshold = wr.threshold_0 = first + step * static_cast<float>(i);
    w.culture.writers.push_back(wr);
  }
}

TEST(Culture, CensorshipFollowsReformismAndPressure) {
  culture::Params p;
  test::WorldFixture reformer, hardliner, pressed;
  for (auto* f : {&reformer, &hardliner, &pressed}) culture::init(f->world(), p);
  reformer.world().signals.leader_reformism = 0.9;
  hardliner.world().signals.leader_reformism = 0.2;
  pressed.world().signals.leader_reformism = 0.9;
  pressed.world().signals.conservative_pressure = 0.8;
  for (auto* f : {&reformer, &hardliner, &pressed}) {
    f->world().culture.writers.clear();  // the censor alone
    run(*f, p, 0, 24);
  }
  EXPECT_GT(reformer.world().signals.censorship, hardliner.world().signals.censorship + 0.1);
  EXPECT_LT(pressed.world().signals.censorship, reformer.world().signals.censorship);
  EXPECT_GT(culture::censor_target(reformer.world(), p), culture::censor_target(hardliner.world(), p));

  // A declared loosening raises the limit.
  const double target_before = culture::censor_target(hardliner.world(), p);
  auto d = make("cultural_line");
  d.spec->apply(hardliner.world(), d);
  EXPECT_GT(culture::censor_target(hardliner.world(), p), target_before);
  const double before = hardliner.world().signals.censorship;
  run(hardliner, p, 24, 36);
  EXPECT_GT(hardliner.world().signals.censorship, before);
}

TEST(Culture, PublishingEmboldensOthers) {
  // Granovetter/Kuran: with one writer who needs no encouragement and thresholds closely spaced
  // above him, each bold work lowers the bar for the next writer: everyone ends up publishing.
  const auto p = free_press();
  test::WorldFixture cascade;
  culture::init(cascade.world(), p);
  hand_built_writers(cascade.world(), 0.0f, 0.03f);
  run(cascade, p, 0, 36);
  const auto& c = cascade.world().culture;
  for (const auto& wr : c.writers) EXPECT_GE(c.openness, wr.threshold);
  EXPECT_GT(c.openness, 0.6);

  // Without the first mover nobody dares, though the censor would let them all through.
  test::WorldFixture silent;
  culture::init(silent.world(), p);
  hand_built_writers(silent.world(), 0.3f, 0.03f);
  int bold = 0;
  for (int m = 0; m < 36; ++m) {
    run(silent, p, m, m + 1);
    bold += silent.world().culture.published_bold;
  }
  EXPECT_EQ(bold, 0);
  EXPECT_LT(silent.world().culture.openness, 0.2);
}

TEST(Culture, TheCensorStopsWhatIsTooBold) {
  auto p = free_press();
  p.censor_base = 0.3;
  p.initial_censorship = 0.3;
  test::WorldFixture f;
  culture::init(f.world(), p);
  hand_built_writers(f.world(), 0.0f, 0.0f);  // all dare, all too bold for the censor
  run(f, p, 0, 12);
  EXPECT_EQ(f.world().culture.published_bold, 0);
  EXPECT_GT(f.world().culture.rejected, 0);
  EXPECT_LE(f.world().culture.openness, 0.3 + 1e-9);
}

TEST(Culture, CrackdownWhenOpennessOutrunsTolerance) {
  auto p = free_press();
  test::WorldFixture f;
  culture::init(f.world(), p);
  hand_built_writers(f.world(), 0.0f, 0.03f);
  run(f, p, 0, 24);
  EXPECT_FALSE(f.world().events.first("culture.crackdown"));
  // The conservatives' patience runs out: same openness, lower tolerance.
  p.tolerance_base = 0.3;
  f.world().signals.conservative_pressure = 0.5;
  const float threshold_before = f.world().culture.writers[5].threshold;
  const double censor_before = f.world().signals.censorship;
  run(f, p, 24, 25);
  ASSERT_TRUE(f.world().events.first("culture.crackdown"));
  EXPECT_LT(f.world().signals.censorship, censor_before);
  EXPECT_GE(f.world().culture.writers[5].threshold, threshold_before);
  // Not again straight away.
  run(f, p, 25, 25 + static_cast<int>(p.crackdown_cooldown) - 1);
  EXPECT_EQ(f.world().events.with_code("culture.crackdown").size(), 1u);
}

TEST(Culture, PermittedCampLiteratureDependsOnTheCensor) {
  culture::Params p;
  for (bool lenient : {true, false}) {
    test::WorldFixture f;
    p.initial_censorship = lenient ? 0.6 : 0.1;
    p.censor_base = p.initial_censorship;
    culture::init(f.world(), p);
    f.world().culture.writers.clear();
    auto d = make("publication_permitted");
    set(d, "camp", 1);
    set(d, "boldness", 0.8);
    set(d, "approval", 0.3);
    const size_t channels = f.world().society.inputs.channels.size();
    d.spec->apply(f.world(), d);
    run(f, p, 0, 1);
    if (lenient) {
      EXPECT_TRUE(f.world().events.first("culture.publication"));
      ASSERT_EQ(f.world().society.inputs.channels.size(), channels + 1);
      EXPECT_EQ(f.world().society.inputs.channels.back().exposure.topic, CampTruth);
      EXPECT_GT(f.world().culture.openness, p.initial_openness);
    } else {
      EXPECT_TRUE(f.world().events.first("culture.permit_refused"));
      EXPECT_EQ(f.world().society.inputs.channels.size(), channels);
    }
  }
}

TEST(Culture, TheLeadersWordCarriesAsFarAsHisStanding) {
  culture::Params p;
  for (double security : {1.0, 0.0}) {
    test::WorldFixture f;
    p.initial_censorship = p.censor_base = 0.25;
    culture::init(f.world(), p);
    f.world().culture.writers.clear();
    f.world().signals.leader_security = security;
    auto d = make("publication_permitted");
    set(d, "boldness", 0.75);
    set(d, "approval", 0.3);
    d.spec->apply(f.world(), d);
    run(f, p, 0, 1);
    EXPECT_EQ(f.world().events.first("culture.publication") != nullptr, security > 0.5) << security;
    EXPECT_EQ(f.world().events.first("culture.permit_refused") != nullptr, security < 0.5) << security;
  }
}

TEST(Culture, AnExhibitionShocksOnlyWhenItOutrunsTolerance) {
  culture::Params p;
  double scandal[2];
  for (int bold = 0; bold < 2; ++bold) {
    test::WorldFixture f;
    culture::init(f.world(), p);
    f.world().culture.writers.clear();
    auto d = make("leader_sees_exhibition");
    set(d, "boldness", bold ? 0.9 : 0.0);
    d.spec->apply(f.world(), d);
    run(f, p, 0, 1);
    scandal[bold] = f.world().culture.scandal;
  }
  EXPECT_EQ(scandal[0], 0.0);
  EXPECT_GT(scandal[1], 0.0);
}

TEST(Culture, CriticismIsArrestedTheHarderTheMoreTheConservativesPress) {
  culture::Params p;
  double arrests[2];
  for (int pressed = 0; pressed < 2; ++pressed) {
    test::WorldFixture f;
    culture::init(f.world(), p);
    f.world().signals.dissent_expressed = 0.01;
    f.world().signals.conservative_pressure = pressed;
    run(f, p, 0, 1);
    arrests[pressed] = f.world().culture.arrests_agitation;
    EXPECT_NEAR(f.world().culture.psychiatric, p.psychiatric_share * arrests[pressed], 1e-9);
  }
  EXPECT_GT(arrests[0], 0.0);
  EXPECT_GT(arrests[1], arrests[0]);
}

TEST(Culture, CulturalExchangeOpensAWesternChannel) {
  culture::Params p;
  test::WorldFixture f;
  culture::init(f.world(), p);
  auto d = make("cultural_exchange");
  const size_t before = f.world().society.inputs.channels.size();
  d.spec->apply(f.world(), d);
  ASSERT_GT(f.world().society.inputs.channels.size(), before);
  for (size_t i = before; i < f.world().society.inputs.channels.size(); ++i)
    EXPECT_EQ(f.world().society.inputs.channels[i].exposure.topic, WesternCulture);
}

TEST(Culture, DeterministicAcrossThreadCounts) {
  culture::Params p;
  std::vector<double> series[2];
  for (int t = 0; t < 2; ++t) {
    test::WorldFixture f(50000, 5, t == 0 ? 1 : 2);
    culture::init(f.world(), p);
    f.world().signals.leader_reformism = 0.8;
    for (int m = 0; m < 48; ++m) {
      run(f, p, m, m + 1);
      series[t].push_back(f.world().signals.openness);
      series[t].push_back(f.world().signals.censorship);
    }
  }
  EXPECT_EQ(series[0], series[1]);
}

}  // namespace
}  // namespace thaw::model
