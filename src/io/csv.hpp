// Reading and writing CSV (RFC 4180: quoted fields, doubled quotes, newlines inside quotes).
//
//   CsvTable t = read_csv("data/record/thaw_record.csv");   // throws, naming file and line
//   for (const auto& row : t.rows) std::string id = t.get(row, "id");
//   f << csv_field(name) << ',' << csv_field(text, Quote::Always) << '\n';
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace thaw::io {

struct CsvTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  // The field of `row` under `column`; empty if the column is absent.
  const std::string& get(const std::vector<std::string>& row, std::string_view column) const;
};

CsvTable parse_csv(std::string_view text, const std::string& source_name);
CsvTable read_csv(const std::filesystem::path& path);

// One field of a row, quoted (quotes inside doubled) when it holds a comma, a quote or a line
// break; Quote::Always quotes every value of a column that holds free text (events.csv), so
// that the column reads the same whatever its values.
enum class Quote { AsNeeded, Always };
std::string csv_field(std::string_view value, Quote quote = Quote::AsNeeded);

}  // namespace thaw::io
