// The person pass of one neighbourhood cell: deaths, growing up, learning, belief, voice and the
// protest candidacy of every person in the cell's slots. ODD: docs/odd/society.md; the rules are
// society.hpp's, this file only arranges them for speed (docs/performance.md).
//
// The pass runs as a few straight loops over the cell's slots, each without branches, so that the
// compiler turns them into vector code (16 people per instruction with AVX-512): every person's
// randomness comes from 32-bit hashes of (slot ^ key), every choice is a select, every tally a
// reduction. The rare parts (who moves to town, who protests) are left to short scalar loops over
// the few concerned. Integer hashes and IEEE float
// operations without contraction (-ffp-contract=off) give the same bits whatever the vector width,
// so a machine with AVX-512 and one without produce identical runs.
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

inline DispositionWords disposition_words(DispositionKeys k, uint32_t slot, uint32_t incarnation) {
  const uint32_t person = slot ^ (incarnation * 0x9e3779b9U);
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
  uint32_t size = 0;
  DispositionKeys disposition_keys{};
  uint32_t death_key = 0, draw_key = 0;  // this month's: death; rounding (bits 0-7), migration (8-31)
  std::array<uint32_t, kTopics> learn_key{}, embolden_key{};
  std::array<uint32_t, kCohorts> death_below{};  // die when the death hash is below
  int youngest_adult_offset = 0;                 // born 1940 + offset: adult when offset <= this
  bool camp = false, rural = false;
  std::array<float, kClasses> climate{}, hardship{};
  float spread = 0, climate_rate = 0, public_pull = 0, public_loyalty = 0;
  float outer_cost = 0, integrity_weight = 0, emboldened_factor = 0;
  float risk_scale = 0, emboldened_risk = 0, active_threshold = 0;
  uint32_t migrate_below = 0;  // of 24 bits
  uint8_t open_topics = 0;     // topics a channel or word of mouth carries here this month
  // Per topic, by class x 4 + cohort: learn when the topic's hash is below (channel and word of
  // mouth folded into one chance).
  std::array<std::array<uint32_t, kClasses * kCohorts>, kTopics> learn_below{};
  std::array<std::array<float, kCohorts>, kTopics> shock{};
  std::array<std::array<uint32_t, kCohorts>, kTopics> embolden_below{};
};

// Per-chunk working arrays, one entry per slot of the cell.
struct CellScratch {
  std::vector<uint8_t> adult, migrant;
  std::vector<float> belief, key;
  std::vector<uint32_t> word_a, word_b, draws;
  void resize(size_t n) {
    adult.resize(n), migrant.resize(n);
    belief.resize(n), key.resize(n);
    word_a.resize(n), word_b.resize(n), draws.resize(n);
  }
};

struct CellCounts {
  uint32_t persons = 0, deaths = 0, adults = 0, dissent = 0, expressing = 0, candidates = 0, migrants = 0;
  uint32_t legitimacy_sum = 0;  // of the adults' belief bytes
  std::array<uint32_t, kTopics> informed{};  // adults who know each topic
  // Persons who know each topic, children and newcomers included: a person moved to another block
  // draws a new year of birth there and may count as a child again, knowing what they knew.
  std::array<uint32_t, kTopics> knowers{};
  uint8_t unknown = 0;          // topics some adult of the cell does not know yet
};

// The cell's columns, offset to its first slot.
struct CellColumns {
  uint8_t* status;
  const uint8_t* traits;
  uint8_t* legitimacy;
  uint8_t* info;
  const uint8_t* info_prev;
};

// Phase 1: deaths, children, this month's words; clears last month's activity; info = last month's.
void pass_demography(const CellRules& r, const CellColumns& c, CellScratch& x, CellCounts& n);
// Phase 2: learning of each topic of `topics` (bit t for topic t) by the adults who do not know it
// (channels and folded word of mouth in one chance), and losing the fear of speaking on learning
// it; for each person, topic by topic in order.
void pass_learning(const CellRules& r, uint8_t topics, const CellColumns& c, CellScratch& x);
// Phase 3: belief, voice, grievance and candidacy, migration; the cell's tallies.
void pass_belief(const CellRules& r, const CellColumns& c, CellScratch& x, CellCounts& n);

// Persons among `n` slots (the end of every block is room for births and newcomers: whole cells
// of it are empty and need no pass).
uint32_t count_persons(const uint8_t* status, uint32_t n);
// The offsets (into `n` slots, ascending) whose key is above `threshold` go to `index`, their keys
// to `kept`; returns how many. Both need room for n + 16 entries (vector stores may run over).
uint32_t select_above(const float* key, uint32_t n, float threshold, uint32_t* index, float* kept);
// The offsets of the non-zero bytes among `n`, ascending; returns how many. `index` needs room
// for n entries.
uint32_t select_nonzero(const uint8_t* flag, uint32_t n, uint32_t* index);
// Knowers of each topic among `n` slots (from last month's knowledge), then the persons.
std::array<uint32_t, kTopics + 1> count_knowers(const uint8_t* info, const uint8_t* status, uint32_t n);

}  // namespace thaw::model::society
