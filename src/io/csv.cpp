#include "io/csv.hpp"

#include <fmt/format.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace thaw::io {

const std::string& CsvTable::get(const std::vector<std::string>& row, std::string_view column) const {
  static const std::string empty;
  for (size_t i = 0; i < header.size(); ++i)
    if (header[i] == column) return i < row.size() ? row[i] : empty;
  return empty;
}

CsvTable parse_csv(std::string_view text, const std::string& source_name) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false, field_started = false;
  size_t line = 1, quote_line = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == '"' && !field_started) {
      quoted = true;
      field_started = true;
      quote_line = line;
    } else if (c == ',') {
      record.push_back(std::move(field));
      field.clear();
      field_started = false;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      record.push_back(std::move(field));
      field.clear();
      field_started = false;
      records.push_back(std::move(record));
      record.clear();
      ++line;
    } else {
      field += c;
      field_started = true;
    }
  }
  if (quoted) throw std::runtime_error(fmt::format("{}:{}: a quoted field is never closed", source_name, quote_line));
  if (field_started || !record.empty()) {
    record.push_back(std::move(field));
    records.push_back(std::move(record));
  }
  CsvTable t;
  if (records.empty()) return t;
  t.header = std::move(records.front());
  for (size_t r = 1; r < records.size(); ++r) {
    if (records[r].size() == 1 && records[r][0].empty()) continue;  // blank line
    if (records[r].size() != t.header.size())
      throw std::runtime_error(fmt::format("{}: record {} has {} fields, the header has {}", source_name, r + 1,
                                           records[r].size(), t.header.size()));
    t.rows.push_back(std::move(records[r]));
  }
  return t;
}

CsvTable read_csv(const std::filesystem::path& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw std::runtime_error(fmt::format("{}: cannot open", path.string()));
  std::stringstream buffer;
  buffer << f.rdbuf();
  return parse_csv(buffer.str(), path.string());
}

std::string csv_field(std::string_view value, Quote quote) {
  if (quote == Quote::AsNeeded && value.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(value);
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace thaw::io
