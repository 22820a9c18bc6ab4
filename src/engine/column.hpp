// Storage for one state variable of a population (one column of a structure of arrays).
//
//   Column<uint8_t> status;
//   status.resize(n);          // uninitialised: fill it in parallel so pages land near their threads
//   status.bytes();            // for the memory report
//
// Unlike std::vector it never value-initialises, so creating 300 million agents does not pay for a
// serial pass of zeros before the real initialisation.
#pragma once

#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <span>
#include <type_traits>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace thaw {

template <class T>
class Column {
  static_assert(std::is_trivially_copyable_v<T> && std::is_trivially_destructible_v<T>);

 public:
  Column() = default;
  explicit Column(size_t n) { resize(n); }
  Column(const Column& other) { *this = other; }
  Column& operator=(const Column& other) {
    if (this != &other) {
      resize(other.size_);
      if (size_ != 0) std::memcpy(data_.get(), other.data_.get(), size_ * sizeof(T));
    }
    return *this;
  }
  Column(Column&&) noexcept = default;
  Column& operator=(Column&&) noexcept = default;

  // New elements are left uninitialised; existing ones are kept.
  void resize(size_t n) {
    if (n > capacity_) reserve(n > capacity_ * 3 / 2 ? n : capacity_ * 3 / 2);
    size_ = n;
  }

  void reserve(size_t n) {
    if (n <= capacity_) return;
    // Large columns go on 2 MiB pages where the kernel offers them on request (transparent huge
    // pages in "madvise" mode, Debian's default): 512 times fewer page faults when a column is
    // first filled, and fewer TLB misses in every pass over it.
    const bool huge = n * sizeof(T) >= kHugePage;
    const size_t align = huge ? kHugePage : 64;
    const size_t bytes = ((n * sizeof(T) + align - 1) / align) * align;  // aligned_alloc wants a multiple
    T* fresh = static_cast<T*>(std::aligned_alloc(align, bytes));
    if (fresh == nullptr) throw std::bad_alloc();
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    if (huge) madvise(fresh, bytes, MADV_HUGEPAGE);  // a hint: failure only costs speed
#endif
    if (size_ != 0) std::memcpy(fresh, data_.get(), size_ * sizeof(T));
    data_.reset(fresh);
    capacity_ = n;
  }

  void push_back(const T& v) {
    resize(size_ + 1);
    data_.get()[size_ - 1] = v;
  }

  void fill(const T& v) {
    for (size_t i = 0; i < size_; ++i) data_.get()[i] = v;
  }

  T& operator[](size_t i) { return data_.get()[i]; }
  const T& operator[](size_t i) const { return data_.get()[i]; }
  T* data() { return data_.get(); }
  const T* data() const { return data_.get(); }
  T* begin() { return data(); }
  T* end() { return data() + size_; }
  const T* begin() const { return data(); }
  const T* end() const { return data() + size_; }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  size_t bytes() const { return capacity_ * sizeof(T); }
  std::span<T> span() { return {data(), size_}; }
  std::span<const T> span() const { return {data(), size_}; }

 private:
  static constexpr size_t kHugePage = size_t{2} << 20;
  struct Free {
    void operator()(T* p) const { std::free(p); }
  };
  std::unique_ptr<T, Free> data_;
  size_t size_ = 0;
  size_t capacity_ = 0;
};

}  // namespace thaw
