#include "app/impact.hpp"

#include "io/html.hpp"
#include "io/output.hpp"

#include <fmt/format.h>

#include "engine/progress.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <chrono>
#include <cmath>

namespace thaw::app {

namespace {

double column_mean(const std::vector<std::vector<double>>& m, size_t o) {
  double sum = 0;
  size_t n = 0;
  for (const auto& row : m)
    if (!std::isnan(row[o])) sum += row[o], ++n;
  return n ? sum / static_cast<double>(n) : NAN;
}

// A scale per outcome so that changes in shares and in indicators of any unit can be added: a
// share counts as it is; an indicator's change relative to its value as it is (a fall of 0.5% of
// legitimacy weighs 0.005, one from everyone knowing the speech to nobody 1).
double outcome_scale(const Outcome& o, double baseline) {
  if (o.kind == "event") return 1.0;
  return std::max(std::fabs(baseline), 1e-9);
}

std::string value_text(double v) {
  if (std::isnan(v)) return "-";
  const double a = std::fabs(v);
  if (a >= 1e6) return fmt::format("{:.2f} M", v / 1e6);
  if (a >= 100) return fmt::format("{:.0f}", v);
  if (a >= 1) return fmt::format("{:.2f}", v);
  return fmt::format("{:.3f}", v);
}

std::string change_text(const OutcomeChange& c) {
  return fmt::format("{}{} [{}..{}]{}", c.change >= 0 ? "+" : "", value_text(c.change), value_text(c.low), value_text(c.high),
                     c.significant() ? " *" : "");
}

}  // namespace

ImpactReport decision_impact(const std::filesystem::path& path, const std::vector<Outcome>& outcomes, const ImpactOptions& options) {
  const auto t0 = std::chrono::steady_clock::now();
  ImpactReport report;
  const Scenario scenario = Scenario::load(path, options.overrides);
  report.scenario = scenario.header.name;
  report.runs = options.runs;
  report.outcomes = outcomes;
  std::vector<const Outcome*> pointers;
  for (const auto& o : report.outcomes) pointers.push_back(&o);
  const auto seeds = replicate_seeds(static_cast<uint64_t>(scenario.header.seed), options.runs);

  // The variants: each decision off. A variant's run on seed i equals the baseline's run on seed
  // i up to the decision's month (divergence_step), so it is forked from a copy of the baseline
  // there instead of re-running the prefix; where the model cannot tell, it runs in full.
  struct Variant {
    ParamItem item;
    Scenario without;
    std::optional<int64_t> fork_step;
  };
  std::vector<Variant> variants;
  for (const auto& item : scenario.items("decision")) {
    const std::string& id = item.get("id");
    if (id.empty() || item.get("enabled") == "false") continue;
    if (!options.only.empty() && std::find(options.only.begin(), options.only.end(), id) == options.only.end()) continue;
    auto overrides = options.overrides;
    overrides.push_back(fmt::format("decision[{}].enabled=false", id));
    Scenario without = Scenario::load(path, overrides);
    std::optional<int64_t> at;
    if (options.fork) at = without.setup->divergence_step(*scenario.setup);
    variants.push_back({item, std::move(without), at});
  }
  // Per seed the variants in the order of their fork steps, so that one copy of the baseline
  // walks forward through them and a worker holds at most two runs at a time.
  std::vector<size_t> order(variants.size());
  for (size_t v = 0; v < order.size(); ++v) order[v] = v;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return variants[a].fork_step.value_or(-1) < variants[b].fork_step.value_or(-1);
  });

  std::vector<std::vector<double>> base(seeds.size());
  std::vector<std::vector<std::vector<double>>> offs(variants.size(), std::vector<std::vector<double>>(seeds.size()));
  auto values_of = [&](const Simulation& sim, uint64_t seed) { return outcome_values(pointers, {RunLog::of(sim, seed)}, "").values; };
  Progress progress(scenario.header.name + " impact", static_cast<int64_t>(seeds.size()), options.progress);
  std::mutex progress_mutex;
  int64_t done = 0;
  std::atomic<size_t> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr error;
  auto work = [&] {
    try {
      while (!failed) {
        const size_t i = next++;
        if (i >= seeds.size()) break;
        auto sim = scenario.setup->create({.seed = seeds[i], .threads = 1});
        for (size_t v : order) {
          std::unique_ptr<Simulation> off;
          if (variants[v].fork_step) {
            while (sim->steps_done() < std::min(*variants[v].fork_step, sim->total_steps())) sim->step();
            off = variants[v].without.setup->fork(*sim);
          }
          if (!off) off = variants[v].without.setup->create({.seed = seeds[i], .threads = 1});
          off->run_to_end();
          offs[v][i] = values_of(*off, seeds[i]);
        }
        sim->run_to_end();
        base[i] = values_of(*sim, seeds[i]);
        std::lock_guard lock(progress_mutex);
        progress.update(++done);
      }
    } catch (...) {
      std::lock_guard lock(progress_mutex);
      if (!error) error = std::current_exception();
      failed = true;
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < options.threads; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  if (error) std::rethrow_exception(error);
  progress.finish();

  for (size_t k = 0; k < outcomes.size(); ++k) report.baseline.push_back(column_mean(base, k));
  for (size_t v = 0; v < variants.size(); ++v) {
    const auto& item = variants[v].item;
    const auto& off = offs[v];
    DecisionImpact d{item.get("id"), item.get("kind"), item.get("date"), item.get("note"), {}, 0, 0};
    for (size_t k = 0; k < outcomes.size(); ++k) {
      std::vector<double> diffs;
      for (size_t i = 0; i < seeds.size(); ++i)
        if (!std::isnan(base[i][k]) && !std::isnan(off[i][k])) diffs.push_back(off[i][k] - base[i][k]);
      const double n = static_cast<double>(diffs.size());
      double mean = 0, var = 0;
      for (double x : diffs) mean += x;
      mean = n > 0 ? mean / n : NAN;
      for (double x : diffs) var += (x - mean) * (x - mean);
      const double half = n > 1 ? 1.96 * std::sqrt(var / (n - 1) / n) : 0;
      OutcomeChange c{report.baseline[k], column_mean(off, k), mean, mean - half, mean + half};
      d.significant += c.significant();
      if (c.significant()) d.weight += std::fabs(c.change) / outcome_scale(outcomes[k], report.baseline[k]);
      d.changes.push_back(c);
    }
    report.decisions.push_back(std::move(d));
  }
  std::stable_sort(report.decisions.begin(), report.decisions.end(),
                   [](const DecisionImpact& a, const DecisionImpact& b) { return a.weight > b.weight; });
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return report;
}

std::string impact_csv(const ImpactReport& report) {
  std::string csv = "decision,kind,date,outcome,baseline,without,change,ci_low,ci_high,significant,weight\n";
  for (const auto& d : report.decisions)
    for (size_t k = 0; k < report.outcomes.size(); ++k) {
      const auto& c = d.changes[k];
      csv += fmt::format("{},{},{},{},{},{},{},{},{},{},{}\n", d.id, d.kind, d.date, report.outcomes[k].id, c.baseline, c.without,
                         c.change, c.low, c.high, c.significant() ? 1 : 0, d.weight);
    }
  return csv;
}

std::string impact_markdown(const ImpactReport& report, size_t top) {
  std::string out = fmt::format("Each decision of {} switched off, {} runs on the scenario's own seeds; the change in each "
                                "outcome (off minus on) with its 95% interval, * where the interval excludes no change. "
                                "Decisions in order of weight: the sum of the significant changes, shares of runs as they "
                                "are and indicators relative to their value as it is.\n\n",
                                report.scenario, report.runs);
  out += "| decision | date | weight |";
  for (const auto& o : report.outcomes) out += fmt::format(" {} |", o.id);
  out += "\n|---|---|---|";
  for (size_t k = 0; k < report.outcomes.size(); ++k) out += "---|";
  out += "\n| *as it is* | | |";
  for (double v : report.baseline) out += fmt::format(" {} |", value_text(v));
  out += '\n';
  size_t shown = 0;
  for (const auto& d : report.decisions) {
    if (top > 0 && shown++ >= top) break;
    out += fmt::format("| {} | {} | {:.2f} |", d.id, d.date, d.weight);
    for (const auto& c : d.changes) out += fmt::format(" {} |", change_text(c));
    out += '\n';
  }
  return out;
}

std::string impact_svg(const ImpactReport& report, size_t top) {
  const size_t n = std::min(top, report.decisions.size());
  const double max_weight = n > 0 ? std::max(report.decisions.front().weight, 1e-9) : 1;
  const int row = 22, left = 260, width = 420;
  std::string svg = fmt::format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" font-family=\"sans-serif\" "
                                "font-size=\"12\">",
                                left + width + 140, row * static_cast<int>(n) + 30);
  svg += fmt::format("<text x=\"0\" y=\"14\">What each decision mattered ({} runs each, common random numbers)</text>", report.runs);
  for (size_t i = 0; i < n; ++i) {
    const auto& d = report.decisions[i];
    const int y = 24 + row * static_cast<int>(i);
    const double w = width * d.weight / max_weight;
    svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>", left - 6, y + 14, d.id);
    svg += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{:.1f}\" height=\"{}\" fill=\"#4a6fa5\"/>", left, y + 3, w, row - 6);
    svg += fmt::format("<text x=\"{:.1f}\" y=\"{}\">{:.2f} ({} outcomes)</text>", left + w + 4, y + 14, d.weight, d.significant);
  }
  return svg + "</svg>";
}

std::string impact_html(const ImpactReport& report) {
  using io::html_escape;
  std::string h = fmt::format(
      "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>What each decision did: {0}</title>"
      "<style>body{{font-family:sans-serif;max-width:75rem;margin:1rem auto;padding:0 1rem;color:#222}}"
      "table{{border-collapse:collapse;font-size:0.85rem}}th,td{{border:1px solid #ccc;padding:0.2rem 0.4rem;vertical-align:top}}"
      "th{{background:#eee}}td.num{{text-align:right;white-space:nowrap}}td.sig{{font-weight:bold;background:#fff3d6}}"
      "caption{{text-align:left;margin-bottom:0.5rem}}td.date{{white-space:nowrap}}.wide{{overflow-x:auto}}</style></head><body>"
      "<h1>What each decision did</h1><p>Scenario <b>{0}</b>. Every decision switched off in turn, {1} runs each on the "
      "scenario's own seeds (common random numbers), so that run <i>i</i> with and without the decision differ by the "
      "decision alone. A cell is the change in the outcome (without the decision minus with it) and its 95% interval; "
      "shaded where the interval excludes no change. Shares of runs are between 0 and 1. {2:.0f} s.</p>",
      html_escape(report.scenario), report.runs, report.seconds);
  h += impact_svg(report);
  h += "<h2>The outcomes</h2><ul>";
  for (const auto& o : report.outcomes)
    h += fmt::format("<li><b>{}</b>: {}</li>", html_escape(o.id), html_escape(o.what.empty() ? o.id : o.what));
  h += "</ul><div class=\"wide\"><table><caption>Decisions in order of weight (the sum of the significant changes, shares as they are and "
       "indicators relative to their value)</caption><thead><tr><th>decision</th><th>date</th><th>weight</th>";
  for (const auto& o : report.outcomes) h += "<th scope=\"col\">" + html_escape(o.id) + "</th>";
  h += "</tr></thead><tbody><tr><th scope=\"row\">as it is</th><td></td><td></td>";
  for (double v : report.baseline) h += "<td class=\"num\">" + html_escape(value_text(v)) + "</td>";
  h += "</tr>";
  for (const auto& d : report.decisions) {
    h += fmt::format("<tr><th scope=\"row\" title=\"{}\">{}</th><td class=\"date\">{}</td><td class=\"num\">{:.2f}</td>",
                     html_escape(d.note), html_escape(d.id), html_escape(d.date), d.weight);
    for (const auto& c : d.changes)
      h += fmt::format("<td class=\"num{}\">{}</td>", c.significant() ? " sig" : "", html_escape(change_text(c)));
    h += "</tr>";
  }
  return h + "</tbody></table></div></body></html>\n";
}

std::vector<std::filesystem::path> write_impact(const ImpactReport& report, const std::filesystem::path& dir) {
  io::OutputFolder out(dir);
  out.write("impact.html", impact_html(report));
  out.write("impact.csv", impact_csv(report));
  out.write("impact.svg", impact_svg(report));
  out.write("impact.md", fmt::format("# What each decision did\n\n{:.0f} s.\n\n![weights](impact.svg)\n\n{}", report.seconds,
                                     impact_markdown(report)));
  return out.written();
}

}  // namespace thaw::app
