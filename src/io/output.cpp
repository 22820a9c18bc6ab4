#include "io/output.hpp"

#include <fmt/format.h>

#include <stdexcept>

namespace thaw::io {

namespace {
[[noreturn]] void cannot_write(const std::filesystem::path& path) {
  throw std::runtime_error(fmt::format("cannot write {}", path.string()));
}
}  // namespace

void write_text(const std::filesystem::path& path, std::string_view text) {
  std::ofstream f(path);
  f << text;
  if (!f) cannot_write(path);
}

OutputFolder::OutputFolder(std::filesystem::path dir) : dir_(std::move(dir)) { std::filesystem::create_directories(dir_); }

std::ofstream OutputFolder::open(const std::string& name) {
  written_.push_back(dir_ / name);
  std::ofstream f(written_.back());
  if (!f) cannot_write(written_.back());
  return f;
}

void OutputFolder::write(const std::string& name, std::string_view text) {
  written_.push_back(dir_ / name);
  write_text(written_.back(), text);
}

}  // namespace thaw::io
