// Citizens as a structure of arrays: five bytes a person.
//
// Every locality owns a contiguous block of slots (room to grow included), aligned to whole
// neighbourhood cells; a slot is a person or empty. People change block only in the sequential
// phases (arrest, release, return, migration) through transfer(), so that the parallel monthly
// pass never sees a slot change owner. ODD: docs/odd/society.md, "State variables".
#pragma once

#include "engine/column.hpp"
#include "model/thaw/signals.hpp"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace thaw::model::society {

// Legal status (BRIEF: free / imprisoned / special settler / exiled); Empty marks a free slot.
enum class Status : uint8_t { Free = 0, Imprisoned = 1, Settler = 2, Exiled = 3, Dead = 4, Empty = 5 };

// Bits of the status byte above the 3-bit status.
inline constexpr uint8_t kStatusMask = 0x07;
inline constexpr uint8_t kActive = 0x08;      // took part in open protest this month (Epstein)
inline constexpr uint8_t kExpressing = 0x10;  // voices dissent in public (Kuran)
inline constexpr uint8_t kPolitical = 0x20;   // repressed as "counter-revolutionary" (self or family)
inline constexpr uint8_t kEmboldened = 0x40;  // lost the fear of speaking (revelations, the young)
inline constexpr uint8_t kBornInRun = 0x80;   // born after March 1953: a child throughout

// The traits byte: cohort (2 bits), class (2 bits), incarnation (4 bits, bumped when a slot is
// reused, so that a newcomer does not inherit the previous holder's dispositions).
inline uint8_t make_traits(Cohort c, Class k, uint8_t incarnation) {
  return static_cast<uint8_t>(c | (k << 2) | ((incarnation & 0x0f) << 4));
}
inline Cohort cohort_of(uint8_t traits) { return static_cast<Cohort>(traits & 0x03); }
inline Class class_of(uint8_t traits) { return static_cast<Class>((traits >> 2) & 0x03); }
inline uint8_t incarnation_of(uint8_t traits) { return traits >> 4; }

inline Status status_of(uint8_t status) { return static_cast<Status>(status & kStatusMask); }
inline uint8_t with_status(uint8_t status, Status s) {
  return static_cast<uint8_t>((status & ~kStatusMask) | static_cast<uint8_t>(s));
}
// Dead and Empty are the two highest statuses: one comparison, which the person pass vectorises.
inline bool is_person(uint8_t status) { return (status & kStatusMask) < static_cast<uint8_t>(Status::Dead); }

// Information: bit t of `info` says the person knows topic t. During the monthly pass everyone
// reads their contacts' `info_prev` (last month, read-only) and writes their own `info`; the two
// are swapped at the end of the month. No order dependence and no data race, at one extra byte.
inline bool knows(uint8_t info, int topic) { return (info >> topic) & 1u; }

struct Population {
  // A slot's locality is its cell's: blocks are whole cells and never move, so the locality is kept
  // per cell (2 bytes per cell, not per person).
  std::vector<uint16_t> cell_locality;
  uint32_t cell_agents = 128;
  int locality_of(uint64_t slot) const { return cell_locality[slot / cell_agents]; }

  Column<uint8_t> traits;
  Column<uint8_t> status;
  Column<uint8_t> legitimacy;  // belief in the regime's right to rule, 0..255 for 0..1
  Column<uint8_t> info;
  Column<uint8_t> info_prev;

  size_t slots() const { return status.size(); }
  size_t bytes() const {
    return cell_locality.capacity() * sizeof(uint16_t) + traits.bytes() + status.bytes() + legitimacy.bytes() +
           info.bytes() + info_prev.bytes();
  }
  static constexpr size_t kBytesPerSlot = 1 + 1 + 1 + 1 + 1;

  void resize(size_t n) {
    traits.resize(n);
    status.resize(n);
    legitimacy.resize(n);
    info.resize(n);
    info_prev.resize(n);
  }
};

inline float legitimacy_value(uint8_t b) { return static_cast<float>(b) * (1.0f / 255.0f); }

// Belief to its byte, rounded up with chance equal to the fraction (`u` uniform in [0, 1)):
// stochastic rounding keeps small monthly drifts from being rounded away. The clamped value is
// non-negative, so truncation is the floor (no libm call; the person pass vectorises it).
inline uint8_t quantise_belief(float belief, float u) {
  const float scaled = std::min(std::max(belief, 0.0f), 1.0f) * 255.0f;
  const auto floor_scaled = static_cast<int32_t>(scaled);
  const int32_t up = u < scaled - static_cast<float>(floor_scaled) ? 1 : 0;
  return static_cast<uint8_t>(std::min(255, floor_scaled + up));
}

}  // namespace thaw::model::society
