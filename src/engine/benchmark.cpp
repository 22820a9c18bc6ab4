#include "engine/benchmark.hpp"

#include "engine/parallel.hpp"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <fstream>
#include <memory>
#include <string>

namespace thaw {

uint64_t peak_resident_bytes() {
  // Linux: VmHWM in /proc/self/status, in kB.
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stoull(line.substr(6)) * 1024;
  }
  return 0;
}

double stream_copy_seconds(uint64_t bytes, const Executor& executor, int repeats) {
  // The bound a streaming pass cannot beat: memory moved at the rate memcpy moves it. Pages are
  // touched first (in parallel, as the model's columns are) so that the timing sees no faults.
  constexpr size_t kChunk = size_t{1} << 22;
  const auto n = static_cast<size_t>(bytes);
  std::unique_ptr<char[]> src(new char[n]), dst(new char[n]);
  executor.for_chunks(n, kChunk, [&](size_t b, size_t e, size_t) {
    std::memset(src.get() + b, 1, e - b);
    std::memset(dst.get() + b, 0, e - b);
  });
  double best = 1e300;
  for (int r = 0; r <= repeats; ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    executor.for_chunks(n, kChunk, [&](size_t b, size_t e, size_t) { std::memcpy(dst.get() + b, src.get() + b, e - b); });
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (r > 0) best = std::min(best, s);  // the first copy is the warm-up
  }
  return best;
}

}  // namespace thaw
