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
  double industry = 0.5;           // 0 heavy industry and defence first .. 1 consumer goods first
  int64_t born = 1900;
  double frailty = 1;              // multiplies the hazard of death at his age
  std::string offices;             // offices of state held in March 1953, joined by '+'
  bool secretary = false;          // a CC secretary in March 1953
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
  double reform_months = 6;              // months over which the split of the committees is carried out
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

  // offices: the resource each gives, in units of standing
  double power_premier = 0.3;
  double power_head_of_state = 0.05;
  double power_defence = 0.3;
  double power_interior = 0.1;
  double power_kgb = 0.3;
  double power_secretary = 0.15;
  int64_t secretaries = 5;               // named CC secretaries a First Secretary keeps, himself included
  double secretary_patronage = 0.4;      // share of the appointments not the appointer's own that go to a secretary's man
  double w_industry = 1.0;               // cost of distance on heavy industry vs consumer goods
  double w_rival = 1.5;                  // a First Secretary's gain from removing a rival from an office, times his power
  double w_disgrace = 1.5;               // his gain from taking an office from a man who moved against him
  double office_move_cost = 0.5;         // cost to him of a failed motion to dismiss an office-holder
  double office_move_chance = 1.0 / 6;   // per month: a plenum or a session of the Supreme Soviet that can change an office-holder
  double w_secretariat = 1.0;            // a CC secretary's advantage as the rallying successor
  double w_network = 0.5;                // share of his premium a client keeps under a successor from the leader's network
  double cumulation_share = 0.55;        // share of the CC his clients must hold before he takes the premiership himself

  // the conspiracy: a move against a sitting leader is prepared in secret (submodel 4b)
  double sound_floor = 0.5;              // a plotter sounds out only a colleague at least this likely to agree
  double leak_chance = 0.2;              // chance that a man who refuses tells the leader
  double sounding_months = 3;            // months of soundings that halve the variance of the plotters' estimate
  double plot_patience = 18;             // months after which a plot that has not struck is dropped

  // votes and their aftermath
  double bandwagon = 6.0;                // logit shift of a CC vote towards the expected winner, per unit of 2E-1
  double faction_core = 1.0;             // gain from the move above which a yes-voter leads the faction and is expelled
  double recant_cost = 0.15;             // standing a recanting yes-voter loses
  double w_army = 0.3;                   // weight of the defence minister's side in a plenum
  double army_tolerance = 0.8;           // threat (ambition x power) of a marshal the others tolerate
  double dismissal_cost = 1.0;           // cost of a failed dismissal of a marshal

  // the selectorate's memory
  double record_half_life = 48;          // months
  double w_record = 0.3;                 // weight of the long account of failures in a CC member's backing
  double ownership_months = 48;          // months in office before a First Secretary answers fully for failures

  // ageing
  double mortality_60 = 0.006;           // yearly chance of death at 60
  double mortality_doubling = 8;         // years over which it doubles (Gompertz)
  double retire_age = 75;                // years: from this age a member may retire
  double retire_rate = 0.02;             // per month, from retire_age

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
// A member's power: standing in his base, his clients in the CC and the resources of his offices.
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
// Sworn plotters (State::sworn, while a plot is on) always sit and vote yes.
Outcome run_move(World& world, const Params& p, const Move& move);

// The conspiracy (submodel 4b): a move against a sitting First Secretary begins as a plot of its
// ringleader and the man it would put in; each month one more colleague is sounded out, and the
// plotters strike only once a majority of the full members is sworn and their (now better
// informed) expected utility is positive. A man who refuses may tell the leader.
void begin_plot(World& world, const Params& p, const Move& move);
void conspire(World& world, const Params& p);   // one month of soundings
bool strike(World& world, const Params& p);     // at an occasion: launch the move if ready

// Chance that each CC seat backs `to` against `from` in a plenum, after the bandwagon: each man's
// sincere chance shifted towards the side the plenum is expected to take.
std::vector<double> plenum_chances(const World& world, const Params& p, int from, int to);

// The First Secretary's share of the blame for this month's failures (the collective leadership's:
// all of it), rising linearly to 1 over `ownership_months` of his tenure (his predecessors' legacy
// and his colleagues' policies first, his own programme later).
double responsibility(const World& world, const Params& p);

// Members age: death and retirement, with the vacancies they leave (the leader's death ends his
// leadership).
void age_members(World& world, const Params& p);
// Vacant offices and secretaryships are filled by the First Secretary (or, without one, the
// Presidium's strongest man); the leader takes the premiership himself once his clients hold
// `cumulation_share` of the CC.
void fill_offices(World& world, const Params& p);
// The First Secretary's motion to dismiss a rival or a recanter from an office of state; returns
// whether a motion was put.
bool office_move(World& world, const Params& p);
// The First Secretary's dismissal of a minister of defence whose threat (ambition x power, doubled
// once his side has decided a crisis of the leadership) exceeds `army_tolerance`.
bool dismiss_marshal(World& world, const Params& p);

}  // namespace thaw::model::elite
