// A 64-bit fingerprint of simulation state, to check that two runs are the same to the last bit
// (1 thread against 2, a run against its restart from a checkpoint).
//
//   Checksum c;  c.add(status.span());  c.add(step);  c.value();
#pragma once

#include <cstdint>
#include <cstring>
#include <span>
#include <type_traits>

namespace thaw {

class Checksum {
 public:
  void add_bytes(const void* data, size_t n) {
    const auto* p = static_cast<const unsigned char*>(data);
    // FNV-1a over 8-byte words: fast enough for hundreds of megabytes, good enough to detect any
    // difference (this is a fingerprint, not a cryptographic hash).
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
      uint64_t w;
      std::memcpy(&w, p + i, 8);
      h_ = (h_ ^ w) * 0x100000001b3ULL;
      h_ ^= h_ >> 29;
    }
    for (; i < n; ++i) h_ = (h_ ^ p[i]) * 0x100000001b3ULL;
  }

  template <class T>
    requires std::is_trivially_copyable_v<std::remove_const_t<T>>
  void add(std::span<T> values) {
    add_bytes(values.data(), values.size_bytes());
  }

  template <class T>
    requires std::is_arithmetic_v<T>
  void add(T v) {
    add_bytes(&v, sizeof v);
  }

  uint64_t value() const { return h_; }

 private:
  uint64_t h_ = 0xcbf29ce484222325ULL;
};

}  // namespace thaw
