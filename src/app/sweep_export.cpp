#include "app/sweep_export.hpp"

#include "app/intervals.hpp"
#include "app/sqlite_store.hpp"
#include "app/sweep_store.hpp"
#include "engine/quantile.hpp"
#include "io/csv.hpp"
#include "io/output.hpp"

#include <fmt/format.h>

#include <cmath>
#include <fstream>
#include <map>
#include <tuple>

namespace thaw::app {

namespace {

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
  check_sweep_schema(db, db_path);
  io::OutputFolder out(dir);
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
    auto f = out.open("runs.csv");
    f << "run,point,replicate,seed,checksum";
    for (const auto& p : params) f << ',' << io::csv_field(p);
    for (const auto& o : outcome_ids) f << ',' << io::csv_field(o);
    for (const auto& t : target_ids) f << ',' << io::csv_field("target:" + t);
    f << '\n';
    auto q = db.prepare("SELECT run, point, replicate, seed, checksum FROM runs ORDER BY run");
    auto qo = db.prepare("SELECT value FROM run_outcomes WHERE run = ? ORDER BY outcome");
    auto qt = db.prepare("SELECT value FROM run_targets WHERE run = ? ORDER BY target");
    while (q.step()) {
      const int64_t run = q.i64(0), point = q.i64(1);
      f << run << ',' << point << ',' << q.i64(2) << ',' << q.text(3) << ',' << q.text(4);
      if (auto it = pvals.find(point); it != pvals.end())
        for (const auto& v : it->second) f << ',' << io::csv_field(v);
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
    auto f = out.open("summary.csv");
    f << "point";
    for (const auto& p : params) f << ',' << io::csv_field(p);
    f << ",outcome,kind,runs,mean,ci_low,ci_high,p05,p50,p95\n";
    for (const auto& s : summarise_outcomes(db)) {
      f << s.point;
      if (auto it = pvals.find(s.point); it != pvals.end())
        for (const auto& v : it->second) f << ',' << io::csv_field(v);
      f << ',' << io::csv_field(s.id) << ',' << s.kind << ',' << s.n << ',' << num(s.mean) << ',' << num(s.low) << ','
        << num(s.high) << ',' << num(s.p05) << ',' << num(s.p50) << ',' << num(s.p95) << '\n';
    }
  }
  if (db.scalar_i64("SELECT count(*) FROM series LIMIT 1") > 0) {
    {
      auto f = out.open("series.csv");
      f << "run,date,indicator,value\n";
      auto q = db.prepare(
          "SELECT s.run, m.date, i.name, s.value FROM series s JOIN indicators i USING(indicator) "
          "JOIN months m USING(step) ORDER BY s.run, i.name, s.step");
      while (q.step()) f << q.i64(0) << ',' << q.text(1) << ',' << io::csv_field(q.text(2)) << ',' << num(q.f64(3)) << '\n';
    }
    {
      // Bands: each indicator's distribution over a point's replicates, month by month.
      auto f = out.open("bands.csv");
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
        f << point << ',' << io::csv_field(name) << ',' << date << ',' << xs.size() << ','
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
  return out.written();
}

std::string sweep_summary_text(const std::filesystem::path& db_path) {
  sqlite::Db db(db_path, true);
  check_sweep_schema(db, db_path);
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
