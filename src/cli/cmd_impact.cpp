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
    cmd_->add_option("scenario", scenario_, "Scenario (default: the historical baseline)");
    cmd_->add_option("--targets", targets_, "File whose [[outcome]]s are compared (default: data/targets.toml)");
    cmd_->add_option("--runs", runs_, "Runs per ensemble")->check(CLI::Range(2, 100000));
    cmd_->add_option("--threads", threads_, "Worker threads (default: all cores)")->check(CLI::Range(1, 1024));
    cmd_->add_option("--set", sets_, "Override a parameter in every ensemble (repeatable)");
    cmd_->add_option("--decision", only_, "Only these decision ids (repeatable; default: every enabled decision)");
    cmd_->add_option("--top", top_, "Rows of the table printed (default 10; the files have all)");
    cmd_->add_option("--out", out_, "Output folder (default: runs/impact)");
    cmd_->add_flag("--quiet", quiet_, "No progress line");
  }
  bool selected() const override { return cmd_->parsed(); }
  int run() override {
    const auto targets = app::load_targets(app::find_scenario(targets_));
    app::ImpactOptions options;
    options.runs = runs_;
    options.threads = threads_ > 0 ? threads_ : hardware_threads();
    options.progress = !quiet_;
    options.overrides = sets_;
    options.only = only_;
    const auto scenario = app::find_scenario(scenario_);
    fmt::print("thaw impact: {} runs per decision of {} on {} threads\n", runs_, scenario.string(), options.threads);
    const auto report = app::decision_impact(scenario, targets.outcomes, options);
    fmt::print("\n{}\n", app::impact_markdown(report, top_));
    const auto files = app::write_impact(report, out_);
    fmt::print("{} decisions, {:.0f} s. Output written to {}/\n", report.decisions.size(), report.seconds, out_);
    for (const auto& f : files) fmt::print("  {}\n", f.filename().string());
    return 0;
  }

 private:
  CLI::App* cmd_ = nullptr;
  std::string scenario_ = "thaw-1953.toml";
  std::string targets_ = "data/targets.toml";
  size_t runs_ = 100;
  int threads_ = 0;
  size_t top_ = 10;
  std::vector<std::string> sets_, only_;
  std::string out_ = "runs/impact";
  bool quiet_ = false;
};

}  // namespace

std::unique_ptr<Command> make_impact_command() { return std::make_unique<ImpactCommand>(); }

}  // namespace thaw::cli
