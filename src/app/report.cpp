#include "app/report.hpp"

#include "io/event_fold.hpp"
#include "io/events.hpp"
#include "io/html.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace thaw::app {

namespace {

std::string escape(std::string_view s) { return io::html_escape(s); }

double nice_step(double range, int ticks) {
  const double raw = range / ticks;
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  const double f = raw / mag;
  const double nice = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
  return nice * mag;
}

std::string tick_text(double v, double step) {
  const double a = std::fabs(v);
  if (a >= 1e6 && step >= 1e5) return fmt::format("{:g}M", v / 1e6);
  if (a >= 1e3 && step >= 100) return fmt::format("{:g}k", v / 1e3);
  if (step >= 1) return fmt::format("{:.0f}", v);
  if (step >= 0.1) return fmt::format("{:.1f}", v);
  if (step >= 0.01) return fmt::format("{:.2f}", v);
  return fmt::format("{:.3f}", v);
}

const char* kPalette[] = {"#b22222", "#1f4e79", "#2e7d32", "#6a1b9a", "#ef6c00", "#00838f"};

}  // namespace

std::string svg_chart(const Chart& chart, int width, int height) {
  const double left = 52, right = 12, top = 28, bottom = 30;
  const double plot_w = width - left - right, plot_h = height - top - bottom;
  const size_t n = chart.x_labels.size();
  double lo = INFINITY, hi = -INFINITY;
  auto take = [&](double v) {
    if (std::isfinite(v)) {
      lo = std::min(lo, v);
      hi = std::max(hi, v);
    }
  };
  for (const auto& s : chart.series) {
    for (double v : s.values) take(v);
    for (double v : s.band_low) take(v);
    for (double v : s.band_high) take(v);
  }
  for (const auto& m : chart.markers) {
    take(m.low);
    take(m.high);
  }
  if (!std::isfinite(lo)) lo = 0, hi = 1;
  if (lo > 0 && lo < 0.4 * hi) lo = 0;  // start at zero unless that flattens the line
  if (hi - lo < 1e-12) hi = lo + (std::fabs(lo) > 0 ? std::fabs(lo) * 0.1 : 1);
  const double step = nice_step(hi - lo, 4);
  lo = std::floor(lo / step) * step;
  hi = std::ceil(hi / step) * step;
  auto x_of = [&](double i) { return left + (n > 1 ? i / static_cast<double>(n - 1) : 0.5) * plot_w; };
  auto y_of = [&](double v) { return top + (1 - (v - lo) / (hi - lo)) * plot_h; };

  std::string svg = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" class=\"chart\" role=\"img\" aria-label=\"{}\">"
      "<text x=\"{}\" y=\"17\" class=\"ct\">{}</text>",
      width, height, escape(chart.title), left, escape(chart.title + (chart.unit.empty() ? "" : " (" + chart.unit + ")")));
  for (double v = lo; v <= hi + step * 0.5; v += step) {
    const double y = y_of(v);
    svg += fmt::format("<line x1=\"{}\" x2=\"{}\" y1=\"{:.1f}\" y2=\"{:.1f}\" class=\"grid\"/>", left, left + plot_w, y, y);
    svg += fmt::format("<text x=\"{}\" y=\"{:.1f}\" class=\"yl\">{}</text>", left - 5, y + 4, tick_text(v, step));
  }
  // A tick at each January.
  for (size_t i = 0; i < n; ++i) {
    if (chart.x_labels[i].size() < 7 || chart.x_labels[i].substr(5, 2) != "01") continue;
    const double x = x_of(static_cast<double>(i));
    svg += fmt::format("<line x1=\"{:.1f}\" x2=\"{:.1f}\" y1=\"{}\" y2=\"{}\" class=\"grid\"/>", x, x, top, top + plot_h);
    const std::string year = chart.x_labels[i].substr(0, 4);
    if (std::stoi(year) % 2 == 0)
      svg += fmt::format("<text x=\"{:.1f}\" y=\"{}\" class=\"xl\">{}</text>", x, top + plot_h + 16, year);
  }
  for (size_t k = 0; k < chart.series.size(); ++k) {
    const auto& s = chart.series[k];
    const std::string colour = s.colour.empty() ? kPalette[k % 6] : s.colour;
    if (s.band_low.size() == n && s.band_high.size() == n && n > 1) {
      std::string pts;
      for (size_t i = 0; i < n; ++i) pts += fmt::format("{:.1f},{:.1f} ", x_of(static_cast<double>(i)), y_of(s.band_high[i]));
      for (size_t i = n; i-- > 0;) pts += fmt::format("{:.1f},{:.1f} ", x_of(static_cast<double>(i)), y_of(s.band_low[i]));
      svg += fmt::format("<polygon points=\"{}\" fill=\"{}\" opacity=\"0.18\"/>", pts, colour);
    }
    std::string path;
    for (size_t i = 0; i < s.values.size() && i < n; ++i) {
      if (!std::isfinite(s.values[i])) continue;
      path += fmt::format("{}{:.1f},{:.1f}", path.empty() ? "M" : "L", x_of(static_cast<double>(i)), y_of(s.values[i]));
    }
    svg += fmt::format("<path d=\"{}\" stroke=\"{}\" class=\"line\"/>", path, colour);
    if (chart.series.size() > 1)
      svg += fmt::format("<text x=\"{:.1f}\" y=\"{}\" class=\"lg\" fill=\"{}\">{}</text>", left + 8 + 100.0 * static_cast<double>(k % 4),
                         top + 12 + 12 * static_cast<int>(k / 4), colour, escape(s.name));
  }
  for (const auto& m : chart.markers) {
    const double x = x_of(static_cast<double>(m.index));
    svg += fmt::format("<g class=\"rec\"><title>{}</title><line x1=\"{:.1f}\" x2=\"{:.1f}\" y1=\"{:.1f}\" y2=\"{:.1f}\"/>"
                       "<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"3\"/></g>",
                       escape(m.label), x, x, y_of(m.low), y_of(m.high) - (m.low == m.high ? 0.5 : 0), x,
                       y_of((m.low + m.high) / 2));
  }
  return svg + "</svg>";
}

namespace {

struct ChartSpec {
  const char* title;
  const char* unit;
  std::vector<std::pair<const char*, const char*>> columns;  // (indicator, legend)
};

// The charts of the report, in order; a chart is drawn if its first column exists.
const std::vector<ChartSpec>& chart_specs() {
  static const std::vector<ChartSpec> specs = {
      {"Belief in the regime's right to rule", "mean, 0-1", {{"society.legitimacy", "USSR"}}},
      {"Dissent: private and voiced", "share of adults",
       {{"society.dissent_private", "privately"}, {"society.dissent_expressed", "voiced"}}},
      {"People in open protest (peak)", "people", {{"society.active_peak", "USSR"}}},
      {"Who knows what", "share of adults",
       {{"society.informed.secret_speech", "Secret Speech"}, {"society.informed.camp_truth", "the camps"},
        {"society.informed.unrest_news", "unrest"}, {"society.informed.western_culture", "the West"}}},
      {"The camps", "people", {{"repression.prisoners", "prisoners"}, {"repression.political_prisoners", "political"}}},
      {"Released from the camps and settlements", "people, since March 1953", {{"repression.released_total", "released"}}},
      {"Special settlers", "people", {{"repression.special_settlers", "settlers"}}},
      {"Grain harvest", "Mt", {{"economy.harvest_mt", "harvest"}}},
      {"Food and prices", "index, 1953 = 1", {{"economy.food_index", "food per head"}, {"economy.retail_price_index", "prices"}}},
      {"Industrial growth", "% a year", {{"economy.industrial_growth", "growth"}}},
      {"Culture: openness and the censor", "0-1", {{"culture.openness", "openness"}, {"culture.censorship", "censor's leniency"}}},
      {"The First Secretary's support", "share of the selectorate", {{"elite.leader_security", "support"}}},
      {"Satellites: people in protest", "share of urban adults",
       {{"bloc.poland.active_share", "Poland"}, {"bloc.hungary.active_share", "Hungary"}, {"bloc.gdr.active_share", "GDR"},
        {"bloc.czechoslovakia.active_share", "Czechoslovakia"}}},
      {"The world", "0-1", {{"world.tension", "tension"}, {"world.prestige", "prestige"}}},
      {"Population of the USSR", "people", {{"population.ussr", "population"}}},
      {"Urban share", "share", {{"population.urban_share", "urban"}}},
  };
  return specs;
}

std::string css() {
  return R"(
body{font-family:Georgia,'Times New Roman',serif;max-width:1000px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}
h1{font-size:1.7em;margin-bottom:.2em}h2{border-bottom:2px solid #b22222;padding-bottom:.2em;margin-top:2em}
.meta{color:#555}.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(440px,1fr));gap:14px}
.chart{width:100%;height:auto;background:#fcfbf8;border:1px solid #ddd}
.chart .ct{font:bold 12px sans-serif}.chart .grid{stroke:#e4e1da;stroke-width:1}.chart .yl{font:10px sans-serif;text-anchor:end;fill:#555}
.chart .xl{font:10px sans-serif;text-anchor:middle;fill:#555}.chart .line{fill:none;stroke-width:1.8}.chart .lg{font:11px sans-serif}
.chart .rec line{stroke:#000;stroke-width:2}.chart .rec circle{fill:#fff;stroke:#000;stroke-width:1.5}
table{border-collapse:collapse;width:100%;font-size:.93em}td,th{border-bottom:1px solid #ddd;padding:.35em .5em;vertical-align:top;text-align:left}
th{background:#f3efe6}.ok{color:#2e7d32;font-weight:bold}.no{color:#b22222;font-weight:bold}
.year{font-weight:bold;background:#f8f5ee}.decision{color:#1f4e79}.major{font-weight:bold}.why{font-weight:normal;font-size:.85em;color:#555}.src{font-size:.85em;color:#555}
.note{background:#f8f5ee;border-left:4px solid #b22222;padding:.6em 1em}
.altered{background:#fff3c4;border:2px solid #b8860b;padding:.4em 1em;margin:1em 0}.asis{background:#eef5ee;border-left:4px solid #2e7d32;padding:.2em 1em}
h3{margin:.8em 0 .3em;font-size:1.05em}
.discuss li{margin:.3em 0}.glossary dt{font-weight:bold;margin-top:.5em}.glossary dd{margin:0 0 0 1.5em}
@media print{body{max-width:none;margin:0;padding:0;font-size:10.5pt;color:#000}h2{break-after:avoid;margin-top:1.2em}
tr,li,dt,dd,.chart{break-inside:avoid}.charts{grid-template-columns:1fr 1fr}.note,.altered,.asis{border-color:#000}
a{color:#000;text-decoration:none}.discuss,.glossary{break-before:page}}
)";
}

// The works an entry cites, then its web copies as a second link (named by their site).
std::string sources_html(const RecordEntry* entry, const std::vector<Work>* works) {
  if (!entry) return "";
  if (!works) {
    std::string out;
    for (const auto& s : entry->source_list())
      if (s.rfind("http", 0) == 0 && citable_web_copy(s)) out += fmt::format("{}<a href=\"{}\">{}</a>", out.empty() ? "" : "; ", escape(s), escape(host_of(s)));
    return out;
  }
  const auto c = citations_of(*entry, *works);
  std::string out;
  for (const auto* w : c.works) {
    if (!out.empty()) out += "; ";
    out += w->author.empty() ? "" : escape(w->author) + ", ";
    out += "<i>" + escape(w->title) + "</i>";
    if (!w->year.empty()) out += " (" + escape(w->year) + ")";
  }
  if (!c.web.empty()) {
    out += out.empty() ? "web copies: " : "<br>web copies: ";
    for (size_t i = 0; i < c.web.size(); ++i)
      out += fmt::format("{}<a href=\"{}\">{}</a>", i ? ", " : "", escape(c.web[i]), escape(host_of(c.web[i])));
  }
  return out;
}

std::vector<std::string> split_ids(const std::string& ids) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : ids + ",") {
    if (c == ',' || c == ' ') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  return out;
}

std::string value_text(const Target& t, const Evaluation& e) {
  if (t.kind == "event") return e.value ? fmt::format("yes, {}", Month::from_index(static_cast<int32_t>(*e.value)).long_name()) : "did not happen";
  if (t.kind == "no_event") return e.passed ? "none" : fmt::format("{:.0f} such events", e.value.value_or(0));
  if (!e.value) return t.kind == "event_figure" ? "did not happen" : "-";
  const double v = *e.value;
  if (std::fabs(v) >= 1e6) return fmt::format("{:.2f} million", v / 1e6);
  if (std::fabs(v) >= 1000) return fmt::format("{:.0f}", v);
  return fmt::format("{:.3g}", v);
}

std::string month_text(const std::string& date) {
  const auto m = Month::parse(date);
  return m ? m->long_name() : date;
}

// The run's departures from the scenario file, as a box under the heading.
std::string changes_html(const RunChanges& c) {
  std::string html;
  if (!c.choices.empty()) {
    html += "<h3>The choices made in play</h3><table><tr><th>When</th><th>The moment</th><th>The choice</th><th></th></tr>";
    for (const auto& p : c.choices)
      html += fmt::format("<tr><td>{}</td><td>{}</td><td>{}{}</td><td class=\"{}\">{}</td></tr>", escape(month_text(p.month)),
                          escape(p.title), escape(p.option), p.by.empty() ? "" : "<br><span class=\"src\">chosen by " + escape(p.by) + "</span>",
                          p.history ? "ok" : "no", p.history ? "as in history" : "not as in history");
    html += "</table>";
  }
  if (!c.decisions.empty()) {
    html += "<h3>Decisions that differ from the scenario</h3><ul>";
    for (const auto& d : c.decisions)
      html += fmt::format("<li><b>{}</b> {}: {}</li>", d.enabled ? "taken" : "not taken", escape(month_text(d.date)),
                          escape(d.note.empty() ? d.id : d.note));
    html += "</ul>";
  }
  if (!c.params.empty()) {
    html += "<h3>Parameters changed</h3><table><tr><th>Parameter</th><th>In the scenario</th><th>In this run</th></tr>";
    for (const auto& p : c.params)
      html += fmt::format("<tr><td><code>{}</code></td><td>{} {}</td><td><b>{}</b> {}</td></tr>", escape(p.path), escape(p.written),
                          escape(p.unit), escape(p.run), escape(p.unit));
    html += "</table>";
  }
  return html;
}

}  // namespace

std::string cite_rows(const std::string& ids, const std::vector<RecordEntry>& record, const std::vector<Work>& works) {
  std::vector<std::string> cites;
  for (const auto& id : split_ids(ids)) {
    const auto* entry = find_entry(record, id);
    if (!entry) continue;
    for (const auto* w : citations_of(*entry, works).works)
      if (w->kind != "seed" && std::find(cites.begin(), cites.end(), w->short_cite()) == cites.end()) cites.push_back(w->short_cite());
  }
  std::string out;
  for (const auto& c : cites) out += (out.empty() ? "" : "; ") + c;
  return out;
}

bool RunChanges::altered() const {
  return !decisions.empty() || !params.empty() ||
         std::any_of(choices.begin(), choices.end(), [](const Pick& p) { return !p.history; });
}

RunChanges changes_between(const Scenario& as_written, const Scenario& as_run) {
  RunChanges c;
  std::map<std::string, std::string> written_enabled;
  for (const auto& d : as_written.items("decision")) written_enabled[d.get("id")] = d.get("enabled");
  for (const auto& d : as_run.items("decision")) {
    const auto it = written_enabled.find(d.get("id"));
    if (it != written_enabled.end() && it->second == d.get("enabled")) continue;
    c.decisions.push_back({d.get("id"), d.get("date"), d.get("note"), d.get("enabled") == "true"});
  }
  std::map<std::string, std::string> written;
  for (const auto& p : as_written.parameters()) written[p.path] = p.default_value;
  for (const auto& p : as_run.parameters()) {
    if (p.path.starts_with("decision") || p.path == "run.scale") continue;
    const auto it = written.find(p.path);
    if (it != written.end() && it->second == p.default_value) continue;
    c.params.push_back({p.path, it == written.end() ? "(none)" : it->second, p.default_value, p.unit});
  }
  return c;
}

std::string report_html(const ReportInputs& in) {
  const auto& sim = *in.sim;
  const RunView run = view_of(sim);
  const auto& ind = run.indicators;
  const Month start = run.start, end = start + static_cast<int32_t>(sim.total_steps() - 1);
  const auto scale = in.scenario->number("run.scale");
  const std::string title = in.scenario->header.description.empty() ? in.scenario->header.name : in.scenario->header.description;

  std::string html = fmt::format("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><link rel=\"icon\" href=\"data:,\"><title>thaw: {}</title><style>{}</style></head><body>",
                                 escape(in.scenario->header.name), css());
  const bool altered = in.changes && in.changes->altered();
  const bool played = in.changes && !in.changes->choices.empty();
  html += fmt::format("<h1>The Thaw, {} to {}{}</h1>", start.long_name(), end.long_name(),
                      played ? (altered ? ": a game with the player's choices" : ": a game played as in history")
                             : altered ? ": an altered run" : "");
  // The scenario's description says what the file holds; an altered run is not that, so it is
  // named as a change of it, never under the file's own words alone.
  html += fmt::format("<p class=\"meta\">{} <b>{}</b> ({}){} &middot; seed {}{}</p>", altered ? "Changed from the scenario" : "Scenario",
                      escape(in.scenario->header.name), escape(title),
                      in.scenario->header.base.empty() ? "" : fmt::format(", a change of {}", escape(in.scenario->header.base)),
                      in.seed, scale ? fmt::format(" &middot; one agent per {:g} people", *scale) : "");
  if (in.changes) {
    if (altered)
      html += fmt::format("<div class=\"altered\"><p><b>Not the scenario as written.</b> {} decision{} differ{}, {} parameter{} changed{}.</p>{}</div>",
                          in.changes->decisions.size(), in.changes->decisions.size() == 1 ? "" : "s",
                          in.changes->decisions.size() == 1 ? "s" : "", in.changes->params.size(),
                          in.changes->params.size() == 1 ? "" : "s",
                          played ? fmt::format(", {} of {} choices not as in history",
                                               std::count_if(in.changes->choices.begin(), in.changes->choices.end(),
                                                             [](const auto& p) { return !p.history; }),
                                               in.changes->choices.size())
                                 : "",
                          changes_html(*in.changes));
    else
      html += fmt::format("<div class=\"asis\">{}<p>The scenario as written: no decision or parameter changed.</p></div>",
                          played ? changes_html(*in.changes) : "");
  }
  html += "<p class=\"note\">This is one possible history. The scenario fixed only what the Soviet leadership decided and what "
          "came from outside; everything else below &mdash; protests, votes, releases, uprisings, interventions, the leader's "
          "fate &mdash; came out of the model's rules, so another seed tells a different story. <code>thaw validate</code> "
          "says how often the model reproduces each part of the record.</p>";
  html += fmt::format("<p>{}</p>", escape(sim.summary()));

  std::set<std::string> cited;  // record ids shown, for the bibliography
  // Debrief.
  if (in.targets) {
    html += "<h2>Debrief: this run and the record</h2><table><tr><th></th><th>The record</th><th>This run</th><th>Sources</th></tr>";
    for (const auto& t : in.targets->targets) {
      const auto e = evaluate_target(t, run);
      const RecordEntry* entry = nullptr;
      if (in.record) {
        const std::string first_id = t.record.substr(0, t.record.find(','));
        entry = find_entry(*in.record, first_id);
      }
      if (entry) cited.insert(entry->id);
      html += fmt::format("<tr><td class=\"{}\">{}</td><td title=\"record {}\">{}</td><td>{}</td><td class=\"src\">{}</td></tr>",
                          e.passed ? "ok" : "no", e.passed ? "&#10003;" : "&#10007;", escape(t.record), escape(t.what),
                          escape(value_text(t, e)), sources_html(entry, in.works));
    }
    html += "</table>";
  }

  // Charts.
  html += "<h2>Indicators</h2><p>Lines are this run, month by month; black bars are the record's figures.</p><div class=\"charts\">";
  std::map<std::string, std::vector<ChartMarker>> markers;
  if (in.targets) {
    for (const auto& t : in.targets->targets) {
      if (t.kind != "indicator" || t.statistic != "value") continue;
      markers[t.indicator].push_back({t.date - start, t.low, t.high, t.what + " (" + t.record + ")"});
    }
  }
  for (const auto& spec : chart_specs()) {
    if (!ind.has(spec.columns.front().first)) continue;
    Chart chart{spec.title, spec.unit, ind.labels(), {}, {}};
    for (const auto& [column, legend] : spec.columns) {
      if (!ind.has(column)) continue;
      chart.series.push_back({legend, ind.column(column), {}, {}, ""});
      for (const auto& m : markers[column]) chart.markers.push_back(m);
    }
    html += svg_chart(chart);
  }
  html += "</div>";

  // Timeline.
  html += "<h2>Timeline: this run beside the record</h2><p>Left, what happened in this run (<span class=\"decision\">decisions "
          "taken</span> in blue, <b>major</b> events in bold). Right, the record: what the leadership decided, what came from "
          "outside, and what followed.</p><table><tr><th style=\"width:12%\">When</th><th style=\"width:48%\">This run</th>"
          "<th>The record</th></tr>";
  std::map<int, std::vector<std::string>> run_by_year, record_by_year;
  for (const auto& line : io::fold_events(run.events)) {
    const bool decision = line.code.rfind("decision.", 0) == 0;
    const auto when = line.when();
    // A major event says why, as the narrative does (its drivers: io/events.hpp).
    std::string why;
    if (!decision && !line.folded() && line.severity == Severity::Major)
      if (const auto because = io::because_text(run.events[line.events.front()]); !because.empty())
        why = fmt::format(" <span class=\"why\">({})</span>", escape(because));
    run_by_year[line.first.year()].push_back(fmt::format("<div class=\"{}\"><b>{}</b>: {}{}</div>",
                                                         decision ? "decision" : line.severity == Severity::Major ? "major" : "",
                                                         escape(when.substr(0, when.size() - 5)), escape(line.text), why));
  }
  if (in.record) {
    // In the order of their dates within each year (the file groups them by theme).
    std::vector<const RecordEntry*> by_date;
    for (const auto& r : *in.record) by_date.push_back(&r);
    std::stable_sort(by_date.begin(), by_date.end(), [](const RecordEntry* a, const RecordEntry* b) { return a->date_start < b->date_start; });
    for (const auto* entry : by_date) {
      const auto& r = *entry;
      if (r.role != "decision" && r.role != "outcome" && r.role != "outside") continue;
      if (r.date_start.size() < 4) continue;
      const int year = std::atoi(r.date_start.substr(0, 4).c_str());
      if (year < start.year() || year > end.year()) continue;
      std::string cites;
      if (in.works)
        for (const auto* w : citations_of(r, *in.works).works) cites += (cites.empty() ? "" : "; ") + w->short_cite();
      cited.insert(r.id);
      record_by_year[year].push_back(fmt::format("<div class=\"{}\" title=\"record {}\"><b>{}</b>: {}{}</div>",
                                                 r.role == "decision" ? "decision" : "", escape(r.id), escape(month_text(r.date_start.substr(0, 7))),
                                                 escape(r.statement), cites.empty() ? "" : " <span class=\"src\">(" + escape(cites) + ")</span>"));
    }
  }
  for (int y = start.year(); y <= end.year(); ++y) {
    std::string left, right;
    for (const auto& s : run_by_year[y]) left += s;
    for (const auto& s : record_by_year[y]) right += s;
    html += fmt::format("<tr><td class=\"year\">{}</td><td>{}</td><td>{}</td></tr>", y, left, right);
  }
  html += "</table>";
  // For a class: the questions the game's decision points raise, and the system's words.
  if (in.changes) {
    std::string questions;
    for (const auto& p : in.changes->choices) {
      if (p.discuss.empty()) continue;
      questions += fmt::format("<h3>{} ({})</h3><ul>", escape(p.title), escape(month_text(p.month)));
      for (const auto& q : p.discuss) questions += fmt::format("<li>{}</li>", escape(q));
      questions += "</ul>";
    }
    if (!questions.empty()) html += "<section class=\"discuss\"><h2 id=\"discuss\">Questions for discussion</h2>" + questions + "</section>";
  }
  if (in.glossary && !in.glossary->empty()) {
    html += "<section class=\"glossary\"><h2 id=\"glossary\">Glossary</h2><dl>";
    for (const auto& g : *in.glossary) html += fmt::format("<dt>{}</dt><dd>{}</dd>", escape(g.term), escape(g.definition));
    html += "</dl></section>";
  }
  // Bibliography: every work the debrief and the timeline cite.
  if (in.works && in.record) {
    std::vector<const Work*> list;
    for (const auto& id : cited)
      if (const auto* entry = find_entry(*in.record, id))
        for (const auto* w : citations_of(*entry, *in.works).works)
          if (std::find(list.begin(), list.end(), w) == list.end()) list.push_back(w);
    std::sort(list.begin(), list.end(), [](const Work* a, const Work* b) {
      if ((a->kind == "seed") != (b->kind == "seed")) return b->kind == "seed";
      return a->short_cite() < b->short_cite();
    });
    html += "<h2 id=\"bibliography\">Works cited</h2><ul class=\"bib\">";
    bool seeds = false;
    for (const auto* w : list) {
      if (w->kind == "seed" && !seeds) {
        html += "</ul><h3>The project's seed texts</h3><ul class=\"bib\">";
        seeds = true;
      }
      html += fmt::format("<li>{}<i>{}</i>{}{}</li>", w->author.empty() ? "" : escape(w->author) + ", ", escape(w->title),
                          w->published.empty() ? "" : ". " + escape(w->published), w->year.empty() || w->kind == "seed" ? "" : ", " + escape(w->year));
    }
    html += "</ul><p class=\"src\">Web copies are given only as a convenience, after the works.</p>";
  }
  html += "<p class=\"src\">Made by thaw. The indicators are in <code>indicators.csv</code>, the events in <code>events.csv</code>, "
          "the story in <code>narrative.md</code>, every parameter in <code>scenario.toml</code>.</p></body></html>\n";
  return html;
}

}  // namespace thaw::app
