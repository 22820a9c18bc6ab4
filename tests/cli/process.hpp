// Running the thaw binary from a test: its exit status and what it printed, with a generous limit
// that only guards against a hang (never a timing assertion).
//
//   auto r = run_thaw({"run", "--seed", "-1"});          // waits
//   EXPECT_EQ(r.status, 2);  EXPECT_THAT(r.output, HasSubstr("--seed"));
//   Child server = start_thaw({"serve", "--port", "8123"});  // runs beside the test
//   server.signal(SIGTERM); auto status = server.wait();
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace thaw::testing {

struct Finished {
  int status = -1;  // exit status; -1 if it did not exit by itself (killed after the limit)
  std::string output;  // stdout and stderr
};

class Child {
 public:
  Child(const std::vector<std::string>& args, const std::filesystem::path& cwd = std::filesystem::current_path()) {
    static int counter = 0;
    log_ = std::filesystem::temp_directory_path() / ("thaw-test-" + std::to_string(getpid()) + "-" + std::to_string(++counter) + ".log");
    std::vector<std::string> full = {THAW_BIN};
    full.insert(full.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : full) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, log_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
    if (posix_spawn(&pid_, THAW_BIN, &actions, nullptr, argv.data(), environ) != 0) pid_ = -1;
    posix_spawn_file_actions_destroy(&actions);
  }
  ~Child() {
    if (pid_ > 0 && !done_) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    std::error_code ec;
    std::filesystem::remove(log_, ec);
  }
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  void signal(int sig) const { kill(pid_, sig); }
  bool running() {
    if (done_) return false;
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      done_ = true;
      status_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    return !done_;
  }
  // Waits for the exit (killing it after `limit`, a hang guard).
  Finished wait(std::chrono::seconds limit = std::chrono::seconds(300)) {
    const auto until = std::chrono::steady_clock::now() + limit;
    while (running() && std::chrono::steady_clock::now() < until) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    if (running()) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
      done_ = true;
      status_ = -1;
    }
    return {status_, output()};
  }
  std::string output() const {
    std::ifstream f(log_);
    std::stringstream s;
    s << f.rdbuf();
    return s.str();
  }
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
  bool done_ = false;
  int status_ = -1;
  std::filesystem::path log_;
};

inline Finished run_thaw(const std::vector<std::string>& args,
                         const std::filesystem::path& cwd = std::filesystem::current_path()) {
  Child c(args, cwd);
  return c.wait();
}

// A port nothing listens on now (the kernel's pick), for a server a test starts.
int free_port();

}  // namespace thaw::testing
