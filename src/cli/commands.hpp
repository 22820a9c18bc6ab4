// Subcommands beyond run/params/models live in their own files and are listed in commands.cpp,
// so that adding one (bench, validate, sweep, serve...) touches nothing else.
#pragma once

#include <memory>
#include <stdexcept>
#include <vector>

namespace CLI {
class App;
}

namespace thaw::cli {

// Bad use of a command (exit status 2), as opposed to a failure while running (1).
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class Command {
 public:
  virtual ~Command() = default;
  virtual void add_to(CLI::App& app) = 0;  // declare the subcommand and its options
  virtual bool selected() const = 0;      // was it the one on the command line?
  virtual int run() = 0;
};

std::vector<std::unique_ptr<Command>> extra_commands();

}  // namespace thaw::cli
