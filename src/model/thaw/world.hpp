// Everything a month of the Thaw model reads and writes.
//
// Definitions (geography) are fixed at setup; each mechanism owns its State and writes only that,
// its Signals and its own inputs of society (society/state.hpp: Inputs); it reads anything, and
// changes people only through society's functions (the people are read-only outside society).
// Entities refer to each other by index, never by pointer. docs/architecture.md, "Who writes what".
#pragma once

#include "engine/calendar.hpp"
#include "engine/parallel.hpp"
#include "engine/rng.hpp"
#include "model/bloc/state.hpp"
#include "model/bloc/world_reactions.hpp"
#include "model/culture/state.hpp"
#include "model/economy/state.hpp"
#include "model/elite/state.hpp"
#include "model/repression/state.hpp"
#include "model/society/state.hpp"
#include "model/thaw/events.hpp"
#include "model/thaw/geography.hpp"
#include "model/thaw/signals.hpp"

namespace thaw::model {

struct World {
  Calendar calendar;
  int64_t step = 0;             // months since the start
  Month month;                  // calendar.month_at(step)
  uint64_t seed = 1;
  double scale = 1000;          // people per agent
  const Executor* executor = nullptr;

  Geography geo;
  society::State society;
  economy::State economy;
  repression::State repression;
  culture::State culture;
  elite::State elite;
  bloc::State bloc;
  abroad::State abroad;
  // Ids of the decisions taken so far, in the order taken (the decisions phase): premises read it.
  std::vector<std::string> decisions_taken;
  Signals signals;
  EventLog events;

  // Random numbers for one entity this month; `stream` names the purpose.
  rng::Draws draws(uint32_t stream, uint64_t entity = 0) const {
    return rng::Draws(seed, stream, entity, static_cast<uint64_t>(step));
  }
  double people(double agents) const { return agents * scale; }
  int year() const { return month.year(); }

  void add_event(std::string code, Severity severity, std::string text,
                 std::vector<std::pair<std::string, double>> data = {}, std::string subject = {}) {
    events.add(month, std::move(code), severity, std::move(text), std::move(data), std::move(subject));
  }
};

}  // namespace thaw::model
