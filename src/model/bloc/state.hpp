// State of the bloc mechanism, kept in the World. ODD: docs/odd/bloc.md.
//
// Per satellite: who leads and how (reformism, loyalty to Moscow), the austerity lever, the
// forces in the streets (Soviet garrison, an intervention's surge, the regime's own emergency
// deployments) and the memory of unrest. For the world: tension, prestige, the Chinese alliance,
// and the levers and clocks of the foreign-policy decisions (Warsaw Pact, missiles, ultimatum).
#pragma once

#include "model/bloc/china.hpp"

#include <string>
#include <vector>

namespace thaw::model::bloc {

struct Candidate {
  std::string name;
  double reformism = 0.5;  // 0 Stalinist .. 1 reformer
  double loyalty = 0.8;    // 0..1: how far Moscow can trust him to keep the country in the bloc
};

struct CountryState {
  bool satellite = false;
  std::string key, name;
  std::vector<Candidate> candidates;  // in the order the parameters give them
  int leader = -1;                    // index into candidates
  double austerity = 1;               // 1953 = 1: the squeeze on consumption (norms, prices, deliveries)
  double garrison = 0;                // Soviet troops stationed, people
  double surge = 0;                   // extra Soviet troops sent in an intervention, people
  double own_forces = 0;              // regime's emergency deployment, in view per urban adult
  int intervening_months = 0;         // > 0 while an intervention goes on
  bool declared_exit = false;         // the leadership declared neutrality / leaving the Pact
  bool in_unrest = false;             // last month above the unrest share
  bool in_uprising = false;           // last month above the uprising share
  double pressure = 0;                // accumulated unrest pressing for a change of leader
  double last_active_people = 0;      // people active at last month's peak (urban)
  double outside_news = 0;            // reach of foreign broadcasts of unrest at home (SatelliteDef)
  double dead = 0;                    // killed in interventions, cumulative
  double fear = 0.8;                  // fear of repression felt in the country (B10), written to society
  double expected_line = -1;          // B11: the course people there expect (Moscow's, as they know it); < 0 until the first month
  double fear_shock = 0;              // remembered shocks to it: + crackdowns and troops, - the regime giving way
  int interventions = 0;
};

struct State {
  std::vector<CountryState> countries;  // geography order; the USSR has satellite = false

  // Moscow's intervention policy (decision intervention_policy).
  bool intervene = true;
  double line = 0;        // Moscow's line this month (B3b), 0 Stalin's .. 1 full reform
  double line_start = -1; // the Soviet leader's course in the run's first month (B11), < 0 before it
  double intervention_threshold = 0.03;
  double loyalty_trust = 0.5;
  double control_factor = 4;

  // World.
  double crisis = 0;           // tension above the baseline, decaying
  double prestige = 0;         // decaying stock
  china::State china;          // the alliance and the split (china.hpp)
  double yugoslav = 0;         // rapprochement with Tito (0..1)
  bool warsaw_pact = false;

  // Missiles abroad (decision missile_deployment).
  double missiles = 0;
  bool missiles_discovered = false;
  double missile_resolve = 0.3, missile_trade = 0;
  int crisis_months = 0;

  // Berlin (decision berlin_ultimatum).
  int ultimatum_months_left = 0;
  double ultimatum_resolve = 0.3;
};

}  // namespace thaw::model::bloc
