// The web interface's JSON API, without the HTTP: each call takes the request's pieces and
// returns a status and a body, so that validation can be tested without a socket
// (tests/server) and the HTTP layer (server.cpp) stays a thin table of routes. docs/web.md.
//
//   GET  /api/scenarios                 names and descriptions
//   GET  /api/scenarios/<name>          parameters (unit, range, doc, source), decisions, choices
//   POST /api/runs                      {scenario, seed, set:{k:v}, decisions:[{id,enabled}], replicates}
//   GET  /api/runs/<id>                 status, progress, indicators (+ bands), events, record
//   GET  /api/runs/<id>/report          the self-contained HTML report (charts, timeline, debrief)
//   DELETE /api/runs/<id>               cancels a queued or running run
//   POST /api/play                      {scenario, seed, set, short?} -> paused at the first choice
//                                       (short: only the core decision points, for a class)
//   GET  /api/play/<id>                 where the session stands
//   GET  /api/play/<id>/report          the debrief once the game is over
//   POST /api/play/<id>/choose          {option, by?} -> runs on to the next choice or the end
//   POST /api/class                     {scenario, seed, set, short?} -> {code, teacher, ...}: a class game
//   GET  /api/class/<code>?teacher=<t>  students, factions, votes (tally for the teacher), the game
//   POST /api/class/<code>/join         {name, faction} -> {token}
//   POST /api/class/<code>/vote         {token, option}: a student's vote this round
//   POST /api/class/<code>/close        {teacher, option?}: the factions' choice is played
//
// The parts: requests.hpp reads request bodies, runs.hpp executes runs, play.hpp keeps play
// sessions, views.hpp makes the JSON, worker_pool.hpp bounds the simulations running at once
// (runs and play steps alike).
#pragma once

#include "server/reply.hpp"
#include "server/worker_pool.hpp"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace thaw::app {
struct Scenario;
}

namespace thaw::server {

// The ceilings on what one request may cost (docs/web.md, "Limits"): a request beyond them gets a
// 400 naming the limit, before anything runs.
struct ApiOptions {
  std::filesystem::path scenario_dir;  // where scenarios/*.toml are (default: found like thaw run)
  int max_concurrent_runs = 2;         // runs (and play steps) executing at once; more -> 429
  int max_replicates = 20;
  double min_scale = 1000;             // run.scale (people per agent) no finer than this
  int64_t max_steps = 5000;            // steps of a run (months, or run.steps) at most
  int64_t max_grid_cells = 1'000'000;  // grid.width x grid.height of a grid model (Epstein) at most
  int max_sessions = 16;               // play sessions kept; more -> 429
  int max_classes = 8;                 // class games kept (each holds a play session); more -> 429
  std::chrono::seconds session_idle{30 * 60};  // a play session untouched this long is dropped
  size_t max_kept_runs = 32;           // finished runs kept in memory (oldest dropped)
  std::vector<std::string> defaults;   // overrides applied before the request's (e.g. run.scale=20000)
  // The clock idle sessions are measured by; tests replace it.
  std::function<std::chrono::steady_clock::time_point()> now = [] { return std::chrono::steady_clock::now(); };
};

struct RunState;
struct PlaySession;
struct ClassGame;

class Api {
 public:
  explicit Api(ApiOptions options);
  ~Api();  // asks running runs to stop and waits for them

  Reply scenarios() const;
  Reply bibliography() const;  // GET /api/bibliography
  Reply scenario(const std::string& name) const;
  Reply start_run(const std::string& body);
  Reply run_status(const std::string& id) const;
  Reply run_report(const std::string& id) const;
  Reply cancel_run(const std::string& id);
  Reply start_play(const std::string& body);
  Reply play_status(const std::string& id) const;
  Reply play_report(const std::string& id) const;
  Reply choose(const std::string& id, const std::string& body);
  Reply start_class(const std::string& body);
  Reply class_status(const std::string& code, const std::string& teacher) const;
  Reply join_class(const std::string& code, const std::string& body);
  Reply class_vote(const std::string& code, const std::string& body);
  Reply close_class_round(const std::string& code, const std::string& body);

  // Asks every running run and play step to stop (a graceful shutdown); later requests still answer.
  void shutdown();

  static Reply error(int status, const std::string& message) { return error_reply(status, message); }

 private:
  std::filesystem::path scenario_path(const std::string& name) const;  // empty if unknown
  // A 400 if the bound scenario (with `replicates`) asks for more than the ceilings allow.
  void check_cost(const app::Scenario& s, int replicates) const;
  // The message without the server's own folders: an answer names files as scenarios/x.toml.
  Reply without_paths(Reply r) const;
  // Drops play sessions idle longer than options_.session_idle. Needs mutex_.
  void expire_sessions();
  // options_.defaults that name a parameter of the scenario at `path`.
  std::vector<std::string> defaults_for(const std::filesystem::path& path) const;
  std::shared_ptr<RunState> find_run(const std::string& id) const;
  std::shared_ptr<PlaySession> find_session(const std::string& id) const;

  ApiOptions options_;
  mutable std::mutex mutex_;  // guards the ids and the maps below
  uint64_t next_id_ = 1;
  std::map<std::string, std::shared_ptr<RunState>> runs_;
  std::vector<std::string> run_order_;
  std::map<std::string, std::shared_ptr<PlaySession>> sessions_;
  // Class games by code; their own lock, taken before a session's and never with mutex_ held.
  mutable std::mutex class_mutex_;
  std::map<std::string, std::shared_ptr<ClassGame>> classes_;
  // The options of the choice waiting in play session `id` and its index; nullopt if none waits.
  std::optional<std::pair<int, int>> waiting_choice(const std::string& id) const;
  // The class with `code`; throws a 404 Reply if there is none. Needs class_mutex_.
  std::shared_ptr<ClassGame> find_class(const std::string& code) const;
  // Last, so that it is destroyed first: its jobs finish while the runs they write still exist.
  WorkerPool pool_;
};

}  // namespace thaw::server
