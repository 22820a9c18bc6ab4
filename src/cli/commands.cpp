#include "cli/commands.hpp"

namespace thaw::cli {

std::unique_ptr<Command> make_dock_command();

std::vector<std::unique_ptr<Command>> extra_commands() {
  std::vector<std::unique_ptr<Command>> commands;
  commands.push_back(make_dock_command());
  return commands;
}

}  // namespace thaw::cli
