// thaw serve: the web interface (docs/web.md) on localhost.
#include "cli/commands.hpp"
#include "server/server.hpp"

#include <CLI/CLI.hpp>

namespace thaw::cli {

namespace {

class ServeCommand final : public Command {
 public:
  void add_to(CLI::App& app) override {
    cmd_ = app.add_subcommand("serve", "Serve the web interface: explore, compare and play the Thaw in a browser");
    cmd_->add_option("--host", options_.host, "Address to listen on (default 127.0.0.1: this machine only)");
    cmd_->add_option("--port", options_.port, "Port (default 8053)")->check(CLI::Range(1, 65535));
    cmd_->add_option("--static", static_dir_, "Front-end folder (default: web/dist of the source tree)");
    cmd_->add_option("--max-runs", options_.api.max_concurrent_runs, "Runs executing at once; more get 429")
        ->check(CLI::Range(1, 64));
    cmd_->add_option("--max-replicates", options_.api.max_replicates, "Largest ensemble a request may ask for")
        ->check(CLI::Range(1, 1000));
    cmd_->add_option("--max-body", options_.max_body_bytes, "Largest request body in bytes")->check(CLI::Range(256, 16 << 20));
    cmd_->add_option("--set", options_.api.defaults,
                     "Override a parameter in every run before the request's own (e.g. run.scale=20000 for fast runs)");
  }
  bool selected() const override { return cmd_->parsed(); }
  int run() override {
    options_.static_dir = static_dir_;
    return server::serve(options_);
  }

 private:
  CLI::App* cmd_ = nullptr;
  server::ServeOptions options_;
  std::string static_dir_;
};

}  // namespace

std::unique_ptr<Command> make_serve_command() { return std::make_unique<ServeCommand>(); }

}  // namespace thaw::cli
