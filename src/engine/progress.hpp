// Progress of long work on stderr: "  step 420/1000  42%  1.3 s, about 1.8 s left".
//
//   Progress p("epstein 400x400", total_steps);
//   for (...) { step(); p.update(done); }
//   p.finish();
//
// On a terminal the line is redrawn in place at most 5 times a second; otherwise (logs, CI) a line
// is printed at every 10% so that the log stays short. Silent when disabled.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace thaw {

class Progress {
 public:
  Progress(std::string label, int64_t total, bool enabled = true);
  void update(int64_t done);
  void finish();
  double elapsed_seconds() const;

 private:
  void print(int64_t done, bool final);

  std::string label_;
  int64_t total_;
  bool enabled_;
  bool tty_;
  int last_decile_ = -1;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_print_;
};

}  // namespace thaw
