#include "server/play.hpp"

#include "io/event_fold.hpp"
#include "io/events.hpp"
#include "io/scenario_file.hpp"
#include "server/views.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>

namespace thaw::server {

using json = nlohmann::json;

void ChoiceOption::describe(ParamVisitor& v) {
  v.value("label", label, {.doc = "the option, as the player reads it", .required = true});
  v.value("history", history, {.doc = "true for what was done (the baseline's decisions as they stand)"});
  v.value("enable", enable, {.doc = "decision ids of the scenario to switch on"});
  v.value("disable", disable, {.doc = "decision ids of the scenario to switch off"});
  v.value("decision_kind", decision_kind, {.doc = "an emergent choice: the kind of a decision taken from the month it is asked"});
  v.value("decision_set", decision_set, {.doc = "that decision's fields, as TOML lines (key = value)"});
}

void Choice::describe(ParamVisitor& v) {
  v.value("id", id, {.doc = "a name for the choice", .required = true});
  v.value("title", title, {.doc = "the moment, in a line", .required = true});
  v.value("question", question, {.doc = "what the player is asked", .required = true});
  v.value("source", source, {.doc = "record rows"});
  v.value("discuss", discuss, {.doc = "questions for a class about this moment, printed in the debrief"});
  v.value("core", core, {.doc = "true for the decision points a short game keeps (a class in one 45-minute period)"});
  v.value("on_event", on_event, {.doc = "emergent: asked in the month after the run's first event of this code"});
  v.value("from", from, {.doc = "emergent: not asked for an event before this month (YYYY-MM)"});
  v.list("option", "what the player may choose", options);
}

namespace {
struct ChoiceFile {
  std::vector<Choice> choices;
  void describe(ParamVisitor& v) { v.list("choice", "moments the leadership faced a decision", choices); }
};

// The play file beside `scenario_file` (play/<its name>), read and bound; none if there is none.
std::optional<ChoiceFile> read_choice_file(const std::filesystem::path& scenario_file, std::filesystem::path& path) {
  path = scenario_file.parent_path() / "play" / scenario_file.filename();
  if (!std::filesystem::exists(path)) return std::nullopt;
  ChoiceFile file;
  io::ScenarioFile::load(path).bind([&](ParamVisitor& v) { file.describe(v); });
  return file;
}
}  // namespace

std::vector<Choice> load_choices(const std::filesystem::path& scenario_file, const app::Scenario& scenario) {
  std::filesystem::path path;
  auto read = read_choice_file(scenario_file, path);
  if (!read) return {};
  auto& file = *read;
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

// The decision an emergent option takes, as a block of the scenario file, dated `month`.
std::string decision_block(const Choice& c, size_t option, Month month) {
  const auto& o = c.options[option];
  std::string block = fmt::format("\n[[decision]]\nid = \"play-{}-{}\"\nkind = \"{}\"\ndate = \"{}\"\nnote = \"{}\"\n", c.id, option,
                                  o.decision_kind, month.str(), o.label);
  for (const auto& line : o.decision_set) block += line + "\n";
  return block;
}

}  // namespace

std::vector<Choice> load_emergent_choices(const std::filesystem::path& scenario_file, const app::Scenario& scenario) {
  std::filesystem::path path;
  auto read = read_choice_file(scenario_file, path);
  if (!read) return {};
  auto& file = *read;
  std::vector<Choice> out;
  for (auto& c : file.choices) {
    if (c.on_event.empty()) continue;
    if (!c.from.empty() && !Month::parse(c.from))
      throw std::runtime_error(fmt::format("{}: choice '{}': from = \"{}\" is not a month (YYYY-MM)", path.string(), c.id, c.from));
    if (c.options.size() < 2) continue;
    // Each option's decision, bound once with the scenario now, so that a wrong kind or field
    // is an error when the file is read, not in the middle of a game.
    const auto text = [&] {
      std::ifstream in(scenario_file);
      return std::string(std::istreambuf_iterator<char>(in), {});
    }();
    const auto start = scenario.month("run.start");
    if (!start) throw std::runtime_error(fmt::format("{}: choice '{}': an emergent choice needs a scenario stepped in months", path.string(), c.id));
    for (size_t i = 0; i < c.options.size(); ++i) {
      if (c.options[i].decision_kind.empty()) continue;
      try {
        app::Scenario::parse(text + decision_block(c, i, *start), scenario_file.string(), {});
      } catch (const std::exception& e) {
        throw std::runtime_error(fmt::format("{}: choice '{}', option {}: its decision does not bind: {}", path.string(), c.id, i, e.what()));
      }
    }
    out.push_back(std::move(c));
  }
  return out;
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

// The scenario as played: the file as read, and the decisions the emergent choices made took,
// each dated the month it was asked (so the months before are those already played).
std::string played_text(const PlaySession& s) {
  std::string text = s.text;
  for (size_t i = 0; i < s.made.size(); ++i)
    if (!s.choices[i].on_event.empty() && !s.choices[i].options[static_cast<size_t>(s.made[i])].decision_kind.empty())
      text += decision_block(s.choices[i], static_cast<size_t>(s.made[i]), s.choices[i].month);
  return text;
}

// An emergent choice whose event the step just run produced (from `first_new` on): it joins the
// choices as the next to be asked, dated the month about to be run.
bool ask_emergent(PlaySession& s, size_t first_new, Month next_month) {
  const auto* events = s.sim->events();
  if (!events) return false;
  const auto& all = events->all();
  for (size_t k = 0; k < s.emergent.size(); ++k) {
    const auto& c = s.emergent[k];
    const auto from = c.from.empty() ? std::optional<Month>() : Month::parse(c.from);
    for (size_t e = first_new; e < all.size(); ++e) {
      if (all[e].code != c.on_event || (from && all[e].month < *from)) continue;
      auto asked = s.emergent[k];
      asked.month = next_month;
      asked.what_happened = fmt::format("{}: {}", all[e].month.long_name(), all[e].text);
      s.emergent.erase(s.emergent.begin() + static_cast<std::ptrdiff_t>(k));
      s.choices.insert(s.choices.begin() + static_cast<std::ptrdiff_t>(s.made.size()), std::move(asked));
      return true;
    }
  }
  return false;
}

// Runs on until the month of the next unmade choice, or an emergent one's event, or to the end
// (then writes the report).
void advance(PlaySession& s, const std::stop_token& stop) {
  auto& sim = *s.sim;
  const auto calendar = sim.calendar().value_or(Calendar{});
  while (sim.steps_done() < sim.total_steps() && !stop.stop_requested()) {
    if (s.made.size() < s.choices.size() && calendar.month_at(sim.steps_done()) >= s.choices[s.made.size()].month) break;
    const size_t seen = sim.events() ? sim.events()->all().size() : 0;
    sim.step();
    if (sim.steps_done() < sim.total_steps() && ask_emergent(s, seen, calendar.month_at(sim.steps_done()))) break;
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
    const auto own = fmt::format("play-{}-", choice.id);  // the decision an emergent option took
    std::erase_if(c.decisions, [&](const app::RunChanges::Decision& d) {
      return d.id.starts_with(own) ||
             std::count(o.enable.begin(), o.enable.end(), d.id) + std::count(o.disable.begin(), o.disable.end(), d.id) > 0;
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
  s.bound = app::Scenario::parse(played_text(s), s.path.string(), overrides_with_choices(s));
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
                   {"month", c.month.str()}, {"options", options}, {"emergent", !c.on_event.empty()},
                   {"what_happened", c.what_happened}};
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
