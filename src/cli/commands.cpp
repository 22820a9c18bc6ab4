#include "cli/commands.hpp"

namespace thaw::cli {

std::vector<std::unique_ptr<Command>> extra_commands() {
  std::vector<std::unique_ptr<Command>> commands;
  return commands;
}

}  // namespace thaw::cli
