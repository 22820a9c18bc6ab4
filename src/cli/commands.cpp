#include "cli/commands.hpp"

#include "engine/parallel.hpp"

#include <CLI/CLI.hpp>

namespace thaw::cli {

std::unique_ptr<Command> make_validate_command();
std::unique_ptr<Command> make_decisions_command();
std::unique_ptr<Command> make_dock_command();
std::unique_ptr<Command> make_bench_command();
std::unique_ptr<Command> make_sweep_command();
std::unique_ptr<Command> make_calibrate_command();
std::unique_ptr<Command> make_serve_command();
std::unique_ptr<Command> make_diverge_command();
std::unique_ptr<Command> make_impact_command();

std::vector<std::unique_ptr<Command>> extra_commands() {
  std::vector<std::unique_ptr<Command>> commands;
  commands.push_back(make_decisions_command());
  commands.push_back(make_validate_command());
  commands.push_back(make_dock_command());
  commands.push_back(make_bench_command());
  commands.push_back(make_sweep_command());
  commands.push_back(make_calibrate_command());
  commands.push_back(make_serve_command());
  commands.push_back(make_diverge_command());
  commands.push_back(make_impact_command());
  return commands;
}

int EnsembleOptions::threads_or_all() const { return threads > 0 ? threads : hardware_threads(); }

void add_ensemble_options(CLI::App& cmd, EnsembleOptions& o, const std::string& scenario_help, const std::string& targets_help,
                          const std::string& what_runs, size_t min_runs, const std::string& what_sets) {
  cmd.add_option("scenario", o.scenario, scenario_help);
  cmd.add_option("--targets", o.targets, targets_help);
  cmd.add_option("--runs", o.runs, what_runs)->check(CLI::Range(min_runs, size_t{100000}));
  cmd.add_option("--threads", o.threads, "Worker threads (default: all cores)")->check(CLI::Range(1, 1024));
  cmd.add_option("--set", o.sets, what_sets);
  cmd.add_option("--out", o.out, "Output folder (default: " + o.out + ")");
  cmd.add_flag("--quiet", o.quiet, "No progress line");
}

}  // namespace thaw::cli
