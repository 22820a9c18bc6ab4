// The person pass of one cell, as vectorisable loops. ODD: docs/odd/society.md; why it is written
// this way: people.hpp and docs/performance.md.
#include "model/society/people.hpp"

#include <algorithm>

// Each loop is compiled for three instruction sets and the best one the CPU has is picked when the
// program loads (GCC function multiversioning); the results are the same bits on all three.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && !defined(THAW_NO_CLONES)
#define THAW_VECTOR_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define THAW_VECTOR_CLONES
#endif
// The counts have hand-written AVX-512 versions (people_avx512.cpp), used where the CPU has it;
// not in the scalar twin the tests compare them with.
#ifndef THAW_NO_CLONES
#define THAW_HAND_WRITTEN 1
#include "model/society/people_avx512.hpp"
#else
#define THAW_HAND_WRITTEN 0
#endif

// tests/model/society/people_scalar.cpp compiles this file a second time, without vectors and
// into a namespace of its own, to check that every version gives the same bits.
#ifndef THAW_PEOPLE_NAMESPACE
#define THAW_PEOPLE_NAMESPACE thaw::model::society
#endif

namespace THAW_PEOPLE_NAMESPACE {

namespace {
// A sixteen-entry table (class x cohort) read by a tree of selects: on Zen 4 a gather of sixteen
// lanes costs more than fifteen blends.
struct Table16 {
  std::array<uint32_t, 16> v;
  uint32_t operator[](uint32_t i) const {
    uint32_t level1[8], level2[4], level3[2];
    for (uint32_t k = 0; k < 8; ++k) level1[k] = (i & 1u) ? v[2 * k + 1] : v[2 * k];
    for (uint32_t k = 0; k < 4; ++k) level2[k] = (i & 2u) ? level1[2 * k + 1] : level1[2 * k];
    for (uint32_t k = 0; k < 2; ++k) level3[k] = (i & 4u) ? level2[2 * k + 1] : level2[2 * k];
    return (i & 8u) ? level3[1] : level3[0];
  }
};
// A four-entry table indexed by a lane's cohort or class, held in registers and read by selects:
// a gather from memory would keep the loop scalar without AVX2, and a load under a condition is
// control flow the vectoriser gives up on.
template <class T>
struct Table4 {
  T v0, v1, v2, v3;
  explicit Table4(const std::array<T, 4>& t) : v0(t[0]), v1(t[1]), v2(t[2]), v3(t[3]) {}
  T operator[](uint32_t i) const {
    const T low = (i & 1u) ? v1 : v0;
    const T high = (i & 1u) ? v3 : v2;
    return (i & 2u) ? high : low;
  }
};
}  // namespace

THAW_VECTOR_CLONES
void pass_demography(const CellRules& r, const CellColumns& c, CellScratch& x, CellCounts& n) {
  uint8_t* __restrict status = c.status;
  const uint8_t* __restrict traits = c.traits;
  const uint8_t* __restrict legitimacy = c.legitimacy;
  uint8_t* __restrict info = c.info;
  const uint8_t* __restrict info_prev = c.info_prev;
  uint8_t* __restrict adult_of = x.adult.data();
  float* __restrict belief_of = x.belief.data();
  uint32_t* __restrict word_a = x.word_a.data();
  uint32_t* __restrict word_b = x.word_b.data();
  uint32_t* __restrict draws = x.draws.data();
  uint32_t persons = 0, deaths = 0, adults = 0, unknown = 0;
  const Table4<uint32_t> death_below(r.death_below);
  const DispositionKeys keys = r.disposition_keys;
  const uint32_t first_slot = r.first_slot, death_key = r.death_key, draw_key = r.draw_key;
  const int youngest_adult_offset = r.youngest_adult_offset;
  const uint32_t size = r.size;
  // The columns and the scratch arrays never overlap (restrict on locals is not enough for GCC).
#pragma GCC ivdep
  for (uint32_t i = 0; i < size; ++i) {
    const uint32_t slot = first_slot + i;
    const uint32_t st = status[i], tr = traits[i];
    const uint32_t cohort = tr & 3u;
    const DispositionWords w = disposition_words(keys, slot, tr >> 4);
    const uint32_t death_draw = rng::hash32(slot ^ death_key);
    const uint32_t person = is_person(static_cast<uint8_t>(st)) ? 1u : 0u;
    const uint32_t dies = person & (death_draw < death_below[cohort] ? 1u : 0u);
    const uint32_t born_in_run = (st & kBornInRun) >> 7;
    const uint32_t too_young = (cohort == Born1940on ? 1u : 0u) & (birth_year_offset_of(w) > youngest_adult_offset ? 1u : 0u);
    const uint32_t adult = person & (dies ^ 1u) & ((born_in_run | too_young) ^ 1u);
    // Active and expressing are this month's to earn; the dead leave an empty slot.
    const uint32_t cleared = person ? st & ~static_cast<uint32_t>(kActive | kExpressing) : st;
    status[i] = static_cast<uint8_t>(dies ? static_cast<uint32_t>(Status::Empty) : cleared);
    info[i] = static_cast<uint8_t>(dies ? 0u : info_prev[i]);
    adult_of[i] = static_cast<uint8_t>(adult);
    belief_of[i] = legitimacy_value(legitimacy[i]);
    word_a[i] = w.a;
    word_b[i] = w.b;
    draws[i] = rng::hash32(slot ^ draw_key);
    persons += person;
    deaths += dies;
    adults += adult;
    unknown |= adult ? (~static_cast<uint32_t>(info_prev[i]) & 0x0fu) : 0u;
  }
  n.persons = persons;
  n.deaths = deaths;
  n.adults = adults;
  n.unknown = static_cast<uint8_t>(unknown);
}

namespace {
// One topic at a time, as the compiler vectorises it.
THAW_VECTOR_CLONES
void learn_topic(const CellRules& r, int topic, const CellColumns& c, CellScratch& x) {
  uint8_t* __restrict status = c.status;
  const uint8_t* __restrict traits = c.traits;
  uint8_t* __restrict info = c.info;
  const uint8_t* __restrict adult_of = x.adult.data();
  float* __restrict belief_of = x.belief.data();
  const auto t = static_cast<size_t>(topic);
  const uint32_t key = r.learn_key[t], embolden_key = r.embolden_key[t], first_slot = r.first_slot;
  const Table4<float> shock(r.shock[t]);
  const Table4<uint32_t> embolden_below(r.embolden_below[t]);
  const Table16 below{r.learn_below[t]};
  const uint32_t size = r.size;
  // The columns and the scratch arrays never overlap (restrict on locals is not enough for GCC).
#pragma GCC ivdep
  for (uint32_t i = 0; i < size; ++i) {
    const uint32_t slot = first_slot + i;
    const uint32_t tr = traits[i];
    const uint32_t cohort = tr & 3u;
    const uint32_t knows_it = (static_cast<uint32_t>(info[i]) >> topic) & 1u;
    // Class x 4 + cohort is the low nibble of the traits byte, reversed: cohort bits 0-1, class 2-3.
    const uint32_t group = ((tr >> 2) & 3u) * 4u + cohort;
    const uint32_t learns = adult_of[i] & (knows_it ^ 1u) & (rng::hash32(slot ^ key) < below[group] ? 1u : 0u);
    // Those who learn may lose their fear of speaking (seed 004: the young are emboldened).
    const uint32_t emboldened = learns & (rng::hash32(slot ^ embolden_key) < embolden_below[cohort] ? 1u : 0u);
    info[i] = static_cast<uint8_t>(info[i] | (learns << topic));
    status[i] = static_cast<uint8_t>(status[i] | (emboldened ? kEmboldened : 0u));
    belief_of[i] += learns ? shock[cohort] : 0.0f;
  }
}

}  // namespace

void pass_learning(const CellRules& r, uint8_t topics, const CellColumns& c, CellScratch& x) {
  for (int topic = 0; topic < kTopics; ++topic)
    if ((topics >> topic) & 1u) learn_topic(r, topic, c, x);
}

THAW_VECTOR_CLONES
void pass_belief(const CellRules& r, const CellColumns& c, CellScratch& x, CellCounts& n) {
  uint8_t* __restrict status = c.status;
  const uint8_t* __restrict traits = c.traits;
  uint8_t* __restrict legitimacy = c.legitimacy;
  const uint8_t* __restrict info = c.info;
  const uint8_t* __restrict adult_of = x.adult.data();
  const float* __restrict belief_of = x.belief.data();
  const uint32_t* __restrict word_a = x.word_a.data();
  const uint32_t* __restrict word_b = x.word_b.data();
  const uint32_t* __restrict draws = x.draws.data();
  float* __restrict key = x.key.data();
  uint8_t* __restrict migrant = x.migrant.data();
  const float spread = r.spread, climate_rate = r.climate_rate, public_pull = r.public_pull;
  const float public_loyalty = r.public_loyalty, outer_cost = r.outer_cost, integrity = r.integrity_weight;
  const float emboldened_factor = r.emboldened_factor, risk_scale = r.risk_scale;
  const float emboldened_risk = r.emboldened_risk, threshold = r.active_threshold;
  const float political_target = r.camp ? 0.1f : 0.0f;
  const uint32_t migrate_below = r.rural ? r.migrate_below : 0u;
  const Table4<float> climate(r.climate), hardship_of(r.hardship);
  uint32_t dissent = 0, expressing = 0, candidates = 0, migrants = 0;
  uint32_t informed0 = 0, informed1 = 0, informed2 = 0, informed3 = 0;
  uint32_t knowers0 = 0, knowers1 = 0, knowers2 = 0, knowers3 = 0;
  uint32_t legitimacy_sum = 0;  // at most 65,536 x 255 a cell: 32 bits, so the sum stays in the vector's width
  const uint32_t size = r.size;
  // The columns and the scratch arrays never overlap (restrict on locals is not enough for GCC).
#pragma GCC ivdep
  for (uint32_t i = 0; i < size; ++i) {
    const uint32_t adult = adult_of[i];
    const uint32_t st = status[i], tr = traits[i];
    const uint32_t klass = (tr >> 2) & 3u, cohort = tr & 3u;
    const DispositionWords w{word_a[i], word_b[i]};
    const bool emboldened = (st & kEmboldened) != 0;

    // Belief drifts to the local climate (plus the person's own bent) and to the public mood.
    float target = climate[klass] + personal_offset_of(w, spread);
    // Float operations are written unconditionally (a select of their operands, not of their
    // results): under -ftrapping-math GCC will not speculate a conditional one, and the loop would
    // stay scalar. x - 0 and x * 1 are exact, so the results are the same.
    target -= (st & kPolitical) ? political_target : 0.0f;
    float belief = belief_of[i];
    belief += climate_rate * (target - belief) + public_pull * (public_loyalty - belief);
    const uint32_t quantised = quantise_belief(belief, static_cast<float>(draws[i] & 0xffu) * (1.0f / 256.0f));
    legitimacy[i] = static_cast<uint8_t>(adult ? quantised : legitimacy[i]);
    const float held = legitimacy_value(static_cast<uint8_t>(quantised));

    // Voice (Kuran): private dissent is voiced once enough others around already voice it.
    const uint32_t dissents = adult & (held < 0.5f ? 1u : 0u);
    const float outer = outer_cost * voice_threshold_of(w) * (emboldened ? emboldened_factor : 1.0f);
    const uint32_t voices = dissents & (integrity * (0.5f - held) > outer ? 1u : 0u);
    status[i] = static_cast<uint8_t>(st | (voices ? kExpressing : 0u));

    // Protest (Epstein): only those whose grievance exceeds T could ever be active; their key is
    // (G - T) / R, active in a round while the chance of arrest P is below it.
    const float hardship = std::min(std::max(hardship_of[klass] * hardship_sensitivity_of(w), 0.0f), 1.0f);
    const float grievance = hardship * (1.0f - held);
    const float risk = risk_aversion_of(w) * risk_scale * (emboldened ? emboldened_risk : 1.0f);
    const float ratio = (grievance - threshold) / (risk > 0.0f ? risk : 1.0f);
    const uint32_t candidate = adult & (grievance > threshold ? 1u : 0u);
    key[i] = candidate ? (risk > 0.0f ? ratio : 3.0f) : -1.0f;

    // Moving to town: young free rural adults.
    const uint32_t moves = adult & (cohort >= Born1925to1939 ? 1u : 0u) &
                           ((st & kStatusMask) == static_cast<uint32_t>(Status::Free) ? 1u : 0u) &
                           ((draws[i] >> 8) < migrate_below ? 1u : 0u);
    migrant[i] = static_cast<uint8_t>(moves);

    dissent += dissents;
    expressing += voices;
    migrants += moves;
    legitimacy_sum += adult ? quantised : 0u;
    const uint32_t known = adult ? info[i] : 0u;
    informed0 += known & 1u;
    informed1 += (known >> 1) & 1u;
    informed2 += (known >> 2) & 1u;
    informed3 += (known >> 3) & 1u;
    const uint32_t known_by_person = is_person(static_cast<uint8_t>(st)) ? info[i] : 0u;
    knowers0 += known_by_person & 1u;
    knowers1 += (known_by_person >> 1) & 1u;
    knowers2 += (known_by_person >> 2) & 1u;
    knowers3 += (known_by_person >> 3) & 1u;
  }
  n.dissent = dissent;
  n.expressing = expressing;
  // Counted apart: summed in the loop above, GCC folds the count into the key's select and gives
  // up on vectorising. A candidate's key is positive ((G - T) / R with G > T, or 3), others' -1.
#pragma GCC ivdep
  for (uint32_t i = 0; i < size; ++i) candidates += key[i] > 0.0f ? 1u : 0u;
  n.candidates = candidates;
  n.migrants = migrants;
  n.legitimacy_sum = legitimacy_sum;
  n.informed = {informed0, informed1, informed2, informed3};
  n.knowers = {knowers0, knowers1, knowers2, knowers3};
}

namespace {
THAW_VECTOR_CLONES
std::array<uint32_t, kTopics + 1> count_knowers_loop(const uint8_t* info, const uint8_t* status, uint32_t n) {
  uint32_t k0 = 0, k1 = 0, k2 = 0, k3 = 0, persons = 0;
  for (uint32_t i = 0; i < n; ++i) {
    const uint32_t person = is_person(status[i]) ? 1u : 0u;
    // An empty slot may keep the knowledge of the person who died there; it counts for nobody.
    const uint32_t known = person ? info[i] : 0u;
    k0 += known & 1u;
    k1 += (known >> 1) & 1u;
    k2 += (known >> 2) & 1u;
    k3 += (known >> 3) & 1u;
    persons += person;
  }
  return {k0, k1, k2, k3, persons};
}

THAW_VECTOR_CLONES
uint32_t count_persons_loop(const uint8_t* status, uint32_t n) {
  uint32_t persons = 0;
  for (uint32_t i = 0; i < n; ++i) persons += is_person(status[i]) ? 1u : 0u;
  return persons;
}
}  // namespace

uint32_t select_above(const float* key, uint32_t n, float threshold, uint32_t* index, float* kept) {
#if THAW_HAND_WRITTEN
  if (uint32_t count; avx512::select_above(key, n, threshold, index, kept, count)) return count;
#endif
  uint32_t count = 0;
  for (uint32_t i = 0; i < n; ++i) {
    index[count] = i;
    kept[count] = key[i];
    count += key[i] > threshold ? 1u : 0u;
  }
  return count;
}

uint32_t select_nonzero(const uint8_t* flag, uint32_t n, uint32_t* index) {
#if THAW_HAND_WRITTEN
  if (uint32_t count; avx512::select_nonzero(flag, n, index, count)) return count;
#endif
  uint32_t count = 0;
  for (uint32_t i = 0; i < n; ++i) {
    index[count] = i;
    count += flag[i] != 0 ? 1u : 0u;
  }
  return count;
}

std::array<uint32_t, kTopics + 1> count_knowers(const uint8_t* info, const uint8_t* status, uint32_t n) {
#if THAW_HAND_WRITTEN
  if (std::array<uint32_t, kTopics + 1> counts; avx512::count_knowers(info, status, n, counts)) return counts;
#endif
  return count_knowers_loop(info, status, n);
}

uint32_t count_persons(const uint8_t* status, uint32_t n) {
#if THAW_HAND_WRITTEN
  if (uint32_t persons; avx512::count_persons(status, n, persons)) return persons;
#endif
  return count_persons_loop(status, n);
}

}  // namespace THAW_PEOPLE_NAMESPACE
