// A small World for testing one mechanism on its own.
//
// #include "model/support/world_fixture.hpp"
//   test::WorldFixture f;                     // default geography at 1 agent per 50,000 people
//   economy::Params p;
//   economy::init(f.world(), p);
//   f.world().step = 12; f.world().month = f.world().calendar.month_at(12);
//   economy::step(f.world(), p);
//
// Only society is initialised (it creates the localities and the people); the test initialises
// and steps the mechanism it examines, and sets the inputs that others would have set.
#pragma once

#include "engine/parallel.hpp"
#include "model/society/internal.hpp"
#include "model/society/society.hpp"
#include "model/thaw/thaw_model.hpp"
#include "model/thaw/world.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace thaw::model::test {

class WorldFixture {
 public:
  explicit WorldFixture(double scale = 50000, uint64_t seed = 1, int threads = 1)
      : executor_(threads), world_(std::make_unique<World>()) {
    Params defaults;
    World& w = *world_;
    w.calendar = defaults.calendar();
    w.month = defaults.start;
    w.seed = seed;
    w.scale = scale;
    w.executor = &executor_;
    w.geo.countries = defaults.countries;
    w.geo.regions = defaults.regions;
    w.geo.camps = defaults.camps;
    society::init(w, society_params);
  }

  World& world() { return *world_; }

  // Moves the clock to `step` months after March 1953.
  void at_step(int64_t step) {
    world_->step = step;
    world_->month = world_->calendar.month_at(step);
  }

  int locality(std::string_view name) const {
    for (size_t l = 0; l < world_->geo.localities.size(); ++l)
      if (world_->geo.localities[l].name == name) return static_cast<int>(l);
    return -1;
  }

  society::Params society_params;

 private:
  Executor executor_;
  std::unique_ptr<World> world_;
};

// The people, writable: for a test that plays society (marks strikers, say) to set up what another
// mechanism reads. Mechanisms themselves change people only through society's functions.
inline society::Population& people_of(World& w) { return society::PeopleWriter::of(w.society); }

// A decision of `kind` with the kind's defaults, some fields changed: make_decision("amnesty",
// {{"max_sentence_years", 5}}). Apply it with d.spec->apply(world, d).
inline Decision make_decision(std::string_view kind, std::vector<std::pair<std::string, double>> numbers = {},
                              std::vector<std::pair<std::string, std::string>> texts = {}) {
  Decision d;
  d.id = std::string(kind) + "-test";
  d.kind = std::string(kind);
  d.spec = find_decision_kind(kind);
  EXPECT_NE(d.spec, nullptr) << kind;
  if (!d.spec) return d;
  for (const auto& f : d.spec->numbers) d.numbers.push_back(f.default_value);
  for (const auto& f : d.spec->texts) d.texts.emplace_back(f.default_value);
  for (const auto& [k, v] : numbers)
    for (size_t i = 0; i < d.spec->numbers.size(); ++i)
      if (d.spec->numbers[i].name == k) d.numbers[i] = v;
  for (const auto& [k, v] : texts)
    for (size_t i = 0; i < d.spec->texts.size(); ++i)
      if (d.spec->texts[i].name == k) d.texts[i] = v;
  return d;
}

}  // namespace thaw::model::test
