// Docking thaw's Epstein model against Mesa v3.3.1 (docs/docking.md; ODD "Validation").
#include "model/epstein/docking.hpp"

#include "engine/detmath.hpp"
#include "model/epstein/model.hpp"

#include <fmt/format.h>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

namespace thaw::epstein {

namespace {

constexpr DockingConfig kConfigs[] = {
    {"40x40, 200 steps", "timeseries_40x40_200steps_seeds1-30.csv", "epstein-dock-40x40-200.toml"},
    {"40x40, 1000 steps", "timeseries_40x40_1000steps_seeds1-5.csv", "epstein-mesa.toml"},
    {"40x40, cops 0.04, L 0.82, J 30, 500 steps", "timeseries_40x40_500steps_seeds1-20_cop0.04_L0.82_J30.csv",
     "epstein-dock-cop004-L082-J30.toml"},
    {"200x200, 100 steps", "timeseries_200x200_100steps_seeds1-2.csv", "epstein-dock-200x200.toml"},
};

constexpr std::string_view kStatistics[] = {"mean_active", "mean_jailed", "peak_active", "outbursts"};
constexpr std::string_view kAllStatistics[] = {"mean_active", "mean_jailed", "mean_quiet", "peak_active",
                                               "step_of_peak_active", "outbursts", "frac_steps_in_outburst",
                                               "final_jailed"};

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream s(line);
  std::string cell;
  while (std::getline(s, cell, ',')) out.push_back(cell);
  return out;
}

}  // namespace

std::span<const DockingConfig> docking_configs() { return kConfigs; }
std::span<const std::string_view> docked_statistics() { return kStatistics; }
std::span<const std::string_view> all_statistics() { return kAllStatistics; }

MesaSummary read_mesa_summary(const std::filesystem::path& path) {
  std::ifstream f(path);
  if (!f) throw std::runtime_error(fmt::format("{}: cannot open the Mesa summary", path.string()));
  std::string line;
  std::getline(f, line);
  const auto header = split(line);
  std::map<std::string, size_t> col;
  for (size_t i = 0; i < header.size(); ++i) col[header[i]] = i;
  for (const char* needed : {"file", "seed", "citizens", "cops", "steps", "mean_active", "mean_arrested", "mean_quiet",
                             "peak_active", "step_of_peak_active", "n_outbursts", "frac_steps_in_outburst",
                             "final_arrested"}) {
    if (!col.count(needed))
      throw std::runtime_error(fmt::format("{}:1: the Mesa summary has no column '{}'", path.string(), needed));
  }
  // Mesa's column names, by thaw's statistic names.
  const std::pair<const char*, const char*> statistic_columns[] = {
      {"mean_active", "mean_active"},     {"mean_jailed", "mean_arrested"},
      {"mean_quiet", "mean_quiet"},       {"peak_active", "peak_active"},
      {"step_of_peak_active", "step_of_peak_active"}, {"outbursts", "n_outbursts"},
      {"frac_steps_in_outburst", "frac_steps_in_outburst"}, {"final_jailed", "final_arrested"}};
  MesaSummary summary;
  for (const auto& [name, column] : statistic_columns) summary.decimals[name] = 0;
  std::vector<MesaRun>& runs = summary.runs;
  size_t line_no = 1;
  while (std::getline(f, line)) {
    ++line_no;
    if (line.empty()) continue;
    const auto cells = split(line);
    if (cells.size() != header.size())
      throw std::runtime_error(fmt::format("{}:{}: {} fields, the header has {}", path.string(), line_no, cells.size(),
                                           header.size()));
    auto num = [&](const char* name) {
      try {
        return std::stod(cells[col[name]]);
      } catch (const std::exception&) {
        throw std::runtime_error(fmt::format("{}:{}: {}: '{}' is not a number", path.string(), line_no, name,
                                             cells[col[name]]));
      }
    };
    MesaRun r;
    r.file = cells[col["file"]];
    r.seed = static_cast<int64_t>(num("seed"));
    r.citizens = static_cast<int64_t>(num("citizens"));
    r.cops = static_cast<int64_t>(num("cops"));
    r.steps = static_cast<int64_t>(num("steps"));
    r.stats.mean_active = num("mean_active");
    r.stats.mean_jailed = num("mean_arrested");
    r.stats.mean_quiet = num("mean_quiet");
    r.stats.peak_active = num("peak_active");
    r.stats.step_of_peak_active = static_cast<int64_t>(num("step_of_peak_active"));
    r.stats.outbursts = static_cast<int64_t>(num("n_outbursts"));
    r.stats.frac_steps_in_outburst = num("frac_steps_in_outburst");
    r.stats.final_jailed = num("final_arrested");
    for (const auto& [name, column] : statistic_columns) {
      const std::string& text = cells[col[column]];
      const size_t dot = text.find('.');
      if (dot != std::string::npos)
        summary.decimals[name] = std::max(summary.decimals[name], static_cast<int>(text.size() - dot - 1));
    }
    runs.push_back(std::move(r));
  }
  return summary;
}

std::vector<MesaRun> mesa_runs_of(const std::vector<MesaRun>& all, std::string_view file) {
  std::vector<MesaRun> out;
  for (const auto& r : all)
    if (r.file == file) out.push_back(r);
  return out;
}

std::vector<RunStatistics> run_replicates(const Params& params, size_t seeds, const Executor& executor) {
  std::vector<RunStatistics> out(seeds);
  const StatisticsDefinition def{.burn_in = params.burn_in, .outburst_threshold = params.outburst_threshold};
  executor.for_each_index(seeds, [&](size_t i) {
    Model model(params, RunConfig{.seed = i + 1, .threads = 1});
    model.run_to_end();
    out[i] = summarise(model.indicators(), def);
  });
  return out;
}

bool ConfigComparison::pass() const {
  for (const auto& r : rows)
    if (!r.pass) return false;
  return true;
}

ConfigComparison compare(const DockingConfig& config, const std::vector<RunStatistics>& thaw,
                         const std::vector<MesaRun>& mesa, const std::map<std::string, int, std::less<>>& decimals,
                         const DockingCriteria& criteria, std::span<const std::string_view> statistics) {
  ConfigComparison out{config, {}};
  for (std::string_view name : statistics) {
    std::vector<double> a, b;
    const auto places = decimals.find(name);
    const double scale = places == decimals.end() ? 0.0 : det::pow(10.0, places->second);
    for (const auto& s : thaw) a.push_back(scale > 0 ? std::round(s.get(name) * scale) / scale : s.get(name));
    for (const auto& m : mesa) b.push_back(m.stats.get(name));
    StatisticComparison row;
    row.statistic = std::string(name);
    row.thaw = two_sample::summarise(a);
    row.mesa = two_sample::summarise(b);
    row.mann_whitney = two_sample::mann_whitney(a, b);
    row.ks = two_sample::kolmogorov_smirnov(a, b, criteria.ks_permutations);
    const double se = std::sqrt(row.thaw.sd * row.thaw.sd / static_cast<double>(std::max<size_t>(row.thaw.n, 1)) +
                                row.mesa.sd * row.mesa.sd / static_cast<double>(std::max<size_t>(row.mesa.n, 1)));
    if (row.mesa.mean != 0) {
      row.relative_difference = (row.thaw.mean - row.mesa.mean) / row.mesa.mean;
      row.relative_se = se / std::fabs(row.mesa.mean);
      // The margin is tested only where it is at least `resolvable` standard errors wide; with
      // fewer seeds or noisier statistics a 25% difference could not be told from chance.
      row.mean_checked = row.mesa.n >= criteria.min_mesa_runs_for_mean && row.relative_se * criteria.resolvable <= criteria.mean_margin;
    } else {
      row.relative_difference = row.thaw.mean == 0 ? 0 : INFINITY;
      row.relative_se = INFINITY;
    }
    const bool tests_pass = row.mann_whitney.p >= criteria.alpha && row.ks.p >= criteria.alpha;
    const bool mean_pass = !row.mean_checked || std::fabs(row.relative_difference) <= criteria.mean_margin;
    row.pass = tests_pass && mean_pass;
    out.rows.push_back(std::move(row));
  }
  return out;
}

std::string to_markdown(const std::vector<ConfigComparison>& comparisons, const DockingCriteria& criteria) {
  std::string s = fmt::format(
      "Pass: Mann-Whitney p >= {0} and Kolmogorov-Smirnov (permutation) p >= {0}, and the relative difference of means "
      "within +/-{1:.0f}% where that margin spans at least {2:.0f} standard errors (else 'n/r', not resolvable).\n\n",
      criteria.alpha, 100 * criteria.mean_margin, criteria.resolvable);
  s += "| configuration | statistic | thaw mean ± sd (n) | Mesa mean ± sd (n) | rel. diff. of means | Mann-Whitney p | KS D | KS p | result |\n";
  s += "|---|---|---|---|---|---|---|---|---|\n";
  for (const auto& c : comparisons) {
    for (const auto& r : c.rows) {
      const std::string rel = std::isfinite(r.relative_difference)
                                  ? fmt::format("{:+.1f}% ± {:.1f}%{}", 100 * r.relative_difference,
                                                100 * r.relative_se, r.mean_checked ? "" : " (n/r)")
                                  : "n/a";
      s += fmt::format("| {} | {} | {:.3f} ± {:.3f} ({}) | {:.3f} ± {:.3f} ({}) | {} | {:.3f}{} | {:.3f} | {:.3f} | {} |\n",
                       c.config.label, r.statistic, r.thaw.mean, r.thaw.sd, r.thaw.n, r.mesa.mean, r.mesa.sd, r.mesa.n,
                       rel, r.mann_whitney.p, r.mann_whitney.exact ? "" : " (normal)", r.ks.d, r.ks.p,
                       r.pass ? "pass" : "**FAIL**");
    }
  }
  return s;
}

std::string to_csv(const std::vector<ConfigComparison>& comparisons) {
  std::string s =
      "configuration,scenario,statistic,thaw_n,thaw_mean,thaw_sd,mesa_n,mesa_mean,mesa_sd,relative_difference,"
      "relative_se,mean_checked,mann_whitney_u,mann_whitney_p,mann_whitney_exact,ks_d,ks_p,pass\n";
  for (const auto& c : comparisons)
    for (const auto& r : c.rows)
      s += fmt::format("\"{}\",{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", c.config.label, c.config.scenario,
                       r.statistic, r.thaw.n, r.thaw.mean, r.thaw.sd, r.mesa.n, r.mesa.mean, r.mesa.sd,
                       r.relative_difference, r.relative_se, r.mean_checked ? 1 : 0, r.mann_whitney.u, r.mann_whitney.p,
                       r.mann_whitney.exact ? 1 : 0, r.ks.d, r.ks.p, r.pass ? 1 : 0);
  return s;
}

}  // namespace thaw::epstein
