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
  std::string works;  // keys of data/record/works.csv, " | " between: the scholarly works to cite
  std::vector<std::string> source_list() const;  // sources split at " | "
  std::vector<std::string> work_keys() const;    // works split at " | "
};

std::vector<RecordEntry> load_record(const std::filesystem::path& path);

// A work a reader can cite (data/record/works.csv): a book or an article, or one of the
// project's seed texts (key "seed:<file>", as the record's sources name them).
struct Work {
  std::string key, kind, author, title, year, published, note;
  std::string citation() const;  // "William Taubman, Khrushchev: The Man and His Era (2003)"
  std::string short_cite() const;  // "Taubman 2003"; a seed without an author: its title
};
std::vector<Work> load_works(const std::filesystem::path& path);
const Work* find_work(const std::vector<Work>& works, const std::string& key);

// What a reader is shown for a record entry: the works it cites (its scholarly works, then the
// seed texts among its sources, by title), and web copies that are fit to cite, as a second
// link. Pirate e-book sites, redirects, encyclopaedia mirrors and content farms are left out
// (the file keeps them, for provenance: docs/record.md); tracking and redirect parameters are cut.
struct Citations {
  std::vector<const Work*> works;
  std::vector<std::string> web;  // addresses
};
Citations citations_of(const RecordEntry& entry, const std::vector<Work>& works);
bool citable_web_copy(const std::string& url);
std::string host_of(const std::string& url);  // "www.foreignaffairs.com"
// A word of the system as a reader meets it (data/i18n/glossary.csv, docs/i18n.md): the English
// term and what it meant, for the report's glossary; the file also holds the Danish, Indonesian
// and Tagalog forms the translations keep to. Throws std::runtime_error naming the file and line
// of a term without its English or its definition.
struct GlossaryTerm {
  std::string key, term, definition;
};
std::vector<GlossaryTerm> load_glossary(const std::filesystem::path& path);

const RecordEntry* find_entry(const std::vector<RecordEntry>& record, const std::string& id);

// A data file of the project (data/..., scenarios/...): as given, relative to the working
// directory, or under the source tree the binary was built from.
std::filesystem::path find_data_file(const std::string& name);

}  // namespace thaw::app
