// docs/web.md describes the API and the play mode's choices file.
#include "server/api.hpp"

#include "engine/params.hpp"
#include "server/classroom.hpp"
#include "server/play.hpp"
#include "server/requests.hpp"
#include "server/runs.hpp"
#include "server/views.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <random>
#include <sstream>

namespace thaw::server {

using json = nlohmann::json;

namespace {

Reply ok(const json& j) { return {200, json_text(j)}; }

// Runs a handler, turning what it throws into a reply: a Reply as it is, anything else a 500.
template <class F>
Reply answer(F&& handler) {
  try {
    return handler();
  } catch (const Reply& r) {
    return r;
  } catch (const std::exception& e) {
    return error_reply(500, e.what());
  }
}

json decisions_json(const app::Scenario& s) {
  json decisions = json::array();
  for (const auto& d : s.items("decision"))
    decisions.push_back({{"id", d.get("id")},
                         {"kind", d.get("kind")},
                         {"date", d.get("date")},
                         {"by", d.get("by")},
                         {"note", d.get("note")},
                         {"source", cite_rows(d.get("source"))},
                         {"enabled", d.get("enabled") == "true"}});
  return decisions;
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw error_reply(400, fmt::format("{}: cannot open the scenario file", path.string()));
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

}  // namespace

Api::Api(ApiOptions options) : options_(std::move(options)), pool_(options_.max_concurrent_runs) {
  if (options_.scenario_dir.empty()) options_.scenario_dir = app::find_scenario("thaw-1953.toml").parent_path();
  read_data_files();
}

Api::~Api() { pool_.request_stop(); }

void Api::shutdown() { pool_.request_stop(); }

Reply Api::without_paths(Reply r) const {
  if (r.status < 400) return r;
  // Longest first, so that the scenario folder is cut before the source tree that holds it.
  std::vector<std::string> folders;
  for (const auto& dir : {options_.scenario_dir, std::filesystem::path(THAW_SOURCE_DIR), std::filesystem::current_path()}) {
    for (const auto& d : {dir, std::filesystem::weakly_canonical(dir)}) {
      auto text = d.string();
      while (text.size() > 1 && text.back() == '/') text.pop_back();
      if (text.size() > 1) folders.push_back(text + "/");
    }
  }
  std::sort(folders.begin(), folders.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
  const auto scenarios = std::filesystem::weakly_canonical(options_.scenario_dir).string();
  auto j = json::parse(r.body, nullptr, false);
  if (!j.is_object() || !j.contains("error") || !j["error"].is_string()) return r;
  auto message = j["error"].get<std::string>();
  for (const auto& f : folders) {
    const bool scenario_folder = f.starts_with(scenarios) || f == options_.scenario_dir.string() + "/";
    for (size_t at; (at = message.find(f)) != std::string::npos;)
      message.replace(at, f.size(), scenario_folder ? "scenarios/" : "");
  }
  return error_reply(r.status, message);
}

void Api::check_cost(const app::Scenario& s, int replicates) const {
  if (replicates > options_.max_replicates)
    throw error_reply(400, fmt::format("replicates: must be an integer from 1 to {} (this server's limit)",
                                       options_.max_replicates));
  if (const auto scale = s.number("run.scale"); scale && *scale < options_.min_scale)
    throw error_reply(400, fmt::format("run.scale: at least {} people per agent on this server, got {} "
                                       "(finer runs: thaw run, or thaw serve --min-scale)",
                                       options_.min_scale, *scale));
  if (const auto steps = s.steps(); steps && *steps > options_.max_steps)
    throw error_reply(400, fmt::format("the run would take {} steps; at most {} on this server "
                                       "(longer runs: thaw run, or thaw serve --max-steps)",
                                       *steps, options_.max_steps));
  // A grid model's cost grows with its cells as a Soviet run's with its agents.
  const auto width = s.number("grid.width"), height = s.number("grid.height");
  if (width && height && *width * *height > static_cast<double>(options_.max_grid_cells))
    throw error_reply(400, fmt::format("grid.width x grid.height: at most {} cells on this server, got {} x {} "
                                       "(larger grids: thaw run, or thaw serve --max-grid-cells)",
                                       options_.max_grid_cells, *width, *height));
}

void Api::expire_sessions() {
  const auto now = options_.now();
  std::erase_if(sessions_, [&](const auto& kv) {
    // A session busy with a request is in use, not idle.
    std::unique_lock lock(kv.second->mutex, std::try_to_lock);
    return lock.owns_lock() && now - kv.second->touched > options_.session_idle;
  });
}

std::filesystem::path Api::scenario_path(const std::string& name) const {
  if (!valid_name(name)) return {};
  auto file = name;
  if (!file.ends_with(".toml")) file += ".toml";
  const auto path = options_.scenario_dir / file;
  if (!std::filesystem::is_regular_file(path)) return {};
  return path;
}

std::vector<std::string> Api::defaults_for(const std::filesystem::path& path) const {
  // The server's settings are meant for the models that have them: thaw serve --set run.scale=...
  // is the Thaw's scale, and the Epstein scenarios, which have no run.scale, run without it.
  std::vector<std::string> out;
  try {
    const auto bare = app::Scenario::load(path);
    const auto params = bare.parameters();
    for (const auto& d : options_.defaults) {
      const auto key = d.substr(0, d.find('='));
      if (std::any_of(params.begin(), params.end(), [&](const ParamInfo& p) { return p.path == key; })) out.push_back(d);
    }
  } catch (const std::exception&) {
    return options_.defaults;  // the binder will name the file's problem
  }
  return out;
}

std::shared_ptr<RunState> Api::find_run(const std::string& id) const {
  std::lock_guard lock(mutex_);
  const auto it = runs_.find(id);
  return it == runs_.end() ? nullptr : it->second;
}

std::shared_ptr<PlaySession> Api::find_session(const std::string& id) const {
  std::lock_guard lock(mutex_);
  const auto it = sessions_.find(id);
  return it == sessions_.end() ? nullptr : it->second;
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

Reply Api::bibliography() const { return ok(bibliography_json()); }

Reply Api::scenario(const std::string& name) const {
  const auto path = scenario_path(name);
  if (path.empty()) return error(404, fmt::format("no scenario '{}'", name.substr(0, 80)));
  return without_paths(answer([&] {
    const auto s = bind_scenario(path, defaults_for(path));
    json params = json::array();
    for (const auto& p : s.parameters()) {
      if (p.path.starts_with("decision")) continue;
      params.push_back({{"path", p.path},
                        {"type", p.type},
                        {"value", p.default_value},
                        {"unit", p.unit},
                        {"range", p.range},
                        {"doc", p.doc},
                        {"source", p.source}});
    }
    json choices = json::array();
    for (const auto& c : load_choices(path, s)) choices.push_back({{"id", c.id}, {"title", c.title}, {"month", c.month.str()}});
    return ok({{"name", path.stem().string()},
               {"title", s.header.name},
               {"description", s.header.description},
               {"seed", s.header.seed},
               {"params", params},
               {"decisions", decisions_json(s)},
               {"choices", choices}});
  }));
}

Reply Api::start_run(const std::string& body) {
  return without_paths(answer([&]() -> Reply {
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
    auto overrides = read_overrides(j, defaults_for(path));
    for (auto& o : read_decision_switches(j)) overrides.push_back(std::move(o));
    auto run = std::make_shared<RunState>();
    run->bound = bind_scenario(path, overrides);
    check_cost(run->bound, replicates);
    run->changes = app::changes_between(bind_scenario(path, defaults_for(path)), run->bound);
    run->seed = read_seed(j, uint64_t(run->bound.header.seed));
    run->scenario = path.stem().string();
    run->replicates = replicates;
    std::lock_guard lock(mutex_);
    run->id = fmt::format("r{}", next_id_);
    if (!pool_.try_submit([run](std::stop_token stop) { execute_run(*run, stop); }))
      return error(429, fmt::format("too many runs at once (at most {}): try again when one has finished",
                                    options_.max_concurrent_runs));
    ++next_id_;
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
    return {202, json_text(json{{"id", run->id}, {"status", "queued"}})};
  }));
}

Reply Api::run_status(const std::string& id) const {
  const auto run = find_run(id);
  if (!run) return error(404, fmt::format("no run '{}'", id.substr(0, 40)));
  return ok(run_status_json(*run));
}

Reply Api::run_report(const std::string& id) const {
  const auto run = find_run(id);
  if (!run) return error(404, fmt::format("no run '{}'", id.substr(0, 40)));
  std::lock_guard lock(run->mutex);
  if (run->status != "done" || run->report.empty()) return error(409, "the run has no report (yet)");
  return {200, run->report, "text/html; charset=utf-8"};
}

Reply Api::cancel_run(const std::string& id) {
  const auto run = find_run(id);
  if (!run) return error(404, fmt::format("no run '{}'", id.substr(0, 40)));
  {
    std::lock_guard lock(run->mutex);
    if (run->status != "queued" && run->status != "running")
      return error(409, fmt::format("run '{}' is already {}", run->id, run->status));
  }
  run->cancel.request_stop();
  // The worker sees the request between two steps; the status says "cancelled" once it has.
  return {202, json_text(json{{"id", run->id}, {"status", "cancelling"}})};
}

Reply Api::start_play(const std::string& body) {
  return without_paths(answer([&]() -> Reply {
    const auto j = parse_object(body);
    const auto name = j.contains("scenario") && j["scenario"].is_string() ? j["scenario"].get<std::string>() : std::string("thaw-1953");
    const auto path = scenario_path(name);
    if (path.empty()) return error(400, fmt::format("scenario: no scenario '{}'", name.substr(0, 80)));
    auto s = std::make_shared<PlaySession>();
    s->path = path;
    s->text = read_text(path);
    s->settings = defaults_for(path);
    s->overrides = read_overrides(j, s->settings);
    s->bound = bind_scenario_text(s->text, path, s->overrides);
    if (!s->bound.setup->calendar()) return error(400, "play: only scenarios stepped in months can be played");
    check_cost(s->bound, 1);
    s->seed = read_seed(j, uint64_t(s->bound.header.seed));
    s->scenario = path.stem().string();
    try {
      s->choices = load_choices(path, s->bound);
      s->emergent = load_emergent_choices(path, s->bound);
    } catch (const std::exception& e) {
      return error(500, e.what());
    }
    // A short game keeps the core decision points; the others stay as the scenario has them.
    if (j.contains("short")) {
      if (!j["short"].is_boolean()) return error(400, "short: true or false");
      if (j["short"].get<bool>()) {
        std::erase_if(s->choices, [](const Choice& c) { return !c.core; });
        std::erase_if(s->emergent, [](const Choice& c) { return !c.core; });
      }
    }
    {
      std::lock_guard lock(mutex_);
      expire_sessions();
      if (int(sessions_.size()) >= options_.max_sessions) {
        // Drop the oldest finished session, else refuse.
        auto it = std::find_if(sessions_.begin(), sessions_.end(), [](auto& kv) { return kv.second->over(); });
        if (it == sessions_.end()) return error(429, fmt::format("too many play sessions (at most {})", options_.max_sessions));
        sessions_.erase(it);
      }
      s->id = fmt::format("p{}", next_id_++);
    }
    std::lock_guard session_lock(s->mutex);
    if (!pool_.try_call([&](std::stop_token stop) { server::start(*s, stop); }))
      return error(429, "too many runs at once: try again in a moment");
    s->touched = options_.now();
    {
      std::lock_guard lock(mutex_);
      sessions_[s->id] = s;
    }
    return ok(play_json(*s));
  }));
}

Reply Api::play_status(const std::string& id) const {
  const auto s = find_session(id);
  if (!s) return error(404, fmt::format("no play session '{}'", id.substr(0, 40)));
  std::lock_guard lock(s->mutex);
  s->touched = options_.now();
  return ok(play_json(*s));
}

Reply Api::play_report(const std::string& id) const {
  const auto s = find_session(id);
  if (!s) return error(404, fmt::format("no play session '{}'", id.substr(0, 40)));
  std::lock_guard lock(s->mutex);
  if (s->report.empty()) return error(409, "the game is not over yet");
  return {200, s->report, "text/html; charset=utf-8"};
}

Reply Api::choose(const std::string& id, const std::string& body) {
  return answer([&]() -> Reply {
    const auto j = parse_object(body);
    const auto s = find_session(id);
    if (!s) return error(404, fmt::format("no play session '{}'", id.substr(0, 40)));
    std::unique_lock lock(s->mutex, std::try_to_lock);
    if (!lock.owns_lock()) return error(409, "this session is still running the last choice");
    if (s->made.size() >= s->choices.size() || s->over()) return error(409, "no choice is waiting: the run is over");
    const auto& c = s->choices[s->made.size()];
    if (!j.contains("option") || !j["option"].is_number_integer() || j["option"].get<int64_t>() < 0 ||
        j["option"].get<int64_t>() >= int64_t(c.options.size()))
      return error(400, fmt::format("option: must be an integer from 0 to {}", c.options.size() - 1));
    const int option = j["option"].get<int>();
    std::string by;
    if (j.contains("by")) {
      if (!j["by"].is_string() || j["by"].get<std::string>().size() > 300) return error(400, "by: a text of at most 300 characters");
      by = j["by"].get<std::string>();
    }
    if (!pool_.try_call([&](std::stop_token stop) { server::choose(*s, option, by, stop); }))
      return error(429, "too many runs at once: try again in a moment");
    s->touched = options_.now();
    return ok(play_json(*s));
  });
}

// ---- class mode -------------------------------------------------------------------------------

namespace {

uint64_t entropy() {
  static std::random_device device;
  return (uint64_t(device()) << 32) ^ device();
}

int read_int(const json& j, const char* key, const char* what) {
  if (!j.contains(key) || !j[key].is_number_integer() || j[key].get<int64_t>() < -1000 || j[key].get<int64_t>() > 1000)
    throw error_reply(400, fmt::format("{}: {}", key, what));
  return j[key].get<int>();
}

std::string read_string(const json& j, const char* key) {
  if (!j.contains(key) || !j[key].is_string()) throw error_reply(400, fmt::format("{}: missing (a text)", key));
  return j[key].get<std::string>();
}

}  // namespace

std::shared_ptr<ClassGame> Api::find_class(const std::string& code) const {
  const auto it = classes_.find(code);
  if (it == classes_.end()) throw error_reply(404, fmt::format("no class with the code '{}'", code.substr(0, 10)));
  return it->second;
}

std::optional<std::pair<int, int>> Api::waiting_choice(const std::string& id) const {
  const auto s = find_session(id);
  if (!s) return std::nullopt;
  std::unique_lock lock(s->mutex, std::try_to_lock);
  if (!lock.owns_lock()) throw error_reply(409, "the game is still running the last choice");
  if (s->over() || s->made.size() >= s->choices.size()) return std::nullopt;
  return std::pair{static_cast<int>(s->choices[s->made.size()].options.size()), static_cast<int>(s->made.size())};
}

Reply Api::start_class(const std::string& body) {
  return answer([&]() -> Reply {
    {
      std::lock_guard lock(class_mutex_);
      // A class whose game has expired or ended long ago makes room for a new one.
      std::erase_if(classes_, [&](const auto& kv) { return !find_session(kv.second->play_id); });
      if (int(classes_.size()) >= options_.max_classes)
        return error(429, fmt::format("too many class games (at most {})", options_.max_classes));
    }
    const auto started = start_play(body);
    if (started.status != 200) return started;
    auto play = json::parse(started.body);
    auto game = std::make_shared<ClassGame>(open_class(play["id"].get<std::string>(), entropy(), entropy(), entropy()));
    std::lock_guard lock(class_mutex_);
    while (classes_.count(game->code)) game->code = class_code(entropy());
    classes_[game->code] = game;
    return ok({{"code", game->code}, {"teacher", game->teacher}, {"factions", class_factions()}, {"play", play},
               {"class", class_json(*game, true, play.contains("choice") ? int(play["choice"]["options"].size()) : 0)}});
  });
}

Reply Api::class_status(const std::string& code, const std::string& teacher) const {
  return answer([&]() -> Reply {
    // A copy, so that polls do not hold every class while this one's game replays a choice.
    ClassGame g;
    {
      std::lock_guard lock(class_mutex_);
      g = *find_class(code);
    }
    const auto status = play_status(g.play_id);
    if (status.status != 200) return error(410, "this class's game has ended or expired");
    std::optional<std::pair<int, int>> waiting;
    try {
      waiting = waiting_choice(g.play_id);
    } catch (const Reply&) {
      // Busy with the round just closed: the next poll shows the new point.
    }
    auto j = class_json(g, !teacher.empty() && teacher == g.teacher, waiting ? waiting->first : 0);
    j["play"] = json::parse(status.body);
    j["factions_list"] = class_factions();
    return ok(j);
  });
}

Reply Api::join_class(const std::string& code, const std::string& body) {
  return answer([&]() -> Reply {
    const auto j = parse_object(body);
    const auto name = read_string(j, "name");
    const int faction = read_int(j, "faction", "an integer: the index of a faction");
    std::lock_guard lock(class_mutex_);
    const auto game = find_class(code);
    try {
      const auto& s = join(*game, name, faction, entropy(), entropy());
      return ok({{"token", s.token}, {"name", s.name}, {"faction", s.faction}, {"faction_name", class_factions()[size_t(s.faction)]}});
    } catch (const ClassError& e) {
      return error(e.status, e.what());
    }
  });
}

Reply Api::class_vote(const std::string& code, const std::string& body) {
  return answer([&]() -> Reply {
    const auto j = parse_object(body);
    const auto token = read_string(j, "token");
    const int option = read_int(j, "option", "an integer: the index of an option");
    std::lock_guard lock(class_mutex_);
    const auto game = find_class(code);
    const auto waiting = waiting_choice(game->play_id);
    if (!waiting) return error(409, "no choice is waiting: the game is over");
    try {
      vote(*game, token, option, waiting->first);
    } catch (const ClassError& e) {
      return error(e.status, e.what());
    }
    return ok({{"voted", option}});
  });
}

Reply Api::close_class_round(const std::string& code, const std::string& body) {
  return answer([&]() -> Reply {
    const auto j = parse_object(body);
    const auto teacher = read_string(j, "teacher");
    std::optional<int> pick;
    if (j.contains("option") && !j["option"].is_null()) pick = read_int(j, "option", "an integer: the index of an option");
    std::lock_guard lock(class_mutex_);
    const auto game = find_class(code);
    auto& g = *game;
    if (teacher != g.teacher) return error(403, "teacher: only the teacher who opened the class closes a round");
    const auto waiting = waiting_choice(g.play_id);
    if (!waiting) return error(409, "no choice is waiting: the game is over");
    // Closed on a copy, kept only once the game has taken the choice.
    auto next = g;
    RoundResult round;
    try {
      round = close_round(next, waiting->second, pick, waiting->first);
    } catch (const ClassError& e) {
      return error(e.status, e.what());
    }
    const auto played = choose(g.play_id, json{{"option", round.option}, {"by", round.by}}.dump());
    if (played.status != 200) return played;
    g = std::move(next);
    return ok({{"round", {{"choice", round.choice}, {"option", round.option}, {"by", round.by}}}, {"play", json::parse(played.body)}});
  });
}

}  // namespace thaw::server
