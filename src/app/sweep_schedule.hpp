// Where a sweep's runs are computed: the threads of this process and, when it was started by
// mpirun, the other ranks. Work is handed out from one pool in order of run id: rank 0's threads
// take from it directly, the other ranks ask rank 0 for a few runs at a time (self-scheduling),
// so a slow machine or a slow point never leaves the others idle. Only rank 0 stores; what a run
// computes depends only on its id. MPI is optional at build time (THAW_HAVE_MPI).
//
//   mpi_start();
//   RunScheduler s(pending, threads);               // pending: rank 0's list of run ids
//   std::thread compute([&] { while (auto id = s.next_run()) s.deliver(run(*id)); s.threads_done(); });
//   auto served = s.serve(expected, [&](const std::string& r) { store(r); return false; });
//   s.stop(); compute.join();
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace thaw::app {

// True when this process was started by mpirun / mpiexec (and MPI support was built in).
bool launched_by_mpi();
void mpi_start();  // initialises MPI if launched by mpirun; does nothing otherwise
bool mpi_running();
int mpi_rank();        // 0 without MPI
int mpi_size();        // 1 without MPI
int mpi_local_size();  // ranks on this machine
void mpi_finalize();
// Every rank must run the same design: aborts every rank if this rank's fingerprint differs
// from rank 0's.
void mpi_require_same(uint64_t fingerprint);
// Rank 0's value, on every rank.
int64_t mpi_broadcast(int64_t value);
// Stops every rank with this exit status, after saying why on stderr.
[[noreturn]] void mpi_abort(int status, const std::string& why);

class RunScheduler {
 public:
  // `pending`: the run ids to compute, in order (rank 0; ignored on the other ranks).
  RunScheduler(std::vector<int64_t> pending, int threads);

  // For a computing thread of this process: the next run, or nullopt when there is none left or
  // stop() was called. On ranks > 0 it waits for rank 0's answer.
  std::optional<int64_t> next_run();
  // For a computing thread: a finished run's encoded record.
  void deliver(std::string record);
  // The computing threads have finished (`error`: why they stopped).
  void threads_done(std::exception_ptr error = nullptr);
  // No more runs are handed out.
  void stop();

  struct Served {
    int64_t handled = 0;   // results stored (rank 0) or sent (other ranks)
    bool stopped = false;  // `store` asked to stop
  };
  // The main thread's loop. On rank 0: stores every result through `store` (which returns true to
  // stop there, as if killed) and answers the other ranks, until `expected` results are stored and
  // every rank has been told there is no more work. On the other ranks: asks for work and sends
  // results until rank 0 has no more. Rethrows a computing thread's error.
  Served serve(int64_t expected, const std::function<bool(const std::string&)>& store);

 private:
  std::optional<std::string> pop(int milliseconds);
  bool drained();
  std::pair<size_t, size_t> take(size_t n);
  Served serve_root(int64_t expected, const std::function<bool(const std::string&)>& store);
  Served serve_worker();

  std::vector<int64_t> pending_;
  int threads_;
  bool root_;
  std::atomic<size_t> next_{0};
  std::atomic<bool> stopped_{false};

  // Ranks > 0: run ids received from rank 0.
  std::mutex jobs_mutex_;
  std::condition_variable jobs_cv_;
  std::deque<int64_t> jobs_;
  bool jobs_done_ = false;

  // Results, from the computing threads to the main thread.
  std::mutex results_mutex_;
  std::condition_variable results_cv_;
  std::deque<std::string> results_;
  bool results_closed_ = false;
  std::exception_ptr error_;
};

}  // namespace thaw::app
