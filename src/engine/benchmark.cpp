#include "engine/benchmark.hpp"

#include <fstream>
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

}  // namespace thaw
