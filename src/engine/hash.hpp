// FNV-1a over the bytes of a text (Fowler, Noll & Vo): names turned into numbers at no cost at
// run time (random stream ids, rng.hpp) and fingerprints of texts (a sweep's design). Not for
// state checksums (checksum.hpp reads 8-byte words) and not cryptographic.
//
//   constexpr uint32_t id = fnv1a_32("society.contacts");
//   uint64_t fp = fnv1a_64(spec_text);  fp = fnv1a_64(more_text, fp);   // chained
#pragma once

#include <concepts>
#include <cstdint>
#include <string_view>

namespace thaw {

namespace detail {
template <std::unsigned_integral U>
constexpr U fnv1a(std::string_view text, U hash, U prime) {
  for (char c : text) {
    hash ^= static_cast<uint8_t>(c);
    hash *= prime;
  }
  return hash;
}
}  // namespace detail

constexpr uint32_t fnv1a_32(std::string_view text, uint32_t hash = 2166136261u) {
  return detail::fnv1a<uint32_t>(text, hash, 16777619u);
}

constexpr uint64_t fnv1a_64(std::string_view text, uint64_t hash = 14695981039346656037ULL) {
  return detail::fnv1a<uint64_t>(text, hash, 1099511628211ULL);
}

}  // namespace thaw
