// The Party and elite politics. ODD: docs/odd/elite.md.
//
//   elite::Params p;                  // the Presidium of March 1953 and a CC of 125
//   elite::init(world, p);            // signals.leader = "the collective leadership"
//   elite::step(world, p);            // every month: appointments, coalitions, votes, appeals
//
// Named Presidium members and a Central Committee of patronage clients. Each month the CC members'
// backing of the leader follows from patronage and interest (selectorate theory: Bueno de Mesquita,
// Smith, Siverson & Morrow 2003, The Logic of Political Survival); members weigh a move against the
// leader by its expected utility (Bueno de Mesquita 1985, "The war trap revisited"; 2002,
// Predicting Politics); the Presidium votes, the loser may appeal to the CC plenum. Nothing here
// knows a date.
#pragma once

#include "engine/params.hpp"
#include "model/elite/state.hpp"
#include "model/thaw/decisions.hpp"
#include "model/thaw/indicators.hpp"

#include <span>
#include <string>
#include <vector>

namespace thaw::model {
struct World;
}

namespace thaw::model::elite {

// A named member as the scenario gives him (docs/odd/elite.md, "Initialisation").
struct MemberDef {
  std::string name;
  std::string base = "apparatus";  // apparatus | ministries | security | army
  std::string rank = "full";       // full | candidate | pool
  std::string patron;              // whose client he is, if anyone's
  double reformism = 0.5;
  double complicity = 0;
  double ambition = 0.5;
  double standing = 0.5;
  double clients = 0;              // share of the 1953 CC who are his clients
  void describe(ParamVisitor& v);
};

std::vector<MemberDef> default_members();

struct Params {
  std::vector<MemberDef> members = default_members();
  std::string secretariat = "Malenkov";  // senior CC secretary at Stalin's death

  // the Central Committee
  int64_t cc_size = 125;                 // full members elected in 1952
  double regional_share = 0.45;          // regional party secretaries among them
  double appointment_rate = 0.012;       // per month: posts refilled by the Secretariat
  double congress_renewal = 0.35;        // share of the CC replaced at a congress without rotation

  // backing of the leader (CC and Presidium), in utility units
  double loyalty_base = 1.0;             // incumbency: a leader is backed unless reasons pile up
  double w_patronage = 2.0;              // a client's stake in his patron's survival
  double w_follow = 1.0;                 // a client follows his patron's stance
  double winning_share = 0.5;            // W/S: chance of a place in a new winning coalition
  double discount = 0.01;                // per month
  double horizon = 48;                   // months over which tenure matters
  double w_tenure = 2.0;                 // cost of insecurity of tenure
  double w_ideology = 1.5;               // cost of distance in reformism
  double w_complicity = 2.0;             // fear of a reforming leader once revelations spread
  double w_decentral = 0.8;              // regional secretaries' gain from regional councils
  double w_failure = 1.0;                // blame for policy failures
  double split_grievance = 0.8;          // regional secretaries' resentment of the party split
  double grievance_half_life = 60;       // months
  double failure_half_life = 6;          // months
  double harvest_scale = 0.2;            // a shortfall of this size counts as one failure
  double unrest_scale = 6;               // localities in unrest beyond the expected that count as one failure
  double expectation_half_life = 36;     // months: how fast the expected level of unrest adapts
  double vote_sharpness = 3.0;           // logistic slope of a vote on utility

  // moves
  double w_selectorate = 2.0;            // Presidium members weigh the leader's backing in the CC
  double w_dominance = 2.0;              // fear of a leader who has packed the CC, in those not his clients
  double w_office = 1.5;                 // value of the top office to a fully ambitious man
  double w_credit = 0.6;                 // bond among those who won a move together
  double expulsion_cost = 1.5;           // cost of a failed move (expulsion), times (1 + standing)
  double bid_cost = 0.2;                 // cost of a failed bid for the top office
  double estimate_sd = 0.8;              // error of a member's estimate of the odds (logit)
  double move_chance = 0.25;             // per month: an occasion to act (a meeting, a leader away)
  double absence = 0.05;                 // chance a member misses a session
  double client_chance = 0.5;            // an appointee is the appointer's client with this chance
  double plenum_foresight = 0.5;         // weight given to the plenum when judging a move's odds
  double w_clients = 1.0;                // power from CC clients (share) relative to standing
  double security_threat = 1.5;          // weight of the security base in the threat one poses
  double w_fear = 2.0;                   // how much members fear a threatening colleague
  double arrest_cost = 2.0;              // cost of a failed arrest (the target strikes back)
  int64_t presidium_target = 11;         // seats the First Secretary fills up to

  void describe(ParamVisitor& v);
};

std::span<const DecisionKind> decision_kinds();
void init(World& world, const Params& params);
void step(World& world, const Params& params);
void record(const World& world, IndicatorRow& row);

// ---- the rules, exposed for tests ---------------------------------------------------------------

// The sovnarkhoz reform's regional councils (economy::State::sovnarkhoz_councils), 0 until the
// economy mechanism provides them.
int sovnarkhoz_councils(const World& world);

// Reformism of a leader (a member index, or -1 for the collective: the power-weighted mean).
double leader_position(const World& world, const Params& p, int leader);
// A member's power: standing in his base plus his clients in the CC.
double power(const World& world, const Params& p, int member);
// Monthly chance that a seat is refilled, and the chance it is lost within the horizon.
double seat_hazard(const World& world, const Params& p, int seat);
double insecurity(const World& world, const Params& p, int seat);
// Utility to CC seat `seat` of `leader` leading (probability of backing = logistic of it).
double seat_utility(const World& world, const Params& p, int seat, int leader);
double backing(const World& world, const Params& p, int seat, int leader);
// Utility to member `m` of `leader` leading (-1: the collective).
double member_utility(const World& world, const Params& p, int m, int leader);

// A move: a coalition proposes to replace the leader (or the collective) by `successor`.
struct Move {
  int ringleader = -1;
  int successor = -1;
  double success = 0;  // the ringleader's estimate of the chance it carries
  double utility = 0;  // his expected utility of launching it
};
// The best move this month (a ringleader with the highest expected utility), with the draws the
// step uses; a move is launched only if utility > 0.
Move best_move(const World& world, const Params& p);

struct Tally {
  int yes = 0, no = 0, present = 0;
};
struct Outcome {
  Tally presidium, plenum;
  bool presidium_carried = false;
  bool appealed = false;
  bool removed = false;
};
// Runs a move to its end: the Presidium vote, an appeal to the plenum, removal or expulsions.
Outcome run_move(World& world, const Params& p, const Move& move);

}  // namespace thaw::model::elite
