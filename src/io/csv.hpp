// Reading CSV (RFC 4180: quoted fields, doubled quotes, newlines inside quotes).
//
//   CsvTable t = read_csv("data/record/thaw_record.csv");   // throws, naming file and line
//   for (const auto& row : t.rows) std::string id = t.get(row, "id");
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

}  // namespace thaw::io
