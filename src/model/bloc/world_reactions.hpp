// Reactions abroad: what outside actors did because of what happened inside the bloc. ODD:
// docs/odd/abroad.md.
//
//   abroad::step(world, params.abroad);   // after the bloc's phase: the speech leaks, is published, broadcast
//
// The scenario scripts what outside actors decided on their own account; what they did in
// answer to Soviet events is a rule here. Today that is the Secret Speech's road to the world:
// once the speech is known among Soviet party members, its text goes to the satellites' parties
// (the Soviet leadership sent it to them: Taubman, "Khrushchev: The Man and His Era", 2003, ch.
// 11); while it circulates there it may reach Western hands each month (it did through Warsaw in
// April 1956: Machcewicz, "Rebellious Satellite: Poland 1956", 2009); once it has, the US
// publishes it after a delay (4 June 1956) and Radio Free Europe broadcasts it into every
// satellite. Without the speech none of this happens: knowledge travels only through channels
// the model has.
#pragma once

#include "engine/checksum.hpp"
#include "engine/params.hpp"
#include "model/thaw/decisions.hpp"
#include "model/thaw/indicators.hpp"

#include <span>

namespace thaw::model {
struct World;
}

namespace thaw::model::abroad {

struct Params {
  // The text goes to the satellites' parties once this share of Soviet adults knows the speech.
  double known_threshold = 0.02;
  double fraternal_party = 0.25;  // monthly chance that a satellite party member hears it read out
  int64_t fraternal_months = 3;
  double leak_chance = 0.5;       // monthly chance, while it circulates abroad, that it reaches the West
  int64_t publication_delay = 2;     // months from the leak to its publication in the West
  // Radio Free Europe's broadcasts into each satellite, monthly chances by listener.
  double broadcast_party = 0.2;
  double broadcast_youth = 0.2;
  double broadcast_urban = 0.15;
  double broadcast_rural = 0.05;
  int64_t broadcast_months = 4;
  void describe(ParamVisitor& v);
};

struct State {
  int64_t sent_step = -1;       // the text went to the fraternal parties
  int64_t leaked_step = -1;     // it reached the West
  int64_t published_step = -1;  // it was published and broadcast
  bool known_abroad() const { return leaked_step >= 0; }
};

void init(World& w, const Params& p);
void step(World& w, const Params& p);
void record(const World& w, IndicatorRow& row);
std::span<const DecisionKind> decision_kinds();
void checksum(const World& w, Checksum& c);

}  // namespace thaw::model::abroad
