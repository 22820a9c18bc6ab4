// Sweeps: the design, the runs spread over threads and MPI ranks, and the single-writer database.
// docs/sweeps.md documents the spec, the schema and how to run on a cluster.
#include "app/sweep.hpp"

#include "app/sqlite_store.hpp"
#include "engine/parallel.hpp"
#include "engine/quantile.hpp"
#include "engine/progress.hpp"
#include "engine/rng.hpp"
#include "io/scenario_file.hpp"
#include "model/thaw/thaw_model.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#ifdef THAW_HAVE_MPI
#include <mpi.h>
#endif

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <exception>
#include <fstream>
#include <list>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

namespace thaw::app {

// ---------------------------------------------------------------------------------------------
// The spec
// ---------------------------------------------------------------------------------------------

namespace {

// Reads a TOML table field by field, collecting every problem with its file:line:column.
class Reader {
 public:
  Reader(const toml::table& t, std::string path, std::string source, std::vector<std::string>& problems)
      : t_(t), path_(std::move(path)), source_(std::move(source)), problems_(problems) {}

  std::string where(const toml::node& n) const {
    const auto& s = n.source();
    return s.begin.line ? fmt::format("{}:{}:{}", source_, s.begin.line, s.begin.column) : source_;
  }
  std::string key(std::string_view k) const { return path_.empty() ? std::string(k) : path_ + "." + std::string(k); }
  void problem(const toml::node& n, std::string_view k, std::string_view what) {
    problems_.push_back(fmt::format("{}: {}: {}", where(n), key(k), what));
  }
  const toml::node* get(std::string_view k) {
    seen_.insert(std::string(k));
    return t_.get(k);
  }

  template <class T>
  void text(std::string_view k, T& out, bool required = false) {
    const auto* n = get(k);
    if (!n) {
      if (required) problems_.push_back(fmt::format("{}: {}: missing", where(t_), key(k)));
      return;
    }
    if (auto v = n->value<std::string>()) out = *v;
    else problem(*n, k, "expected a string");
  }
  void integer(std::string_view k, int64_t& out, int64_t min, int64_t max) {
    const auto* n = get(k);
    if (!n) return;
    auto v = n->value<int64_t>();
    if (!v || *v < min || *v > max) problem(*n, k, fmt::format("expected a whole number from {} to {}", min, max));
    else out = *v;
  }
  void number(std::string_view k, double& out) {
    const auto* n = get(k);
    if (!n) return;
    if (auto v = n->value<double>()) out = *v;
    else problem(*n, k, "expected a number");
  }
  void number(std::string_view k, std::optional<double>& out) {
    double x = 0;
    if (t_.get(k)) {
      const size_t before = problems_.size();
      number(k, x);
      if (problems_.size() == before) out = x;
    }
  }
  void boolean(std::string_view k, bool& out) {
    const auto* n = get(k);
    if (!n) return;
    if (auto v = n->value<bool>()) out = *v;
    else problem(*n, k, "expected true or false");
  }
  void month(std::string_view k, Month& out, bool required) {
    std::string s;
    const auto* n = t_.get(k);
    text(k, s, required);
    if (!n || s.empty()) return;
    if (auto m = Month::parse(s)) out = *m;
    else problem(*n, k, fmt::format("expected a month \"YYYY-MM\", got \"{}\"", s));
  }
  void strings(std::string_view k, std::vector<std::string>& out) {
    const auto* n = get(k);
    if (!n) return;
    const auto* arr = n->as_array();
    if (!arr) return problem(*n, k, "expected a list of strings [\"...\", ...]");
    for (const auto& item : *arr) {
      if (auto v = item.value<std::string>()) out.push_back(*v);
      else problem(item, k, "expected a string");
    }
  }
  // Values of any scalar type, kept as TOML text for --set.
  void values(std::string_view k, std::vector<std::string>& out) {
    const auto* n = get(k);
    if (!n) return;
    const auto* arr = n->as_array();
    if (!arr || arr->empty()) return problem(*n, k, "expected a non-empty list of values, e.g. [0.3, 0.7]");
    for (const auto& item : *arr) {
      if (auto b = item.value_exact<bool>()) out.push_back(*b ? "true" : "false");
      else if (auto i = item.value_exact<int64_t>()) out.push_back(fmt::format("{}", *i));
      else if (auto d = item.value_exact<double>()) out.push_back(fmt::format("{}", *d));
      else if (auto s = item.value_exact<std::string>()) {
        std::string q = "\"";
        for (char c : *s) q += c == '"' || c == '\\' ? std::string("\\") + c : std::string(1, c);
        out.push_back(q + "\"");
      } else problem(item, k, "values must be numbers, booleans or strings");
    }
  }
  void check_unknown() {
    for (auto&& [k, n] : t_)
      if (!seen_.count(std::string(k.str()))) problem(n, k.str(), "unknown key");
  }

 private:
  const toml::table& t_;
  std::string path_, source_;
  std::vector<std::string>& problems_;
  std::set<std::string> seen_;
};

std::string format_number(double x, bool integer) {
  if (integer) return fmt::format("{}", static_cast<int64_t>(std::llround(x)));
  // Twelve significant digits: 0.3 + 0.6 * 0.5 is written 0.6, not 0.6000000000000001, and the
  // text is exactly what the run is given.
  return fmt::format("{:.12g}", x);
}

uint64_t fnv1a(std::string_view s, uint64_t h = 1469598103934665603ULL) {
  for (char c : s) {
    h ^= static_cast<uint8_t>(c);
    h *= 1099511628211ULL;
  }
  return h;
}

}  // namespace

SweepSpec parse_sweep_spec(std::string_view text, std::string source_name, const std::vector<std::string>& extra_sets) {
  SweepSpec spec;
  spec.source = source_name;
  spec.text = std::string(text);
  toml::table root;
  try {
    root = toml::parse(text, source_name);
  } catch (const toml::parse_error& e) {
    throw io::ScenarioError({fmt::format("{}:{}:{}: not valid TOML: {}", source_name, e.source().begin.line,
                                         e.source().begin.column, e.description())});
  }
  std::vector<std::string> problems;
  Reader top(root, "", source_name, problems);
  const auto* sweep_node = top.get("sweep");
  if (!sweep_node || !sweep_node->is_table()) {
    problems.push_back(fmt::format("{}: sweep: missing: start the file with [sweep] and scenario = \"...\"", source_name));
  } else {
    Reader s(*sweep_node->as_table(), "sweep", source_name, problems);
    s.text("name", spec.name);
    s.text("scenario", spec.scenario, true);
    s.text("design", spec.design);
    if (spec.design != "grid" && spec.design != "random")
      s.problem(*sweep_node->as_table()->get("design"), "design", "must be \"grid\" or \"random\"");
    s.integer("points", spec.points, 1, 10'000'000);
    s.integer("replicates", spec.replicates, 1, 10'000'000);
    int64_t seed = 1;
    s.integer("seed", seed, 0, INT64_MAX);
    spec.seed = static_cast<uint64_t>(seed);
    s.boolean("common_random_numbers", spec.common_random_numbers);
    s.boolean("store_series", spec.store_series);
    s.strings("indicators", spec.indicators);
    s.strings("events", spec.events);
    s.strings("set", spec.sets);
    s.check_unknown();
  }
  if (const auto* params = top.get("parameter")) {
    const auto* arr = params->as_array();
    if (!arr) top.problem(*params, "parameter", "expected [[parameter]] tables");
    for (size_t i = 0; arr && i < arr->size(); ++i) {
      const auto* t = arr->get(i)->as_table();
      if (!t) continue;
      SweepParameter p;
      Reader r(*t, fmt::format("parameter[{}]", i), source_name, problems);
      p.where = r.where(*t);
      r.text("name", p.name, true);
      r.values("values", p.values);
      r.number("low", p.low);
      r.number("high", p.high);
      r.integer("steps", p.steps, 1, 1'000'000);
      r.boolean("integer", p.integer);
      r.boolean("log", p.log);
      r.check_unknown();
      const bool range = p.low || p.high;
      if (p.values.empty() && !(p.low && p.high))
        problems.push_back(fmt::format("{}: parameter[{}] ({}): give values = [...] or both low and high", r.where(*t), i, p.name));
      if (!p.values.empty() && range)
        problems.push_back(fmt::format("{}: parameter[{}] ({}): give values or low/high, not both", r.where(*t), i, p.name));
      if (p.low && p.high && *p.low > *p.high)
        problems.push_back(fmt::format("{}: parameter[{}] ({}): low is above high", r.where(*t), i, p.name));
      if (p.log && p.low && *p.low <= 0)
        problems.push_back(fmt::format("{}: parameter[{}] ({}): log needs a positive low", r.where(*t), i, p.name));
      spec.parameters.push_back(std::move(p));
    }
  }
  if (const auto* outs = top.get("outcome")) {
    const auto* arr = outs->as_array();
    if (!arr) top.problem(*outs, "outcome", "expected [[outcome]] tables");
    for (size_t i = 0; arr && i < arr->size(); ++i) {
      const auto* t = arr->get(i)->as_table();
      if (!t) continue;
      Outcome o;
      Reader r(*t, fmt::format("outcome[{}]", i), source_name, problems);
      r.text("id", o.id, true);
      r.text("what", o.what);
      r.text("kind", o.kind);
      r.text("event", o.event);
      r.text("subject", o.subject);
      r.text("indicator", o.indicator);
      r.text("statistic", o.statistic);
      r.month("date", o.date, true);
      r.month("until", o.until, false);
      r.check_unknown();
      if (o.until < o.date) o.until = o.date;
      if (o.kind != "event" && o.kind != "indicator")
        problems.push_back(fmt::format("{}: outcome[{}].kind: must be \"event\" or \"indicator\"", r.where(*t), i));
      if (o.kind == "event" && o.event.empty())
        problems.push_back(fmt::format("{}: outcome[{}] ({}): an event outcome needs 'event' (a code prefix)", r.where(*t), i, o.id));
      if (o.kind == "indicator" && o.indicator.empty())
        problems.push_back(fmt::format("{}: outcome[{}] ({}): an indicator outcome needs 'indicator'", r.where(*t), i, o.id));
      static const std::set<std::string> stats = {"value", "max", "min", "mean", "change"};
      if (!stats.count(o.statistic))
        problems.push_back(fmt::format("{}: outcome[{}].statistic: must be value, max, min, mean or change", r.where(*t), i));
      spec.outcomes.push_back(std::move(o));
    }
  }
  if (const auto* cal = top.get("calibration")) {
    if (!cal->is_table()) top.problem(*cal, "calibration", "expected a [calibration] table");
    else {
      Reader r(*cal->as_table(), "calibration", source_name, problems);
      r.text("targets", spec.targets);
      r.strings("fit", spec.fit);
      r.number("accept", spec.accept);
      if (spec.accept <= 0 || spec.accept > 1)
        problems.push_back(fmt::format("{}: calibration.accept: must be in (0, 1]", r.where(*cal)));
      r.check_unknown();
    }
  }
  top.check_unknown();
  if (!problems.empty()) throw io::ScenarioError(std::move(problems));
  for (const auto& s : extra_sets) spec.sets.push_back(s);
  if (spec.name.empty()) spec.name = std::filesystem::path(source_name).stem().string();
  return spec;
}

SweepSpec load_sweep_spec(const std::filesystem::path& path, const std::vector<std::string>& extra_sets) {
  std::ifstream f(path);
  if (!f) throw io::ScenarioError({fmt::format("{}: cannot open the sweep spec", path.string())});
  std::stringstream ss;
  ss << f.rdbuf();
  return parse_sweep_spec(ss.str(), path.string(), extra_sets);
}

std::vector<std::vector<std::string>> design_points(const SweepSpec& spec) {
  auto range_value = [](const SweepParameter& p, double u) {
    const double lo = *p.low, hi = *p.high;
    return p.log ? std::exp(std::log(lo) + u * (std::log(hi) - std::log(lo))) : lo + u * (hi - lo);
  };
  std::vector<std::vector<std::string>> points;
  if (spec.design == "grid") {
    // Every combination, the first parameter varying slowest.
    std::vector<std::vector<std::string>> levels;
    for (const auto& p : spec.parameters) {
      std::vector<std::string> l = p.values;
      if (l.empty()) {
        for (int64_t k = 0; k < p.steps; ++k) {
          const double u = p.steps == 1 ? 0.5 : static_cast<double>(k) / static_cast<double>(p.steps - 1);
          l.push_back(format_number(range_value(p, u), p.integer));
        }
      }
      levels.push_back(std::move(l));
    }
    points.push_back({});
    for (const auto& l : levels) {
      std::vector<std::vector<std::string>> next;
      for (const auto& partial : points)
        for (const auto& v : l) {
          auto q = partial;
          q.push_back(v);
          next.push_back(std::move(q));
        }
      points = std::move(next);
    }
  } else {
    // Point i's draws are a pure function of (sweep seed, point, parameter): a random design can
    // be extended with more points without changing the ones already run.
    for (int64_t i = 0; i < spec.points; ++i) {
      std::vector<std::string> point;
      for (size_t j = 0; j < spec.parameters.size(); ++j) {
        const auto& p = spec.parameters[j];
        rng::Draws d(spec.seed, rng::stream_id("sweep.design"), static_cast<uint64_t>(i), j);
        if (!p.values.empty()) point.push_back(p.values[d.below(static_cast<uint32_t>(p.values.size()))]);
        else point.push_back(format_number(range_value(p, d.uniform()), p.integer));
      }
      points.push_back(std::move(point));
    }
  }
  return points;
}

std::pair<double, double> wilson_interval(double k, double n, double z) {
  if (n <= 0) return {NAN, NAN};
  const double p = k / n;
  const double centre = (p + z * z / (2 * n)) / (1 + z * z / n);
  const double half = z * std::sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n);
  return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

// ---------------------------------------------------------------------------------------------
// MPI (optional at build time; used only when launched by mpirun)
// ---------------------------------------------------------------------------------------------

namespace {
bool g_mpi_started = false;
constexpr int kTagResult = 17;   // a finished run, worker rank -> rank 0
constexpr int kTagRequest = 18;  // "n more runs, please", worker rank -> rank 0
constexpr int kTagWork = 19;     // run ids (none: the sweep is handed out), rank 0 -> worker rank

void mpi_start() {
#ifdef THAW_HAVE_MPI
  if (g_mpi_started || !launched_by_mpi()) return;
  int provided = 0;
  // Only the main thread of each rank calls MPI; the worker threads hand results over a queue.
  MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
  g_mpi_started = true;
#endif
}
int mpi_size() {
#ifdef THAW_HAVE_MPI
  if (g_mpi_started) {
    int n = 1;
    MPI_Comm_size(MPI_COMM_WORLD, &n);
    return n;
  }
#endif
  return 1;
}
int mpi_local_size() {
#ifdef THAW_HAVE_MPI
  if (g_mpi_started) {
    MPI_Comm local;
    MPI_Comm_split_type(MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, 0, MPI_INFO_NULL, &local);
    int n = 1;
    MPI_Comm_size(local, &n);
    MPI_Comm_free(&local);
    return n;
  }
#endif
  return 1;
}
}  // namespace

bool launched_by_mpi() {
#ifdef THAW_HAVE_MPI
  for (const char* v : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK", "PMI_SIZE"})
    if (std::getenv(v)) return true;
#endif
  return false;
}

int mpi_rank() {
#ifdef THAW_HAVE_MPI
  if (g_mpi_started) {
    int r = 0;
    MPI_Comm_rank(MPI_COMM_WORLD, &r);
    return r;
  }
#endif
  return 0;
}

void mpi_finalize() {
#ifdef THAW_HAVE_MPI
  if (g_mpi_started) {
    MPI_Finalize();
    g_mpi_started = false;
  }
#endif
}

// ---------------------------------------------------------------------------------------------
// One run's results, and their wire format (the same bytes go through the local queue and MPI)
// ---------------------------------------------------------------------------------------------

namespace {

struct EventRow {
  int32_t month = 0;
  std::string code, subject;
};

struct RunRecord {
  int64_t run = 0, point = 0, replicate = 0;
  uint64_t seed = 0, checksum = 0;
  double seconds = 0;
  int32_t rank = 0;
  std::vector<double> outcomes;
  std::vector<double> target_values;
  std::vector<double> target_passed;
  std::vector<std::string> columns;
  std::vector<std::string> dates;
  std::vector<double> values;  // dates.size() x columns.size(), row-major
  std::vector<EventRow> events;
};

class Writer {
 public:
  std::string out;
  void u64(uint64_t v) { out.append(reinterpret_cast<const char*>(&v), 8); }
  void i64(int64_t v) { u64(static_cast<uint64_t>(v)); }
  void f64(double v) { out.append(reinterpret_cast<const char*>(&v), 8); }
  void str(const std::string& s) {
    u64(s.size());
    out += s;
  }
  void doubles(const std::vector<double>& v) {
    u64(v.size());
    if (!v.empty()) out.append(reinterpret_cast<const char*>(v.data()), v.size() * 8);
  }
  void strs(const std::vector<std::string>& v) {
    u64(v.size());
    for (const auto& s : v) str(s);
  }
};

class ByteReader {
 public:
  explicit ByteReader(std::string_view in) : in_(in) {}
  uint64_t u64() {
    uint64_t v;
    take(&v, 8);
    return v;
  }
  int64_t i64() { return static_cast<int64_t>(u64()); }
  double f64() {
    double v;
    take(&v, 8);
    return v;
  }
  std::string str() {
    const size_t n = u64();
    if (pos_ + n > in_.size()) throw std::runtime_error("sweep: truncated result message");
    std::string s(in_.substr(pos_, n));
    pos_ += n;
    return s;
  }
  std::vector<double> doubles() {
    std::vector<double> v(u64());
    take(v.data(), v.size() * 8);
    return v;
  }
  std::vector<std::string> strs() {
    std::vector<std::string> v(u64());
    for (auto& s : v) s = str();
    return v;
  }

 private:
  void take(void* p, size_t n) {
    if (pos_ + n > in_.size()) throw std::runtime_error("sweep: truncated result message");
    if (n == 0) return;  // an empty vector's data() may be null, which memcpy may not be given
    std::memcpy(p, in_.data() + pos_, n);
    pos_ += n;
  }
  std::string_view in_;
  size_t pos_ = 0;
};

std::string encode(const RunRecord& r) {
  Writer w;
  w.i64(r.run), w.i64(r.point), w.i64(r.replicate), w.u64(r.seed), w.u64(r.checksum), w.f64(r.seconds);
  w.i64(r.rank);
  w.doubles(r.outcomes), w.doubles(r.target_values), w.doubles(r.target_passed);
  w.strs(r.columns), w.strs(r.dates), w.doubles(r.values);
  w.u64(r.events.size());
  for (const auto& e : r.events) w.i64(e.month), w.str(e.code), w.str(e.subject);
  return std::move(w.out);
}

RunRecord decode(std::string_view bytes) {
  ByteReader b(bytes);
  RunRecord r;
  r.run = b.i64(), r.point = b.i64(), r.replicate = b.i64(), r.seed = b.u64(), r.checksum = b.u64();
  r.seconds = b.f64();
  r.rank = static_cast<int32_t>(b.i64());
  r.outcomes = b.doubles(), r.target_values = b.doubles(), r.target_passed = b.doubles();
  r.columns = b.strs(), r.dates = b.strs(), r.values = b.doubles();
  r.events.resize(b.u64());
  for (auto& e : r.events) {
    e.month = static_cast<int32_t>(b.i64());
    e.code = b.str();
    e.subject = b.str();
  }
  return r;
}

Target outcome_as_target(const Outcome& o) {
  Target t;
  t.id = o.id;
  t.kind = o.kind;
  t.indicator = o.indicator;
  t.statistic = o.statistic;
  t.date = o.date;
  t.until = o.until;
  t.event = o.event;
  t.subject = o.subject;
  return t;
}

// A thread-safe hand-over from the worker threads to the thread that writes or sends.
class Queue {
 public:
  void push(std::string s) {
    {
      std::lock_guard l(m_);
      q_.push_back(std::move(s));
    }
    cv_.notify_one();
  }
  void close(std::exception_ptr error = nullptr) {
    {
      std::lock_guard l(m_);
      closed_ = true;
      if (error && !error_) error_ = error;
    }
    cv_.notify_all();
  }
  // Waits up to `wait` for an item; nullopt when none (check closed()).
  std::optional<std::string> pop(std::chrono::milliseconds wait) {
    std::unique_lock l(m_);
    cv_.wait_for(l, wait, [&] { return !q_.empty() || closed_; });
    if (error_) std::rethrow_exception(error_);
    if (q_.empty()) return std::nullopt;
    auto s = std::move(q_.front());
    q_.pop_front();
    return s;
  }
  bool drained() {
    std::lock_guard l(m_);
    return closed_ && q_.empty();
  }

 private:
  std::mutex m_;
  std::condition_variable cv_;
  std::deque<std::string> q_;
  bool closed_ = false;
  std::exception_ptr error_;
};

// ---------------------------------------------------------------------------------------------
// The database
// ---------------------------------------------------------------------------------------------

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

std::string outcome_definition(const Outcome& o) {
  return o.kind == "event" ? fmt::format("event {}{} in {}..{}", o.event, o.subject.empty() ? "" : " (" + o.subject + ")",
                                         o.date.str(), o.until.str())
                           : fmt::format("{} of {} over {}..{}", o.statistic, o.indicator, o.date.str(), o.until.str());
}

class Store {
 public:
  explicit Store(const std::filesystem::path& path) : path_(path), db_(path) {
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

  sqlite::Db& db() { return db_; }

  // The first invocation records the design; later ones must find the same fingerprint.
  void initialise(const SweepSpec& spec, const std::vector<std::vector<std::string>>& points, const std::string& fingerprint,
                  const std::vector<std::string>& point_overrides, const TargetFile* targets) {
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
        {"schema_version", "1"},
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

  std::vector<int64_t> done_runs() {
    std::vector<int64_t> out;
    auto q = db_.prepare("SELECT run FROM runs ORDER BY run");
    while (q.step()) out.push_back(q.i64(0));
    return out;
  }

  // One run, all of it or nothing: the runs row is what marks it done.
  void write(const RunRecord& r) {
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

 private:
  int64_t indicator_id(const std::string& name) {
    if (auto it = indicator_ids_.find(name); it != indicator_ids_.end()) return it->second;
    ins_indicator_->bind(1, name).run();
    auto q = db_.prepare("SELECT indicator FROM indicators WHERE name = ?");
    q.bind(1, name);
    if (!q.step()) throw sqlite::Error(fmt::format("sqlite: indicator {} was not stored", name));
    const int64_t id = q.i64(0);
    indicator_ids_[name] = id;
    return id;
  }

  std::filesystem::path path_;
  sqlite::Db db_;
  std::unique_ptr<sqlite::Stmt> ins_run_, ins_info_, ins_outcome_, ins_target_, ins_series_, ins_event_, ins_month_,
      ins_indicator_;
  std::map<std::string, int64_t> indicator_ids_;
  size_t months_known_ = 0;
};

std::string point_overrides_text(const SweepSpec& spec, const std::vector<std::string>& values) {
  std::string s;
  for (size_t j = 0; j < values.size(); ++j) s += (j ? "\n" : "") + spec.parameters[j].name + "=" + values[j];
  return s;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// The sweep
// ---------------------------------------------------------------------------------------------

SweepResult run_sweep(const SweepSpec& spec, const SweepOptions& options) {
  const auto t0 = std::chrono::steady_clock::now();
  mpi_start();
  SweepResult result;
  result.processes = mpi_size();
  result.rank = mpi_rank();
  const bool root = result.rank == 0;

  // Every rank binds every point's scenario once (well under a millisecond each): a bad override
  // fails before anything is written, and the fingerprint covers what every run will use. Only
  // the overrides are kept; a run binds its point again, so that a design of 100,000 points does
  // not hold 100,000 scenarios in memory.
  const auto points = design_points(spec);
  const auto scenario_path = find_scenario(spec.scenario);
  // The scenario is read once: editing it while a sweep runs cannot change the runs still to come.
  std::string scenario_text;
  {
    std::ifstream f(scenario_path);
    if (!f) Scenario::load(scenario_path);  // throws the usual "cannot open" error
    std::stringstream ss;
    ss << f.rdbuf();
    scenario_text = ss.str();
  }
  auto bind_point = [&](const std::vector<std::string>& sets) {
    return Scenario::parse(scenario_text, scenario_path.string(), sets);
  };
  std::vector<std::vector<std::string>> point_sets;
  std::vector<std::string> point_text;
  uint64_t fp = fnv1a(spec.text);
  fp = fnv1a(fmt::format("replicates={} points={}\n", spec.replicates, points.size()), fp);
  for (const auto& s : spec.sets) fp = fnv1a(s + "\n", fp);
  for (const auto& pv : points) {
    std::vector<std::string> sets = spec.sets;
    for (size_t j = 0; j < pv.size(); ++j) sets.push_back(spec.parameters[j].name + "=" + pv[j]);
    try {
      fp = fnv1a(bind_point(sets).resolved_toml, fp);
      point_sets.push_back(sets);
    } catch (const io::ScenarioError& e) {
      // Say which line of the sweep spec led to the problem, not only what the scenario said.
      std::vector<std::string> problems = e.problems();
      for (size_t j = 0; j < pv.size(); ++j)
        for (const auto& text : e.problems())
          if (text.find(spec.parameters[j].name) != std::string::npos) {
            problems.push_back(fmt::format("{}: parameter[{}]: name = \"{}\" (value {}) does not fit {}",
                                           spec.parameters[j].where, j, spec.parameters[j].name, pv[j],
                                           scenario_path.string()));
            break;
          }
      if (problems.size() == e.problems().size())
        problems.push_back(fmt::format("{}: point {} of the design ({}) does not fit {}", spec.source, point_sets.size(),
                                       point_overrides_text(spec, pv), scenario_path.string()));
      throw io::ScenarioError(std::move(problems));
    }
    point_text.push_back(point_overrides_text(spec, pv));
  }
  const std::string fingerprint = fmt::format("{:016x}", fp);
#ifdef THAW_HAVE_MPI
  if (g_mpi_started) {
    // Every rank must run the same design: on a cluster each node reads its own copy of the files.
    uint64_t root_fp = fp;
    MPI_Bcast(&root_fp, 1, MPI_UINT64_T, 0, MPI_COMM_WORLD);
    if (root_fp != fp) {
      fmt::print(stderr, "thaw sweep (rank {}): the spec, the overrides or the scenario differ from rank 0's\n", result.rank);
      MPI_Abort(MPI_COMM_WORLD, 2);
    }
  }
#endif
  const int64_t R = spec.replicates;
  result.total_runs = static_cast<int64_t>(points.size()) * R;

  std::vector<Target> outcome_targets;
  for (const auto& o : spec.outcomes) outcome_targets.push_back(outcome_as_target(o));
  std::set<std::string> keep(spec.indicators.begin(), spec.indicators.end());

  // Rank 0 opens the database, finds the missing runs and tells the others how many there are
  // (-1: it could not, and every rank stops).
  std::unique_ptr<Store> store;
  std::vector<int64_t> pending;
  std::exception_ptr root_error;
  if (root) {
    try {
      if (options.db.has_parent_path()) std::filesystem::create_directories(options.db.parent_path());
      store = std::make_unique<Store>(options.db);
      store->initialise(spec, points, fingerprint, point_text, options.targets);
      const auto done = store->done_runs();
      result.already_done = static_cast<int64_t>(done.size());
      size_t d = 0;
      for (int64_t run = 0; run < result.total_runs; ++run) {
        while (d < done.size() && done[d] < run) ++d;
        if (d < done.size() && done[d] == run) continue;
        pending.push_back(run);
      }
    } catch (...) {
      root_error = std::current_exception();
    }
  }
  int64_t expected = root_error ? -1 : static_cast<int64_t>(pending.size());
#ifdef THAW_HAVE_MPI
  if (g_mpi_started) MPI_Bcast(&expected, 1, MPI_INT64_T, 0, MPI_COMM_WORLD);
#endif
  if (root_error) std::rethrow_exception(root_error);
  if (expected < 0) throw std::runtime_error("sweep: rank 0 could not open the database");

  const int K = result.processes;
  const int threads = options.threads > 0 ? options.threads : std::max(1, hardware_threads() / mpi_local_size());

  auto compute_run = [&](int64_t run_id) {
    const auto c0 = std::chrono::steady_clock::now();
    RunRecord r;
    r.run = run_id;
    r.point = r.run / R;
    r.replicate = r.run % R;
    r.rank = result.rank;
    r.seed = rng::replicate_seed(spec.seed, static_cast<uint64_t>(spec.common_random_numbers ? r.replicate : r.run));
    const Scenario scenario = bind_point(point_sets[static_cast<size_t>(r.point)]);
    auto sim = scenario.setup->create({.seed = r.seed, .threads = 1});
    sim->run_to_end();
    r.checksum = sim->checksum();
    const auto& table = sim->indicators();
    std::vector<model::Event> no_events;
    Month start;
    const std::vector<model::Event>* events = &no_events;
    if (const auto* thaw_sim = dynamic_cast<const model::ThawSimulation*>(sim.get())) {
      events = &thaw_sim->world().events.all();
      start = thaw_sim->params().start;
    }
    const RunView view{table, *events, start};
    for (const auto& t : outcome_targets) {
      const auto e = evaluate_target(t, view);
      r.outcomes.push_back(t.kind == "event" ? (e.passed ? 1.0 : 0.0) : e.value.value_or(NAN));
    }
    if (options.targets)
      for (const auto& t : options.targets->targets) {
        const auto e = evaluate_target(t, view);
        r.target_values.push_back(e.value.value_or(NAN));
        r.target_passed.push_back(e.passed ? 1.0 : 0.0);
      }
    if (spec.store_series) {
      std::vector<size_t> cols;
      for (size_t c = 0; c < table.columns().size(); ++c)
        if (keep.empty() || keep.count(table.columns()[c])) {
          cols.push_back(c);
          r.columns.push_back(table.columns()[c]);
        }
      for (size_t row = 0; row < table.rows(); ++row) {
        r.dates.push_back(row < table.labels().size() ? table.labels()[row] : std::to_string(row));
        for (size_t c : cols) r.values.push_back(table.at(row, c));
      }
    }
    for (const auto& e : *events)
      for (const auto& prefix : spec.events)
        if (e.code.rfind(prefix, 0) == 0) {
          r.events.push_back({e.month.index(), e.code, e.subject});
          break;
        }
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - c0).count();
    return encode(r);
  };

  // Work is handed out from one pool, in order of run id: rank 0's threads take from it directly,
  // the other ranks ask rank 0 for a few runs at a time (self-scheduling), so a slow machine or a
  // slow point never leaves the others idle. What a run computes depends only on its id.
  std::atomic<size_t> next{0};
  auto take = [&](size_t n) {
    const size_t b = std::min(next.fetch_add(n), pending.size());
    return std::pair<size_t, size_t>{b, std::min(b + n, pending.size())};
  };
  std::mutex jobs_mutex;
  std::condition_variable jobs_cv;
  std::deque<int64_t> jobs;  // ranks > 0: runs received from rank 0
  bool jobs_done = false;
  std::atomic<bool> stop{false};
  auto next_job = [&]() -> std::optional<int64_t> {
    if (stop) return std::nullopt;
    if (root) {
      const auto [b, e] = take(1);
      return b < e ? std::optional<int64_t>(pending[b]) : std::nullopt;
    }
    std::unique_lock l(jobs_mutex);
    jobs_cv.wait(l, [&] { return !jobs.empty() || jobs_done || stop.load(); });
    if (jobs.empty() || stop) return std::nullopt;
    const int64_t id = jobs.front();
    jobs.pop_front();
    return id;
  };

  Queue queue;
  std::atomic<int> running{threads};
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&] {
      try {
        while (auto id = next_job()) queue.push(compute_run(*id));
      } catch (...) {
        stop = true;
        jobs_cv.notify_all();
        queue.close(std::current_exception());
      }
      if (--running == 0) queue.close();
    });
  }
  auto finish_compute = [&] {
    stop = true;
    jobs_cv.notify_all();
    for (auto& w : workers)
      if (w.joinable()) w.join();
  };

  try {
    if (root) {
      Progress progress(fmt::format("{} ({} runs, {} process{})", spec.name, expected, K, K == 1 ? "" : "es"), expected,
                        options.progress);
      // Stores one run; true when --stop-after says to stop here.
      auto store_one = [&](const std::string& msg) {
        store->write(decode(msg));
        ++result.stored;
        progress.update(result.stored);
        return options.stop_after >= 0 && result.stored >= options.stop_after;
      };
      int told_done = 0;  // ranks > 0 told that there is no more work
      bool stopping = false;
      while (!stopping && (result.stored < expected || told_done < K - 1)) {
        if (auto msg = queue.pop(std::chrono::milliseconds(g_mpi_started ? 1 : 200))) {
          stopping = store_one(*msg);
        } else if (!g_mpi_started && queue.drained() && result.stored < expected) {
          throw std::runtime_error("sweep: the worker threads stopped early");
        }
#ifdef THAW_HAVE_MPI
        while (g_mpi_started && !stopping) {
          int flag = 0;
          MPI_Status st;
          MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &st);
          if (!flag) break;
          if (st.MPI_TAG == kTagResult) {
            int count = 0;
            MPI_Get_count(&st, MPI_BYTE, &count);
            std::string buf(static_cast<size_t>(count), '\0');
            MPI_Recv(buf.data(), count, MPI_BYTE, st.MPI_SOURCE, kTagResult, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
            stopping = store_one(buf);
          } else if (st.MPI_TAG == kTagRequest) {
            int64_t n = 0;
            MPI_Recv(&n, 1, MPI_INT64_T, st.MPI_SOURCE, kTagRequest, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
            const auto [b, e] = take(static_cast<size_t>(std::max<int64_t>(n, 1)));
            MPI_Send(pending.data() + b, static_cast<int>(e - b), MPI_INT64_T, st.MPI_SOURCE, kTagWork, MPI_COMM_WORLD);
            if (b == e) ++told_done;
          } else {
            throw std::runtime_error(fmt::format("sweep: unexpected message (tag {}) from rank {}", st.MPI_TAG, st.MPI_SOURCE));
          }
        }
#endif
      }
      if (stopping) {
        // As if killed: the runs stored so far are committed; nothing else is.
        result.stopped = true;
#ifdef THAW_HAVE_MPI
        if (g_mpi_started) {
          fmt::print(stderr, "thaw sweep: stopping after {} runs (--stop-after)\n", result.stored);
          MPI_Abort(MPI_COMM_WORLD, 3);
        }
#endif
      }
      progress.finish();
    } else {
#ifdef THAW_HAVE_MPI
      // Ask for work while fewer runs than threads are waiting; send results without blocking
      // (a blocked MPI call spins, taking a core from the runs).
      bool told_done = false, asked = false;
      std::list<std::pair<MPI_Request, std::string>> sends;
      while (true) {
        if (!told_done && !asked) {
          size_t waiting;
          {
            std::lock_guard l(jobs_mutex);
            waiting = jobs.size();
          }
          if (waiting < static_cast<size_t>(threads)) {
            const int64_t n = threads;
            MPI_Send(&n, 1, MPI_INT64_T, 0, kTagRequest, MPI_COMM_WORLD);
            asked = true;
          }
        }
        if (asked) {
          int flag = 0;
          MPI_Status st;
          MPI_Iprobe(0, kTagWork, MPI_COMM_WORLD, &flag, &st);
          if (flag) {
            int count = 0;
            MPI_Get_count(&st, MPI_INT64_T, &count);
            std::vector<int64_t> ids(static_cast<size_t>(count));
            MPI_Recv(ids.data(), count, MPI_INT64_T, 0, kTagWork, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
            {
              std::lock_guard l(jobs_mutex);
              jobs.insert(jobs.end(), ids.begin(), ids.end());
              if (count == 0) jobs_done = true;
            }
            jobs_cv.notify_all();
            asked = false;
            told_done = count == 0;
          }
        }
        while (auto msg = queue.pop(std::chrono::milliseconds(0))) {
          sends.emplace_back();
          sends.back().second = std::move(*msg);
          auto& [req, buf] = sends.back();
          MPI_Isend(buf.data(), static_cast<int>(buf.size()), MPI_BYTE, 0, kTagResult, MPI_COMM_WORLD, &req);
          ++result.stored;
        }
        for (auto it = sends.begin(); it != sends.end();) {
          int done = 0;
          MPI_Test(&it->first, &done, MPI_STATUS_IGNORE);
          it = done ? sends.erase(it) : std::next(it);
        }
        if (told_done && queue.drained() && sends.empty()) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
      }
#endif
    }
  } catch (...) {
    finish_compute();
#ifdef THAW_HAVE_MPI
    if (g_mpi_started) {
      try {
        throw;
      } catch (const std::exception& e) {
        fmt::print(stderr, "thaw sweep (rank {}): {}\n", result.rank, e.what());
      }
      MPI_Abort(MPI_COMM_WORLD, 1);
    }
#endif
    throw;
  }
  finish_compute();
  if (root && !result.stopped) store->db().exec("PRAGMA wal_checkpoint(TRUNCATE)");
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return result;
}

// ---------------------------------------------------------------------------------------------
// Export and summaries
// ---------------------------------------------------------------------------------------------

namespace {

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string num(double x) { return std::isnan(x) ? "" : fmt::format("{}", x); }

struct OutcomeSummary {
  int64_t point;
  std::string id, kind;
  double n = 0, mean = NAN, low = NAN, high = NAN, p05 = NAN, p50 = NAN, p95 = NAN;
};

std::vector<OutcomeSummary> summarise_outcomes(sqlite::Db& db) {
  std::vector<OutcomeSummary> out;
  auto q = db.prepare(
      "SELECT r.point, o.outcome, o.id, o.kind, ro.value FROM run_outcomes ro JOIN runs r USING(run) "
      "JOIN outcomes o USING(outcome) ORDER BY r.point, o.outcome, ro.value");
  std::vector<double> xs;
  OutcomeSummary cur{-1, "", ""};
  int64_t cur_outcome = -1;
  auto flush = [&] {
    if (cur.point < 0) return;
    cur.n = static_cast<double>(xs.size());
    if (!xs.empty()) {
      double sum = 0, var = 0;
      for (double x : xs) sum += x;
      cur.mean = sum / cur.n;
      for (double x : xs) var += (x - cur.mean) * (x - cur.mean);
      if (cur.kind == "event") {
        std::tie(cur.low, cur.high) = wilson_interval(sum, cur.n);
      } else {
        const double half = xs.size() > 1 ? 1.96 * std::sqrt(var / (cur.n - 1) / cur.n) : 0;
        cur.low = cur.mean - half;
        cur.high = cur.mean + half;
      }
      cur.p05 = quantile_sorted(xs, 0.05), cur.p50 = quantile_sorted(xs, 0.5), cur.p95 = quantile_sorted(xs, 0.95);
    }
    out.push_back(cur);
    xs.clear();
  };
  while (q.step()) {
    const int64_t point = q.i64(0), outcome = q.i64(1);
    if (point != cur.point || outcome != cur_outcome) {
      flush();
      cur = {point, q.text(2), q.text(3)};
      cur_outcome = outcome;
    }
    if (!q.is_null(4)) xs.push_back(q.f64(4));
  }
  flush();
  return out;
}

std::vector<std::string> parameter_names(sqlite::Db& db) {
  std::vector<std::string> names;
  auto q = db.prepare("SELECT name FROM parameters ORDER BY param");
  while (q.step()) names.push_back(q.text(0));
  return names;
}

std::map<int64_t, std::vector<std::string>> point_values(sqlite::Db& db) {
  std::map<int64_t, std::vector<std::string>> out;
  auto q = db.prepare("SELECT point, value FROM point_values ORDER BY point, param");
  while (q.step()) out[q.i64(0)].push_back(q.text(1));
  return out;
}

}  // namespace

std::vector<std::filesystem::path> export_sweep_csv(const std::filesystem::path& db_path, const std::filesystem::path& dir) {
  sqlite::Db db(db_path, /*read_only=*/true);
  std::filesystem::create_directories(dir);
  std::vector<std::filesystem::path> written;
  auto open = [&](const std::string& name) {
    written.push_back(dir / name);
    std::ofstream f(written.back());
    if (!f) throw std::runtime_error(fmt::format("cannot write {}", written.back().string()));
    return f;
  };
  const auto params = parameter_names(db);
  const auto pvals = point_values(db);
  std::vector<std::string> outcome_ids, target_ids;
  {
    auto q = db.prepare("SELECT id FROM outcomes ORDER BY outcome");
    while (q.step()) outcome_ids.push_back(q.text(0));
    auto t = db.prepare("SELECT id FROM targets ORDER BY target");
    while (t.step()) target_ids.push_back(t.text(0));
  }
  {
    auto f = open("runs.csv");
    f << "run,point,replicate,seed,checksum";
    for (const auto& p : params) f << ',' << csv_field(p);
    for (const auto& o : outcome_ids) f << ',' << csv_field(o);
    for (const auto& t : target_ids) f << ',' << csv_field("target:" + t);
    f << '\n';
    auto q = db.prepare("SELECT run, point, replicate, seed, checksum FROM runs ORDER BY run");
    auto qo = db.prepare("SELECT value FROM run_outcomes WHERE run = ? ORDER BY outcome");
    auto qt = db.prepare("SELECT value FROM run_targets WHERE run = ? ORDER BY target");
    while (q.step()) {
      const int64_t run = q.i64(0), point = q.i64(1);
      f << run << ',' << point << ',' << q.i64(2) << ',' << q.text(3) << ',' << q.text(4);
      if (auto it = pvals.find(point); it != pvals.end())
        for (const auto& v : it->second) f << ',' << csv_field(v);
      qo.bind(1, run);
      while (qo.step()) f << ',' << num(qo.f64(0));
      qo.reset();
      qt.bind(1, run);
      while (qt.step()) f << ',' << num(qt.f64(0));
      qt.reset();
      f << '\n';
    }
  }
  {
    auto f = open("summary.csv");
    f << "point";
    for (const auto& p : params) f << ',' << csv_field(p);
    f << ",outcome,kind,runs,mean,ci_low,ci_high,p05,p50,p95\n";
    for (const auto& s : summarise_outcomes(db)) {
      f << s.point;
      if (auto it = pvals.find(s.point); it != pvals.end())
        for (const auto& v : it->second) f << ',' << csv_field(v);
      f << ',' << csv_field(s.id) << ',' << s.kind << ',' << s.n << ',' << num(s.mean) << ',' << num(s.low) << ','
        << num(s.high) << ',' << num(s.p05) << ',' << num(s.p50) << ',' << num(s.p95) << '\n';
    }
  }
  if (db.scalar_i64("SELECT count(*) FROM series LIMIT 1") > 0) {
    {
      auto f = open("series.csv");
      f << "run,date,indicator,value\n";
      auto q = db.prepare(
          "SELECT s.run, m.date, i.name, s.value FROM series s JOIN indicators i USING(indicator) "
          "JOIN months m USING(step) ORDER BY s.run, i.name, s.step");
      while (q.step()) f << q.i64(0) << ',' << q.text(1) << ',' << csv_field(q.text(2)) << ',' << num(q.f64(3)) << '\n';
    }
    {
      // Bands: each indicator's distribution over a point's replicates, month by month.
      auto f = open("bands.csv");
      f << "point,indicator,date,runs,mean,p05,p25,p50,p75,p95\n";
      auto q = db.prepare(
          "SELECT r.point, i.name, m.date, s.value FROM series s JOIN runs r USING(run) "
          "JOIN indicators i USING(indicator) JOIN months m USING(step) ORDER BY r.point, i.name, s.step, s.value");
      std::vector<double> xs;
      int64_t point = -1;
      std::string name, date;
      auto flush = [&] {
        if (point < 0) return;
        double sum = 0;
        for (double x : xs) sum += x;
        f << point << ',' << csv_field(name) << ',' << date << ',' << xs.size() << ','
          << num(xs.empty() ? NAN : sum / static_cast<double>(xs.size())) << ',' << num(quantile_sorted(xs, 0.05)) << ','
          << num(quantile_sorted(xs, 0.25)) << ',' << num(quantile_sorted(xs, 0.5)) << ','
          << num(quantile_sorted(xs, 0.75)) << ',' << num(quantile_sorted(xs, 0.95)) << '\n';
        xs.clear();
      };
      while (q.step()) {
        const int64_t p = q.i64(0);
        std::string n = q.text(1), d = q.text(2);
        if (p != point || n != name || d != date) {
          flush();
          point = p, name = std::move(n), date = std::move(d);
        }
        if (!q.is_null(3)) xs.push_back(q.f64(3));
      }
      flush();
    }
  }
  return written;
}

std::string sweep_summary_text(const std::filesystem::path& db_path) {
  sqlite::Db db(db_path, true);
  const auto params = parameter_names(db);
  const auto pvals = point_values(db);
  std::string out = "Outcomes by point (events: share of runs [95% Wilson interval]; indicators: mean [95% CI])\n";
  int64_t last_point = -1;
  for (const auto& s : summarise_outcomes(db)) {
    if (s.point != last_point) {
      std::string label;
      if (auto it = pvals.find(s.point); it != pvals.end())
        for (size_t j = 0; j < it->second.size() && j < params.size(); ++j)
          label += (j ? ", " : "") + params[j] + "=" + it->second[j];
      out += fmt::format("point {}{}\n", s.point, label.empty() ? "" : ": " + label);
      last_point = s.point;
    }
    if (s.kind == "event")
      out += fmt::format("  {:<34} {:>5.1f}% [{:.1f}..{:.1f}]  ({} runs)\n", s.id, 100 * s.mean, 100 * s.low, 100 * s.high, s.n);
    else
      out += fmt::format("  {:<34} {:>10.4g} [{:.4g}..{:.4g}]  5%..95% {:.4g}..{:.4g}  ({} runs)\n", s.id, s.mean, s.low,
                         s.high, s.p05, s.p95, s.n);
  }
  return out;
}

}  // namespace thaw::app
