#include "app/sweep_record.hpp"

#include <cmath>
#include <cstring>
#include <stdexcept>

namespace thaw::app {

namespace {

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

Target outcome_as_target(const Outcome& o) {
  Target t;
  t.id = o.id;
  t.kind = o.kind;
  t.indicator = o.indicator;
  t.statistic = o.statistic;
  t.date = o.date;
  t.until = o.until;
  t.filter = o.filter;
  return t;
}

}  // namespace

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

RecordPlan::RecordPlan(const SweepSpec& spec, const TargetFile* targets_file)
    : targets(targets_file), store_series(spec.store_series), indicators(spec.indicators.begin(), spec.indicators.end()),
      event_prefixes(spec.events) {
  for (const auto& o : spec.outcomes) outcomes.push_back(outcome_as_target(o));
}

RunRecord record_run(const RecordPlan& plan, const Simulation& sim) {
  RunRecord r;
  r.checksum = sim.checksum();
  const RunView view = view_of(sim);
  const auto& table = view.indicators;
  for (const auto& t : plan.outcomes) {
    const auto e = evaluate_target(t, view);
    r.outcomes.push_back(t.kind == "event" ? (e.passed ? 1.0 : 0.0) : e.value.value_or(NAN));
  }
  if (plan.targets)
    for (const auto& t : plan.targets->targets) {
      const auto e = evaluate_target(t, view);
      r.target_values.push_back(e.value.value_or(NAN));
      r.target_passed.push_back(e.passed ? 1.0 : 0.0);
    }
  if (plan.store_series) {
    std::vector<size_t> cols;
    for (size_t c = 0; c < table.columns().size(); ++c)
      if (plan.indicators.empty() || plan.indicators.count(table.columns()[c])) {
        cols.push_back(c);
        r.columns.push_back(table.columns()[c]);
      }
    for (size_t row = 0; row < table.rows(); ++row) {
      r.dates.push_back(row < table.labels().size() ? table.labels()[row] : std::to_string(row));
      for (size_t c : cols) r.values.push_back(table.at(row, c));
    }
  }
  for (const auto& e : view.events)
    for (const auto& prefix : plan.event_prefixes)
      if (e.code.rfind(prefix, 0) == 0) {
        r.events.push_back({e.month.index(), e.code, e.subject});
        break;
      }
  return r;
}

}  // namespace thaw::app
