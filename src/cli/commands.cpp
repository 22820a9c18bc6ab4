#include "cli/commands.hpp"

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

}  // namespace thaw::cli
