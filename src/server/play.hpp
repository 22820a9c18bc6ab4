// Play mode (docs/web.md): a run paused at the moments the leadership faced a decision, where the
// player chooses; each option switches decisions of the scenario on or off, never an outcome.
//
//   auto choices = load_choices(scenario_file, scenario);    // scenarios/play/<file name>
//   start(session, stop);                  // runs to the first choice
//   choose(session, option, by, stop);     // replays with the choice, on to the next one
//
// The decision points are read through the scenario reader and the parameter binder: a typo or a
// wrong type is an error naming the file, line and key.
#pragma once

#include "app/report.hpp"
#include "app/scenario.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>
#include <stop_token>
#include <string>
#include <vector>

namespace thaw::server {

struct ChoiceOption {
  std::string label;
  bool history = false;  // what was done: the baseline's decisions as they stand
  std::vector<std::string> enable, disable;  // decision ids of the scenario
  // An emergent choice's option may take a new decision from the month it is asked: its kind and
  // its fields as TOML lines ("policy = \"never\""), the kind's defaults for the rest.
  std::string decision_kind;
  std::vector<std::string> decision_set;
  void describe(ParamVisitor& v);
};

struct Choice {
  std::string id, title, question, source;
  std::vector<std::string> discuss;  // questions for a class, in the debrief
  bool core = false;                 // one of the points of a short game (a class in 45 minutes)
  // Emergent: asked in the month after this run's own event of this code first happens (not
  // before `from`), not at a date; e.g. a rising in a satellite. Empty: a scheduled choice.
  std::string on_event, from;
  std::vector<ChoiceOption> options;
  Month month;  // the earliest date of the decisions it names; an emergent one: when it was asked
  std::string what_happened;  // an emergent choice, once asked: the event's sentence
  void describe(ParamVisitor& v);
};

// The decision points of `scenario_file` (play/<its name> beside it; none if there is no such
// file), in order of month. A choice keeps only the decisions the scenario has; a choice left
// with none, or with fewer than two options, is no choice here. Throws io::ScenarioError.
std::vector<Choice> load_choices(const std::filesystem::path& scenario_file, const app::Scenario& scenario);
// The emergent decision points of the same file (`on_event`), in the file's order. Each option's
// new decision is checked against the scenario when loaded: a wrong kind or field is an error
// naming the choice. Throws io::ScenarioError or std::runtime_error.
std::vector<Choice> load_emergent_choices(const std::filesystem::path& scenario_file, const app::Scenario& scenario);

struct PlaySession {
  std::mutex mutex;  // held while the session runs or answers
  std::string id;
  std::string scenario;                // its name
  std::filesystem::path path;          // its file
  std::string text;                    // the file as read when the game began
  std::vector<std::string> overrides;  // the request's
  std::vector<std::string> settings;   // the server's own (thaw serve --set): not a change
  uint64_t seed = 1;
  app::Scenario bound;                 // with the choices made so far
  app::RunChanges changes;             // of bound against the file with the server's settings only
  std::vector<Choice> choices;   // asked or to be asked, in order; an emergent one joins when asked
  std::vector<Choice> emergent;  // emergent choices not asked yet
  std::vector<int> made;  // option index per choice made so far, in order
  std::vector<std::string> made_by;  // who made each (class mode); empty strings otherwise
  std::unique_ptr<Simulation> sim;
  std::string report;
  std::chrono::steady_clock::time_point touched;  // last request; an idle session expires (api.cpp)

  bool over() const { return sim && sim->steps_done() == sim->total_steps(); }
};

// Runs a new session (bound, choices loaded) to its first choice.
void start(PlaySession& s, std::stop_token stop);
// Takes option `option` of the waiting choice: the run is replayed from the start with it (the
// months before it are identical: same seed, same decisions so far, so the model needs no hook)
// and runs on to the next choice or the end.
// `by`: who made the choice, for the debrief (in class mode, the factions that chose it); may be empty.
void choose(PlaySession& s, int option, const std::string& by, std::stop_token stop);

// GET /api/play/<id>: where the session stands, the waiting choice, the run so far.
nlohmann::json play_json(const PlaySession& s);

}  // namespace thaw::server
