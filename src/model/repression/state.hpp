// State of the repression mechanism, kept in the World. ODD: docs/odd/repression.md.
//
// Custody is a side table over the camp blocks of the population (the camp localities form one
// range of slots): a few bytes per camp slot, so that 2.5 M prisoners at one agent per person
// cost about 20 MB and no per-prisoner objects. Special settlers live in ordinary localities with
// status Settler; they are listed (slot, nation) in slot order.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace thaw::model::repression {

// The custody byte of a camp slot.
inline constexpr uint8_t kCategoryMask = 0x03;  // Category below
inline constexpr uint8_t kGrave = 0x04;         // banditry, murder, large theft: excluded from amnesties
inline constexpr uint8_t kVulnerable = 0x08;    // minors, mothers of small children, the sick (REP-03)
inline constexpr uint8_t kCollaborator = 0x10;  // convicted of collaboration with the occupier (REP-08)
inline constexpr uint8_t kAmnestied = 0x20;     // release date set by an amnesty
inline constexpr uint8_t kReviewed = 0x40;      // case reviewed by the current commissions
inline constexpr uint8_t kHeld = 0x80;          // the slot holds a prisoner this mechanism sentenced

enum Category : uint8_t { Criminal = 0, Political = 1, Foreign = 2 };
inline Category category_of(uint8_t flags) { return static_cast<Category>(flags & kCategoryMask); }

// One prisoner per camp slot, as a structure of arrays indexed by slot - first_slot.
struct Custody {
  uint64_t first_slot = 0;           // first slot of the camp range
  std::vector<uint8_t> flags;
  std::vector<uint8_t> term_years;   // the sentence imposed (what amnesties look at)
  std::vector<int16_t> release_step; // month (steps since the start) the sentence ends
  std::vector<uint16_t> home;        // locality to go home to; for foreigners, their group

  size_t size() const { return flags.size(); }
  bool covers(uint64_t slot) const { return slot >= first_slot && slot - first_slot < flags.size(); }
};

// A special settler (deported nation, kulak): where they are and who they are, to tell death and
// reuse of the slot (traits byte changes) from the settler still being there.
struct Settler {
  uint64_t slot;
  uint8_t nation;
  uint8_t traits;
  uint8_t phase;  // 0 settler; 1 free, may not go home; 2 free and allowed home, not yet gone
};

// Prisoners of a satellite's own regime, held where they were arrested (the Gulag is Soviet):
// the slot, the person's traits (to tell them from a newborn in a reused slot) and the month they go.
struct LocalPrisoner {
  uint64_t slot;
  uint8_t traits;
  int16_t release_step;
};

struct Amnesty {
  std::string id;
  double max_term = 5;
  bool criminal = true, political = false, collaborators = false, vulnerable = true, exclude_grave = true;
  double share = 1, reduce_other = 0;
  int months = 3;
  int64_t first_step = 0;
  bool applied = false;
  double released = 0;  // agents, counted as they leave
  double eligible = 0;
};

struct Commissions {
  bool open = false;
  std::string id;
  double cases_per_month = 0;  // people
  double release_share = 0, rehabilitate_share = 0, reduce_share = 0;
  int months_left = 0;
  double carry = 0;            // fractional cases carried to next month (agents)
  uint64_t cursor = 0;         // next camp slot offset in the queue
  double reviewed = 0, released = 0, rehabilitated = 0;  // agents, this campaign
  double year_reviewed = 0, year_released = 0, year_rehabilitated = 0;
};

struct NationState {
  std::string key, name;
  int home = -1, home_alt = -1;  // localities: the countryside and the towns of the home region
  bool lifted = false, may_return = false;
  double returned = 0;        // agents, cumulative
  double freed = 0;           // agents freed from the settlement regime
};

struct GroupState {
  std::string key, name;
  bool ordered = false, reported = false;
  int64_t first_step = 0;
  int months = 1;
  double repatriated = 0;     // agents
};

struct State {
  Custody custody;
  std::vector<Settler> settlers;  // ascending slot
  std::vector<LocalPrisoner> local_prisoners;  // ascending slot
  std::vector<NationState> nations;
  std::vector<GroupState> groups;

  // Levers (set by decisions).
  double legality = 0;                 // 0 Stalinist extrajudicial practice .. 1 procedural guarantees
  double security_level = 1;           // multiplier on the security forces per adult
  double criminal_rate_factor = 1;     // custodial sentences for ordinary crime, 1953 practice = 1
  double criminal_term_factor = 1;
  double political_term_factor = 1;
  bool special_regime = true;          // special camps (osoblag) exist
  std::vector<Amnesty> amnesties;
  Commissions commissions;

  // Camps.
  std::vector<float> camp_hardship;    // per camp
  std::vector<int> strike_months;      // per camp: months of the strike episode under way (0: none)
  std::vector<double> episode_peak;    // per camp: strikers at the episode's height, agents
  std::vector<float> exhaustion;       // per camp: fear added by the length of the strike (hunger, cold)
  std::vector<float> expectation;      // per camp: hopes raised by news of change at the top, decaying
  std::vector<int> complex_of;         // per camp: index of its complex, -1 alone
  double legality_seen = 0;            // legality the camps last heard of
  std::vector<int> garrison_months;    // per camp: months of reinforced guard left
  std::vector<float> camp_fear_bump;   // per camp, decaying
  std::vector<int> camp_locality;      // per camp
  std::vector<double> camp_weight;     // per camp: share of the 1953 prisoners (where the sentenced go)
  std::vector<double> camp_prisoners;  // per camp, agents, last count
  std::vector<double> camp_political;
  double deprivation = 0;              // remembered release-rate gap, others minus politicals
  std::vector<int> alt_locality;       // per locality: the other block of its region (towns/countryside)

  // Per locality: memories behind fear.
  std::vector<float> arrest_memory;    // political sentences per 1000 adults, decaying
  std::vector<float> relief_memory;    // returnees and rehabilitations per 1000 adults, decaying

  // Crime.
  double crime_memory = 0;             // smoothed monthly releases of criminals per 1000 people
  double crime_memory_1953 = 0;
  bool crime_wave = false;

  // Totals (agents).
  double released_total = 0, rehabilitated_total = 0, amnestied_total = 0, deaths_total = 0, killed_total = 0;
  double sentenced_political_total = 0, sentenced_criminal_total = 0, returned_total = 0, repatriated_total = 0;
  double expired_total = 0, political_released_total = 0, settlers_freed_total = 0;
  double released_month = 0, criminal_released_month = 0;
  double prisoners = 0, political = 0, settlers_count = 0;  // agents, this month
};

}  // namespace thaw::model::repression
