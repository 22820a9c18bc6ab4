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
    add_ensemble_options(*cmd_, o_, "Baseline scenario (default: the historical baseline)",
                         "Targets file (default: data/targets.toml)", "Runs in the ensemble", 1,
                         "Override a parameter in every scenario (repeatable)");
    cmd_->add_option("--events", events_,
                     "Also write every baseline run's events to this CSV (run, seed, date, code, severity, subject, data)");
    cmd_->add_flag("--no-counterfactuals", no_counterfactuals_, "Skip the counterfactual scenarios");
  }
  bool selected() const override { return cmd_->parsed(); }
  int run() override {
    const auto targets = app::load_targets(app::find_scenario(o_.targets));
    app::ValidationOptions options;
    options.runs = o_.runs;
    options.threads = o_.threads_or_all();
    options.progress = !o_.quiet;
    options.overrides = o_.sets;
    options.events_csv = events_;
    const auto baseline = app::find_scenario(o_.scenario);
    fmt::print("thaw validate: {} runs of {} on {} threads\n", o_.runs, baseline.string(), options.threads);
    const auto report = app::validate(baseline, targets, options, !no_counterfactuals_);
    fmt::print("\n{}\n", app::target_table_text(report));
    const auto cf = app::counterfactual_table_text(report);
    if (!cf.empty()) fmt::print("{}\n", cf);
    const auto files = app::write_validation(report, o_.out);
    fmt::print("{:.0f} s. Output written to {}/\n", report.seconds, o_.out);
    for (const auto& f : files) fmt::print("  {}\n", f.filename().string());
    if (!events_.empty()) fmt::print("Every baseline run's events: {}\n", events_);
    return 0;
  }

 private:
  CLI::App* cmd_ = nullptr;
  EnsembleOptions o_{"runs/validation"};
  std::string events_;
  bool no_counterfactuals_ = false;
  bool quiet_ = false;
};

}  // namespace

std::unique_ptr<Command> make_validate_command() { return std::make_unique<ValidateCommand>(); }

}  // namespace thaw::cli
