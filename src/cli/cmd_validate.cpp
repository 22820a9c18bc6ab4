// thaw validate: the baseline's ensemble against the record's targets, and the counterfactuals'
// shift against the baseline.
#include "app/scenario.hpp"
#include "app/validate.hpp"
#include "cli/commands.hpp"
#include "engine/parallel.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

namespace thaw::cli {

namespace {

class ValidateCommand final : public Command {
 public:
  void add_to(CLI::App& app) override {
    cmd_ = app.add_subcommand("validate", "Run an ensemble of the baseline and compare it with the record");
    cmd_->add_option("scenario", scenario_, "Baseline scenario (default: the historical baseline)");
    cmd_->add_option("--targets", targets_, "Targets file (default: data/targets.toml)");
    cmd_->add_option("--runs", runs_, "Runs in the ensemble")->check(CLI::Range(1, 100000));
    cmd_->add_option("--threads", threads_, "Worker threads (default: all cores)")->check(CLI::Range(1, 1024));
    cmd_->add_option("--set", sets_, "Override a parameter in every scenario (repeatable)");
    cmd_->add_option("--out", out_, "Output folder (default: runs/validation)");
    cmd_->add_option("--events", events_,
                     "Also write every baseline run's events to this CSV (run, seed, date, code, severity, subject, data)");
    cmd_->add_flag("--no-counterfactuals", no_counterfactuals_, "Skip the counterfactual scenarios");
    cmd_->add_flag("--quiet", quiet_, "No progress line");
  }
  bool selected() const override { return cmd_->parsed(); }
  int run() override {
    const auto targets = app::load_targets(app::find_scenario(targets_));
    app::ValidationOptions options;
    options.runs = runs_;
    options.threads = threads_ > 0 ? threads_ : hardware_threads();
    options.progress = !quiet_;
    options.overrides = sets_;
    options.events_csv = events_;
    const auto baseline = app::find_scenario(scenario_);
    fmt::print("thaw validate: {} runs of {} on {} threads\n", runs_, baseline.string(), options.threads);
    const auto report = app::validate(baseline, targets, options, !no_counterfactuals_);
    fmt::print("\n{}\n", app::target_table_text(report));
    const auto cf = app::counterfactual_table_text(report);
    if (!cf.empty()) fmt::print("{}\n", cf);
    const auto files = app::write_validation(report, out_);
    fmt::print("{:.0f} s. Output written to {}/\n", report.seconds, out_);
    for (const auto& f : files) fmt::print("  {}\n", f.filename().string());
    if (!events_.empty()) fmt::print("Every baseline run's events: {}\n", events_);
    return 0;
  }

 private:
  CLI::App* cmd_ = nullptr;
  std::string scenario_ = "thaw-1953.toml";
  std::string targets_ = "data/targets.toml";
  size_t runs_ = 100;
  int threads_ = 0;
  std::vector<std::string> sets_;
  std::string out_ = "runs/validation";
  std::string events_;
  bool no_counterfactuals_ = false;
  bool quiet_ = false;
};

}  // namespace

std::unique_ptr<Command> make_validate_command() { return std::make_unique<ValidateCommand>(); }

}  // namespace thaw::cli
