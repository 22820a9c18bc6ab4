// Per-step indicators: a tidy table with one row per recorded step.
//
//   SeriesTable t({"step", "quiet", "active", "jailed"});
//   t.add_row({0, 1020, 3, 80});
//   t.write_csv("runs/x/indicators.csv");
//   t.column("active")  // -> std::vector<double>
#pragma once

#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace thaw {

class SeriesTable {
 public:
  SeriesTable() = default;
  explicit SeriesTable(std::vector<std::string> columns);
  // A first, textual column (e.g. "date" holding "1956-02") written before the numbers.
  SeriesTable(std::string label_column, std::vector<std::string> columns);

  const std::vector<std::string>& columns() const { return columns_; }
  size_t rows() const { return columns_.empty() ? 0 : values_.size() / columns_.size(); }
  // Index of a column; throws std::out_of_range naming the column if it does not exist.
  size_t index_of(std::string_view name) const;
  bool has(std::string_view name) const;

  void add_row(std::span<const double> row);
  void add_row(std::initializer_list<double> row) { add_row(std::span(row.begin(), row.size())); }
  void add_row(std::span<const double> row, std::string label);
  const std::string& label_column() const { return label_column_; }
  const std::vector<std::string>& labels() const { return labels_; }
  double at(size_t row, size_t col) const { return values_[row * columns_.size() + col]; }
  std::vector<double> column(std::string_view name) const;

  // Numbers are written in their shortest exact form, so a CSV compares equal iff the runs did.
  void write_csv(const std::filesystem::path& path) const;
  std::string to_csv() const;

 private:
  std::string label_column_;
  std::vector<std::string> labels_;
  std::vector<std::string> columns_;
  std::vector<double> values_;
};

}  // namespace thaw
