#include "engine/progress.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <unistd.h>

namespace thaw {

Progress::Progress(std::string label, int64_t total, bool enabled)
    : label_(std::move(label)),
      total_(total < 1 ? 1 : total),
      enabled_(enabled),
      tty_(isatty(fileno(stderr)) != 0),
      start_(std::chrono::steady_clock::now()),
      last_print_(start_) {}

double Progress::elapsed_seconds() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

void Progress::update(int64_t done) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (tty_) {
    if (now - last_print_ < std::chrono::milliseconds(200)) return;
    last_print_ = now;
    print(done, false);
  } else {
    const int decile = static_cast<int>(done * 10 / total_);
    if (decile == last_decile_ || decile >= 10) return;
    last_decile_ = decile;
    print(done, false);
  }
}

void Progress::finish() {
  if (!enabled_) return;
  print(total_, true);
}

void Progress::print(int64_t done, bool final) {
  const double t = elapsed_seconds();
  const double frac = static_cast<double>(done) / static_cast<double>(total_);
  std::string line = fmt::format("  {} {}/{} {:3.0f}%  {:.1f} s", label_, done, total_, 100.0 * frac, t);
  if (!final && frac > 0.0) line += fmt::format(", about {:.1f} s left", t / frac - t);
  if (tty_) {
    fmt::print(stderr, "\r{:<78}", line);
    if (final) fmt::print(stderr, "\n");
  } else {
    fmt::print(stderr, "{}\n", line);
  }
  std::fflush(stderr);
}

}  // namespace thaw
