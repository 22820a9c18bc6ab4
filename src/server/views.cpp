#include "server/views.hpp"

#include "app/report.hpp"
#include "engine/quantile.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <optional>

namespace thaw::server {

using json = nlohmann::json;

namespace {
// Non-finite values (runs that did not report the indicator) are left out.
double finite_quantile(std::vector<double> v, double q) {
  std::erase_if(v, [](double x) { return !std::isfinite(x); });
  return thaw::quantile(std::move(v), q);
}

json number_or_null(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }
}  // namespace

json indicators_json(const SeriesTable& t) {
  json columns = json::object();
  for (size_t c = 0; c < t.columns().size(); ++c) {
    if (c == 0 && t.columns()[c] == "step") continue;
    json values = json::array();
    for (size_t r = 0; r < t.rows(); ++r) values.push_back(number_or_null(t.at(r, c)));
    columns[t.columns()[c]] = std::move(values);
  }
  return {{"labels", t.labels()}, {"columns", std::move(columns)}};
}

json bands_json(const std::vector<SeriesTable>& tables) {
  json low = json::object(), median = json::object(), high = json::object();
  const auto& t0 = tables.front();
  for (size_t c = 0; c < t0.columns().size(); ++c) {
    json lo = json::array(), mid = json::array(), hi = json::array();
    for (size_t r = 0; r < t0.rows(); ++r) {
      std::vector<double> xs;
      for (const auto& t : tables)
        if (r < t.rows()) xs.push_back(t.at(r, c));
      lo.push_back(number_or_null(finite_quantile(xs, 0.05)));
      mid.push_back(number_or_null(finite_quantile(xs, 0.5)));
      hi.push_back(number_or_null(finite_quantile(xs, 0.95)));
    }
    low[t0.columns()[c]] = std::move(lo);
    median[t0.columns()[c]] = std::move(mid);
    high[t0.columns()[c]] = std::move(hi);
  }
  return {{"low", std::move(low)}, {"median", std::move(median)}, {"high", std::move(high)}};
}

namespace {

// A data file the pages cite, read once. An absent file is an empty list (a server run outside the
// source tree has no record to show); a file that is there but cannot be read is an error naming
// its line, thrown to the caller, never an empty list that would drop the record without a word.
// (A static whose initialiser throws is not initialised: the next call reads the file again.)
template <class Value, class Load>
std::optional<Value> read_data_file(const char* relative, Load load) {
  const auto path = app::find_data_file(relative);
  if (!std::filesystem::exists(path)) return std::nullopt;
  return load(path);
}

}  // namespace

const std::vector<app::RecordEntry>& record_entries() {
  static const auto record =
      read_data_file<std::vector<app::RecordEntry>>("data/record/thaw_record.csv", app::load_record).value_or(std::vector<app::RecordEntry>{});
  return record;
}

const app::TargetFile* targets() {
  static const auto t = read_data_file<app::TargetFile>("data/targets.toml", app::load_targets);
  return t ? &*t : nullptr;
}

const std::vector<app::Work>& works() {
  static const auto list =
      read_data_file<std::vector<app::Work>>("data/record/works.csv", app::load_works).value_or(std::vector<app::Work>{});
  return list;
}

const std::vector<app::GlossaryTerm>& glossary() {
  static const auto list = read_data_file<std::vector<app::GlossaryTerm>>("data/i18n/glossary.csv", app::load_glossary)
                               .value_or(std::vector<app::GlossaryTerm>{});
  return list;
}

void read_data_files() {
  record_entries();
  targets();
  works();
  glossary();
}

std::string cite_rows(const std::string& ids) { return app::cite_rows(ids, record_entries(), works()); }

json bibliography_json() {
  json out = json::array();
  for (const auto& w : works()) {
    int cited_by = 0;
    // Counted on the file's own lists: a reader is shown one translation of the overview for all
    // three, but each is a source of the row.
    for (const auto& r : record_entries()) {
      const auto keys = r.work_keys(), sources = r.source_list();
      cited_by += std::count(keys.begin(), keys.end(), w.key) + std::count(sources.begin(), sources.end(), w.key) > 0;
    }
    out.push_back({{"key", w.key.starts_with("seed:") ? "seed" : w.key}, {"kind", w.kind}, {"author", w.author}, {"title", w.title},
                   {"year", w.year}, {"published", w.published}, {"note", w.note}, {"cited_by", cited_by}});
  }
  std::stable_sort(out.begin(), out.end(), [](const json& a, const json& b) { return (a["kind"] == "seed") < (b["kind"] == "seed"); });
  return out;
}

json record_json() {
  json out = json::array();
  for (const auto& r : record_entries()) {
    const auto c = app::citations_of(r, works());
    json cites = json::array(), web = json::array();
    for (const auto* w : c.works) cites.push_back({{"short", w->short_cite()}, {"full", w->citation()}, {"kind", w->kind}});
    for (const auto& u : c.web) web.push_back({{"url", u}, {"site", app::host_of(u)}});
    out.push_back({{"id", r.id},
                   {"cites", cites},
                   {"web", web},
                   {"date", r.date_start},
                   {"date_end", r.date_end},
                   {"category", r.category},
                   {"role", r.role},
                   {"statement", r.statement},
                   {"figure", r.figure},
                   {"unit", r.unit},
                   {"sources", r.sources}});
  }
  return out;
}

json record_marks_json() {
  json out = json::array();
  if (const auto* t = targets())
    for (const auto& target : t->targets) {
      if (target.kind != "indicator" || target.statistic != "value") continue;
      out.push_back({{"indicator", target.indicator}, {"month", target.date.str()}, {"low", target.low},
                     {"high", target.high}, {"label", target.what}});
    }
  return out;
}

std::string report_of(const Simulation& sim, const app::Scenario& scenario, uint64_t seed, const app::RunChanges& changes) {
  return app::report_html({&sim, &scenario, seed, targets(), record_entries().empty() ? nullptr : &record_entries(), &changes,
                           works().empty() ? nullptr : &works(), glossary().empty() ? nullptr : &glossary()});
}

json changes_json(const app::RunChanges& c) {
  json decisions = json::array(), params = json::array(), choices = json::array();
  for (const auto& d : c.decisions) decisions.push_back({{"id", d.id}, {"date", d.date}, {"note", d.note}, {"enabled", d.enabled}});
  for (const auto& p : c.params) params.push_back({{"path", p.path}, {"written", p.written}, {"run", p.run}, {"unit", p.unit}});
  for (const auto& p : c.choices)
    choices.push_back({{"month", p.month}, {"title", p.title}, {"option", p.option}, {"history", p.history}});
  return {{"decisions", decisions}, {"params", params}, {"choices", choices}, {"altered", c.altered()}};
}

}  // namespace thaw::server
