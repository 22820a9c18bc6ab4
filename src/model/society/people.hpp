// The person pass of one neighbourhood cell: deaths, growing up, learning, belief, voice and the
// protest candidacy of every person in the cell's slots. ODD: docs/odd/society.md; the rules are
// society.hpp's, this file only arranges them for speed (docs/performance.md).
//
// The rules are written once, in people.cpp, over Google Highway: the same source is compiled for
// every x86-64 instruction set Highway targets (AVX-512, AVX2, SSE4, SSSE3) and for one person at
// a time (its scalar target), and the best one the CPU has is picked at the first call. Every
// person's randomness comes from 32-bit hashes of (slot ^ key), every choice is a select, every
// tally a count of lanes; integer hashes and IEEE float operations without contraction
// (-ffp-contract=off) in the same order give the same bits on every target, so a machine with
// AVX-512 and one without produce identical runs (tests/model/society/people_test.cpp runs every
// target compiled in and compares).
#pragma once

#include "engine/rng.hpp"
#include "model/society/population.hpp"
#include "model/thaw/signals.hpp"

#include <array>
#include <cstdint>
#include <vector>

namespace thaw::model::society {

// What a person brings with them and keeps, drawn from two 32-bit hashes of (slot, incarnation)
// under the run's keys, so it costs no memory. Epstein's H and R are U(0,1) (H scaled by local
// hardship here), Granovetter's thresholds U(0,1).
struct DispositionWords {
  uint32_t a, b;
};
struct DispositionKeys {
  uint32_t a, b;
};

inline uint32_t disposition_person(uint32_t slot, uint32_t incarnation) { return slot ^ (incarnation * 0x9e3779b9U); }
inline DispositionWords disposition_words(DispositionKeys k, uint32_t slot, uint32_t incarnation) {
  const uint32_t person = disposition_person(slot, incarnation);
  return {rng::hash32(person ^ k.a), rng::hash32(person ^ k.b)};
}
// Word a: hardship sensitivity (bits 0-15), risk aversion (16-31). Word b: voice threshold
// (0-11), personal offset (12-21), year of birth within 1940-52 (22-31).
inline float hardship_sensitivity_of(DispositionWords w) { return 0.5f + static_cast<float>(w.a & 0xffffu) * (1.0f / 65536.0f); }
inline float risk_aversion_of(DispositionWords w) { return static_cast<float>(w.a >> 16) * (1.0f / 65536.0f); }
inline float voice_threshold_of(DispositionWords w) { return static_cast<float>(w.b & 0xfffu) * (1.0f / 4096.0f); }
// Uniform with sd `spread` around the local climate (a uniform of width w has sd w / sqrt(12)).
inline float personal_offset_of(DispositionWords w, float spread) {
  return (static_cast<float>((w.b >> 12) & 0x3ffu) * (1.0f / 1024.0f) - 0.5f) * (spread * 3.4641016f);
}
inline int birth_year_offset_of(DispositionWords w) { return static_cast<int>(((w.b >> 22) * 13u) >> 10); }

// Everything the pass of one cell needs, prepared once per cell.
struct CellRules {
  uint32_t first_slot = 0;
  uint32_t size = 0;  // slots: a multiple of 64 (society.cell_agents is)
  DispositionKeys disposition_keys{};
  // This month's draw per person: death below death_below, moving to town above 2^32 - 256 x
  // migrate_below, the rounding of belief from its low byte.
  uint32_t draw_key = 0;
  std::array<uint32_t, kTopics> learn_key{};
  std::array<uint32_t, kTopics> embolden_key{};  // word of mouth's reference path only (society.cpp)
  std::array<uint32_t, kCohorts> death_below{};
  int youngest_adult_offset = 0;                 // born 1940 + offset: adult when offset <= this
  bool camp = false, rural = false;
  std::array<float, kClasses> climate{}, hardship{};
  // A clash with the police (society.cpp) adds incident_grievance to the hardship of the slots
  // [incident_begin, incident_end) of the cell (offsets; an empty range elsewhere), capped at 1,
  // and takes incident_legitimacy off their belief as their grievance weighs it (not at 0).
  uint32_t incident_begin = 0, incident_end = 0;
  float incident_grievance = 0, incident_legitimacy = 0;
  float spread = 0, climate_rate = 0, public_pull = 0, public_loyalty = 0;
  float outer_cost = 0, integrity_weight = 0, emboldened_factor = 0;
  float risk_scale = 0, emboldened_risk = 0, active_threshold = 0;
  uint32_t migrate_below = 0;  // of 24 bits (read in rural cells only)
  uint8_t open_topics = 0;     // topics a channel or word of mouth carries here this month
  // Topics the pass offers to those who lack them (bit t): the tables below are read for these only.
  uint8_t learn_topics = 0;
  // Per topic, by class x 4 + cohort: learn when the topic's hash is below (channel and word of
  // mouth folded into one chance), and lose the fear of speaking too when it is below
  // embolden_below (the learning threshold times the chance); the shock to belief, by cohort.
  std::array<std::array<uint32_t, kClasses * kCohorts>, kTopics> learn_below{}, embolden_below{};
  std::array<std::array<float, kCohorts>, kTopics> shock{};
};

// Per-chunk working arrays for one cell.
struct CellScratch {
  std::vector<uint8_t> adult;  // per slot: 1 for an adult this month (who learns, believes, speaks, protests)
  // Per slot, between the two halves of the pass (pass_cell_learning): the summed shocks to belief
  // of what the person learned this month.
  std::vector<float> shock;
  // Offsets in the cell, ascending, of this month's protest candidates (with their keys, (G - T) / R,
  // or 3 where R = 0) and of those moving to town; counts in CellCounts. Vector stores may write a
  // few entries past the last.
  std::vector<uint32_t> candidate, migrant;
  std::vector<float> candidate_key;
  static constexpr size_t kRoom = 64;  // entries past the cell's size (the widest vector's lanes)
  void resize(size_t n) {
    adult.resize(n), shock.resize(n);
    candidate.resize(n + kRoom), migrant.resize(n + kRoom), candidate_key.resize(n + kRoom);
  }
};

struct CellCounts {
  uint32_t persons = 0, deaths = 0, adults = 0, dissent = 0, expressing = 0, candidates = 0, migrants = 0;
  uint32_t legitimacy_sum = 0;  // of the adults' belief bytes
  std::array<uint32_t, kTopics> informed{};  // adults who know each topic
  // Persons who know each topic, children and newcomers included: a person moved to another block
  // draws a new year of birth there and may count as a child again, knowing what they knew.
  std::array<uint32_t, kTopics> knowers{};
};

// The cell's columns, offset to its first slot.
struct CellColumns {
  uint8_t* status;
  const uint8_t* traits;
  uint8_t* legitimacy;
  uint8_t* info;
  const uint8_t* info_prev;
};

// The month of one cell: deaths and children; learning of each topic of r.learn_topics by the
// adults who do not know it (channels and folded word of mouth in one chance), and losing the fear
// of speaking on learning it; belief, voice, grievance and candidacy, migration; the tallies.
// Clears last month's activity; info = last month's plus what was learned.
void pass_cell(const CellRules& r, const CellColumns& c, CellScratch& x, CellCounts& n);
// The same month in two halves, for word of mouth's reference path, which draws and looks up
// contacts in between: the first ends after learning (x.adult, x.shock hold what the second
// reads), the second does the rest. Together they give pass_cell's bits.
void pass_cell_learning(const CellRules& r, const CellColumns& c, CellScratch& x, CellCounts& n);
void pass_cell_belief(const CellRules& r, const CellColumns& c, CellScratch& x, CellCounts& n);

// Persons among `n` slots (the end of every block is room for births and newcomers: whole cells
// of it are empty and need no pass), and the topics some of them do not know (bit t).
struct CellCensus {
  uint32_t persons = 0;
  uint8_t lacking = 0;
};
CellCensus cell_census(const uint8_t* status, const uint8_t* info, uint32_t n);
// Knowers of each topic among `n` slots (from last month's knowledge), then the persons.
std::array<uint32_t, kTopics + 1> count_knowers(const uint8_t* info, const uint8_t* status, uint32_t n);
// The entries of (index, key)[0, n) whose key is above `threshold`, in order, to (index_out,
// kept); returns how many.
uint32_t select_above(const uint32_t* index, const float* key, uint32_t n, float threshold, uint32_t* index_out, float* kept);

// The instruction sets the pass is compiled for and this CPU runs (Highway's target bits, best
// first), and their names. For tests and benchmarks: use_pass_target(t) makes every later pass of
// the process run target t (0: the best again).
std::vector<int64_t> pass_targets();
const char* pass_target_name(int64_t target);
void use_pass_target(int64_t target);

}  // namespace thaw::model::society
