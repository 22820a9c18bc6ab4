// State of the elite mechanism, kept in the World. ODD: docs/odd/elite.md, "Entities, state
// variables and scales".
//
// Two kinds of agents: the named members of the Party Presidium (full members, candidates, and
// a pool of rising officials who may be promoted), and the full members of the Central Committee,
// each a seat tied by patronage to a patron among the named members. Entities refer to each other
// by index into `members`.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace thaw::model::elite {

// Where a member's power comes from (Hough & Fainsod 1979, ch. 7 on the institutional bases of
// the post-Stalin leaders).
enum class Base : uint8_t { Apparatus = 0, Ministries = 1, Security = 2, Army = 3 };
inline constexpr int kBases = 4;

// Full members vote in the Presidium; candidates and the pool wait to be promoted; the expelled,
// the arrested, the retired and the dead are out for good.
enum class Rank : uint8_t { Full = 0, Candidate = 1, Pool = 2, Expelled = 3, Arrested = 4, Retired = 5, Dead = 6 };

// Offices of state held by named members (the First Secretary is State::leader, the CC secretaries
// Member::secretary). Each gives a resource: the ministries, the head of state's dignity, the
// army, the police.
enum class Office : uint8_t { Premier = 0, HeadOfState = 1, Defence = 2, Interior = 3, Kgb = 4 };
inline constexpr int kOffices = 5;

struct Member {
  std::string name;
  Base base = Base::Apparatus;
  double reformism = 0.5;   // 0 hardline .. 1 reformer
  double complicity = 0;    // 0..1: part in the purges of the 1930s-50s, a liability once revealed
  double ambition = 0.5;    // 0..1: how much he values the top office
  double standing = 0.5;    // 0..1: personal weight within his base
  double industry = 0.5;    // 0 heavy industry and defence first .. 1 consumer goods first
  int patron = -1;          // the member who made his career, if any
  int born = 1900;          // year of birth
  double frailty = 1;       // multiplies his age's hazard of death (known illnesses)
  bool secretary = false;   // a secretary of the Central Committee
  int disgraced = -1;       // step at which he recanted after a failed move (-1: never)
  bool kingmaker = false;   // a defence minister whose side decided a crisis of the leadership
  Rank rank = Rank::Pool;
  std::vector<int> credit;  // per member: 1 if they stood together in a successful move
};

// A full member of the Central Committee: a regional party secretary, a minister, a marshal...
struct Seat {
  int patron = -1;          // member index, or -1: nobody's client
  Base base = Base::Apparatus;
  bool regional = false;    // a regional (obkom/kraikom/republic) party secretary
  float reformism = 0.5f;
  float complicity = 0;
  float grievance = 0;      // lasting resentment of reforms aimed at his kind of post
  int32_t since = 0;        // step at which he took the seat
};

struct State {
  std::vector<Member> members;
  std::vector<Seat> cc;
  int leader = -1;           // First Secretary, or -1: the collective leadership
  int office[kOffices] = {-1, -1, -1, -1, -1};  // holder of each office of state, or -1
  int secretariat = -1;      // who runs the Secretariat and so makes appointments

  // levers set by decisions
  double rotation_cc = 0;        // share of the CC (and Presidium) renewed each term (ELI-09)
  double rotation_regional = 0;  // share of regional committees renewed each term
  double rotation_term = 48;     // months between regular elections of the CC
  double rotation_regional_term = 24;
  bool party_split = false;      // the 1962 split into industrial and agricultural branches
  double split_pending = 0;      // grievance of the split not yet felt (the committees still to be split)
  double split_total = 0;        // the split's whole grievance per regional secretary

  // Regional economic councils while the economy mechanism does not yet provide
  // economy::State::sovnarkhoz_councils (the larger of the two is used; tests set this one).
  int sovnarkhoz_stub = 0;

  // emergent
  double failure = 0;            // the leader's record of policy failures, smoothed
  double record = 0;             // the selectorate's long account of the same failures
  int leader_since = 0;          // step at which the First Secretary took office: his failures are his own only with time
  double unrest_expected = -1;   // localities in unrest the leadership has come to expect (-1: not yet seen)
  double support = 1;            // share of the CC that would back the leader (expected)
  double insecurity = 0;         // mean chance that a CC member loses his post within the horizon
  double conservative_pressure = 0;
  bool plenum_overturned = false;  // a plenum has overturned a Presidium majority: the lesson is learnt
  int victor = -1;               // the First Secretary who has defeated a Presidium majority at a plenum (-1: none)

  // A conspiracy against the First Secretary, prepared in secret before anybody moves (submodel 4b).
  int plot_ringleader = -1;      // who organises it (-1: no plot)
  int plot_successor = -1;       // the man it would put in his place
  int plot_target = -1;          // the leader it is against: a new leader ends it
  int plot_since = 0;            // step at which the soundings began
  std::vector<uint8_t> sworn;    // per member: 1 if he has agreed to vote with the plotters
  int plots = 0, plots_exposed = 0;  // cumulative
  int challenges = 0;            // moves against a leader or for the top office, cumulative
  int removals = 0;
  int expulsions = 0;
  int arrests = 0;
  int dismissals = 0;            // members dropped from an office of state by a vote or for their threat
  int deaths = 0, retirements = 0;
};

}  // namespace thaw::model::elite
