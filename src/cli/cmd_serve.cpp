// thaw serve: the web interface (docs/web.md) on localhost.
#include "cli/commands.hpp"
#include "server/server.hpp"

#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdlib>

namespace thaw::cli {

namespace {

class ServeCommand final : public Command {
 public:
  void add_to(CLI::App& app) override {
    cmd_ = app.add_subcommand("serve", "Serve the web interface: explore, compare and play the Thaw in a browser");
    cmd_->add_option("--host", options_.host,
                     "Address to listen on (default 127.0.0.1: this machine only; any other needs --token)");
    cmd_->add_option("--token", options_.token,
                     "A secret every request must carry (required beyond 127.0.0.1; default: $THAW_TOKEN)");
    cmd_->add_option("--port", options_.port, "Port (default 8053)")->check(CLI::Range(1, 65535));
    cmd_->add_option("--static", static_dir_, "Front-end folder (default: web/dist of the source tree)");
    cmd_->add_option("--max-runs", options_.api.max_concurrent_runs, "Runs executing at once; more get 429")
        ->check(CLI::Range(1, 64));
    cmd_->add_option("--max-replicates", options_.api.max_replicates, "Largest ensemble a request may ask for")
        ->check(CLI::Range(1, 1000));
    cmd_->add_option("--min-scale", options_.api.min_scale, "Finest run.scale (people per agent) a request may ask for")
        ->check(CLI::Range(1.0, 1e6));
    cmd_->add_option("--max-steps", options_.api.max_steps, "Longest run (steps: months, or run.steps) a request may ask for")
        ->check(CLI::Range(int64_t{1}, int64_t{1000000}));
    cmd_->add_option("--max-grid-cells", options_.api.max_grid_cells, "Largest grid (width x height) of a grid model a request may ask for")
        ->check(CLI::Range(int64_t{1}, int64_t{100000000}));
    cmd_->add_option("--max-sessions", options_.api.max_sessions, "Play sessions kept at once")->check(CLI::Range(1, 1000));
    cmd_->add_option("--session-idle", session_idle_minutes_, "Minutes after which an untouched play session is dropped")
        ->check(CLI::Range(1, 24 * 60));
    cmd_->add_option("--max-body", options_.max_body_bytes, "Largest request body in bytes")->check(CLI::Range(256, 16 << 20));
    cmd_->add_option("--set", options_.api.defaults,
                     "Override a parameter in every run before the request's own (e.g. run.scale=20000 for fast runs)");
  }
  bool selected() const override { return cmd_->parsed(); }
  int run() override {
    options_.static_dir = static_dir_;
    options_.api.session_idle = std::chrono::minutes(session_idle_minutes_);
    if (options_.token.empty())
      if (const char* env = std::getenv("THAW_TOKEN")) options_.token = env;
    return server::serve(options_);
  }

 private:
  CLI::App* cmd_ = nullptr;
  server::ServeOptions options_;
  std::string static_dir_;
  int session_idle_minutes_ = 30;
};

}  // namespace

std::unique_ptr<Command> make_serve_command() { return std::make_unique<ServeCommand>(); }

}  // namespace thaw::cli
