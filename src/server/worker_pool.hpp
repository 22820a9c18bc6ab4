// The threads that run the server's simulations: a fixed number, and a job is accepted only while
// one of them is free, so the runs at once are bounded and a request beyond that is refused at
// once (HTTP 429) rather than queued without end.
//
//   WorkerPool pool(2);
//   if (!pool.try_submit([run](std::stop_token stop) { execute(*run, stop); })) return busy();
//   if (!pool.try_call([&](std::stop_token stop) { advance(session, stop); })) return busy();
//
// Every job is handed a stop token; request_stop() (a graceful shutdown) asks the running jobs to
// stop, and a job checks the token between steps. The destructor lets running jobs finish.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <stop_token>
#include <thread>
#include <vector>

namespace thaw::server {

class WorkerPool {
 public:
  using Job = std::function<void(std::stop_token)>;

  explicit WorkerPool(int workers);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Starts `job` on a free worker; false if every worker is busy.
  bool try_submit(Job job);
  // Runs `job` on a free worker and waits for it, rethrowing what it throws; false (without
  // running it) if every worker is busy. When it returns, the worker is free again.
  bool try_call(const Job& job);
  // Asks every running job to stop.
  void request_stop();

  int workers() const { return static_cast<int>(threads_.size()); }

 private:
  struct Task {
    Job job;
    std::promise<void>* done = nullptr;  // try_call's: told once the worker is free again
  };
  bool try_queue(Task task);
  void work();

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Task> jobs_;
  int busy_ = 0;  // jobs accepted and not yet finished
  bool closing_ = false;
  std::stop_source stop_;
  std::vector<std::thread> threads_;
};

}  // namespace thaw::server
