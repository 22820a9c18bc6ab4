#include "server/play.hpp"

#include "io/event_fold.hpp"
#include "io/events.hpp"
#include "io/scenario_file.hpp"
#include "server/views.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>

namespace thaw::server {

using json = nlohmann::json;

void ChoiceOption::describe(ParamVisitor& v) {
  v.value("label", label, {.doc = "the option, as the player reads it", .required = true});
  v.value("history", history, {.doc = "true for what was done (the baseline's decisions as they stand)"});
  v.value("enable", enable, {.doc = "decision ids of the scenario to switch on"});
  v.value("disable", disable, {.doc = "decision ids of the scenario to switch off"});
}

void Choice::describe(ParamVisitor& v) {
  v.value("id", id, {.doc = "a name for the choice", .required = true});
  v.value("title", title, {.doc = "the moment, in a line", .required = true});
  v.value("question", question, {.doc = "what the player is asked", .required = true});
  v.value("source", source, {.doc = "record rows"});
  v.value("discuss", discuss, {.doc = "questions for a class about this moment, printed in the debrief"});
  v.value("core", core, {.doc = "true for the decision points a short game keeps (a class in one 45-minute period)"});
  v.list("option", "what the player may choose", options);
}

namespace {
struct ChoiceFile {
  std::vector<Choice> choices;
  void describe(ParamVisitor& v) { v.list("choice", "moments the leadership faced a decision", choices); }
};
}  // namespace

std::vector<Choice> load_choices(const std::filesystem::path& scenario_file, const app::Scenario& scenario) {
  const auto path = scenario_file.parent_path() / "play" / scenario_file.filename();
  if (!std::filesystem::exists(path)) return {};
  ChoiceFile file;
  io::ScenarioFile::load(path).bind([&](ParamVisitor& v) { file.describe(v); });
  std::map<std::string, Month> dates;
  for (const auto& d : scenario.items("decision"))
    if (auto m = Month::parse(d.get("date"))) dates[d.get("id")] = *m;
  std::vector<Choice> choices;
  for (auto& c : file.choices) {
    std::optional<Month> month;
    auto known = [&](std::vector<std::string>& ids) {
      std::erase_if(ids, [&](const std::string& id) {
        const auto it = dates.find(id);
        if (it == dates.end()) return true;
        if (!month || it->second < *month) month = it->second;
        return false;
      });
    };
    for (auto& o : c.options) known(o.enable), known(o.disable);
    if (!month || c.options.size() < 2) continue;
    c.month = *month;
    choices.push_back(std::move(c));
  }
  std::stable_sort(choices.begin(), choices.end(), [](const Choice& a, const Choice& b) { return a.month < b.month; });
  return choices;
}

namespace {

// The request's overrides and, for each choice made, its decisions switched on and off (a later
// switch of the same decision wins, and within an option "off" wins).
std::vector<std::string> overrides_with_choices(const PlaySession& s) {
  std::vector<std::string> out = s.overrides;
  for (size_t i = 0; i < s.made.size(); ++i) {
    const auto& option = s.choices[i].options[static_cast<size_t>(s.made[i])];
    for (const auto& id : option.enable) out.push_back(fmt::format("decision[{}].enabled=true", id));
    for (const auto& id : option.disable) out.push_back(fmt::format("decision[{}].enabled=false", id));
  }
  return out;
}

// Runs on until the month of the next unmade choice, or to the end (then writes the report).
void advance(PlaySession& s, const std::stop_token& stop) {
  auto& sim = *s.sim;
  const auto calendar = sim.calendar().value_or(Calendar{});
  while (sim.steps_done() < sim.total_steps() && !stop.stop_requested()) {
    if (s.made.size() < s.choices.size() && calendar.month_at(sim.steps_done()) >= s.choices[s.made.size()].month) break;
    sim.step();
  }
  if (s.over()) s.report = report_of(sim, s.bound, s.seed, s.changes);
}

}  // namespace

// The choices made, and the decisions and parameters that differ from the file: a choice's own
// decisions are listed as choices, so a historical choice is not reported as a change.
static void note_changes(PlaySession& s, const std::vector<std::string>& server_settings) {
  auto c = app::changes_between(app::Scenario::parse(s.text, s.path.string(), server_settings), s.bound);
  for (size_t i = 0; i < s.made.size(); ++i) {
    const auto& choice = s.choices[i];
    const auto& o = choice.options[static_cast<size_t>(s.made[i])];
    c.choices.push_back({choice.month.str(), choice.title, o.label, o.history, choice.discuss,
                         i < s.made_by.size() ? s.made_by[i] : std::string()});
    std::erase_if(c.decisions, [&](const app::RunChanges::Decision& d) {
      return std::count(o.enable.begin(), o.enable.end(), d.id) + std::count(o.disable.begin(), o.disable.end(), d.id) > 0;
    });
  }
  s.changes = std::move(c);
}

void start(PlaySession& s, std::stop_token stop) {
  note_changes(s, s.settings);
  s.sim = s.bound.setup->create({.seed = s.seed, .threads = 1});
  advance(s, stop);
}

void choose(PlaySession& s, int option, const std::string& by, std::stop_token stop) {
  s.made.push_back(option);
  s.made_by.resize(s.made.size() - 1);
  s.made_by.push_back(by);
  const auto at = s.sim->steps_done();
  s.bound = app::Scenario::parse(s.text, s.path.string(), overrides_with_choices(s));
  note_changes(s, s.settings);
  s.sim = s.bound.setup->create({.seed = s.seed, .threads = 1});
  while (s.sim->steps_done() < at && !stop.stop_requested()) s.sim->step();
  advance(s, stop);
}

json play_json(const PlaySession& s) {
  const auto& sim = *s.sim;
  const bool done = s.over();
  const auto calendar = sim.calendar().value_or(Calendar{});
  json j = {{"id", s.id},
            {"scenario", s.scenario},
            {"seed", s.seed},
            {"status", done ? "done" : "choice"},
            {"month", calendar.month_at(std::min(sim.steps_done(), sim.total_steps() - 1)).str()},
            {"progress", double(sim.steps_done()) / double(sim.total_steps())}};
  json made = json::array();
  for (size_t i = 0; i < s.made.size(); ++i) {
    const auto& c = s.choices[i];
    const auto& o = c.options[static_cast<size_t>(s.made[i])];
    made.push_back({{"choice", c.id}, {"title", c.title}, {"month", c.month.str()}, {"option", o.label}, {"history", o.history},
                    {"by", i < s.made_by.size() ? s.made_by[i] : std::string()}});
  }
  j["made"] = made;
  j["changes"] = changes_json(s.changes);
  if (!done && s.made.size() < s.choices.size()) {
    const auto& c = s.choices[s.made.size()];
    json options = json::array();
    for (size_t i = 0; i < c.options.size(); ++i)
      options.push_back({{"index", i}, {"label", c.options[i].label}, {"history", c.options[i].history}});
    j["choice"] = {{"id", c.id}, {"title", c.title}, {"question", c.question}, {"source", cite_rows(c.source)},
                   {"month", c.month.str()}, {"options", options}};
  }
  j["indicators"] = indicators_json(sim.indicators());
  j["events"] = sim.events() ? io::events_json(sim.events()->all()) : json::array();
  j["timeline"] = sim.events() ? io::folded_json(io::fold_events(sim.events()->all())) : json::array();
  if (done) {
    j["record"] = record_json();
    j["marks"] = record_marks_json();
    j["report"] = fmt::format("/api/play/{}/report", s.id);
  }
  return j;
}

}  // namespace thaw::server
