#include "engine/series.hpp"

#include <fmt/format.h>

#include <fstream>
#include <stdexcept>

namespace thaw {

SeriesTable::SeriesTable(std::vector<std::string> columns) : columns_(std::move(columns)) {}

SeriesTable::SeriesTable(std::string label_column, std::vector<std::string> columns)
    : label_column_(std::move(label_column)), columns_(std::move(columns)) {}

void SeriesTable::add_row(std::span<const double> row, std::string label) {
  add_row(row);
  labels_.push_back(std::move(label));
}

size_t SeriesTable::index_of(std::string_view name) const {
  for (size_t i = 0; i < columns_.size(); ++i)
    if (columns_[i] == name) return i;
  throw std::out_of_range(fmt::format("no indicator named '{}'", name));
}

bool SeriesTable::has(std::string_view name) const {
  for (const auto& c : columns_)
    if (c == name) return true;
  return false;
}

void SeriesTable::add_row(std::span<const double> row) {
  if (row.size() != columns_.size())
    throw std::invalid_argument(fmt::format("row has {} values for {} columns", row.size(), columns_.size()));
  values_.insert(values_.end(), row.begin(), row.end());
}

std::vector<double> SeriesTable::column(std::string_view name) const {
  const size_t c = index_of(name);
  std::vector<double> out(rows());
  for (size_t r = 0; r < out.size(); ++r) out[r] = at(r, c);
  return out;
}

std::string SeriesTable::to_csv() const {
  const bool labelled = !label_column_.empty();
  std::string out = labelled ? label_column_ + "," : "";
  for (size_t c = 0; c < columns_.size(); ++c) {
    if (c) out += ',';
    out += columns_[c];
  }
  out += '\n';
  for (size_t r = 0; r < rows(); ++r) {
    if (labelled) out += (r < labels_.size() ? labels_[r] : std::string()) + ",";
    for (size_t c = 0; c < columns_.size(); ++c) {
      if (c) out += ',';
      out += fmt::format("{}", at(r, c));
    }
    out += '\n';
  }
  return out;
}

void SeriesTable::write_csv(const std::filesystem::path& path) const {
  std::ofstream f(path);
  if (!f) throw std::runtime_error(fmt::format("cannot write {}", path.string()));
  f << to_csv();
  if (!f) throw std::runtime_error(fmt::format("error while writing {}", path.string()));
}

}  // namespace thaw
