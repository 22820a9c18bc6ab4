#include "app/record.hpp"

#include "io/csv.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>
#include <utility>
#include <string_view>

namespace thaw::app {

namespace {
std::vector<std::string> split_bars(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t bar = text.find(" | ", start);
    const std::string part = text.substr(start, bar == std::string::npos ? std::string::npos : bar - start);
    if (!part.empty()) out.push_back(part);
    if (bar == std::string::npos) break;
    start = bar + 3;
  }
  return out;
}
}  // namespace

std::vector<std::string> RecordEntry::source_list() const { return split_bars(sources); }
std::vector<std::string> RecordEntry::work_keys() const { return split_bars(works); }

std::vector<RecordEntry> load_record(const std::filesystem::path& path) {
  const auto t = io::read_csv(path);
  std::vector<RecordEntry> out;
  for (const auto& row : t.rows) {
    out.push_back({t.get(row, "id"), t.get(row, "date_start"), t.get(row, "date_end"), t.get(row, "category"),
                   t.get(row, "role"), t.get(row, "statement"), t.get(row, "figure"), t.get(row, "unit"),
                   t.get(row, "confidence"), t.get(row, "sources"), t.get(row, "seed_discrepancy"), t.get(row, "works")});
  }
  return out;
}

std::string Work::citation() const {
  std::string s = author.empty() ? title : author + ", " + title;
  if (!published.empty() && kind != "seed") s += " (" + published + (year.empty() ? "" : ", " + year) + ")";
  else if (!published.empty()) s += " (" + published + ")";
  else if (!year.empty()) s += " (" + year + ")";
  return s;
}

std::string Work::short_cite() const {
  // A seed without an author: its title to the first bracket, which the three translations of
  // one overview share (so that a row citing all three names it once).
  if (author.empty()) return title.substr(0, title.find(" ("));
  // The surname: the last word of the first author ("Aleksandr Fursenko and Timothy Naftali").
  auto first = author.substr(0, author.find(" and "));
  if (const auto ed = first.find(" (ed"); ed != std::string::npos) first = first.substr(0, ed);
  const auto space = first.rfind(' ');
  std::string surname = space == std::string::npos ? first : first.substr(space + 1);
  if (author.find(" and ") != std::string::npos) surname += " et al.";
  return year.empty() ? surname : surname + " " + year;
}

std::vector<Work> load_works(const std::filesystem::path& path) {
  const auto t = io::read_csv(path);
  std::vector<Work> out;
  for (const auto& row : t.rows)
    out.push_back({t.get(row, "key"), t.get(row, "kind"), t.get(row, "author"), t.get(row, "title"), t.get(row, "year"),
                   t.get(row, "published"), t.get(row, "note")});
  return out;
}

std::vector<GlossaryTerm> load_glossary(const std::filesystem::path& path) {
  const auto t = io::read_csv(path);
  std::vector<GlossaryTerm> out;
  for (size_t i = 0; i < t.rows.size(); ++i) {
    const auto& row = t.rows[i];
    GlossaryTerm g{t.get(row, "key"), t.get(row, "en"), t.get(row, "definition")};
    // The file has no field that spans lines, so its line is the row's index past the header.
    for (const auto& [field, value] : {std::pair{"key", &g.key}, std::pair{"en", &g.term}, std::pair{"definition", &g.definition}})
      if (value->empty())
        throw std::runtime_error(fmt::format("{}:{}: the field '{}' is empty", path.string(), i + 2, field));
    out.push_back(std::move(g));
  }
  return out;
}

const Work* find_work(const std::vector<Work>& works, const std::string& key) {
  for (const auto& w : works)
    if (w.key == key) return &w;
  return nullptr;
}

std::string host_of(const std::string& url) {
  const auto scheme = url.find("://");
  if (scheme == std::string::npos) return "";
  const auto start = scheme + 3;
  return url.substr(start, url.find('/', start) == std::string::npos ? std::string::npos : url.find('/', start) - start);
}

bool citable_web_copy(const std::string& url) {
  if (url.rfind("http", 0) != 0) return false;
  // The web copies found when the record was made include pirate e-book sites, redirectors,
  // mirrors of encyclopaedias and content farms, not fit for a class (issue 17). A reader is
  // shown only the addresses of archives, libraries, journals, museums, newspapers and
  // reference works that can be cited; the file keeps every address, for provenance.
  static const char* const kCitable[] = {
      "en.wikipedia.org", "www.britannica.com", "www.encyclopedia.com", "digitalarchive.wilsoncenter.org",
      "history.state.gov", "cia.gov", "www.cia.gov", "soviethistory.msu.edu", "germanhistorydocs.org", "ghdi.ghi-dc.org",
      "direct.mit.edu", "www.taylorfrancis.com", "core-prod.cambridgecore.org", "carlbeckpapers.pitt.edu", "cyberleninka.ru",
      "archive.org", "www.foreignaffairs.com", "www.zeit.de", "www.welt.de", "content.time.com", "time.com",
      "www.csmonitor.com", "www.kommersant.ru", "oldtmt.vedomosti.ru", "www.svoboda.org", "tass.com", "www.pap.pl",
      "www.bta.bg", "www.rev.hu", "www.plzen1953.cz", "www.ctbto.org", "physicstoday.aip.org", "www.langcen.cam.ac.uk",
      "www.prlib.ru", "spartacus-educational.com", "newbooksnetwork.com", "paperspast.natlib.govt.nz",
      "bukovsky-archive.com", "www.derstandard.at", "www.politico.com", "russianlife.com", "deutschlandmuseum.de",
      "www.mmoma.ru", "stadtgeschichte-muenchen.de", "www.lpbr.net", "www.latinamericanstudies.org", "archive.kyivpost.com"};
  const auto host = host_of(url);
  return std::any_of(std::begin(kCitable), std::end(kCitable), [&](const char* h) { return host == h; });
}

Citations citations_of(const RecordEntry& entry, const std::vector<Work>& works) {
  Citations c;
  auto add = [&](const Work* w) {
    if (w && std::find(c.works.begin(), c.works.end(), w) == c.works.end()) c.works.push_back(w);
  };
  for (const auto& key : entry.work_keys()) add(find_work(works, key));
  for (const auto& s : entry.source_list()) {
    if (s.rfind("seed:", 0) == 0) {
      // One of the translations of a text stands for all of them.
      const auto* w = find_work(works, s);
      if (w && std::none_of(c.works.begin(), c.works.end(), [&](const Work* o) { return o->short_cite() == w->short_cite(); })) add(w);
    } else if (citable_web_copy(s)) {
      auto url = s;
      if (const auto q = url.find("?redirectedFrom="); q != std::string::npos) url = url.substr(0, q);
      c.web.push_back(url);
    }
  }
  return c;
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
