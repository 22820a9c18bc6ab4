// The person pass written by hand for AVX-512: the rules of people.cpp, sixteen people per
// instruction. Why by hand: the tables indexed by class and cohort sit in one register and vpermd
// reads them for sixteen people at once (the compiler's version needs fifteen selects for a
// sixteen-entry table, and gathers are slower still); each person's bytes are loaded and widened
// once; and learning and belief run in one loop, the person kept in registers from learning to
// protest instead of going through scratch arrays topic after topic. Demography stays a loop of
// its own: only after it does the cell know which topics some adult still lacks, and learning a
// topic everyone knows would be wasted work. Every operation is the one the scalar rules do, in the
// same order (integer hashes, IEEE float operations without contraction), but for the clamps,
// whose only difference cannot reach a result (clamp01); so the bits are the same:
// tests/model/society/people_test.cpp compares them with people.cpp compiled without vectors.
// Performance: docs/performance.md.
#include "model/society/people_avx512.hpp"

#include <atomic>

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define THAW_HAVE_AVX512_KERNELS 1
#include <immintrin.h>
#else
#define THAW_HAVE_AVX512_KERNELS 0
#endif

namespace thaw::model::society::avx512 {

#if THAW_HAVE_AVX512_KERNELS

namespace {
std::atomic<bool> g_switched_on{true};
}

bool available() {
  static const bool has = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
                          __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512dq");
  return has && g_switched_on.load(std::memory_order_relaxed);
}

void use(bool on) { g_switched_on.store(on, std::memory_order_relaxed); }

#define THAW_AVX512 __attribute__((target("avx512f,avx512bw,avx512vl,avx512dq")))
// GCC 12 warns inside its own intrinsics headers (their "undefined" pass-through operands).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"

namespace {

using Mask = __mmask16;

THAW_AVX512 inline __m512i splat(uint32_t v) { return _mm512_set1_epi32(static_cast<int>(v)); }

// rng::hash32 (lowbias32) of sixteen lanes.
THAW_AVX512 inline __m512i hash32_x16(__m512i x) {
  x = _mm512_xor_si512(x, _mm512_srli_epi32(x, 16));
  x = _mm512_mullo_epi32(x, splat(0x7feb352dU));
  x = _mm512_xor_si512(x, _mm512_srli_epi32(x, 15));
  x = _mm512_mullo_epi32(x, splat(0x846ca68bU));
  return _mm512_xor_si512(x, _mm512_srli_epi32(x, 16));
}

// Sixteen bytes, each widened to a 32-bit lane; lanes outside `m` read as zero.
THAW_AVX512 inline __m512i load_bytes(Mask m, const uint8_t* p) { return _mm512_cvtepu8_epi32(_mm_maskz_loadu_epi8(m, p)); }
THAW_AVX512 inline void store_bytes(Mask m, uint8_t* p, __m512i v) { _mm512_mask_cvtepi32_storeu_epi8(p, m, v); }

// The first `n` lanes (at most 16) of a cell's last, partial vector.
inline Mask lanes_of(uint32_t n) { return n >= 16 ? static_cast<Mask>(0xffff) : static_cast<Mask>((1u << n) - 1u); }

inline uint32_t popcount(Mask m) { return static_cast<uint32_t>(__builtin_popcount(m)); }

// A four-entry table of the rules (by class or by cohort) in the low lanes of a register.
THAW_AVX512 inline __m512i table4(const std::array<uint32_t, 4>& t) {
  return _mm512_zextsi128_si512(_mm_loadu_si128(reinterpret_cast<const __m128i*>(t.data())));
}
THAW_AVX512 inline __m512 table4(const std::array<float, 4>& t) { return _mm512_zextps128_ps512(_mm_loadu_ps(t.data())); }

// std::min(std::max(x, 0.0f), 1.0f) with vmaxps/vminps. They differ from std::max/min only for NaN
// (none here) and for -0: std::max(-0.0f, 0.0f) is -0, vmaxps gives +0. Both clamped values are
// only multiplied and compared (belief: by 255, truncated, then u < fraction; hardship: the
// grievance G = H (1 - L) tested against T and in (G - T) / R only when G > T), where ±0 give the
// same results.
THAW_AVX512 inline __m512 clamp01(__m512 x) {
  return _mm512_min_ps(_mm512_max_ps(x, _mm512_setzero_ps()), _mm512_set1_ps(1.0f));
}

THAW_AVX512 inline __m512 to_float(__m512i v) { return _mm512_cvtepi32_ps(v); }  // every value here is below 2^24: exact

// The topics to learn in a cell: each one's tables and keys, packed in topic order.
struct TopicRules {
  uint32_t count = 0;
  uint32_t bit[kTopics]{};
  __m512i learn_below[kTopics];     // by class x 4 + cohort
  __m512i embolden_below[kTopics];  // by cohort
  __m512 shock[kTopics];            // by cohort
  __m512i learn_key[kTopics], embolden_key[kTopics];
};

THAW_AVX512 inline void pack_topics(const CellRules& r, uint32_t topics, TopicRules& out) {
  for (int t = 0; t < kTopics; ++t) {
    if (!((topics >> t) & 1u)) continue;
    const auto tp = static_cast<size_t>(t);
    const uint32_t k = out.count++;
    out.bit[k] = 1u << t;
    out.learn_below[k] = _mm512_loadu_si512(r.learn_below[tp].data());
    out.embolden_below[k] = table4(r.embolden_below[tp]);
    out.shock[k] = table4(r.shock[tp]);
    out.learn_key[k] = splat(r.learn_key[tp]);
    out.embolden_key[k] = splat(r.embolden_key[tp]);
  }
}

// Learning of the packed topics by sixteen people (pass_learning's rules, topic by topic).
THAW_AVX512 inline void learn_x16(const TopicRules& topics, __m512i slot, __m512i cohort, __m512i group, Mask adult, __m512i& info,
                                  __m512& belief, Mask& emboldened) {
  for (uint32_t k = 0; k < topics.count; ++k) {
    const __m512i bit = splat(topics.bit[k]);
    const Mask lacks = static_cast<Mask>(adult & ~_mm512_test_epi32_mask(info, bit));
    const __m512i draw = hash32_x16(_mm512_xor_si512(slot, topics.learn_key[k]));
    const Mask learns = _mm512_mask_cmplt_epu32_mask(lacks, draw, _mm512_permutexvar_epi32(group, topics.learn_below[k]));
    const __m512i embolden_draw = hash32_x16(_mm512_xor_si512(slot, topics.embolden_key[k]));
    emboldened |= _mm512_mask_cmplt_epu32_mask(learns, embolden_draw, _mm512_permutexvar_epi32(cohort, topics.embolden_below[k]));
    info = _mm512_mask_or_epi32(info, learns, info, bit);
    // + 0 for those who do not learn, as in the scalar loop.
    belief = _mm512_add_ps(belief, _mm512_maskz_permutexvar_ps(learns, cohort, topics.shock[k]));
  }
}

// The kernels are only called once available() said yes: code compiled for AVX-512 may use it
// anywhere in the function, its prologue included.

// first, first + 1, ..., first + 15: the slots (or offsets) of a vector's lanes. (A function, not
// a global constant: a global would be built with AVX-512 when the program loads, on every CPU.)
THAW_AVX512 inline __m512i lanes_from(uint32_t first) {
  return _mm512_add_epi32(splat(first), _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15));
}

// is_person (population.hpp) of sixteen status bytes, within the lanes `m`.
THAW_AVX512 inline Mask persons_x16(Mask m, __m512i status) {
  return _mm512_mask_cmplt_epu32_mask(m, _mm512_and_si512(status, splat(kStatusMask)), splat(static_cast<uint32_t>(Status::Dead)));
}

// Adds, per topic, the lanes of `who` whose knowledge has the topic's bit.
THAW_AVX512 inline void count_knowing(Mask who, __m512i info, uint32_t (&counts)[kTopics]) {
  for (int t = 0; t < kTopics; ++t) counts[t] += popcount(_mm512_mask_test_epi32_mask(who, info, splat(1u << t)));
}

// pass_demography, but for x.belief (the second loop derives it from the belief byte, unchanged
// in between).
THAW_AVX512 void demography_kernel(const CellRules& r, const CellColumns& c, CellScratch& x, CellCounts& n) {
  const __m512i death_below = table4(r.death_below);
  const __m512i disposition_a = splat(r.disposition_keys.a), disposition_b = splat(r.disposition_keys.b);
  const __m512i death_key = splat(r.death_key), draw_key = splat(r.draw_key);
  const __m512i youngest_adult_offset = _mm512_set1_epi32(r.youngest_adult_offset);
  uint32_t persons = 0, deaths = 0, adults = 0;
  __m512i unknown = _mm512_setzero_si512();
  for (uint32_t i = 0; i < r.size; i += 16) {
    const Mask m = lanes_of(r.size - i);
    const __m512i slot = lanes_from(r.first_slot + i);
    const __m512i status = load_bytes(m, c.status + i), traits = load_bytes(m, c.traits + i);
    const __m512i cohort = _mm512_and_si512(traits, splat(3));
    const Mask person = persons_x16(m, status);
    const Mask born_in_run = _mm512_test_epi32_mask(status, splat(kBornInRun));
    const __m512i death_draw = hash32_x16(_mm512_xor_si512(slot, death_key));
    const Mask dies = _mm512_mask_cmplt_epu32_mask(person, death_draw, _mm512_permutexvar_epi32(cohort, death_below));
    // Active and expressing are this month's to earn; the dead leave an empty slot.
    const __m512i cleared = _mm512_mask_and_epi32(status, person, status, splat(~static_cast<uint32_t>(kActive | kExpressing)));
    const __m512i info_prev = load_bytes(m, c.info_prev + i);
    store_bytes(m, c.status + i, _mm512_mask_mov_epi32(cleared, dies, splat(static_cast<uint32_t>(Status::Empty))));
    store_bytes(m, c.info + i, _mm512_maskz_mov_epi32(static_cast<Mask>(~dies), info_prev));
    Mask adult = 0;
    // Births fill a block's room in order, so whole vectors hold only children born in the run
    // (or nobody): no adult among them, and nothing of theirs but death to draw. (The next kernel
    // reads dispositions and draws for adults only.)
    if (static_cast<Mask>(person & ~born_in_run) != 0) {
      const __m512i incarnation = _mm512_srli_epi32(traits, 4);
      const __m512i person_key = _mm512_xor_si512(slot, _mm512_mullo_epi32(incarnation, splat(0x9e3779b9U)));
      const __m512i word_a = hash32_x16(_mm512_xor_si512(person_key, disposition_a));
      const __m512i word_b = hash32_x16(_mm512_xor_si512(person_key, disposition_b));
      const __m512i birth_year_offset = _mm512_srli_epi32(_mm512_mullo_epi32(_mm512_srli_epi32(word_b, 22), splat(13)), 10);
      const Mask too_young = static_cast<Mask>(_mm512_cmpeq_epi32_mask(cohort, splat(Born1940on)) &
                                               _mm512_cmpgt_epi32_mask(birth_year_offset, youngest_adult_offset));
      adult = static_cast<Mask>(person & ~dies & ~(born_in_run | too_young));
      _mm512_mask_storeu_epi32(x.word_a.data() + i, m, word_a);
      _mm512_mask_storeu_epi32(x.word_b.data() + i, m, word_b);
      _mm512_mask_storeu_epi32(x.draws.data() + i, m, hash32_x16(_mm512_xor_si512(slot, draw_key)));
    }
    store_bytes(m, x.adult.data() + i, _mm512_maskz_mov_epi32(adult, splat(1)));
    persons += popcount(person);
    deaths += popcount(dies);
    adults += popcount(adult);
    unknown = _mm512_mask_or_epi32(unknown, adult, unknown, _mm512_andnot_si512(info_prev, splat(0x0f)));
  }
  n.persons = persons;
  n.deaths = deaths;
  n.adults = adults;
  n.unknown = static_cast<uint8_t>(_mm512_reduce_or_epi32(unknown));
}

// pass_learning of `topics`, then pass_belief, person by person.
THAW_AVX512 void learning_and_belief_kernel(const CellRules& r, uint8_t to_learn, const CellColumns& c, CellScratch& x, CellCounts& n) {
  TopicRules topics;
  pack_topics(r, to_learn, topics);
  const __m512 climate = table4(r.climate), hardship_of = table4(r.hardship);
  const __m512 offset_scale = _mm512_set1_ps(r.spread * 3.4641016f);  // as personal_offset_of
  const __m512 political_target = _mm512_set1_ps(r.camp ? 0.1f : 0.0f);
  const __m512 climate_rate = _mm512_set1_ps(r.climate_rate), public_pull = _mm512_set1_ps(r.public_pull);
  const __m512 public_loyalty = _mm512_set1_ps(r.public_loyalty), outer_cost = _mm512_set1_ps(r.outer_cost);
  const __m512 integrity = _mm512_set1_ps(r.integrity_weight), emboldened_factor = _mm512_set1_ps(r.emboldened_factor);
  const __m512 risk_scale = _mm512_set1_ps(r.risk_scale), emboldened_risk = _mm512_set1_ps(r.emboldened_risk);
  const __m512 threshold = _mm512_set1_ps(r.active_threshold);
  const __m512i migrate_below = splat(r.rural ? r.migrate_below : 0u);
  const __m512 zero = _mm512_setzero_ps(), one = _mm512_set1_ps(1.0f), half = _mm512_set1_ps(0.5f);

  uint32_t dissent = 0, expressing = 0, candidates = 0, migrants = 0;
  uint32_t informed[kTopics] = {}, knowers[kTopics] = {};
  __m512i legitimacy_sum = _mm512_setzero_si512();
  for (uint32_t i = 0; i < r.size; i += 16) {
    const Mask m = lanes_of(r.size - i);
    const __m512i slot = lanes_from(r.first_slot + i);
    const __m512i traits = load_bytes(m, c.traits + i);
    const __m512i cohort = _mm512_and_si512(traits, splat(3));
    const __m512i klass = _mm512_and_si512(_mm512_srli_epi32(traits, 2), splat(3));
    const __m512i group = _mm512_and_si512(traits, splat(15));  // class x 4 + cohort: the low nibble
    const Mask adult = _mm512_test_epi32_mask(load_bytes(m, x.adult.data() + i), splat(0xff));
    if (adult == 0) {
      // Nobody here learns, believes, speaks, protests or moves: keys and moves say so, and what
      // the persons here know (someone who moved may know something) is counted.
      _mm512_mask_storeu_ps(x.key.data() + i, m, _mm512_set1_ps(-1.0f));
      store_bytes(m, x.migrant.data() + i, _mm512_setzero_si512());
      const __m512i status = load_bytes(m, c.status + i), info = load_bytes(m, c.info + i);
      count_knowing(persons_x16(m, status), info, knowers);
      continue;
    }
    const __m512i word_a = _mm512_maskz_loadu_epi32(m, x.word_a.data() + i), word_b = _mm512_maskz_loadu_epi32(m, x.word_b.data() + i);
    const __m512i draws = _mm512_maskz_loadu_epi32(m, x.draws.data() + i);
    const __m512i legitimacy_before = load_bytes(m, c.legitimacy + i);
    __m512 belief = _mm512_mul_ps(to_float(legitimacy_before), _mm512_set1_ps(1.0f / 255.0f));
    __m512i info = load_bytes(m, c.info + i);
    __m512i status = load_bytes(m, c.status + i);

    // Learning.
    Mask emboldened_now = 0;
    learn_x16(topics, slot, cohort, group, adult, info, belief, emboldened_now);
    status = _mm512_mask_or_epi32(status, emboldened_now, status, splat(kEmboldened));

    // Belief drifts to the local climate (plus the person's own bent) and to the public mood.
    const Mask emboldened = _mm512_test_epi32_mask(status, splat(kEmboldened));
    const Mask political = _mm512_test_epi32_mask(status, splat(kPolitical));
    const __m512 personal_offset = _mm512_mul_ps(
        _mm512_sub_ps(_mm512_mul_ps(to_float(_mm512_and_si512(_mm512_srli_epi32(word_b, 12), splat(0x3ff))), _mm512_set1_ps(1.0f / 1024.0f)), half),
        offset_scale);
    __m512 target = _mm512_add_ps(_mm512_permutexvar_ps(klass, climate), personal_offset);
    target = _mm512_sub_ps(target, _mm512_maskz_mov_ps(political, political_target));
    belief = _mm512_add_ps(belief, _mm512_add_ps(_mm512_mul_ps(climate_rate, _mm512_sub_ps(target, belief)),
                                                 _mm512_mul_ps(public_pull, _mm512_sub_ps(public_loyalty, belief))));
    // quantise_belief (population.hpp).
    const __m512 u = _mm512_mul_ps(to_float(_mm512_and_si512(draws, splat(0xff))), _mm512_set1_ps(1.0f / 256.0f));
    const __m512 scaled = _mm512_mul_ps(clamp01(belief), _mm512_set1_ps(255.0f));
    const __m512i floor_scaled = _mm512_cvttps_epi32(scaled);
    const Mask up = _mm512_cmp_ps_mask(u, _mm512_sub_ps(scaled, to_float(floor_scaled)), _CMP_LT_OQ);
    const __m512i quantised = _mm512_min_epi32(splat(255), _mm512_mask_add_epi32(floor_scaled, up, floor_scaled, splat(1)));
    const __m512 held = _mm512_mul_ps(to_float(quantised), _mm512_set1_ps(1.0f / 255.0f));

    // Voice (Kuran).
    const Mask dissents = _mm512_mask_cmp_ps_mask(adult, held, half, _CMP_LT_OQ);
    const __m512 voice_threshold = _mm512_mul_ps(to_float(_mm512_and_si512(word_b, splat(0xfff))), _mm512_set1_ps(1.0f / 4096.0f));
    const __m512 outer = _mm512_mul_ps(_mm512_mul_ps(outer_cost, voice_threshold), _mm512_mask_blend_ps(emboldened, one, emboldened_factor));
    const Mask voices = _mm512_mask_cmp_ps_mask(dissents, _mm512_mul_ps(integrity, _mm512_sub_ps(half, held)), outer, _CMP_GT_OQ);

    // Protest (Epstein): the candidate's key (G - T) / R.
    const __m512 sensitivity = _mm512_add_ps(half, _mm512_mul_ps(to_float(_mm512_and_si512(word_a, splat(0xffff))), _mm512_set1_ps(1.0f / 65536.0f)));
    const __m512 hardship = clamp01(_mm512_mul_ps(_mm512_permutexvar_ps(klass, hardship_of), sensitivity));
    const __m512 grievance = _mm512_mul_ps(hardship, _mm512_sub_ps(one, held));
    const __m512 risk_aversion = _mm512_mul_ps(to_float(_mm512_srli_epi32(word_a, 16)), _mm512_set1_ps(1.0f / 65536.0f));
    const __m512 risk = _mm512_mul_ps(_mm512_mul_ps(risk_aversion, risk_scale), _mm512_mask_blend_ps(emboldened, one, emboldened_risk));
    const Mask risky = _mm512_cmp_ps_mask(risk, zero, _CMP_GT_OQ);
    const __m512 ratio = _mm512_div_ps(_mm512_sub_ps(grievance, threshold), _mm512_mask_blend_ps(risky, one, risk));
    const Mask candidate = _mm512_mask_cmp_ps_mask(adult, grievance, threshold, _CMP_GT_OQ);
    const __m512 key = _mm512_mask_blend_ps(candidate, _mm512_set1_ps(-1.0f), _mm512_mask_blend_ps(risky, _mm512_set1_ps(3.0f), ratio));

    // Moving to town: young free rural adults.
    const Mask moves = static_cast<Mask>(
        _mm512_mask_cmpge_epu32_mask(adult, cohort, splat(Born1925to1939)) &
        _mm512_cmpeq_epi32_mask(_mm512_and_si512(status, splat(kStatusMask)), splat(static_cast<uint32_t>(Status::Free))) &
        _mm512_cmplt_epu32_mask(_mm512_srli_epi32(draws, 8), migrate_below));

    store_bytes(m, c.status + i, _mm512_mask_or_epi32(status, voices, status, splat(kExpressing)));
    store_bytes(m, c.info + i, info);
    store_bytes(m, c.legitimacy + i, _mm512_mask_mov_epi32(legitimacy_before, adult, quantised));
    store_bytes(m, x.migrant.data() + i, _mm512_maskz_mov_epi32(moves, splat(1)));
    _mm512_mask_storeu_ps(x.key.data() + i, m, key);

    dissent += popcount(dissents);
    expressing += popcount(voices);
    migrants += popcount(moves);
    candidates += popcount(_mm512_mask_cmp_ps_mask(m, key, zero, _CMP_GT_OQ));
    legitimacy_sum = _mm512_mask_add_epi32(legitimacy_sum, adult, legitimacy_sum, quantised);
    count_knowing(adult, info, informed);
    count_knowing(persons_x16(m, status), info, knowers);
  }
  n.dissent = dissent;
  n.expressing = expressing;
  n.candidates = candidates;
  n.migrants = migrants;
  n.legitimacy_sum = static_cast<uint32_t>(_mm512_reduce_add_epi32(legitimacy_sum));
  n.informed = {informed[0], informed[1], informed[2], informed[3]};
  n.knowers = {knowers[0], knowers[1], knowers[2], knowers[3]};
}

// Sixty-four bytes a step: the person test and each topic's bit become masks, and the counts are
// their population counts (the compiler's loops widen every byte to 32 bits first).
inline __mmask64 bytes_of(uint32_t n) { return n >= 64 ? ~__mmask64{0} : (__mmask64{1} << n) - 1; }
inline uint32_t popcount64(__mmask64 m) { return static_cast<uint32_t>(__builtin_popcountll(m)); }

THAW_AVX512 inline __mmask64 persons_x64(__mmask64 m, const uint8_t* status) {
  const __m512i s = _mm512_maskz_loadu_epi8(m, status);
  return _mm512_mask_cmplt_epu8_mask(m, _mm512_and_si512(s, _mm512_set1_epi8(kStatusMask)), _mm512_set1_epi8(static_cast<char>(Status::Dead)));
}

THAW_AVX512 uint32_t count_persons_kernel(const uint8_t* status, uint32_t n) {
  uint32_t persons = 0;
  for (uint32_t i = 0; i < n; i += 64) persons += popcount64(persons_x64(bytes_of(n - i), status + i));
  return persons;
}

THAW_AVX512 std::array<uint32_t, kTopics + 1> count_knowers_kernel(const uint8_t* info, const uint8_t* status, uint32_t n) {
  std::array<uint32_t, kTopics + 1> counts{};
  for (uint32_t i = 0; i < n; i += 64) {
    const __mmask64 m = bytes_of(n - i);
    const __mmask64 person = persons_x64(m, status + i);
    const __m512i known = _mm512_maskz_loadu_epi8(m, info + i);
    for (int t = 0; t < kTopics; ++t)
      counts[static_cast<size_t>(t)] += popcount64(_mm512_mask_test_epi8_mask(person, known, _mm512_set1_epi8(static_cast<char>(1 << t))));
    counts[kTopics] += popcount64(person);
  }
  return counts;
}

// Compress in registers and store whole vectors: vpcompressd straight to memory is slow on Zen 4.
THAW_AVX512 uint32_t select_above_kernel(const float* key, uint32_t n, float threshold, uint32_t* index, float* kept) {
  const __m512 limit = _mm512_set1_ps(threshold);
  uint32_t count = 0;
  for (uint32_t i = 0; i < n; i += 16) {
    const Mask m = lanes_of(n - i);
    const __m512 k = _mm512_maskz_loadu_ps(m, key + i);
    const Mask above = _mm512_mask_cmp_ps_mask(m, k, limit, _CMP_GT_OQ);
    if (above == 0) continue;
    _mm512_storeu_si512(index + count, _mm512_maskz_compress_epi32(above, lanes_from(i)));
    _mm512_storeu_ps(kept + count, _mm512_maskz_compress_ps(above, k));
    count += popcount(above);
  }
  return count;
}

THAW_AVX512 uint32_t select_nonzero_kernel(const uint8_t* flag, uint32_t n, uint32_t* index) {
  uint32_t count = 0;
  for (uint32_t i = 0; i < n; i += 64) {
    const __m512i f = _mm512_maskz_loadu_epi8(bytes_of(n - i), flag + i);
    for (uint64_t set = _mm512_test_epi8_mask(f, f); set != 0; set &= set - 1)
      index[count++] = i + static_cast<uint32_t>(__builtin_ctzll(set));
  }
  return count;
}

}  // namespace

#pragma GCC diagnostic pop

bool pass_demography(const CellRules& r, const CellColumns& c, CellScratch& x, CellCounts& n) {
  if (!available()) return false;
  demography_kernel(r, c, x, n);
  return true;
}

bool pass_learning_and_belief(const CellRules& r, uint8_t topics, const CellColumns& c, CellScratch& x, CellCounts& n) {
  if (!available()) return false;
  learning_and_belief_kernel(r, topics, c, x, n);
  return true;
}

bool count_persons(const uint8_t* status, uint32_t n, uint32_t& persons) {
  if (!available()) return false;
  persons = count_persons_kernel(status, n);
  return true;
}

bool count_knowers(const uint8_t* info, const uint8_t* status, uint32_t n, std::array<uint32_t, kTopics + 1>& counts) {
  if (!available()) return false;
  counts = count_knowers_kernel(info, status, n);
  return true;
}

bool select_above(const float* key, uint32_t n, float threshold, uint32_t* index, float* kept, uint32_t& count) {
  if (!available()) return false;
  count = select_above_kernel(key, n, threshold, index, kept);
  return true;
}

bool select_nonzero(const uint8_t* flag, uint32_t n, uint32_t* index, uint32_t& count) {
  if (!available()) return false;
  count = select_nonzero_kernel(flag, n, index);
  return true;
}

#else  // not GCC on x86-64: the compiler-vectorised loops do everything

bool available() { return false; }
void use(bool) {}
bool pass_demography(const CellRules&, const CellColumns&, CellScratch&, CellCounts&) { return false; }
bool pass_learning_and_belief(const CellRules&, uint8_t, const CellColumns&, CellScratch&, CellCounts&) { return false; }
bool count_persons(const uint8_t*, uint32_t, uint32_t&) { return false; }
bool select_above(const float*, uint32_t, float, uint32_t*, float*, uint32_t&) { return false; }
bool select_nonzero(const uint8_t*, uint32_t, uint32_t*, uint32_t&) { return false; }
bool count_knowers(const uint8_t*, const uint8_t*, uint32_t, std::array<uint32_t, kTopics + 1>&) { return false; }

#endif

}  // namespace thaw::model::society::avx512
