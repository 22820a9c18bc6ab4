// A run requested through the API (POST /api/runs): one or more replicates of a bound scenario,
// executed by a worker of the pool, its progress and result read by GET /api/runs/<id>.
#pragma once

#include "app/report.hpp"
#include "app/scenario.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <mutex>
#include <stop_token>
#include <string>

namespace thaw::server {

struct RunState {
  std::mutex mutex;  // guards everything below once the run is submitted
  std::string id;
  std::string scenario;
  std::string status = "queued";  // queued, running, done, failed, cancelled
  std::string error;
  int64_t steps_done = 0, total_steps = 0;
  int replicates = 1, replicates_done = 0;
  uint64_t seed = 1;
  nlohmann::json result;  // indicators (with bands), events, summary
  std::string report;     // HTML
  app::Scenario bound;
  app::RunChanges changes;  // against the scenario file as written
  std::stop_source cancel;  // DELETE /api/runs/<id>
};

// Runs the replicates one after another on the calling thread (one replicate: the seed itself;
// more: rng::replicate_seed(seed, i)); the first replicate gives the indicators, events, summary
// and report, all of them the bands. Stops early between steps when `stop` (a shutdown: failed) or
// run.cancel (cancelled) is requested.
void execute_run(RunState& run, std::stop_token stop);

// GET /api/runs/<id>: status and progress, and the result once done.
nlohmann::json run_status_json(RunState& run);

}  // namespace thaw::server
