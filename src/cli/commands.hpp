// Subcommands beyond run/params/models live in their own files and are listed in commands.cpp,
// so that adding one (bench, validate, sweep, serve...) touches nothing else.
#pragma once

#include <cstddef>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
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

// What every command that runs ensembles of a scenario against data/targets.toml takes (validate,
// impact): declared once so that their names, defaults and checks cannot drift apart.
struct EnsembleOptions {
  explicit EnsembleOptions(std::string out_folder) : out(std::move(out_folder)) {}
  std::string scenario = "thaw-1953.toml";
  std::string targets = "data/targets.toml";
  size_t runs = 100;
  int threads = 0;  // 0: every core
  std::vector<std::string> sets;
  std::string out;
  bool quiet = false;
  int threads_or_all() const;
};

// Adds the scenario positional and --targets, --runs, --threads, --set, --out and --quiet.
// `what_runs` says what --runs counts, `what_sets` what --set applies to.
void add_ensemble_options(CLI::App& cmd, EnsembleOptions& o, const std::string& scenario_help, const std::string& targets_help,
                          const std::string& what_runs, size_t min_runs, const std::string& what_sets);

}  // namespace thaw::cli
