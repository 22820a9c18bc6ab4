// docs/web.md describes the API and the play mode's choices file.
#include "server/api.hpp"

#include "app/ensemble.hpp"
#include "app/record.hpp"
#include "app/report.hpp"
#include "engine/quantile.hpp"
#include "app/scenario.hpp"
#include "app/validate.hpp"
#include "engine/params.hpp"
#include "io/scenario_file.hpp"
#include "model/thaw/thaw_model.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <toml++/toml.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <optional>

namespace thaw::server {

using json = nlohmann::json;
using ThawSetup = SetupFor<model::Params, model::ThawSimulation>;

// ---- what a run keeps -----------------------------------------------------------------------

struct RunState {
  std::mutex mutex;
  std::string id;
  std::string scenario;
  std::string status = "queued";  // queued, running, done, failed
  std::string error;
  int64_t steps_done = 0, total_steps = 0;
  int replicates = 1, replicates_done = 0;
  uint64_t seed = 1;
  json result;          // indicators, events, ...
  std::string report;   // HTML
  app::Scenario scenario_bound;
};

// ---- a play session: the run paused at the leadership's choices -----------------------------

struct ChoiceOption {
  std::string label;
  bool history = false;
  std::vector<std::string> enable, disable;
};

struct Choice {
  std::string id, title, question, source;
  Month month;
  std::vector<ChoiceOption> options;
};

struct PlaySession {
  std::mutex mutex;
  std::string id;
  std::string scenario;
  uint64_t seed = 1;
  app::Scenario bound;
  model::Params base;
  std::vector<Choice> choices;
  std::vector<int> made;  // option index per choice made so far, in order
  std::unique_ptr<model::ThawSimulation> sim;
  std::string report;
  bool busy = false;
};

namespace {

const std::vector<app::RecordEntry>& record_entries() {
  static const std::vector<app::RecordEntry> record = [] {
    const auto path = app::find_data_file("data/record/thaw_record.csv");
    if (!std::filesystem::exists(path)) return std::vector<app::RecordEntry>{};
    try {
      return app::load_record(path);
    } catch (...) {
      return std::vector<app::RecordEntry>{};
    }
  }();
  return record;
}

const app::TargetFile* targets() {
  static const std::optional<app::TargetFile> t = []() -> std::optional<app::TargetFile> {
    const auto path = app::find_data_file("data/targets.toml");
    if (!std::filesystem::exists(path)) return std::nullopt;
    try {
      return app::load_targets(path);
    } catch (...) {
      return std::nullopt;
    }
  }();
  return t ? &*t : nullptr;
}

Reply ok(const json& j) { return {200, j.dump()}; }

bool valid_name(const std::string& name) {
  if (name.empty() || name.size() > 100) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
  });
}

// A request's body as a JSON object; throws a Reply (400) otherwise.
json parse_object(const std::string& body) {
  json j;
  try {
    j = json::parse(body);
  } catch (const json::parse_error& e) {
    throw Api::error(400, fmt::format("malformed JSON: {}", e.what()));
  }
  if (!j.is_object()) throw Api::error(400, "the request body must be a JSON object");
  return j;
}

uint64_t read_seed(const json& j, uint64_t fallback) {
  if (!j.contains("seed") || j["seed"].is_null()) return fallback;
  const auto& s = j["seed"];
  if (!s.is_number_integer() || s.get<int64_t>() < 0 || s.get<int64_t>() > (int64_t{1} << 53))
    throw Api::error(400, "seed: must be an integer from 0 to 2^53");
  return s.get<uint64_t>();
}

// {"set": {"run.scale": 20000}} -> "run.scale=20000", checked by the scenario binder (the same
// messages as thaw run --set).
std::vector<std::string> read_overrides(const json& j, const std::vector<std::string>& defaults) {
  std::vector<std::string> out = defaults;
  if (!j.contains("set") || j["set"].is_null()) return out;
  const auto& set = j["set"];
  if (!set.is_object()) throw Api::error(400, "set: must be an object of parameter: value");
  if (set.size() > 200) throw Api::error(400, "set: too many parameters (at most 200)");
  for (const auto& [key, value] : set.items()) {
    if (key.empty() || key.size() > 200 || key.find_first_of("=\n\r") != std::string::npos)
      throw Api::error(400, fmt::format("set: bad parameter name '{}'", key.substr(0, 80)));
    std::string text;
    if (value.is_string()) text = value.get<std::string>();
    else if (value.is_boolean()) text = value.get<bool>() ? "true" : "false";
    else if (value.is_number()) text = value.dump();
    else throw Api::error(400, fmt::format("set: {}: value must be a number, text or true/false", key));
    if (text.find_first_of("\n\r") != std::string::npos)
      throw Api::error(400, fmt::format("set: {}: value must be on one line", key));
    out.push_back(key + "=" + text);
  }
  return out;
}

app::Scenario bind_scenario(const std::filesystem::path& path, const std::vector<std::string>& overrides) {
  try {
    return app::Scenario::load(path, overrides);
  } catch (const io::ScenarioError& e) {
    throw Api::error(400, e.what());
  } catch (const std::exception& e) {
    throw Api::error(400, e.what());
  }
}

model::Params* thaw_params(app::Scenario& s) {
  auto* setup = dynamic_cast<ThawSetup*>(s.setup.get());
  return setup ? &setup->params : nullptr;
}

void apply_decision_switches(const json& j, app::Scenario& s) {
  if (!j.contains("decisions") || j["decisions"].is_null()) return;
  const auto& list = j["decisions"];
  if (!list.is_array()) throw Api::error(400, "decisions: must be a list of {id, enabled}");
  auto* params = thaw_params(s);
  if (!params && !list.empty()) throw Api::error(400, "decisions: this scenario's model has no decisions");
  for (const auto& item : list) {
    if (!item.is_object() || !item.contains("id") || !item["id"].is_string() || !item.contains("enabled") ||
        !item["enabled"].is_boolean())
      throw Api::error(400, "decisions: each item must be {\"id\": text, \"enabled\": true/false}");
    const auto id = item["id"].get<std::string>();
    auto it = std::find_if(params->decisions.begin(), params->decisions.end(),
                           [&](const model::Decision& d) { return d.id == id; });
    if (it == params->decisions.end())
      throw Api::error(400, fmt::format("decisions: no decision '{}' in scenario {}", id.substr(0, 80),
                                        s.header.name));
    it->enabled = item["enabled"].get<bool>();
  }
}

json events_json(const model::World& w) {
  json out = json::array();
  static const char* severities[] = {"minor", "notable", "major"};
  for (const auto& e : w.events.all()) {
    out.push_back({{"month", e.month.str()},
                   {"code", e.code},
                   {"severity", severities[static_cast<int>(e.severity)]},
                   {"text", e.text},
                   {"subject", e.subject}});
  }
  return out;
}

json record_json() {
  json out = json::array();
  for (const auto& r : record_entries()) {
    out.push_back({{"id", r.id},
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

json indicators_json(const SeriesTable& t) {
  json columns = json::object();
  for (size_t c = 0; c < t.columns().size(); ++c) {
    if (c == 0 && t.columns()[c] == "step") continue;
    json values = json::array();
    for (size_t r = 0; r < t.rows(); ++r) {
      const double v = t.at(r, c);
      values.push_back(std::isfinite(v) ? json(v) : json(nullptr));
    }
    columns[t.columns()[c]] = std::move(values);
  }
  return {{"labels", t.labels()}, {"columns", std::move(columns)}};
}

// Non-finite values (runs that did not report the indicator) are left out.
double finite_quantile(std::vector<double> v, double q) {
  std::erase_if(v, [](double x) { return !std::isfinite(x); });
  return thaw::quantile(std::move(v), q);
}

std::vector<Choice> load_choices(const std::filesystem::path& scenario_file, const model::Params& params) {
  const auto file = scenario_file.parent_path() / "play" / scenario_file.filename();
  std::vector<Choice> choices;
  if (!std::filesystem::exists(file)) return choices;
  toml::table table;
  try {
    table = toml::parse_file(file.string());
  } catch (const toml::parse_error& e) {
    throw std::runtime_error(fmt::format("{}: {}", file.string(), e.description()));
  }
  const auto* list = table["choice"].as_array();
  if (!list) return choices;
  for (const auto& node : *list) {
    const auto* t = node.as_table();
    if (!t) continue;
    Choice c;
    c.id = (*t)["id"].value_or(std::string{});
    c.title = (*t)["title"].value_or(std::string{});
    c.question = (*t)["question"].value_or(std::string{});
    c.source = (*t)["source"].value_or(std::string{});
    std::optional<Month> month;
    auto strings = [](const toml::node_view<const toml::node>& n) {
      std::vector<std::string> out;
      if (const auto* a = n.as_array())
        for (const auto& x : *a)
          if (auto s = x.value<std::string>()) out.push_back(*s);
      return out;
    };
    if (const auto* options = (*t)["option"].as_array()) {
      for (const auto& onode : *options) {
        const auto* o = onode.as_table();
        if (!o) continue;
        ChoiceOption opt;
        opt.label = (*o)["label"].value_or(std::string{});
        opt.history = (*o)["history"].value_or(false);
        opt.enable = strings((*o)["enable"]);
        opt.disable = strings((*o)["disable"]);
        std::vector<std::string> ids = opt.enable;
        ids.insert(ids.end(), opt.disable.begin(), opt.disable.end());
        std::erase_if(ids, [&](const std::string& id) {
          auto it = std::find_if(params.decisions.begin(), params.decisions.end(),
                                 [&](const model::Decision& d) { return d.id == id; });
          if (it == params.decisions.end()) return true;
          if (!month || it->date < *month) month = it->date;
          return false;
        });
        c.options.push_back(std::move(opt));
      }
    }
    // A choice whose decisions this scenario lacks is no choice here.
    if (!month || c.options.size() < 2) continue;
    c.month = *month;
    choices.push_back(std::move(c));
  }
  std::stable_sort(choices.begin(), choices.end(), [](const Choice& a, const Choice& b) { return a.month < b.month; });
  return choices;
}

model::Params params_with_choices(const PlaySession& s) {
  model::Params p = s.base;
  for (size_t i = 0; i < s.made.size(); ++i) {
    const auto& opt = s.choices[i].options[size_t(s.made[i])];
    for (auto& d : p.decisions) {
      if (std::find(opt.enable.begin(), opt.enable.end(), d.id) != opt.enable.end()) d.enabled = true;
      if (std::find(opt.disable.begin(), opt.disable.end(), d.id) != opt.disable.end()) d.enabled = false;
    }
  }
  return p;
}

// Runs the session on until the month of its next unmade choice, or to the end.
void advance(PlaySession& s) {
  auto& sim = *s.sim;
  const auto cal = s.base.calendar();
  while (sim.steps_done() < sim.total_steps()) {
    if (s.made.size() < s.choices.size() && cal.month_at(sim.steps_done()) >= s.choices[s.made.size()].month) break;
    sim.step();
  }
  if (sim.steps_done() == sim.total_steps()) {
    s.report = app::report_html({s.sim.get(), &s.bound, s.seed, targets(),
                                 record_entries().empty() ? nullptr : &record_entries()});
  }
}

}  // namespace

Reply Api::error(int status, const std::string& message) { return {status, json{{"error", message}}.dump()}; }

Api::Api(ApiOptions options) : options_(std::move(options)) {
  if (options_.scenario_dir.empty()) options_.scenario_dir = app::find_scenario("thaw-1953.toml").parent_path();
}

Api::~Api() {
  std::vector<std::thread> workers;
  {
    std::lock_guard lock(mutex_);
    workers.swap(workers_);
  }
  for (auto& t : workers)
    if (t.joinable()) t.join();
}

std::filesystem::path Api::scenario_path(const std::string& name) const {
  if (!valid_name(name)) return {};
  auto file = name;
  if (!file.ends_with(".toml")) file += ".toml";
  const auto path = options_.scenario_dir / file;
  if (!std::filesystem::is_regular_file(path)) return {};
  return path;
}

Reply Api::scenarios() const {
  json list = json::array();
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(options_.scenario_dir))
    if (e.is_regular_file() && e.path().extension() == ".toml") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    try {
      auto s = app::Scenario::load(f);
      list.push_back({{"name", f.stem().string()},
                      {"title", s.header.name},
                      {"model", s.header.model},
                      {"description", s.header.description},
                      {"seed", s.header.seed}});
    } catch (const std::exception&) {
      // A part or a broken file is not offered.
    }
  }
  return ok(list);
}

Reply Api::scenario(const std::string& name) const {
  const auto path = scenario_path(name);
  if (path.empty()) return error(404, fmt::format("no scenario '{}'", name.substr(0, 80)));
  try {
    auto s = bind_scenario(path, options_.defaults);
    json params = json::array();
    for (const auto& p : list_params([&](ParamVisitor& v) { s.describe(v); })) {
      if (p.path.starts_with("decision")) continue;
      params.push_back({{"path", p.path},
                        {"type", p.type},
                        {"value", p.default_value},
                        {"unit", p.unit},
                        {"range", p.range},
                        {"doc", p.doc},
                        {"source", p.source}});
    }
    json decisions = json::array();
    json choices = json::array();
    if (auto* params_thaw = thaw_params(s)) {
      for (const auto& d : params_thaw->decisions)
        decisions.push_back({{"id", d.id},
                             {"kind", d.kind},
                             {"date", d.date.str()},
                             {"by", d.by},
                             {"note", d.note},
                             {"source", d.source},
                             {"enabled", d.enabled}});
      for (const auto& c : load_choices(path, *params_thaw))
        choices.push_back({{"id", c.id}, {"title", c.title}, {"month", c.month.str()}});
    }
    return ok({{"name", path.stem().string()},
               {"title", s.header.name},
               {"description", s.header.description},
               {"seed", s.header.seed},
               {"params", params},
               {"decisions", decisions},
               {"choices", choices}});
  } catch (const Reply& r) {
    return r;
  } catch (const std::exception& e) {
    return error(500, e.what());
  }
}

bool Api::acquire_slot() {
  std::lock_guard lock(mutex_);
  if (active_ >= options_.max_concurrent_runs) return false;
  ++active_;
  return true;
}

void Api::release_slot() {
  std::lock_guard lock(mutex_);
  --active_;
}

Reply Api::start_run(const std::string& body) {
  try {
    const auto j = parse_object(body);
    if (!j.contains("scenario") || !j["scenario"].is_string()) return error(400, "scenario: required (a name from /api/scenarios)");
    const auto name = j["scenario"].get<std::string>();
    const auto path = scenario_path(name);
    if (path.empty()) return error(400, fmt::format("scenario: no scenario '{}'", name.substr(0, 80)));
    int replicates = 1;
    if (j.contains("replicates") && !j["replicates"].is_null()) {
      if (!j["replicates"].is_number_integer() || j["replicates"].get<int64_t>() < 1 ||
          j["replicates"].get<int64_t>() > options_.max_replicates)
        return error(400, fmt::format("replicates: must be an integer from 1 to {}", options_.max_replicates));
      replicates = j["replicates"].get<int>();
    }
    auto run = std::make_shared<RunState>();
    run->scenario_bound = bind_scenario(path, read_overrides(j, options_.defaults));
    apply_decision_switches(j, run->scenario_bound);
    if (auto problems = run->scenario_bound.setup->validate(); !problems.empty())
      return error(400, fmt::format("{}", fmt::join(problems, "; ")));
    run->seed = read_seed(j, uint64_t(run->scenario_bound.header.seed));
    run->scenario = path.stem().string();
    run->replicates = replicates;
    if (!acquire_slot()) return error(429, fmt::format("too many runs at once (at most {}): try again when one has finished", options_.max_concurrent_runs));
    {
      std::lock_guard lock(mutex_);
      run->id = fmt::format("r{}", next_id_++);
      runs_[run->id] = run;
      run_order_.push_back(run->id);
      // Forget the oldest finished runs.
      while (run_order_.size() > options_.max_kept_runs) {
        auto& oldest = runs_[run_order_.front()];
        std::lock_guard l2(oldest->mutex);
        if (oldest->status != "done" && oldest->status != "failed") break;
        runs_.erase(run_order_.front());
        run_order_.erase(run_order_.begin());
      }
      workers_.emplace_back([this, run] {
        execute(run);
        release_slot();
      });
    }
    return {202, json{{"id", run->id}, {"status", "queued"}}.dump()};
  } catch (const Reply& r) {
    return r;
  } catch (const std::exception& e) {
    return error(500, e.what());
  }
}

void Api::execute(std::shared_ptr<RunState> run) {
  try {
    {
      std::lock_guard lock(run->mutex);
      run->status = "running";
    }
    const auto seeds = run->replicates == 1 ? std::vector<uint64_t>{run->seed} : app::replicate_seeds(run->seed, size_t(run->replicates));
    std::vector<SeriesTable> tables;
    json first;
    for (size_t i = 0; i < seeds.size(); ++i) {
      auto sim = run->scenario_bound.setup->create({.seed = seeds[i], .threads = 1});
      {
        std::lock_guard lock(run->mutex);
        run->total_steps = sim->total_steps();
      }
      while (sim->steps_done() < sim->total_steps()) {
        sim->step();
        std::lock_guard lock(run->mutex);
        run->steps_done = sim->steps_done();
      }
      tables.push_back(sim->indicators());
      if (i == 0) {
        first["indicators"] = indicators_json(sim->indicators());
        first["summary"] = sim->summary();
        if (const auto* t = dynamic_cast<const model::ThawSimulation*>(sim.get())) {
          first["events"] = events_json(t->world());
          std::string html = app::report_html({t, &run->scenario_bound, seeds[i], targets(),
                                               record_entries().empty() ? nullptr : &record_entries()});
          std::lock_guard lock(run->mutex);
          run->report = std::move(html);
        } else {
          first["events"] = json::array();
        }
      }
      std::lock_guard lock(run->mutex);
      run->replicates_done = int(i + 1);
    }
    if (tables.size() > 1) {
      // The ensemble's 5%-95% band, row by row.
      json low = json::object(), high = json::object();
      const auto& t0 = tables.front();
      for (size_t c = 0; c < t0.columns().size(); ++c) {
        json lo = json::array(), hi = json::array();
        for (size_t r = 0; r < t0.rows(); ++r) {
          std::vector<double> xs;
          for (const auto& t : tables)
            if (r < t.rows()) xs.push_back(t.at(r, c));
          const double a = finite_quantile(xs, 0.05), b = finite_quantile(xs, 0.95);
          lo.push_back(std::isfinite(a) ? json(a) : json(nullptr));
          hi.push_back(std::isfinite(b) ? json(b) : json(nullptr));
        }
        low[t0.columns()[c]] = std::move(lo);
        high[t0.columns()[c]] = std::move(hi);
      }
      first["indicators"]["low"] = std::move(low);
      first["indicators"]["high"] = std::move(high);
    }
    std::lock_guard lock(run->mutex);
    run->result = std::move(first);
    run->status = "done";
  } catch (const std::exception& e) {
    std::lock_guard lock(run->mutex);
    run->status = "failed";
    run->error = e.what();
  }
}

Reply Api::run_status(const std::string& id) const {
  std::shared_ptr<RunState> run;
  {
    std::lock_guard lock(mutex_);
    auto it = runs_.find(id);
    if (it == runs_.end()) return error(404, fmt::format("no run '{}'", id.substr(0, 40)));
    run = it->second;
  }
  std::lock_guard lock(run->mutex);
  json j = {{"id", run->id},
            {"scenario", run->scenario},
            {"seed", run->seed},
            {"status", run->status},
            {"replicates", run->replicates},
            {"replicates_done", run->replicates_done},
            {"progress", run->total_steps > 0 ? (double(run->replicates_done) + double(run->steps_done) / double(run->total_steps) * (run->status == "done" ? 0 : 1)) / run->replicates : 0.0}};
  if (run->status == "done") {
    j["progress"] = 1.0;
    for (const auto& [k, v] : run->result.items()) j[k] = v;
    j["record"] = record_json();
  }
  if (run->status == "failed") j["error"] = run->error;
  return ok(j);
}

Reply Api::run_report(const std::string& id) const {
  std::shared_ptr<RunState> run;
  {
    std::lock_guard lock(mutex_);
    auto it = runs_.find(id);
    if (it == runs_.end()) return error(404, fmt::format("no run '{}'", id.substr(0, 40)));
    run = it->second;
  }
  std::lock_guard lock(run->mutex);
  if (run->status != "done" || run->report.empty()) return error(409, "the run has no report (yet)");
  return {200, run->report, "text/html; charset=utf-8"};
}

Reply Api::play_reply(const PlaySession& s) const {
  const auto& sim = *s.sim;
  const bool done = sim.steps_done() == sim.total_steps();
  json j = {{"id", s.id},
            {"scenario", s.scenario},
            {"seed", s.seed},
            {"status", done ? "done" : "choice"},
            {"month", s.base.calendar().month_at(std::min(sim.steps_done(), sim.total_steps() - 1)).str()},
            {"progress", double(sim.steps_done()) / double(sim.total_steps())}};
  json made = json::array();
  for (size_t i = 0; i < s.made.size(); ++i) {
    const auto& c = s.choices[i];
    const auto& o = c.options[size_t(s.made[i])];
    made.push_back({{"choice", c.id}, {"title", c.title}, {"month", c.month.str()}, {"option", o.label}, {"history", o.history}});
  }
  j["made"] = made;
  if (!done) {
    const auto& c = s.choices[s.made.size()];
    json options = json::array();
    for (size_t i = 0; i < c.options.size(); ++i)
      options.push_back({{"index", i}, {"label", c.options[i].label}, {"history", c.options[i].history}});
    j["choice"] = {{"id", c.id}, {"title", c.title}, {"question", c.question}, {"source", c.source},
                   {"month", c.month.str()}, {"options", options}};
  }
  j["indicators"] = indicators_json(sim.indicators());
  j["events"] = events_json(sim.world());
  if (done) {
    j["record"] = record_json();
    j["report"] = fmt::format("/api/play/{}/report", s.id);
  }
  return ok(j);
}

Reply Api::start_play(const std::string& body) {
  try {
    const auto j = parse_object(body);
    const auto name = j.contains("scenario") && j["scenario"].is_string() ? j["scenario"].get<std::string>() : std::string("thaw-1953");
    const auto path = scenario_path(name);
    if (path.empty()) return error(400, fmt::format("scenario: no scenario '{}'", name.substr(0, 80)));
    auto s = std::make_shared<PlaySession>();
    s->bound = bind_scenario(path, read_overrides(j, options_.defaults));
    auto* params = thaw_params(s->bound);
    if (!params) return error(400, "play: only Thaw scenarios can be played");
    s->base = *params;
    s->seed = read_seed(j, uint64_t(s->bound.header.seed));
    s->scenario = path.stem().string();
    try {
      s->choices = load_choices(path, s->base);
    } catch (const std::exception& e) {
      return error(500, e.what());
    }
    if (!acquire_slot()) return error(429, "too many runs at once: try again in a moment");
    struct Slot {
      Api* api;
      ~Slot() { api->release_slot(); }
    } slot{this};
    {
      std::lock_guard lock(mutex_);
      if (int(sessions_.size()) >= options_.max_sessions) {
        // Drop the oldest finished session, else refuse.
        auto it = std::find_if(sessions_.begin(), sessions_.end(), [](auto& kv) {
          return kv.second->sim && kv.second->sim->steps_done() == kv.second->sim->total_steps();
        });
        if (it == sessions_.end()) return error(429, fmt::format("too many play sessions (at most {})", options_.max_sessions));
        sessions_.erase(it);
      }
      s->id = fmt::format("p{}", next_id_++);
    }
    s->sim = std::make_unique<model::ThawSimulation>(s->base, RunConfig{.seed = s->seed, .threads = 1});
    advance(*s);
    {
      std::lock_guard lock(mutex_);
      sessions_[s->id] = s;
    }
    std::lock_guard lock(s->mutex);
    return play_reply(*s);
  } catch (const Reply& r) {
    return r;
  } catch (const std::exception& e) {
    return error(500, e.what());
  }
}

Reply Api::play_status(const std::string& id) const {
  std::shared_ptr<PlaySession> s;
  {
    std::lock_guard lock(mutex_);
    auto it = sessions_.find(id);
    if (it == sessions_.end()) return error(404, fmt::format("no play session '{}'", id.substr(0, 40)));
    s = it->second;
  }
  std::lock_guard lock(s->mutex);
  return play_reply(*s);
}

Reply Api::play_report(const std::string& id) const {
  std::shared_ptr<PlaySession> s;
  {
    std::lock_guard lock(mutex_);
    auto it = sessions_.find(id);
    if (it == sessions_.end()) return error(404, fmt::format("no play session '{}'", id.substr(0, 40)));
    s = it->second;
  }
  std::lock_guard lock(s->mutex);
  if (s->report.empty()) return error(409, "the game is not over yet");
  return {200, s->report, "text/html; charset=utf-8"};
}

Reply Api::choose(const std::string& id, const std::string& body) {
  try {
    const auto j = parse_object(body);
    std::shared_ptr<PlaySession> s;
    {
      std::lock_guard lock(mutex_);
      auto it = sessions_.find(id);
      if (it == sessions_.end()) return error(404, fmt::format("no play session '{}'", id.substr(0, 40)));
      s = it->second;
    }
    std::unique_lock lock(s->mutex, std::try_to_lock);
    if (!lock.owns_lock()) return error(409, "this session is still running the last choice");
    if (s->made.size() >= s->choices.size() || s->sim->steps_done() == s->sim->total_steps())
      return error(409, "no choice is waiting: the run is over");
    const auto& c = s->choices[s->made.size()];
    if (!j.contains("option") || !j["option"].is_number_integer() || j["option"].get<int64_t>() < 0 ||
        j["option"].get<int64_t>() >= int64_t(c.options.size()))
      return error(400, fmt::format("option: must be an integer from 0 to {}", c.options.size() - 1));
    if (!acquire_slot()) return error(429, "too many runs at once: try again in a moment");
    struct Slot {
      Api* api;
      ~Slot() { api->release_slot(); }
    } slot{this};
    s->made.push_back(j["option"].get<int>());
    // The run is replayed from the start with the choice in place: the months before it are
    // identical (same seed, same decisions so far), and ThawSimulation needs no hook.
    const auto at = s->sim->steps_done();
    s->sim = std::make_unique<model::ThawSimulation>(params_with_choices(*s), RunConfig{.seed = s->seed, .threads = 1});
    while (s->sim->steps_done() < at) s->sim->step();
    advance(*s);
    return play_reply(*s);
  } catch (const Reply& r) {
    return r;
  } catch (const std::exception& e) {
    return error(500, e.what());
  }
}

}  // namespace thaw::server
