// Rejection ABC over a sweep's stored runs (Pritchard et al. 1999; Beaumont, Zhang & Balding 2002
// for the quantile-chosen tolerance). docs/calibration-method.md explains the choices.
#include "app/calibrate.hpp"

#include "app/sqlite_store.hpp"
#include "io/csv.hpp"
#include "io/output.hpp"
#include "io/scenario_file.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <numeric>
#include <set>

#include "engine/quantile.hpp"

namespace thaw::app {


double target_discrepancy(const Target& t, double value, bool passed) {
  // Events have no scale: met or missed. A missed target or a missing value counts as twice as
  // far as the edge of the record's range.
  if (t.kind == "event" || t.kind == "no_event") return passed ? 0 : 2;
  if (std::isnan(value)) return 2;
  const double mid = 0.5 * (t.low + t.high);
  const double half = t.high > t.low ? 0.5 * (t.high - t.low) : std::max(std::fabs(mid), 1e-12);
  return std::fabs(value - mid) / half;
}

std::vector<std::string> fitted_target_ids(const SweepSpec& spec, const TargetFile& targets) {
  std::vector<std::string> ids;
  std::set<std::string> known;
  for (const auto& t : targets.targets) known.insert(t.id);
  std::vector<std::string> problems;
  if (!spec.fit.empty()) {
    for (const auto& id : spec.fit) {
      if (!known.count(id)) problems.push_back(fmt::format("{}: calibration.fit: no target \"{}\" in {}", spec.source, id, spec.targets));
      ids.push_back(id);
    }
  } else {
    for (const auto& t : targets.targets)
      if (t.fitted) ids.push_back(t.id);
  }
  if (ids.empty()) problems.push_back(fmt::format("{}: calibration.fit: no target to fit (list ids, or mark targets fitted = true)", spec.source));
  if (spec.design != "random")
    problems.push_back(fmt::format("{}: sweep.design: calibration draws particles from the prior: use design = \"random\"", spec.source));
  if (!problems.empty()) throw io::ScenarioError(std::move(problems));
  return ids;
}

CalibrationReport analyse_calibration(const std::filesystem::path& db_path, const SweepSpec& spec, const TargetFile& targets) {
  sqlite::Db db(db_path, true);
  CalibrationReport r;
  r.fitted = fitted_target_ids(spec, targets);
  const std::set<std::string> fitted(r.fitted.begin(), r.fitted.end());
  const size_t T = targets.targets.size();

  // Per point: the runs' discrepancies for each target.
  std::map<int64_t, std::vector<std::vector<double>>> disc;    // point -> target -> per run
  std::map<int64_t, std::vector<std::vector<double>>> values;  // point -> target -> per run
  std::map<int64_t, std::vector<std::vector<int>>> passes;
  auto q = db.prepare("SELECT r.point, t.target, t.value, t.passed FROM run_targets t JOIN runs r USING(run) ORDER BY r.run, t.target");
  while (q.step()) {
    const int64_t p = q.i64(0);
    const auto k = static_cast<size_t>(q.i64(1));
    if (k >= T) continue;
    auto& d = disc[p];
    if (d.empty()) d.resize(T), values[p].resize(T), passes[p].resize(T);
    const double v = q.f64(2);
    const bool passed = q.i64(3) != 0;
    d[k].push_back(target_discrepancy(targets.targets[k], v, passed));
    values[p][k].push_back(v);
    passes[p][k].push_back(passed ? 1 : 0);
  }
  r.particles = disc.size();
  r.replicates = static_cast<size_t>(spec.replicates);
  if (disc.empty()) throw std::runtime_error(fmt::format("{}: no runs with targets to calibrate on", db_path.string()));

  std::vector<std::pair<double, int64_t>> dist;
  for (const auto& [p, d] : disc) {
    double ss = 0;
    size_t n = 0;
    for (size_t k = 0; k < T; ++k) {
      if (!fitted.count(targets.targets[k].id) || d[k].empty()) continue;
      const double mean = std::accumulate(d[k].begin(), d[k].end(), 0.0) / static_cast<double>(d[k].size());
      ss += mean * mean;
      ++n;
    }
    dist.push_back({n ? std::sqrt(ss / static_cast<double>(n)) : INFINITY, p});
  }
  std::sort(dist.begin(), dist.end());
  r.accepted = std::max<size_t>(1, static_cast<size_t>(std::llround(spec.accept * static_cast<double>(dist.size()))));
  r.accepted = std::min(r.accepted, dist.size());
  // Particles tied with the farthest accepted one are accepted too: the tolerance is a distance.
  while (r.accepted < dist.size() && dist[r.accepted].first <= dist[r.accepted - 1].first) ++r.accepted;
  for (size_t i = 0; i < r.accepted; ++i) {
    r.accepted_points.push_back(dist[i].second);
    r.accepted_distances.push_back(dist[i].first);
  }
  r.tolerance = r.accepted_distances.back();
  const std::set<int64_t> accepted(r.accepted_points.begin(), r.accepted_points.end());

  // Parameters: the prior sample (all particles) against the posterior sample (accepted).
  std::vector<std::string> names;
  {
    auto n = db.prepare("SELECT name FROM parameters ORDER BY param");
    while (n.step()) names.push_back(n.text(0));
  }
  std::vector<std::vector<double>> prior(names.size()), post(names.size());
  std::vector<bool> numeric(names.size(), true);
  auto pv = db.prepare("SELECT point, param, number FROM point_values ORDER BY point, param");
  while (pv.step()) {
    const int64_t p = pv.i64(0);
    const auto j = static_cast<size_t>(pv.i64(1));
    if (j >= names.size() || !disc.count(p)) continue;
    if (pv.is_null(2)) {
      numeric[j] = false;
      continue;
    }
    prior[j].push_back(pv.f64(2));
    if (accepted.count(p)) post[j].push_back(pv.f64(2));
  }
  for (size_t j = 0; j < names.size(); ++j) {
    ParameterPosterior pp;
    pp.name = names[j];
    pp.numeric = numeric[j] && !post[j].empty();
    if (pp.numeric) {
      pp.prior_low = *std::min_element(prior[j].begin(), prior[j].end());
      pp.prior_high = *std::max_element(prior[j].begin(), prior[j].end());
      pp.prior_median = quantile(prior[j], 0.5);
      pp.mean = std::accumulate(post[j].begin(), post[j].end(), 0.0) / static_cast<double>(post[j].size());
      pp.median = quantile(post[j], 0.5);
      pp.p05 = quantile(post[j], 0.05);
      pp.p95 = quantile(post[j], 0.95);
    }
    r.parameters.push_back(pp);
  }

  // Targets: pass shares under the prior (all runs) and the posterior (accepted particles' runs).
  for (size_t k = 0; k < T; ++k) {
    const auto& t = targets.targets[k];
    TargetFit f{t.id, t.what, t.record, fitted.count(t.id) > 0};
    double pass_all = 0, n_all = 0, pass_post = 0, n_post = 0;
    std::vector<double> post_values;
    for (const auto& [p, ps] : passes) {
      for (size_t i = 0; i < ps[k].size(); ++i) {
        pass_all += ps[k][i], n_all += 1;
        if (accepted.count(p)) {
          pass_post += ps[k][i], n_post += 1;
          if (!std::isnan(values.at(p)[k][i])) post_values.push_back(values.at(p)[k][i]);
        }
      }
    }
    f.prior_pass = n_all ? pass_all / n_all : NAN;
    std::tie(f.prior_low, f.prior_high) = wilson_interval(pass_all, n_all);
    f.posterior_pass = n_post ? pass_post / n_post : NAN;
    std::tie(f.posterior_low, f.posterior_high) = wilson_interval(pass_post, n_post);
    f.posterior_median = quantile(post_values, 0.5);
    r.targets.push_back(f);
  }
  return r;
}

std::string calibration_text(const CalibrationReport& r) {
  std::string out = fmt::format(
      "Rejection ABC: {} particles x {} replicates, {} accepted (tolerance: distance {:.4g})\n\n"
      "{:<40} {:>22} {:>12} {:>24}\n",
      r.particles, r.replicates, r.accepted, r.tolerance, "parameter", "prior (sampled range)", "posterior median",
      "90% credible interval");
  for (const auto& p : r.parameters) {
    if (!p.numeric) {
      out += fmt::format("{:<40} (not numeric: see posterior.csv)\n", p.name);
      continue;
    }
    out += fmt::format("{:<40} {:>22} {:>12.4g} {:>24}\n", p.name, fmt::format("{:.4g}..{:.4g}", p.prior_low, p.prior_high),
                       p.median, fmt::format("{:.4g}..{:.4g}", p.p05, p.p95));
  }
  out += fmt::format("\n{:<28} {:<8} {:>24} {:>24} {:>14}\n", "target", "role", "prior: runs passing",
                     "posterior: runs passing", "post. median");
  for (const auto& t : r.targets) {
    out += fmt::format("{:<28} {:<8} {:>24} {:>24} {:>14.4g}\n", t.id, t.fitted ? "fitted" : "held out",
                       fmt::format("{:.0f}% [{:.0f}..{:.0f}]", 100 * t.prior_pass, 100 * t.prior_low, 100 * t.prior_high),
                       fmt::format("{:.0f}% [{:.0f}..{:.0f}]", 100 * t.posterior_pass, 100 * t.posterior_low, 100 * t.posterior_high),
                       t.posterior_median);
  }
  return out;
}

std::vector<std::filesystem::path> write_calibration(const CalibrationReport& r, const std::filesystem::path& db_path,
                                                     const std::filesystem::path& dir) {
  io::OutputFolder out(dir);
  {
    // The posterior sample: one row per accepted particle, nearest first.
    sqlite::Db db(db_path, true);
    auto f = out.open("posterior.csv");
    f << "rank,point,distance";
    for (const auto& p : r.parameters) f << ',' << p.name;
    f << '\n';
    auto q = db.prepare("SELECT value FROM point_values WHERE point = ? ORDER BY param");
    for (size_t i = 0; i < r.accepted_points.size(); ++i) {
      f << i << ',' << r.accepted_points[i] << ',' << fmt::format("{}", r.accepted_distances[i]);
      q.bind(1, r.accepted_points[i]);
      while (q.step()) f << ',' << q.text(0);
      q.reset();
      f << '\n';
    }
  }
  {
    auto f = out.open("parameters.csv");
    f << "parameter,prior_low,prior_high,prior_median,posterior_mean,posterior_median,posterior_p05,posterior_p95\n";
    for (const auto& p : r.parameters)
      f << p.name << ',' << p.prior_low << ',' << p.prior_high << ',' << p.prior_median << ',' << p.mean << ',' << p.median
        << ',' << p.p05 << ',' << p.p95 << '\n';
  }
  {
    auto f = out.open("targets.csv");
    f << "target,record,role,prior_pass,prior_low,prior_high,posterior_pass,posterior_low,posterior_high,posterior_median\n";
    for (const auto& t : r.targets)
      f << t.id << ',' << io::csv_field(t.record, io::Quote::Always) << ',' << (t.fitted ? "fitted" : "held_out") << ',' << t.prior_pass << ','
        << t.prior_low << ',' << t.prior_high << ',' << t.posterior_pass << ',' << t.posterior_low << ',' << t.posterior_high
        << ',' << t.posterior_median << '\n';
  }
  {
    auto f = out.open("calibration.md");
    f << "# Calibration (rejection ABC)\n\nMethod: docs/calibration-method.md. Database: `" << db_path.string()
      << "`.\n\n```\n" << calibration_text(r) << "```\n";
  }
  return out.written();
}

}  // namespace thaw::app
