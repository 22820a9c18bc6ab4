#include "app/sweep_store.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <cstdlib>
#include <string_view>

namespace thaw::app {

namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS parameters(param INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS points(point INTEGER PRIMARY KEY, overrides TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS point_values(point INTEGER NOT NULL, param INTEGER NOT NULL, value TEXT NOT NULL,
  number REAL, PRIMARY KEY(point, param)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS outcomes(outcome INTEGER PRIMARY KEY, id TEXT NOT NULL, what TEXT, kind TEXT NOT NULL,
  definition TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS targets(target INTEGER PRIMARY KEY, id TEXT NOT NULL, record TEXT, what TEXT,
  fitted INTEGER NOT NULL, low REAL, high REAL, kind TEXT);
CREATE TABLE IF NOT EXISTS indicators(indicator INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS months(step INTEGER PRIMARY KEY, date TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs(run INTEGER PRIMARY KEY, point INTEGER NOT NULL, replicate INTEGER NOT NULL,
  seed TEXT NOT NULL, checksum TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS run_info(run INTEGER PRIMARY KEY, seconds REAL, rank INTEGER, stored_at TEXT);
CREATE TABLE IF NOT EXISTS run_outcomes(run INTEGER NOT NULL, outcome INTEGER NOT NULL, value REAL,
  PRIMARY KEY(run, outcome)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS run_targets(run INTEGER NOT NULL, target INTEGER NOT NULL, value REAL,
  passed INTEGER NOT NULL, PRIMARY KEY(run, target)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS series(run INTEGER NOT NULL, indicator INTEGER NOT NULL, step INTEGER NOT NULL,
  value REAL, PRIMARY KEY(run, indicator, step)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS events(run INTEGER NOT NULL, seq INTEGER NOT NULL, date TEXT NOT NULL,
  code TEXT NOT NULL, subject TEXT, PRIMARY KEY(run, seq)) WITHOUT ROWID;
)sql";

constexpr const char* kSchemaVersion = "1";

// The tables kSchema creates, read from it, so that a table added there is checked too.
const std::vector<std::string>& schema_tables() {
  static const std::vector<std::string> tables = [] {
    std::vector<std::string> out;
    constexpr std::string_view create = "CREATE TABLE IF NOT EXISTS ";
    const std::string_view schema = kSchema;
    for (size_t at = schema.find(create); at != std::string_view::npos; at = schema.find(create, at)) {
      at += create.size();
      out.emplace_back(schema.substr(at, schema.find('(', at) - at));
    }
    return out;
  }();
  return tables;
}

bool has_table(sqlite::Db& db, const std::string& name) {
  auto q = db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?");
  q.bind(1, name);
  return q.step() && q.i64(0) > 0;
}

std::string outcome_definition(const Outcome& o) {
  return o.kind == "event" ? fmt::format("event {}{} in {}..{}", o.filter.event, o.filter.subject.empty() ? "" : " (" + o.filter.subject + ")",
                                         o.date.str(), o.until.str())
                           : fmt::format("{} of {} over {}..{}", o.statistic, o.indicator, o.date.str(), o.until.str());
}

}  // namespace

void check_sweep_schema(sqlite::Db& db, const std::filesystem::path& path) {
  std::vector<std::string> missing;
  for (const auto& t : schema_tables())
    if (!has_table(db, t)) missing.push_back(t);
  if (!missing.empty())
    throw std::runtime_error(fmt::format("{}: not a complete thaw sweep database: table{} {} missing (give another --db, or "
                                         "delete it to start again)",
                                         path.string(), missing.size() > 1 ? "s" : "", fmt::join(missing, ", ")));
  auto q = db.prepare("SELECT value FROM meta WHERE key = 'schema_version'");
  const std::string version = q.step() ? q.text(0) : std::string("(none)");
  if (version != kSchemaVersion)
    throw std::runtime_error(fmt::format("{}: schema_version is {}, this thaw reads and writes version {} (docs/sweeps.md)",
                                         path.string(), version, kSchemaVersion));
}

SweepStore::Lock::Lock(const std::filesystem::path& db) {
  const std::string lock = db.string() + ".lock";
  fd = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) throw std::runtime_error(fmt::format("{}: cannot create the lock file: {}", lock, std::strerror(errno)));
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd);
    fd = -1;
    throw std::runtime_error(fmt::format("{}: another thaw sweep is writing this database (its lock {} is held); wait for it "
                                         "to end, or give another --db",
                                         db.string(), lock));
  }
}

SweepStore::Lock::~Lock() {
  if (fd >= 0) ::close(fd);
}

SweepStore::SweepStore(const std::filesystem::path& path) : path_(path), lock_(path), db_(path) {
  // A database that holds anything must be a whole sweep database of this schema: re-creating a
  // dropped table would let a resume or an export skip its rows without a word.
  if (db_.scalar_i64("SELECT count(*) FROM sqlite_master WHERE type = 'table'") > 0) {
    if (!has_table(db_, "meta"))
      throw std::runtime_error(fmt::format("{}: holds tables but is not a thaw sweep database (no meta table)", path_.string()));
    if (db_.scalar_i64("SELECT count(*) FROM meta") > 0) check_sweep_schema(db_, path_);
  }
  db_.exec(kSchema);
  ins_run_ = std::make_unique<sqlite::Stmt>(db_.prepare("INSERT INTO runs VALUES (?,?,?,?,?)"));
  ins_info_ = std::make_unique<sqlite::Stmt>(
      db_.prepare("INSERT OR REPLACE INTO run_info VALUES (?,?,?,strftime('%Y-%m-%dT%H:%M:%fZ','now'))"));
  ins_outcome_ = std::make_unique<sqlite::Stmt>(db_.prepare("INSERT INTO run_outcomes VALUES (?,?,?)"));
  ins_target_ = std::make_unique<sqlite::Stmt>(db_.prepare("INSERT INTO run_targets VALUES (?,?,?,?)"));
  ins_series_ = std::make_unique<sqlite::Stmt>(db_.prepare("INSERT INTO series VALUES (?,?,?,?)"));
  ins_event_ = std::make_unique<sqlite::Stmt>(db_.prepare("INSERT INTO events VALUES (?,?,?,?,?)"));
  ins_month_ = std::make_unique<sqlite::Stmt>(db_.prepare("INSERT OR IGNORE INTO months VALUES (?,?)"));
  ins_indicator_ = std::make_unique<sqlite::Stmt>(db_.prepare("INSERT INTO indicators(name) VALUES (?)"));
  auto q = db_.prepare("SELECT indicator, name FROM indicators");
  while (q.step()) indicator_ids_[q.text(1)] = q.i64(0);
}

void SweepStore::initialise(const SweepSpec& spec, const std::vector<std::vector<std::string>>& points,
                            const std::string& fingerprint, const std::vector<std::string>& point_overrides,
                            const TargetFile* targets) {
  auto q = db_.prepare("SELECT value FROM meta WHERE key = 'fingerprint'");
  if (q.step()) {
    if (q.text(0) != fingerprint)
      throw std::runtime_error(path_.string() + std::string(
          " holds a different sweep (the spec, its --set overrides or the scenario changed since it "
          "was started); give another --db or delete it to start again"));
    return;
  }
  sqlite::Transaction tx(db_);
  auto meta = db_.prepare("INSERT INTO meta VALUES (?, ?)");
  const std::pair<std::string, std::string> rows[] = {
      {"fingerprint", fingerprint},
      {"schema_version", kSchemaVersion},
      {"name", spec.name},
      {"spec_file", spec.source},
      {"spec", spec.text},
      {"sets", [&] {
         std::string s;
         for (const auto& x : spec.sets) s += (s.empty() ? "" : "\n") + x;
         return s;
       }()},
      {"scenario", spec.scenario},
      {"design", spec.design},
      {"replicates", std::to_string(spec.replicates)},
      {"runs", std::to_string(static_cast<int64_t>(points.size()) * spec.replicates)},
      {"points", std::to_string(points.size())},
      {"seed", std::to_string(spec.seed)},
      {"common_random_numbers", spec.common_random_numbers ? "1" : "0"}};
  for (const auto& [k, v] : rows) meta.bind(1, k).bind(2, v).run();
  auto par = db_.prepare("INSERT INTO parameters VALUES (?, ?)");
  for (size_t j = 0; j < spec.parameters.size(); ++j) par.bind(1, static_cast<int64_t>(j)).bind(2, spec.parameters[j].name).run();
  auto pt = db_.prepare("INSERT INTO points VALUES (?, ?)");
  auto pv = db_.prepare("INSERT INTO point_values VALUES (?, ?, ?, ?)");
  for (size_t i = 0; i < points.size(); ++i) {
    pt.bind(1, static_cast<int64_t>(i)).bind(2, point_overrides[i]).run();
    for (size_t j = 0; j < points[i].size(); ++j) {
      pv.bind(1, static_cast<int64_t>(i)).bind(2, static_cast<int64_t>(j)).bind(3, points[i][j]);
      char* end = nullptr;
      const double x = std::strtod(points[i][j].c_str(), &end);
      if (end && *end == '\0' && end != points[i][j].c_str()) pv.bind(4, x);
      else if (points[i][j] == "true" || points[i][j] == "false") pv.bind(4, points[i][j] == "true" ? 1.0 : 0.0);
      pv.run();
    }
  }
  auto out = db_.prepare("INSERT INTO outcomes VALUES (?, ?, ?, ?, ?)");
  for (size_t k = 0; k < spec.outcomes.size(); ++k) {
    const auto& o = spec.outcomes[k];
    out.bind(1, static_cast<int64_t>(k)).bind(2, o.id).bind(3, o.what).bind(4, o.kind).bind(5, outcome_definition(o)).run();
  }
  if (targets) {
    auto tg = db_.prepare("INSERT INTO targets VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    for (size_t k = 0; k < targets->targets.size(); ++k) {
      const auto& t = targets->targets[k];
      tg.bind(1, static_cast<int64_t>(k)).bind(2, t.id).bind(3, t.record).bind(4, t.what);
      tg.bind(5, static_cast<int64_t>(t.fitted)).bind(6, t.low).bind(7, t.high).bind(8, t.kind).run();
    }
  }
  tx.commit();
}

std::vector<int64_t> SweepStore::done_runs() {
  std::vector<int64_t> out;
  auto q = db_.prepare("SELECT run FROM runs ORDER BY run");
  while (q.step()) out.push_back(q.i64(0));
  return out;
}

void SweepStore::write(const RunRecord& r) {
  sqlite::Transaction tx(db_);
  for (size_t k = 0; k < r.outcomes.size(); ++k)
    ins_outcome_->bind(1, r.run).bind(2, static_cast<int64_t>(k)).bind(3, r.outcomes[k]).run();
  for (size_t k = 0; k < r.target_values.size(); ++k)
    ins_target_->bind(1, r.run).bind(2, static_cast<int64_t>(k)).bind(3, r.target_values[k])
        .bind(4, static_cast<int64_t>(r.target_passed[k])).run();
  if (!r.columns.empty()) {
    std::vector<int64_t> ids;
    for (const auto& c : r.columns) ids.push_back(indicator_id(c));
    for (size_t row = 0; row < r.dates.size(); ++row) {
      if (row >= months_known_) ins_month_->bind(1, static_cast<int64_t>(row)).bind(2, r.dates[row]).run();
      for (size_t c = 0; c < r.columns.size(); ++c)
        ins_series_->bind(1, r.run).bind(2, ids[c]).bind(3, static_cast<int64_t>(row))
            .bind(4, r.values[row * r.columns.size() + c]).run();
    }
    months_known_ = std::max(months_known_, r.dates.size());
  }
  for (size_t k = 0; k < r.events.size(); ++k)
    ins_event_->bind(1, r.run).bind(2, static_cast<int64_t>(k)).bind(3, Month::from_index(r.events[k].month).str())
        .bind(4, r.events[k].code).bind(5, r.events[k].subject).run();
  ins_info_->bind(1, r.run).bind(2, r.seconds).bind(3, static_cast<int64_t>(r.rank)).run();
  ins_run_->bind(1, r.run).bind(2, r.point).bind(3, r.replicate).bind(4, std::to_string(r.seed))
      .bind(5, fmt::format("{:016x}", r.checksum)).run();
  tx.commit();
}

int64_t SweepStore::indicator_id(const std::string& name) {
  if (auto it = indicator_ids_.find(name); it != indicator_ids_.end()) return it->second;
  ins_indicator_->bind(1, name).run();
  auto q = db_.prepare("SELECT indicator FROM indicators WHERE name = ?");
  q.bind(1, name);
  if (!q.step()) throw sqlite::Error(fmt::format("sqlite: indicator {} was not stored", name));
  const int64_t id = q.i64(0);
  indicator_ids_[name] = id;
  return id;
}

}  // namespace thaw::app
