#include "server/worker_pool.hpp"

#include <algorithm>
#include <exception>

namespace thaw::server {

WorkerPool::WorkerPool(int workers) {
  for (int i = 0; i < std::max(workers, 1); ++i) threads_.emplace_back([this] { work(); });
}

WorkerPool::~WorkerPool() {
  {
    std::lock_guard lock(mutex_);
    closing_ = true;
  }
  wake_.notify_all();
  for (auto& t : threads_) t.join();
}

bool WorkerPool::try_queue(Task task) {
  {
    std::lock_guard lock(mutex_);
    if (closing_ || busy_ >= static_cast<int>(threads_.size())) return false;
    ++busy_;
    jobs_.push_back(std::move(task));
  }
  wake_.notify_one();
  return true;
}

bool WorkerPool::try_submit(Job job) { return try_queue({std::move(job), nullptr}); }

bool WorkerPool::try_call(const Job& job) {
  std::promise<void> done;
  auto finished = done.get_future();
  if (!try_queue({job, &done})) return false;
  finished.get();
  return true;
}

void WorkerPool::request_stop() { stop_.request_stop(); }

void WorkerPool::work() {
  while (true) {
    Task task;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return !jobs_.empty() || closing_; });
      if (jobs_.empty()) return;  // closing, and every accepted job has been taken
      task = std::move(jobs_.front());
      jobs_.pop_front();
    }
    // A submitted job reports its own failures; one that throws must not take the worker with it.
    std::exception_ptr error;
    try {
      task.job(stop_.get_token());
    } catch (...) {
      error = std::current_exception();
    }
    {
      std::lock_guard lock(mutex_);
      --busy_;
    }
    if (task.done) {
      if (error) task.done->set_exception(error);
      else task.done->set_value();
    }
  }
}

}  // namespace thaw::server
