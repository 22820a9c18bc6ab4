// A sweep's runs: the design bound to its scenario, the database opened and resumed, the runs
// computed on every thread (and rank) and stored. The parts are in their own files:
// sweep_spec (the spec), sweep_design (the points), sweep_record (what a run keeps, its wire
// format), sweep_store (the database), sweep_schedule (threads and MPI ranks), sweep_export (CSV).
// docs/sweeps.md documents the spec, the schema and how to run on a cluster.
#include "app/sweep.hpp"

#include "app/ensemble.hpp"
#include "app/sweep_record.hpp"
#include "app/sweep_schedule.hpp"
#include "app/sweep_store.hpp"
#include "engine/hash.hpp"
#include "engine/parallel.hpp"
#include "engine/progress.hpp"
#include "engine/rng.hpp"
#include "io/scenario_file.hpp"

#include <fmt/format.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

namespace thaw::app {

namespace {

// Every point's scenario, bound once before anything runs: a bad override fails before anything
// is written, and the fingerprint covers what every run will use. Only the overrides are kept; a
// run binds its point again, so that a design of 100,000 points does not hold 100,000 scenarios.
struct BoundDesign {
  std::vector<std::vector<std::string>> points;
  std::vector<std::vector<std::string>> point_sets;  // --set overrides of each point
  std::vector<std::string> point_text;               // the same as "name=value" lines
  std::string fingerprint;
  uint64_t fingerprint_value = 0;
  std::filesystem::path scenario_path;
  std::string scenario_text;  // read once: editing the file while a sweep runs changes nothing

  Scenario bind(size_t point) const { return Scenario::parse(scenario_text, scenario_path.string(), point_sets[point]); }
};

BoundDesign bind_design(const SweepSpec& spec) {
  BoundDesign d;
  d.points = design_points(spec);
  d.scenario_path = find_scenario(spec.scenario);
  {
    std::ifstream f(d.scenario_path);
    if (!f) Scenario::load(d.scenario_path);  // throws the usual "cannot open" error
    std::stringstream ss;
    ss << f.rdbuf();
    d.scenario_text = ss.str();
  }
  // The databases of earlier versions were fingerprinted from this start (FNV's basis with its
  // last digit lost: 14695981039346656037); it is kept so that they still resume.
  constexpr uint64_t kFingerprintBasis = 1469598103934665603ULL;
  uint64_t fp = fnv1a_64(spec.text, kFingerprintBasis);
  fp = fnv1a_64(fmt::format("replicates={} points={}\n", spec.replicates, d.points.size()), fp);
  for (const auto& s : spec.sets) fp = fnv1a_64(s + "\n", fp);
  for (const auto& pv : d.points) {
    std::vector<std::string> sets = spec.sets;
    for (size_t j = 0; j < pv.size(); ++j) sets.push_back(spec.parameters[j].name + "=" + pv[j]);
    try {
      fp = fnv1a_64(Scenario::parse(d.scenario_text, d.scenario_path.string(), sets).resolved_toml, fp);
      d.point_sets.push_back(sets);
    } catch (const io::ScenarioError& e) {
      // Say which line of the sweep spec led to the problem, not only what the scenario said.
      std::vector<std::string> problems = e.problems();
      for (size_t j = 0; j < pv.size(); ++j)
        for (const auto& text : e.problems())
          if (text.find(spec.parameters[j].name) != std::string::npos) {
            problems.push_back(fmt::format("{}: parameter[{}]: name = \"{}\" (value {}) does not fit {}",
                                           spec.parameters[j].where, j, spec.parameters[j].name, pv[j],
                                           d.scenario_path.string()));
            break;
          }
      if (problems.size() == e.problems().size())
        problems.push_back(fmt::format("{}: point {} of the design ({}) does not fit {}", spec.source, d.point_sets.size(),
                                       point_overrides_text(spec, pv), d.scenario_path.string()));
      throw io::ScenarioError(std::move(problems));
    }
    d.point_text.push_back(point_overrides_text(spec, pv));
  }
  d.fingerprint_value = fp;
  d.fingerprint = fmt::format("{:016x}", fp);
  return d;
}

// An outcome the runs cannot give (an indicator the model does not write, a month outside the
// run) would be NULL in every run of a sweep that exits 0. One month of the first point's run
// shows the columns and the calendar; an event code cannot be checked so (events emerge).
void check_outcomes_fit(const SweepSpec& spec, const BoundDesign& design) {
  if (spec.outcomes.empty() || design.points.empty()) return;
  const Scenario first = design.bind(0);
  const auto sim = run_member(first, spec.seed, [](int64_t, int64_t) { return false; });
  const SeriesTable& columns = sim->indicators();
  const auto calendar = sim->calendar();
  const int64_t months = sim->total_steps();
  std::vector<std::string> problems;
  for (size_t i = 0; i < spec.outcomes.size(); ++i) {
    const Outcome& o = spec.outcomes[i];
    const std::string& where = i < spec.outcome_where.size() ? spec.outcome_where[i] : spec.source;
    if (o.kind == "indicator" && !columns.has(o.indicator))
      problems.push_back(fmt::format("{}: outcome[{}] ({}): indicator = \"{}\" is not written by {} (thaw run writes its "
                                     "indicators.csv: its header lists them)",
                                     where, i, o.id, o.indicator, design.scenario_path.string()));
    if (!calendar) continue;
    const Month last = calendar->month_at(months - 1);
    if (o.date < calendar->start || o.until > last)
      problems.push_back(fmt::format("{}: outcome[{}] ({}): {}{} is outside the run ({} to {})", where, i, o.id, o.date.str(),
                                     o.until > o.date ? " to " + o.until.str() : std::string(), calendar->start.str(), last.str()));
  }
  if (!problems.empty()) throw io::ScenarioError(std::move(problems));
}

}  // namespace

SweepResult run_sweep(const SweepSpec& spec, const SweepOptions& options) {
  const auto t0 = std::chrono::steady_clock::now();
  mpi_start();
  SweepResult result;
  result.processes = mpi_size();
  result.rank = mpi_rank();
  const bool root = result.rank == 0;

  const BoundDesign design = bind_design(spec);
  // The check costs a set-up and a month of the first point (at 1:1 about fifteen seconds): rank 0
  // makes it and tells the others, which stop with it if it fails.
  std::exception_ptr outcome_error;
  if (root) {
    try {
      check_outcomes_fit(spec, design);
    } catch (...) {
      outcome_error = std::current_exception();
    }
  }
  const bool outcomes_fit = mpi_broadcast(outcome_error ? int64_t{0} : int64_t{1}) == 1;
  if (outcome_error) std::rethrow_exception(outcome_error);
  if (!outcomes_fit) throw std::runtime_error("sweep: rank 0 found outcomes the runs cannot give (its message names them)");
  mpi_require_same(design.fingerprint_value);
  const int64_t R = spec.replicates;
  result.total_runs = static_cast<int64_t>(design.points.size()) * R;

  // Rank 0 opens the database, finds the missing runs and tells the others how many there are
  // (-1: it could not, and every rank stops).
  std::unique_ptr<SweepStore> store;
  std::vector<int64_t> pending;
  std::exception_ptr root_error;
  if (root) {
    try {
      if (options.db.has_parent_path()) std::filesystem::create_directories(options.db.parent_path());
      store = std::make_unique<SweepStore>(options.db);
      store->initialise(spec, design.points, design.fingerprint, design.point_text, options.targets);
      const auto done = store->done_runs();
      result.already_done = static_cast<int64_t>(done.size());
      size_t d = 0;
      for (int64_t run = 0; run < result.total_runs; ++run) {
        while (d < done.size() && done[d] < run) ++d;
        if (d < done.size() && done[d] == run) continue;
        pending.push_back(run);
      }
    } catch (...) {
      root_error = std::current_exception();
    }
  }
  const int64_t expected = mpi_broadcast(root_error ? -1 : static_cast<int64_t>(pending.size()));
  if (root_error) std::rethrow_exception(root_error);
  if (expected < 0) throw std::runtime_error("sweep: rank 0 could not open the database");

  const int K = result.processes;
  const int threads = options.threads > 0 ? options.threads : std::max(1, hardware_threads() / mpi_local_size());
  const RecordPlan plan(spec, options.targets);

  // A run's seed is the replicate's (common random numbers) or the run's own.
  auto member_of = [&](int64_t run) {
    const int64_t replicate = run % R;
    const uint64_t seed =
        rng::replicate_seed(spec.seed, static_cast<uint64_t>(spec.common_random_numbers ? replicate : run));
    return Member{run, seed, std::make_shared<const Scenario>(design.bind(static_cast<size_t>(run / R)))};
  };

  RunScheduler scheduler(std::move(pending), threads);
  std::thread compute([&] {
    try {
      run_members(
          threads,
          [&]() -> std::optional<Member> {
            const auto run = scheduler.next_run();
            if (!run) return std::nullopt;
            return member_of(*run);
          },
          [&](const Member& m, Simulation& sim) {
            RunRecord r = record_run(plan, sim);
            r.run = m.index;
            r.point = m.index / R;
            r.replicate = m.index % R;
            r.seed = m.seed;
            r.rank = result.rank;
            r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - m.started).count();
            scheduler.deliver(encode(r));
          });
      scheduler.threads_done();
    } catch (...) {
      scheduler.threads_done(std::current_exception());
    }
  });
  auto finish_compute = [&] {
    scheduler.stop();
    if (compute.joinable()) compute.join();
  };

  try {
    Progress progress(fmt::format("{} ({} runs, {} process{})", spec.name, expected, K, K == 1 ? "" : "es"), expected,
                      options.progress && root);
    const auto served = scheduler.serve(expected, [&](const std::string& record) {
      store->write(decode(record));
      progress.update(++result.stored);
      return options.stop_after >= 0 && result.stored >= options.stop_after;
    });
    result.stored = served.handled;
    if (served.stopped) {
      // As if killed: the runs stored so far are committed; nothing else is.
      result.stopped = true;
      if (mpi_running()) mpi_abort(3, fmt::format("thaw sweep: stopping after {} runs (--stop-after)", result.stored));
    }
    if (root) progress.finish();
  } catch (...) {
    finish_compute();
    if (mpi_running()) {
      try {
        throw;
      } catch (const std::exception& e) {
        mpi_abort(1, fmt::format("thaw sweep (rank {}): {}", result.rank, e.what()));
      }
    }
    throw;
  }
  finish_compute();
  if (root && !result.stopped) store->db().exec("PRAGMA wal_checkpoint(TRUNCATE)");
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return result;
}

}  // namespace thaw::app
