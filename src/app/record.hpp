// The project's record of the Thaw (data/record/thaw_record.csv, described in docs/record.md):
// dated facts with figures, sources and confidence, each marked as a decision, an outside event,
// an outcome (which the model must produce, not script) or context.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace thaw::app {

struct RecordEntry {
  std::string id, date_start, date_end, category, role, statement, figure, unit, confidence, sources,
      seed_discrepancy;
  std::vector<std::string> source_list() const;  // sources split at " | "
};

std::vector<RecordEntry> load_record(const std::filesystem::path& path);
const RecordEntry* find_entry(const std::vector<RecordEntry>& record, const std::string& id);

// A data file of the project (data/..., scenarios/...): as given, relative to the working
// directory, or under the source tree the binary was built from.
std::filesystem::path find_data_file(const std::string& name);

}  // namespace thaw::app
