#include "app/record.hpp"

#include "io/csv.hpp"

namespace thaw::app {

std::vector<std::string> RecordEntry::source_list() const {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= sources.size()) {
    const size_t bar = sources.find(" | ", start);
    const std::string part = sources.substr(start, bar == std::string::npos ? std::string::npos : bar - start);
    if (!part.empty()) out.push_back(part);
    if (bar == std::string::npos) break;
    start = bar + 3;
  }
  return out;
}

std::vector<RecordEntry> load_record(const std::filesystem::path& path) {
  const auto t = io::read_csv(path);
  std::vector<RecordEntry> out;
  for (const auto& row : t.rows) {
    out.push_back({t.get(row, "id"), t.get(row, "date_start"), t.get(row, "date_end"), t.get(row, "category"),
                   t.get(row, "role"), t.get(row, "statement"), t.get(row, "figure"), t.get(row, "unit"),
                   t.get(row, "confidence"), t.get(row, "sources"), t.get(row, "seed_discrepancy")});
  }
  return out;
}

const RecordEntry* find_entry(const std::vector<RecordEntry>& record, const std::string& id) {
  for (const auto& e : record)
    if (e.id == id) return &e;
  return nullptr;
}

std::filesystem::path find_data_file(const std::string& name) {
  namespace fs = std::filesystem;
  for (const fs::path& c : {fs::path(name), fs::path(THAW_SOURCE_DIR) / name})
    if (fs::exists(c)) return c;
  return name;
}

}  // namespace thaw::app
