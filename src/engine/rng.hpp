// Counter-based random streams.
//
//   thaw::rng::Draws d(run_seed, rng::stream_id("epstein.move"), agent_id, step);
//   double u = d.uniform();          // in [0, 1)
//   uint32_t k = d.below(n);         // uniform integer in [0, n)
//
// Every draw is a pure function of (run seed, stream, entity, step, draw index): Philox4x32-10
// (Salmon et al. 2011, Random123) encrypts the counter {entity, step, block} under a key derived
// from (run seed, stream). Nothing is carried between draws except the position in one short
// sequence, so the result never depends on which thread handles which agent, or in what order.
#pragma once

#include "engine/hash.hpp"

#include <Random123/philox.h>

#include <cstdint>
#include <string_view>

namespace thaw::rng {

__extension__ typedef unsigned __int128 uint128;  // for 64x64->128 multiplies

// SplitMix64's finaliser: a bijective 64-bit mixer with full avalanche. Used to derive keys, so
// that seeds 1, 2, 3 give unrelated streams (never seed + i).
constexpr uint64_t mix64(uint64_t z) {
  z += 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

constexpr uint64_t hash_combine(uint64_t a, uint64_t b) { return mix64(a ^ mix64(b)); }

// A bijective 32-bit mixer (Wellons' "lowbias32", found by his hash prospector: two multiplies,
// bias 0.17). Thirty-two-bit multiplies vectorise on every x86-64 (SSE4.1 pmulld, 16 lanes with
// AVX-512), 64-bit ones only with AVX-512DQ, so per-person draws in hot loops use this one:
// hash32(entity ^ key), with the key derived from (run, stream, step) by hash_combine.
constexpr uint32_t hash32(uint32_t x) {
  x ^= x >> 16;
  x *= 0x7feb352dU;
  x ^= x >> 15;
  x *= 0x846ca68bU;
  x ^= x >> 16;
  return x;
}

// Streams are named in code ("society.contacts") yet cost nothing at run time.
constexpr uint32_t stream_id(std::string_view name) { return fnv1a_32(name); }

// The seed of replicate `replicate` of an ensemble whose master seed is `master`.
constexpr uint64_t replicate_seed(uint64_t master, uint64_t replicate) {
  return hash_combine(mix64(master), replicate + 0x5851f42d4c957f2dULL);
}

// A short sequence of random numbers owned by one (run, stream, entity, step). Cheap to create:
// create one wherever an entity needs randomness, never share one between entities.
class Draws {
 public:
  using Philox = r123::Philox4x32;

  Draws(uint64_t run_seed, uint32_t stream, uint64_t entity, uint64_t step) {
    const uint64_t k = hash_combine(run_seed, stream);
    key_ = {{static_cast<uint32_t>(k), static_cast<uint32_t>(k >> 32)}};
    ctr_ = {{static_cast<uint32_t>(entity), static_cast<uint32_t>(entity >> 32),
             static_cast<uint32_t>(step ^ (step >> 32)), 0u}};
  }

  uint32_t next_u32() {
    if (used_ == 4) refill();
    return block_.v[used_++];
  }

  uint64_t next_u64() {
    const uint64_t hi = next_u32();
    return (hi << 32) | next_u32();
  }

  // 53 random bits: every double in [0, 1) on the 2^-53 lattice is equally likely.
  double uniform() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }

  // (0, 1]: safe to take the logarithm of.
  double uniform_pos() { return (static_cast<double>(next_u64() >> 11) + 1.0) * 0x1.0p-53; }

  // 24 random bits as a float in [0, 1): for hot loops where 2^-24 resolution is enough.
  float uniform_f() { return static_cast<float>(next_u32() >> 8) * 0x1.0p-24f; }

  // Uniform integer in [0, n), n > 0, without bias (Lemire 2019, multiply-and-reject).
  uint32_t below(uint32_t n) {
    uint64_t m = static_cast<uint64_t>(next_u32()) * n;
    auto low = static_cast<uint32_t>(m);
    if (low < n) {
      const uint32_t threshold = (0u - n) % n;
      while (low < threshold) {
        m = static_cast<uint64_t>(next_u32()) * n;
        low = static_cast<uint32_t>(m);
      }
    }
    return static_cast<uint32_t>(m >> 32);
  }

  uint64_t below64(uint64_t n) {
    if (n <= 0xffffffffULL) return below(static_cast<uint32_t>(n));
    // Rejection on the smallest power of two above n: at most two tries on average.
    uint64_t mask = n - 1;
    mask |= mask >> 1; mask |= mask >> 2; mask |= mask >> 4;
    mask |= mask >> 8; mask |= mask >> 16; mask |= mask >> 32;
    for (;;) {
      const uint64_t x = next_u64() & mask;
      if (x < n) return x;
    }
  }

  bool chance(double p) { return uniform() < p; }

 private:
  void refill() {
    block_ = Philox()(ctr_, key_);
    ++ctr_.v[3];
    used_ = 0;
  }

  Philox::key_type key_{};
  Philox::ctr_type ctr_{};
  Philox::ctr_type block_{};
  int used_ = 4;
};

// A lighter counter-based stream for the hottest loops (one person, one month): SplitMix64
// (Steele, Lea & Flood 2014) started from a hash of (run, stream, entity, step). It passes
// BigCrush as a sequence and costs about a nanosecond a draw, against about ten for a Philox
// block; use it where a loop touches hundreds of millions of agents a step, Draws elsewhere.
class SplitStream {
 public:
  SplitStream(uint64_t run_seed, uint32_t stream, uint64_t entity, uint64_t step)
      : state_(hash_combine(hash_combine(run_seed, stream), entity * 0xd1342543de82ef95ULL + step)) {}
  // A stream continuing from 64 bits that were themselves drawn from a keyed hash (for loops
  // that precompute the key of (run, stream, step) once and take one hash per entity).
  static SplitStream from_state(uint64_t state) { return SplitStream(state); }

  uint64_t next_u64() {
    state_ += 0x9e3779b97f4a7c15ULL;
    uint64_t z = state_;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  uint32_t next_u32() { return static_cast<uint32_t>(next_u64() >> 32); }
  double uniform() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }
  double uniform_pos() { return (static_cast<double>(next_u64() >> 11) + 1.0) * 0x1.0p-53; }
  float uniform_f() { return static_cast<float>(next_u64() >> 40) * 0x1.0p-24f; }
  uint64_t below64(uint64_t n) {
    // Multiply-shift on 64 bits: the bias is below n / 2^64, far beneath anything measurable.
    return static_cast<uint64_t>((static_cast<uint128>(next_u64()) * n) >> 64);
  }
  uint32_t below(uint32_t n) { return static_cast<uint32_t>(below64(n)); }
  bool chance(double p) { return uniform() < p; }

 private:
  explicit SplitStream(uint64_t state) : state_(state) {}
  uint64_t state_;
};

}  // namespace thaw::rng
