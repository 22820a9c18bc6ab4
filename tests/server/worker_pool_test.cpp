// The server's pool of workers: bounded, and every job can be asked to stop.
#include "server/worker_pool.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <stdexcept>

namespace thaw::server {
namespace {

TEST(WorkerPool, RefusesAJobWhileEveryWorkerIsBusyAndTakesOneAgainAfter) {
  WorkerPool pool(2);
  std::promise<void> release;
  std::shared_future<void> go = release.get_future().share();
  std::atomic<int> ran{0};
  auto blocking = [&](std::stop_token) {
    go.wait();
    ++ran;
  };
  EXPECT_TRUE(pool.try_submit(blocking));
  EXPECT_TRUE(pool.try_submit(blocking));
  EXPECT_FALSE(pool.try_submit(blocking));
  EXPECT_FALSE(pool.try_call(blocking));
  release.set_value();
  // Once a worker is free again a job is accepted.
  bool accepted = false;
  for (int i = 0; i < 2000 && !accepted; ++i) {
    accepted = pool.try_call([&](std::stop_token) { ++ran; });
    if (!accepted) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  EXPECT_TRUE(accepted);
  EXPECT_EQ(ran, 3);
}

TEST(WorkerPool, CallRethrowsWhatTheJobThrows) {
  WorkerPool pool(1);
  EXPECT_THROW(pool.try_call([](std::stop_token) { throw std::runtime_error("no"); }), std::runtime_error);
  // The worker survives it.
  int x = 0;
  EXPECT_TRUE(pool.try_call([&](std::stop_token) { x = 1; }));
  EXPECT_EQ(x, 1);
}

TEST(WorkerPool, ARunningJobSeesTheRequestToStop) {
  WorkerPool pool(1);
  std::promise<void> started, stopped;
  ASSERT_TRUE(pool.try_submit([&](std::stop_token stop) {
    started.set_value();
    while (!stop.stop_requested()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    stopped.set_value();
  }));
  started.get_future().wait();
  pool.request_stop();
  EXPECT_EQ(stopped.get_future().wait_for(std::chrono::seconds(60)), std::future_status::ready);
}

}  // namespace
}  // namespace thaw::server
