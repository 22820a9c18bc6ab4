// thaw impact: every decision of a scenario switched off in turn, on the scenario's own seeds,
// and what changed.
#include "app/impact.hpp"
#include "app/scenario.hpp"
#include "cli/commands.hpp"
#include "engine/parallel.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

namespace thaw::cli {

namespace {

class ImpactCommand final : public Command {
 public:
  void add_to(CLI::App& app) override {
    cmd_ = app.add_subcommand("impact", "Switch each decision off in turn (same seeds) and show what changes");
    add_ensemble_options(*cmd_, o_, "Scenario (default: the historical baseline)",
                         "File whose [[outcome]]s are compared (default: data/targets.toml)", "Runs per ensemble", 2,
                         "Override a parameter in every ensemble (repeatable)");
    cmd_->add_option("--decision", only_, "Only these decision ids (repeatable; default: every enabled decision)");
    cmd_->add_flag("--no-fork", no_fork_, "Run every decision-off run from the start instead of forking it from the baseline at the "
                                          "decision's month (same results, slower; for checking)");
    cmd_->add_option("--top", top_, "Rows of the table printed (default 10; the files have all)");
  }
  bool selected() const override { return cmd_->parsed(); }
  int run() override {
    const auto targets = app::load_targets(app::find_scenario(o_.targets));
    app::ImpactOptions options;
    options.runs = o_.runs;
    options.threads = o_.threads_or_all();
    options.progress = !o_.quiet;
    options.overrides = o_.sets;
    options.only = only_;
    options.fork = !no_fork_;
    const auto scenario = app::find_scenario(o_.scenario);
    fmt::print("thaw impact: {} runs per decision of {} on {} threads\n", o_.runs, scenario.string(), options.threads);
    const auto report = app::decision_impact(scenario, targets.outcomes, options);
    fmt::print("\n{}\n", app::impact_markdown(report, top_));
    const auto files = app::write_impact(report, o_.out);
    fmt::print("{} decisions, {:.0f} s. Output written to {}/\n", report.decisions.size(), report.seconds, o_.out);
    for (const auto& f : files) fmt::print("  {}\n", f.filename().string());
    return 0;
  }

 private:
  CLI::App* cmd_ = nullptr;
  EnsembleOptions o_{"runs/impact"};
  size_t top_ = 10;
  bool no_fork_ = false;
  std::vector<std::string> only_;
};

}  // namespace

std::unique_ptr<Command> make_impact_command() { return std::make_unique<ImpactCommand>(); }

}  // namespace thaw::cli
