#include "server/runs.hpp"

#include "app/ensemble.hpp"
#include "io/event_fold.hpp"
#include "io/events.hpp"
#include "server/views.hpp"

namespace thaw::server {

using json = nlohmann::json;

void execute_run(RunState& run, std::stop_token stop) {
  try {
    {
      std::lock_guard lock(run.mutex);
      if (run.cancel.stop_requested()) {
        run.status = "cancelled";
        run.error = "cancelled by a DELETE request";
        return;
      }
      run.status = "running";
    }
    const auto seeds = run.replicates == 1 ? std::vector<uint64_t>{run.seed}
                                           : app::replicate_seeds(run.seed, static_cast<size_t>(run.replicates));
    std::vector<SeriesTable> tables(seeds.size());
    json first;
    const bool complete = app::run_ensemble(
        run.bound, seeds,
        {.threads = 1,
         .progress = false,
         .on_step =
             [&](size_t, int64_t done, int64_t total) {
               std::lock_guard lock(run.mutex);
               run.total_steps = total;
               run.steps_done = done;
               return !stop.stop_requested() && !run.cancel.stop_requested();
             }},
        [&](size_t i, Simulation& sim) {
          tables[i] = sim.indicators();
          if (i == 0) {
            // The events, the timeline and the report are of one run: say which (as text: a
            // replicate's seed has more digits than a JavaScript number holds exactly).
            first["events_seed"] = std::to_string(seeds[i]);
            first["indicators"] = indicators_json(sim.indicators());
            first["summary"] = sim.summary();
            if (const auto* events = sim.events()) {
              first["events"] = io::events_json(events->all());
              first["timeline"] = io::folded_json(io::fold_events(events->all()));
              first["timeline_minor"] = io::folded_json(io::fold_events(events->all(), {.minor = true}));
              std::string html = report_of(sim, run.bound, seeds[i], run.changes);
              std::lock_guard lock(run.mutex);
              run.report = std::move(html);
            } else {
              first["events"] = json::array();
            }
          }
          std::lock_guard lock(run.mutex);
          run.replicates_done = static_cast<int>(i + 1);
        });
    if (!complete) {
      std::lock_guard lock(run.mutex);
      if (run.cancel.stop_requested()) {
        run.status = "cancelled";
        run.error = "cancelled by a DELETE request";
      } else {
        run.status = "failed";
        run.error = "the server is shutting down";
      }
      return;
    }
    if (tables.size() > 1) {
      auto bands = bands_json(tables);
      first["indicators"]["low"] = std::move(bands["low"]);
      first["indicators"]["high"] = std::move(bands["high"]);
      first["indicators"]["median"] = std::move(bands["median"]);
    }
    std::lock_guard lock(run.mutex);
    run.result = std::move(first);
    run.status = "done";
  } catch (const std::exception& e) {
    std::lock_guard lock(run.mutex);
    run.status = "failed";
    run.error = e.what();
  }
}

json run_status_json(RunState& run) {
  std::lock_guard lock(run.mutex);
  const bool done = run.status == "done";
  const double progress =
      run.total_steps > 0
          ? (double(run.replicates_done) + double(run.steps_done) / double(run.total_steps) * (done ? 0 : 1)) / run.replicates
          : 0.0;
  json j = {{"id", run.id},
            {"scenario", run.scenario},
            {"seed", run.seed},
            {"status", run.status},
            {"replicates", run.replicates},
            {"replicates_done", run.replicates_done},
            {"changes", changes_json(run.changes)},
            {"progress", progress}};
  if (done) {
    j["progress"] = 1.0;
    for (const auto& [k, v] : run.result.items()) j[k] = v;
    j["record"] = record_json();
    j["marks"] = record_marks_json();
    j["has_report"] = !run.report.empty();
  }
  if (run.status == "failed" || run.status == "cancelled") j["error"] = run.error;
  return j;
}

}  // namespace thaw::server
