#include "engine/parallel.hpp"
#include "engine/rng.hpp"

#include <gtest/gtest.h>

#include <atomic>

namespace thaw {
namespace {

double noisy_sum(const Executor& ex) {
  // A sum whose value depends on the order of additions in floating point.
  return ex.sum_chunks<double>(1'000'003, 4096, [](size_t b, size_t e) {
    double s = 0;
    for (size_t i = b; i < e; ++i) {
      rng::Draws d(1, 1, i, 0);
      s += d.uniform() * 1e10 - 5e9 + 1e-7 * static_cast<double>(i);
    }
    return s;
  });
}

TEST(Executor, SumsAreBitIdenticalWhateverTheThreadCount) {
  const double one = noisy_sum(Executor(1));
  EXPECT_EQ(one, noisy_sum(Executor(2)));
  EXPECT_EQ(one, noisy_sum(Executor(7)));
}

TEST(Executor, EveryChunkRunsExactlyOnce) {
  Executor ex(2);
  std::vector<std::atomic<int>> hits(1000);
  ex.for_chunks(1000, 7, [&](size_t b, size_t e, size_t) {
    for (size_t i = b; i < e; ++i) hits[i]++;
  });
  for (auto& h : hits) EXPECT_EQ(h.load(), 1);
  EXPECT_EQ(Executor::chunk_count(1000, 7), 143u);
}

TEST(Executor, ForEachIndexCoversAll) {
  Executor ex(3);
  std::vector<std::atomic<int>> hits(50);
  ex.for_each_index(50, [&](size_t i) { hits[i]++; });
  for (auto& h : hits) EXPECT_EQ(h.load(), 1);
}

TEST(Executor, IndicesWhereAreThoseOfALoopInOrder) {
  auto pred = [](size_t i) { return rng::Draws(3, 1, i, 0).uniform() < 0.01; };
  std::vector<size_t> loop;
  for (size_t i = 0; i < 100'003; ++i)
    if (pred(i)) loop.push_back(i);
  EXPECT_EQ(Executor(1).indices_where(100'003, 1000, pred), loop);
  EXPECT_EQ(Executor(2).indices_where(100'003, 1000, pred), loop);
  EXPECT_EQ(Executor(3).indices_where(100'003, 7, pred), loop);
}

}  // namespace
}  // namespace thaw
