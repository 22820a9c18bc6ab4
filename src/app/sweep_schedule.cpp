#include "app/sweep_schedule.hpp"

#include <fmt/format.h>

#ifdef THAW_HAVE_MPI
#include <mpi.h>
#endif

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <list>
#include <stdexcept>
#include <thread>

namespace thaw::app {

// ---------------------------------------------------------------------------------------------
// MPI (optional at build time; used only when launched by mpirun)
// ---------------------------------------------------------------------------------------------

namespace {
bool g_mpi_started = false;
constexpr int kTagResult = 17;   // a finished run, worker rank -> rank 0
constexpr int kTagRequest = 18;  // "n more runs, please", worker rank -> rank 0
constexpr int kTagWork = 19;     // run ids (none: the sweep is handed out), rank 0 -> worker rank
}  // namespace

bool launched_by_mpi() {
#ifdef THAW_HAVE_MPI
  for (const char* v : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK", "PMI_SIZE"})
    if (std::getenv(v)) return true;
#endif
  return false;
}

void mpi_start() {
#ifdef THAW_HAVE_MPI
  if (g_mpi_started || !launched_by_mpi()) return;
  int provided = 0;
  // Only the main thread of each rank calls MPI; the computing threads hand results over a queue.
  MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
  g_mpi_started = true;
#endif
}

bool mpi_running() { return g_mpi_started; }

namespace {
#ifdef THAW_HAVE_MPI
// A property of MPI_COMM_WORLD (MPI_Comm_rank, MPI_Comm_size), or `fallback` without MPI.
int world(int (*query)(MPI_Comm, int*), int fallback) {
  int value = fallback;
  if (g_mpi_started) query(MPI_COMM_WORLD, &value);
  return value;
}
#endif
}  // namespace

int mpi_rank() {
#ifdef THAW_HAVE_MPI
  return world(MPI_Comm_rank, 0);
#else
  return 0;
#endif
}

int mpi_size() {
#ifdef THAW_HAVE_MPI
  return world(MPI_Comm_size, 1);
#else
  return 1;
#endif
}

int mpi_local_size() {
#ifdef THAW_HAVE_MPI
  if (g_mpi_started) {
    MPI_Comm local;
    MPI_Comm_split_type(MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, 0, MPI_INFO_NULL, &local);
    int n = 1;
    MPI_Comm_size(local, &n);
    MPI_Comm_free(&local);
    return n;
  }
#endif
  return 1;
}

void mpi_finalize() {
#ifdef THAW_HAVE_MPI
  if (g_mpi_started) {
    MPI_Finalize();
    g_mpi_started = false;
  }
#endif
}

void mpi_require_same(uint64_t fingerprint) {
#ifdef THAW_HAVE_MPI
  if (!g_mpi_started) return;
  // On a cluster each node reads its own copy of the files.
  uint64_t root_fingerprint = fingerprint;
  MPI_Bcast(&root_fingerprint, 1, MPI_UINT64_T, 0, MPI_COMM_WORLD);
  if (root_fingerprint != fingerprint)
    mpi_abort(2, fmt::format("thaw sweep (rank {}): the spec, the overrides or the scenario differ from rank 0's", mpi_rank()));
#else
  (void)fingerprint;
#endif
}

int64_t mpi_broadcast(int64_t value) {
#ifdef THAW_HAVE_MPI
  if (g_mpi_started) MPI_Bcast(&value, 1, MPI_INT64_T, 0, MPI_COMM_WORLD);
#endif
  return value;
}

void mpi_abort(int status, const std::string& why) {
  fmt::print(stderr, "{}\n", why);
#ifdef THAW_HAVE_MPI
  if (g_mpi_started) MPI_Abort(MPI_COMM_WORLD, status);
#endif
  std::exit(status);
}

// ---------------------------------------------------------------------------------------------
// The scheduler
// ---------------------------------------------------------------------------------------------

RunScheduler::RunScheduler(std::vector<int64_t> pending, int threads)
    : pending_(std::move(pending)), threads_(threads), root_(mpi_rank() == 0) {}

std::pair<size_t, size_t> RunScheduler::take(size_t n) {
  const size_t b = std::min(next_.fetch_add(n), pending_.size());
  return {b, std::min(b + n, pending_.size())};
}

std::optional<int64_t> RunScheduler::next_run() {
  if (stopped_) return std::nullopt;
  if (root_) {
    const auto [b, e] = take(1);
    return b < e ? std::optional<int64_t>(pending_[b]) : std::nullopt;
  }
  std::unique_lock l(jobs_mutex_);
  jobs_cv_.wait(l, [&] { return !jobs_.empty() || jobs_done_ || stopped_.load(); });
  if (jobs_.empty() || stopped_) return std::nullopt;
  const int64_t id = jobs_.front();
  jobs_.pop_front();
  return id;
}

void RunScheduler::deliver(std::string record) {
  {
    std::lock_guard l(results_mutex_);
    results_.push_back(std::move(record));
  }
  results_cv_.notify_one();
}

void RunScheduler::threads_done(std::exception_ptr error) {
  {
    std::lock_guard l(results_mutex_);
    results_closed_ = true;
    if (error && !error_) error_ = error;
  }
  results_cv_.notify_all();
  if (error) stop();
}

void RunScheduler::stop() {
  {
    // Under the lock, so that a thread about to wait for jobs cannot miss it.
    std::lock_guard l(jobs_mutex_);
    stopped_ = true;
  }
  jobs_cv_.notify_all();
}

std::optional<std::string> RunScheduler::pop(int milliseconds) {
  std::unique_lock l(results_mutex_);
  results_cv_.wait_for(l, std::chrono::milliseconds(milliseconds), [&] { return !results_.empty() || results_closed_; });
  if (error_) std::rethrow_exception(error_);
  if (results_.empty()) return std::nullopt;
  auto s = std::move(results_.front());
  results_.pop_front();
  return s;
}

bool RunScheduler::drained() {
  std::lock_guard l(results_mutex_);
  return results_closed_ && results_.empty();
}

RunScheduler::Served RunScheduler::serve(int64_t expected, const std::function<bool(const std::string&)>& store) {
  return root_ ? serve_root(expected, store) : serve_worker();
}

RunScheduler::Served RunScheduler::serve_root(int64_t expected, const std::function<bool(const std::string&)>& store) {
  Served served;
  const int ranks = mpi_size();
  auto store_one = [&](const std::string& record) {
    ++served.handled;
    served.stopped = store(record);
  };
  int told_done = 0;  // ranks > 0 told that there is no more work
  while (!served.stopped && (served.handled < expected || told_done < ranks - 1)) {
    if (auto record = pop(g_mpi_started ? 1 : 200)) {
      store_one(*record);
    } else if (!g_mpi_started && drained() && served.handled < expected) {
      throw std::runtime_error("sweep: the worker threads stopped early");
    }
#ifdef THAW_HAVE_MPI
    while (g_mpi_started && !served.stopped) {
      int flag = 0;
      MPI_Status st;
      MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &st);
      if (!flag) break;
      if (st.MPI_TAG == kTagResult) {
        int count = 0;
        MPI_Get_count(&st, MPI_BYTE, &count);
        std::string buf(static_cast<size_t>(count), '\0');
        MPI_Recv(buf.data(), count, MPI_BYTE, st.MPI_SOURCE, kTagResult, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        store_one(buf);
      } else if (st.MPI_TAG == kTagRequest) {
        int64_t n = 0;
        MPI_Recv(&n, 1, MPI_INT64_T, st.MPI_SOURCE, kTagRequest, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        const auto [b, e] = take(static_cast<size_t>(std::max<int64_t>(n, 1)));
        MPI_Send(pending_.data() + b, static_cast<int>(e - b), MPI_INT64_T, st.MPI_SOURCE, kTagWork, MPI_COMM_WORLD);
        if (b == e) ++told_done;
      } else {
        throw std::runtime_error(fmt::format("sweep: unexpected message (tag {}) from rank {}", st.MPI_TAG, st.MPI_SOURCE));
      }
    }
#endif
  }
  return served;
}

RunScheduler::Served RunScheduler::serve_worker() {
  Served served;
#ifdef THAW_HAVE_MPI
  // Ask for work while fewer runs than threads are waiting; send results without blocking (a
  // blocked MPI call spins, taking a core from the runs).
  bool told_done = false, asked = false;
  std::list<std::pair<MPI_Request, std::string>> sends;
  while (true) {
    if (!told_done && !asked) {
      size_t waiting;
      {
        std::lock_guard l(jobs_mutex_);
        waiting = jobs_.size();
      }
      if (waiting < static_cast<size_t>(threads_)) {
        const int64_t n = threads_;
        MPI_Send(&n, 1, MPI_INT64_T, 0, kTagRequest, MPI_COMM_WORLD);
        asked = true;
      }
    }
    if (asked) {
      int flag = 0;
      MPI_Status st;
      MPI_Iprobe(0, kTagWork, MPI_COMM_WORLD, &flag, &st);
      if (flag) {
        int count = 0;
        MPI_Get_count(&st, MPI_INT64_T, &count);
        std::vector<int64_t> ids(static_cast<size_t>(count));
        MPI_Recv(ids.data(), count, MPI_INT64_T, 0, kTagWork, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        {
          std::lock_guard l(jobs_mutex_);
          jobs_.insert(jobs_.end(), ids.begin(), ids.end());
          if (count == 0) jobs_done_ = true;
        }
        jobs_cv_.notify_all();
        asked = false;
        told_done = count == 0;
      }
    }
    while (auto record = pop(0)) {
      sends.emplace_back();
      sends.back().second = std::move(*record);
      auto& [req, buf] = sends.back();
      MPI_Isend(buf.data(), static_cast<int>(buf.size()), MPI_BYTE, 0, kTagResult, MPI_COMM_WORLD, &req);
      ++served.handled;
    }
    for (auto it = sends.begin(); it != sends.end();) {
      int done = 0;
      MPI_Test(&it->first, &done, MPI_STATUS_IGNORE);
      it = done ? sends.erase(it) : std::next(it);
    }
    if (told_done && drained() && sends.empty()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
#endif
  return served;
}

}  // namespace thaw::app
