// The person pass of one cell, written once over Google Highway and compiled for every target it
// has (people.hpp). ODD: docs/odd/society.md; why it is written this way: docs/performance.md.
//
// One loop over the cell's vectors does the whole month of each person: the person is kept in
// registers from death to protest, bytes are widened once, and the tables indexed by class and
// cohort are read for a whole vector at once (one permute on AVX-512). Work that most vectors do
// not need is skipped by a test on the vector, never by a change of the rule: a vector with no
// adult does nothing but demography; a topic is tested only where some adult lacks it; the words of
// the dispositions only where they are read; voice only where someone dissents; the grievance only
// where it could exceed the threshold (H < 1.5 x local hardship bounds it); the key's division
// only where someone is a candidate. Each skip is exact, so the results are those of the plain
// rules applied to every person.
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "model/society/people.cpp"
// Every target Highway can build here, the one-lane scalar target included: the tests compare
// them all, and a CPU without SSSE3 still runs. (Highway 1.0.3 built by GCC before 12.3, as on
// Debian 12, swaps its EMU128 target for HWY_SCALAR, because of a GCC bug; with -march=x86-64-v2
// its baseline is SSSE3, as v2 lacks the AES and CLMUL its SSE4 target requires.)
#ifndef HWY_COMPILE_ALL_ATTAINABLE
#define HWY_COMPILE_ALL_ATTAINABLE
#endif
#include <hwy/foreach_target.h>  // IWYU pragma: keep
#include <hwy/highway.h>

#include "model/society/people.hpp"

#include <algorithm>
#include <cstring>

HWY_BEFORE_NAMESPACE();
namespace thaw::model::society {
namespace HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

using DU = hn::ScalableTag<uint32_t>;
using DI = hn::RebindToSigned<DU>;
using DF = hn::RebindToFloat<DU>;
using D8 = hn::Rebind<uint8_t, DU>;  // one byte per lane of DU
using VU = hn::Vec<DU>;
using VI = hn::Vec<DI>;
using VF = hn::Vec<DF>;
using MU = hn::Mask<DU>;

// rng::hash32 (lowbias32) of every lane.
HWY_INLINE VU hash32(VU x) {
  const DU du;
  x = hn::Xor(x, hn::ShiftRight<16>(x));
  x = hn::Mul(x, hn::Set(du, 0x7feb352dU));
  x = hn::Xor(x, hn::ShiftRight<15>(x));
  x = hn::Mul(x, hn::Set(du, 0x846ca68bU));
  return hn::Xor(x, hn::ShiftRight<16>(x));
}

HWY_INLINE VU load_bytes(const uint8_t* p) { return hn::PromoteTo(DU(), hn::LoadU(D8(), p)); }
// Every lane holds a value below 256. (Highway 1.0 narrows AVX-512 lanes by a shuffle and a
// permute; vpmovdb does it in one.)
HWY_INLINE void store_bytes(VU v, uint8_t* p) {
#if HWY_TARGET == HWY_AVX3 || HWY_TARGET == HWY_AVX3_DL
// GCC 12 warns inside its own intrinsics header (an "undefined" pass-through operand).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
  _mm_storeu_si128(reinterpret_cast<__m128i*>(p), _mm512_cvtepi32_epi8(v.raw));
#pragma GCC diagnostic pop
#else
  hn::StoreU(hn::U8FromU32(v), D8(), p);
#endif
}
HWY_INLINE VF to_float(VU v) { return hn::ConvertTo(DF(), hn::BitCast(DI(), v)); }  // values below 2^24: exact
HWY_INLINE hn::Mask<DF> as_float(MU m) { return hn::RebindMask(DF(), m); }
HWY_INLINE MU as_uint(hn::Mask<DF> m) { return hn::RebindMask(DU(), m); }

// A table of the rules read per lane: 4 entries (by class or by cohort) or 16 (class x 4 + cohort).
// In registers where the vector holds the table (AVX-512 holds 16, AVX2 8: two halves and a
// select), gathered from memory where it does not (128-bit and scalar targets). Every way reads the
// same entries: which one a target uses changes no bit.
template <class D, size_t kEntries>
class Table {
 public:
  using T = hn::TFromD<D>;
  Table() = default;
  // `values` (kEntries of them) must outlive the table where it gathers.
  explicit Table(const T* values) { load(values); }
  void load(const T* values) {
    const D d;
    static_assert(kEntries == 4 || kEntries == 16);
    if constexpr (kEntries == 4 && kLanes >= 4) {
      low_ = hn::LoadDup128(d, values);  // the table in every 128-bit block: the lanes read the first
    } else if constexpr (kLanes >= kEntries) {
      low_ = hn::LoadU(d, values);
    } else if constexpr (kLanes * 2 == kEntries) {
      low_ = hn::LoadU(d, values);
      high_ = hn::LoadU(d, values + kLanes);
    } else {
      values_ = values;
    }
  }
  hn::Vec<D> operator()(VU index) const {
    const D d;
    const auto i = hn::BitCast(hn::RebindToSigned<D>(), index);
    if constexpr (kLanes >= kEntries) {
      return hn::TableLookupLanes(low_, hn::IndicesFromVec(d, i));
    } else if constexpr (kLanes * 2 == kEntries) {
      const auto within = hn::And(i, hn::Set(hn::RebindToSigned<D>(), static_cast<int32_t>(kLanes - 1)));
      const auto low = hn::TableLookupLanes(low_, hn::IndicesFromVec(d, within));
      const auto high = hn::TableLookupLanes(high_, hn::IndicesFromVec(d, within));
      return hn::IfThenElse(hn::RebindMask(d, hn::Gt(index, hn::Set(DU(), static_cast<uint32_t>(kLanes - 1)))), high, low);
    } else {
      return hn::GatherIndex(d, values_, i);
    }
  }

 private:
  static constexpr size_t kLanes = hn::MaxLanes(D());
  hn::Vec<D> low_, high_;
  const T* values_;
};
using Table4U = Table<DU, 4>;
using Table4F = Table<DF, 4>;
using Table16U = Table<DU, 16>;

// The topics offered in a cell, packed in topic order.
struct Topics {
  uint32_t count = 0;
  uint32_t bit[kTopics], key[kTopics];
  Table16U below[kTopics];     // by class x 4 + cohort: learn below
  Table16U embolden[kTopics];  // by class x 4 + cohort: learn and lose the fear of speaking below
  Table4F shock[kTopics];      // by cohort
};

HWY_INLINE void pack_topics(const CellRules& r, Topics& out) {
  for (int t = 0; t < kTopics; ++t) {
    if (!((r.learn_topics >> t) & 1u)) continue;
    const auto tp = static_cast<size_t>(t);
    const uint32_t k = out.count++;
    out.bit[k] = 1u << t;
    out.key[k] = r.learn_key[tp];
    out.below[k].load(r.learn_below[tp].data());
    out.embolden[k].load(r.embolden_below[tp].data());
    out.shock[k].load(r.shock[tp].data());
  }
}

enum class Part { kWhole, kLearning, kBelief };

// Persons, adults, knowers and informed adults of each topic, over the cell's bytes once the pass
// has written them (the dead have left: their slots are empty).
HWY_INLINE void count_people(const CellColumns& c, const CellScratch& x, uint32_t size, CellCounts& n) {
  const hn::ScalableTag<uint8_t> d;
  const size_t lanes = hn::Lanes(d);
  uint32_t persons = 0, adults = 0, informed[kTopics] = {}, knowers[kTopics] = {};
  for (uint32_t i = 0; i < size; i += static_cast<uint32_t>(lanes)) {
    const auto info = hn::LoadU(d, c.info + i);
    const auto person = hn::Lt(hn::And(hn::LoadU(d, c.status + i), hn::Set(d, kStatusMask)), hn::Set(d, static_cast<uint8_t>(Status::Dead)));
    const auto adult = hn::Ne(hn::LoadU(d, x.adult.data() + i), hn::Zero(d));
    persons += static_cast<uint32_t>(hn::CountTrue(d, person));
    adults += static_cast<uint32_t>(hn::CountTrue(d, adult));
    for (int t = 0; t < kTopics; ++t) {
      const auto known = hn::TestBit(info, hn::Set(d, static_cast<uint8_t>(1u << t)));
      informed[t] += static_cast<uint32_t>(hn::CountTrue(d, hn::And(known, adult)));
      knowers[t] += static_cast<uint32_t>(hn::CountTrue(d, hn::And(known, person)));
    }
  }
  n.persons = persons + n.deaths;  // at the start of the month
  n.adults = adults;
  for (size_t t = 0; t < kTopics; ++t) n.informed[t] = informed[t], n.knowers[t] = knowers[t];
}

HWY_INLINE VU person_of(VU slot, VU traits) { return hn::Xor(slot, hn::Mul(hn::ShiftRight<4>(traits), hn::Set(DU(), 0x9e3779b9U))); }

template <Part kPart>
HWY_INLINE void pass(const CellRules& r, const CellColumns& c, CellScratch& x, CellCounts& n) {
  const DU du;
  const DF df;
  const auto lanes = static_cast<uint32_t>(hn::Lanes(du));
  const VU lane = hn::Iota(du, 0);
  const VU three = hn::Set(du, 3u), one_u = hn::Set(du, 1u);
  const VF zero = hn::Zero(df), one = hn::Set(df, 1.0f), half = hn::Set(df, 0.5f);

  // Demography.
  const Table4U death_below(r.death_below.data());
  const VU disposition_a = hn::Set(du, r.disposition_keys.a), disposition_b = hn::Set(du, r.disposition_keys.b);
  const VU draw_key = hn::Set(du, r.draw_key);
  const VI youngest_adult_offset = hn::Set(DI(), static_cast<int32_t>(r.youngest_adult_offset));
  Topics topics;
  if constexpr (kPart != Part::kBelief) pack_topics(r, topics);
  // Belief, on the byte's scale 0-255: L <- L + rate (climate + bent - L) + pull (loyalty - L) is
  // affine in L, so it is L (1 - rate - pull) + rate x bent + [rate x climate + pull x loyalty],
  // the bracket one number per class for the cell, and the bent, uniform with sd `spread`, is
  // (b / 1024 - 1/2) x spread x sqrt(12) for the 10 bits b of the person's word b.
  const float bent_scale = r.spread * 3.4641016f;  // as personal_offset_of
  const VF keep = hn::Set(df, 1.0f - r.climate_rate - r.public_pull);
  const VF bent_step = hn::Set(df, 255.0f * r.climate_rate * bent_scale * (1.0f / 1024.0f));
  std::array<float, kClasses> toward{};
  for (size_t k = 0; k < kClasses; ++k)
    toward[k] = 255.0f * (r.climate_rate * (r.climate[k] - 0.5f * bent_scale) + r.public_pull * r.public_loyalty);
  const Table4F toward_of(toward.data());
  const VF political_step = hn::Set(df, r.camp ? 255.0f * r.climate_rate * 0.1f : 0.0f);  // the repressed believe less in camp
  // Voice, protest, migration.
  const Table4F hardship_of(r.hardship.data());
  const VF outer_cost = hn::Set(df, r.outer_cost);
  const VF integrity = hn::Set(df, r.integrity_weight), emboldened_factor = hn::Set(df, r.emboldened_factor);
  const VF risk_scale = hn::Set(df, r.risk_scale), emboldened_risk = hn::Set(df, r.emboldened_risk);
  const VF threshold = hn::Set(df, r.active_threshold);
  // The month's draw decides death (the lowest values), moving to town (the highest) and, by its low
  // byte, the rounding of belief: disjoint ranges of one uniform draw, and the low byte is uniform
  // given either.
  const VU migrate_above = hn::Set(du, 0xffffffu - std::min(r.migrate_below, 0xffffffu));

  uint32_t deaths = 0, dissent = 0, expressing = 0, candidates = 0, migrants = 0;
  VU legitimacy_sum = hn::Zero(du);  // at most 65,536 x 255 a cell: 32 bits suffice
  for (uint32_t i = 0; i < r.size; i += lanes) {
    const VU slot = hn::Add(hn::Set(du, r.first_slot + i), lane);
    const VU traits = load_bytes(c.traits + i);
    const VU cohort = hn::And(traits, three);
    VU status, info, word_b, draws;
    MU adult;
    VF shocked;  // the shocks of what was learned this month, summed

    if constexpr (kPart != Part::kBelief) {
      const VU status_before = load_bytes(c.status + i);
      const VU info_prev = load_bytes(c.info_prev + i);
      const MU person = hn::Lt(hn::And(status_before, hn::Set(du, kStatusMask)), hn::Set(du, static_cast<uint32_t>(Status::Dead)));
      if (hn::AllFalse(du, person)) {
        store_bytes(info_prev, c.info + i);
        store_bytes(hn::Zero(du), x.adult.data() + i);
        continue;
      }
      draws = hash32(hn::Xor(slot, draw_key));
      const MU dies = hn::And(person, hn::Lt(draws, death_below(cohort)));
      // Active and expressing are this month's to earn; the dead leave an empty slot.
      status = hn::IfThenElse(person, hn::AndNot(hn::Set(du, kActive | kExpressing), status_before), status_before);
      info = info_prev;
      if (!hn::AllFalse(du, dies)) {
        status = hn::IfThenElse(dies, hn::Set(du, static_cast<uint32_t>(Status::Empty)), status);
        info = hn::IfThenZeroElse(dies, info_prev);
        deaths += static_cast<uint32_t>(hn::CountTrue(du, dies));
      }
      // Children born in the run are children throughout; those born 1940-52 grow up in their year.
      const MU grown = hn::AndNot(hn::TestBit(status_before, hn::Set(du, kBornInRun)), hn::AndNot(dies, person));
      adult = grown;
      if (!hn::AllFalse(du, grown)) {
        word_b = hash32(hn::Xor(person_of(slot, traits), disposition_b));
        const VI birth_year_offset = hn::BitCast(DI(), hn::ShiftRight<10>(hn::Mul(hn::ShiftRight<22>(word_b), hn::Set(du, 13u))));
        const MU too_young = hn::And(hn::Eq(cohort, three), hn::RebindMask(du, hn::Gt(birth_year_offset, youngest_adult_offset)));
        adult = hn::AndNot(too_young, grown);
      }
      if (hn::AllFalse(du, adult)) {
        // Nobody here learns, believes, speaks, protests or moves.
        store_bytes(status, c.status + i);
        store_bytes(info, c.info + i);
        store_bytes(hn::Zero(du), x.adult.data() + i);
        continue;
      }

      // Learning, topic by topic in order.
      const VU group = hn::And(traits, hn::Set(du, 15u));  // class x 4 + cohort: the traits' low nibble
      MU emboldened_now = hn::FirstN(du, 0);
      shocked = zero;
      for (uint32_t k = 0; k < topics.count; ++k) {
        const VU bit = hn::Set(du, topics.bit[k]);
        const MU lacks = hn::AndNot(hn::TestBit(info, bit), adult);
        if (hn::AllFalse(du, lacks)) continue;
        const VU draw = hash32(hn::Xor(slot, hn::Set(du, topics.key[k])));
        const MU learns = hn::And(lacks, hn::Lt(draw, topics.below[k](group)));
        // Those who learn may lose their fear of speaking (seed 004: the young are emboldened).
        emboldened_now = hn::Or(emboldened_now, hn::And(lacks, hn::Lt(draw, topics.embolden[k](group))));
        info = hn::IfThenElse(learns, hn::Or(info, bit), info);
        shocked = hn::Add(shocked, hn::IfThenElseZero(as_float(learns), topics.shock[k](cohort)));
      }
      status = hn::IfThenElse(emboldened_now, hn::Or(status, hn::Set(du, kEmboldened)), status);

      if constexpr (kPart == Part::kLearning) {
        store_bytes(status, c.status + i);
        store_bytes(info, c.info + i);
        store_bytes(hn::IfThenElseZero(adult, one_u), x.adult.data() + i);
        hn::StoreU(shocked, df, x.shock.data() + i);
        continue;
      }
    } else {
      adult = hn::Ne(load_bytes(x.adult.data() + i), hn::Zero(du));
      if (hn::AllFalse(du, adult)) continue;
      status = load_bytes(c.status + i);
      info = load_bytes(c.info + i);
      shocked = hn::LoadU(df, x.shock.data() + i);
      word_b = hash32(hn::Xor(person_of(slot, traits), disposition_b));
      draws = hash32(hn::Xor(slot, draw_key));
    }

    const VU klass = hn::And(hn::ShiftRight<2>(traits), three);
    const auto emboldened = as_float(hn::TestBit(status, hn::Set(du, kEmboldened)));
    const auto political = as_float(hn::TestBit(status, hn::Set(du, kPolitical)));

    // Belief drifts to the local climate (plus the person's own bent) and to the public mood.
    const VU legitimacy_before = load_bytes(c.legitimacy + i);
    const VF belief = hn::Add(to_float(legitimacy_before), hn::Mul(shocked, hn::Set(df, 255.0f)));
    const VF bent = to_float(hn::And(hn::ShiftRight<12>(word_b), hn::Set(du, 0x3ffu)));
    VF drifted = hn::Add(hn::Add(hn::Mul(belief, keep), hn::Mul(bent, bent_step)), toward_of(klass));
    drifted = hn::Sub(drifted, hn::IfThenElseZero(political, political_step));
    // Stochastic rounding to the byte (quantise_belief, population.hpp): up with chance equal to
    // the fraction. max/min of the vector units differ from std::max/min only for NaN (none) and
    // -0, which give the same result here. The clamped value is at most 255, and where it is 255 it
    // has no fraction to round up. Floor is the truncation of a non-negative value, and adding
    // 2^23 puts an integer below 2^23 in the low bits of a float (a conversion without Highway's
    // range fix-up).
    const VF u = hn::Mul(to_float(hn::And(draws, hn::Set(du, 0xffu))), hn::Set(df, 1.0f / 256.0f));
    const VF scaled = hn::Min(hn::Max(drifted, zero), hn::Set(df, 255.0f));
    const VF floor_scaled = hn::Floor(scaled);
    const auto up = hn::Lt(u, hn::Sub(scaled, floor_scaled));
    const VF quantised_value = hn::Add(floor_scaled, hn::IfThenElseZero(up, one));
    const VU quantised = hn::Sub(hn::BitCast(du, hn::Add(quantised_value, hn::Set(df, 8388608.0f))), hn::Set(du, 0x4b000000u));
    const VF held = hn::Mul(quantised_value, hn::Set(df, 1.0f / 255.0f));  // legitimacy_value
    store_bytes(hn::IfThenElse(adult, quantised, legitimacy_before), c.legitimacy + i);
    legitimacy_sum = hn::Add(legitimacy_sum, hn::IfThenElseZero(adult, quantised));

    // Voice (Kuran): private dissent is voiced once enough others around already voice it.
    const auto dissents = hn::And(as_float(adult), hn::Lt(held, half));
    VU status_after = status;
    if (!hn::AllFalse(df, dissents)) {
      const VF voice_threshold = hn::Mul(to_float(hn::And(word_b, hn::Set(du, 0xfffu))), hn::Set(df, 1.0f / 4096.0f));
      const VF outer = hn::Mul(hn::Mul(outer_cost, voice_threshold), hn::IfThenElse(emboldened, emboldened_factor, one));
      const auto voices = hn::And(dissents, hn::Gt(hn::Mul(integrity, hn::Sub(half, held)), outer));
      status_after = hn::IfThenElse(as_uint(voices), hn::Or(status, hn::Set(du, kExpressing)), status);
      dissent += static_cast<uint32_t>(hn::CountTrue(df, dissents));
      expressing += static_cast<uint32_t>(hn::CountTrue(df, voices));
    }

    // Protest (Epstein): only those whose grievance G = H (1 - L) exceeds T could ever be active;
    // their key is (G - T) / R, active in a round while the chance of arrest P is below it. H is
    // local hardship times a sensitivity below 1.5, so 1.5 x local hardship x (1 - L) bounds G.
    VF hardship_here = hardship_of(klass);
    VF unheld = hn::Sub(one, held);
    // A clash with the police: the neighbourhood's hardship rises for the month and its belief in
    // the regime's right to rule, as it weighs its grievance, falls (Epstein 2002: a sudden local
    // loss of legitimacy); the belief people hold is not changed by it.
    if (r.incident_end > r.incident_begin && i + lanes > r.incident_begin && i < r.incident_end) {
      const VU offset = hn::Add(hn::Set(du, i), lane);
      const auto near = as_float(hn::AndNot(hn::Lt(offset, hn::Set(du, r.incident_begin)), hn::Lt(offset, hn::Set(du, r.incident_end))));
      hardship_here = hn::IfThenElse(near, hn::Min(hn::Add(hardship_here, hn::Set(df, r.incident_grievance)), one), hardship_here);
      unheld = hn::IfThenElse(near, hn::Min(hn::Add(unheld, hn::Set(df, r.incident_legitimacy)), one), unheld);
    }
    // Someone held outside a camp (in custody, or in a satellite's own prison, which keeps its
    // prisoners where they were taken) joins no crowd; in a camp prisoners strike.
    const auto at_liberty =
        r.camp ? as_float(adult)
               : hn::And(as_float(adult), as_float(hn::Ne(hn::And(status, hn::Set(du, kStatusMask)), hn::Set(du, static_cast<uint32_t>(Status::Imprisoned)))));
    const auto might = hn::And(at_liberty, hn::Gt(hn::Mul(hn::Mul(hardship_here, hn::Set(df, 1.5f)), unheld), threshold));
    if (!hn::AllFalse(df, might)) {
      const VU word_a = hash32(hn::Xor(person_of(slot, traits), disposition_a));
      const VF sensitivity = hn::Add(half, hn::Mul(to_float(hn::And(word_a, hn::Set(du, 0xffffu))), hn::Set(df, 1.0f / 65536.0f)));
      const VF hardship = hn::Min(hn::Max(hn::Mul(hardship_here, sensitivity), zero), one);
      const VF grievance = hn::Mul(hardship, unheld);
      const auto candidate = hn::And(at_liberty, hn::Gt(grievance, threshold));
      if (!hn::AllFalse(df, candidate)) {
        const VF risk_aversion = hn::Mul(to_float(hn::ShiftRight<16>(word_a)), hn::Set(df, 1.0f / 65536.0f));
        const VF risk = hn::Mul(hn::Mul(risk_aversion, risk_scale), hn::IfThenElse(emboldened, emboldened_risk, one));
        const auto risky = hn::Gt(risk, zero);
        const VF ratio = hn::Div(hn::Sub(grievance, threshold), hn::IfThenElse(risky, risk, one));
        const VF key = hn::IfThenElse(risky, ratio, hn::Set(df, 3.0f));
        hn::StoreU(hn::Compress(hn::Add(hn::Set(du, i), lane), as_uint(candidate)), du, x.candidate.data() + candidates);
        hn::StoreU(hn::Compress(key, candidate), df, x.candidate_key.data() + candidates);
        candidates += static_cast<uint32_t>(hn::CountTrue(df, candidate));
      }
    }

    // Moving to town: young free rural adults.
    if (r.rural) {
      const MU moves = hn::And(hn::And(adult, hn::Gt(cohort, hn::Set(du, static_cast<uint32_t>(Born1925to1939) - 1u))),
                               hn::And(hn::Eq(hn::And(status, hn::Set(du, kStatusMask)), hn::Set(du, static_cast<uint32_t>(Status::Free))),
                                       hn::Gt(hn::ShiftRight<8>(draws), migrate_above)));
      if (!hn::AllFalse(du, moves)) {
        hn::StoreU(hn::Compress(hn::Add(hn::Set(du, i), lane), moves), du, x.migrant.data() + migrants);
        migrants += static_cast<uint32_t>(hn::CountTrue(du, moves));
      }
    }

    store_bytes(status_after, c.status + i);
    if constexpr (kPart == Part::kWhole) {
      store_bytes(info, c.info + i);
      store_bytes(hn::IfThenElseZero(adult, one_u), x.adult.data() + i);
    }
  }
  if constexpr (kPart != Part::kBelief) n.deaths = deaths;
  if constexpr (kPart != Part::kLearning) {
    n.dissent = dissent;
    n.expressing = expressing;
    n.candidates = candidates;
    n.migrants = migrants;
    n.legitimacy_sum = static_cast<uint32_t>(hn::GetLane(hn::SumOfLanes(du, legitimacy_sum)));
    count_people(c, x, r.size, n);
  }
}

void PassCell(const CellRules& r, const CellColumns& c, CellScratch& x, CellCounts& n) { pass<Part::kWhole>(r, c, x, n); }
void PassCellLearning(const CellRules& r, const CellColumns& c, CellScratch& x, CellCounts& n) { pass<Part::kLearning>(r, c, x, n); }
void PassCellBelief(const CellRules& r, const CellColumns& c, CellScratch& x, CellCounts& n) { pass<Part::kBelief>(r, c, x, n); }

// The whole vectors of `n` bytes; the caller counts the rest one by one.
CellCensus CensusVectors(const uint8_t* status, const uint8_t* info, uint32_t n) {
  const hn::ScalableTag<uint8_t> d;
  const size_t lanes = hn::Lanes(d);
  CellCensus census;
  auto lacking = hn::Zero(d);
  size_t i = 0;
  for (; i + lanes <= n; i += lanes) {
    const auto person = hn::Lt(hn::And(hn::LoadU(d, status + i), hn::Set(d, kStatusMask)), hn::Set(d, static_cast<uint8_t>(Status::Dead)));
    census.persons += static_cast<uint32_t>(hn::CountTrue(d, person));
    lacking = hn::Or(lacking, hn::IfThenElseZero(person, hn::Not(hn::LoadU(d, info + i))));
  }
  alignas(64) uint8_t bytes[hn::MaxLanes(d)];
  hn::Store(lacking, d, bytes);
  for (size_t k = 0; k < lanes; ++k) census.lacking |= bytes[k];
  census.lacking &= (1u << kTopics) - 1u;
  return census;
}

void KnowersVectors(const uint8_t* info, const uint8_t* status, uint32_t n, std::array<uint32_t, kTopics + 1>& counts) {
  const hn::ScalableTag<uint8_t> d;
  const size_t lanes = hn::Lanes(d);
  for (size_t i = 0; i + lanes <= n; i += lanes) {
    const auto person = hn::Lt(hn::And(hn::LoadU(d, status + i), hn::Set(d, kStatusMask)), hn::Set(d, static_cast<uint8_t>(Status::Dead)));
    const auto known = hn::LoadU(d, info + i);
    for (int t = 0; t < kTopics; ++t)
      counts[static_cast<size_t>(t)] += static_cast<uint32_t>(hn::CountTrue(d, hn::And(person, hn::TestBit(known, hn::Set(d, static_cast<uint8_t>(1u << t))))));
    counts[kTopics] += static_cast<uint32_t>(hn::CountTrue(d, person));
  }
}

size_t BytesPerVector() { return hn::Lanes(hn::ScalableTag<uint8_t>()); }

}  // namespace HWY_NAMESPACE
}  // namespace thaw::model::society
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace thaw::model::society {

HWY_EXPORT(PassCell);
HWY_EXPORT(PassCellLearning);
HWY_EXPORT(PassCellBelief);
HWY_EXPORT(CensusVectors);
HWY_EXPORT(KnowersVectors);
HWY_EXPORT(BytesPerVector);

void pass_cell(const CellRules& r, const CellColumns& c, CellScratch& x, CellCounts& n) { HWY_DYNAMIC_DISPATCH(PassCell)(r, c, x, n); }
void pass_cell_learning(const CellRules& r, const CellColumns& c, CellScratch& x, CellCounts& n) {
  HWY_DYNAMIC_DISPATCH(PassCellLearning)(r, c, x, n);
}
void pass_cell_belief(const CellRules& r, const CellColumns& c, CellScratch& x, CellCounts& n) { HWY_DYNAMIC_DISPATCH(PassCellBelief)(r, c, x, n); }

namespace {
bool is_person_byte(uint8_t status) { return is_person(status); }
}  // namespace

CellCensus cell_census(const uint8_t* status, const uint8_t* info, uint32_t n) {
  CellCensus census = HWY_DYNAMIC_DISPATCH(CensusVectors)(status, info, n);
  const auto whole = static_cast<uint32_t>(n / HWY_DYNAMIC_DISPATCH(BytesPerVector)() * HWY_DYNAMIC_DISPATCH(BytesPerVector)());
  for (uint32_t i = whole; i < n; ++i) {
    if (!is_person_byte(status[i])) continue;
    ++census.persons;
    census.lacking |= static_cast<uint8_t>(~info[i] & ((1u << kTopics) - 1u));
  }
  return census;
}

std::array<uint32_t, kTopics + 1> count_knowers(const uint8_t* info, const uint8_t* status, uint32_t n) {
  std::array<uint32_t, kTopics + 1> counts{};
  HWY_DYNAMIC_DISPATCH(KnowersVectors)(info, status, n, counts);
  const size_t bytes = HWY_DYNAMIC_DISPATCH(BytesPerVector)();
  for (size_t i = n / bytes * bytes; i < n; ++i) {
    if (!is_person_byte(status[i])) continue;
    for (int t = 0; t < kTopics; ++t) counts[static_cast<size_t>(t)] += knows(info[i], t) ? 1u : 0u;
    ++counts[kTopics];
  }
  return counts;
}

uint32_t select_above(const uint32_t* index, const float* key, uint32_t n, float threshold, uint32_t* index_out, float* kept) {
  uint32_t count = 0;
  for (uint32_t i = 0; i < n; ++i) {
    index_out[count] = index[i];
    kept[count] = key[i];
    count += key[i] > threshold ? 1u : 0u;
  }
  return count;
}

std::vector<int64_t> pass_targets() { return hwy::SupportedAndGeneratedTargets(); }
const char* pass_target_name(int64_t target) { return hwy::TargetName(target); }
void use_pass_target(int64_t target) { hwy::SetSupportedTargetsForTest(target); }

}  // namespace thaw::model::society
#endif  // HWY_ONCE
