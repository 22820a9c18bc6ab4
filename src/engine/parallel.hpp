// Deterministic parallel loops.
//
//   Executor ex(threads);
//   ex.for_chunks(n, 1 << 16, [&](size_t begin, size_t end, size_t chunk) { ... });
//   double total = ex.sum_chunks(n, 1 << 16, [&](size_t b, size_t e) { ... return partial; });
//
// Work is cut into chunks whose boundaries depend only on n and the chunk size, never on the
// number of threads. Partial results are stored per chunk and folded in chunk order, so a sum
// over 1 thread and over 16 is the same to the last bit.
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

namespace thaw {

class Executor {
 public:
  explicit Executor(int threads = 1);
  ~Executor();
  Executor(const Executor&) = delete;
  Executor& operator=(const Executor&) = delete;

  int threads() const { return threads_; }

  static size_t chunk_count(size_t n, size_t chunk) { return chunk == 0 ? 0 : (n + chunk - 1) / chunk; }

  // Calls f(begin, end, chunk_index) once for every chunk of [0, n).
  template <class F>
  void for_chunks(size_t n, size_t chunk, F&& f) const {
    const size_t chunks = chunk_count(n, chunk);
    auto body = [&](size_t c) {
      const size_t begin = c * chunk;
      const size_t end = begin + chunk < n ? begin + chunk : n;
      f(begin, end, c);
    };
    if (threads_ <= 1 || chunks <= 1) {
      for (size_t c = 0; c < chunks; ++c) body(c);
    } else {
      run_indexed(chunks, body);
    }
  }

  // Calls f(i) for every i in [0, count): for independent tasks such as replicates or tiles.
  template <class F>
  void for_each_index(size_t count, F&& f) const {
    if (threads_ <= 1 || count <= 1) {
      for (size_t i = 0; i < count; ++i) f(i);
    } else {
      run_indexed(count, f);
    }
  }

  // The indices i of [0, n) for which pred(i) holds, ascending: the chunks are tested in
  // parallel and their lists joined in chunk order (a sequential loop's list).
  template <class F>
  std::vector<size_t> indices_where(size_t n, size_t chunk, F&& pred) const {
    std::vector<std::vector<size_t>> part(chunk_count(n, chunk));
    for_chunks(n, chunk, [&](size_t b, size_t e, size_t c) {
      for (size_t i = b; i < e; ++i)
        if (pred(i)) part[c].push_back(i);
    });
    size_t total = 0;
    for (const auto& p : part) total += p.size();
    std::vector<size_t> out;
    out.reserve(total);
    for (const auto& p : part) out.insert(out.end(), p.begin(), p.end());
    return out;
  }

  // Sum of f(begin, end) over the chunks of [0, n), folded in chunk order.
  template <class T, class F>
  T sum_chunks(size_t n, size_t chunk, F&& f) const {
    std::vector<T> partial(chunk_count(n, chunk), T{});
    for_chunks(n, chunk, [&](size_t b, size_t e, size_t c) { partial[c] = f(b, e); });
    T total{};
    for (const T& p : partial) total += p;
    return total;
  }

 private:
  template <class F>
  void run_indexed(size_t count, F& f) const {
    dispatch(count, [](void* ctx, size_t i) { (*static_cast<F*>(ctx))(i); }, &f);
  }
  void dispatch(size_t count, void (*fn)(void*, size_t), void* ctx) const;

  int threads_;
  struct Arena;  // the TBB arena, kept out of this header
  std::unique_ptr<Arena> arena_;
};

// Number of hardware threads, at least 1.
int hardware_threads();

}  // namespace thaw
