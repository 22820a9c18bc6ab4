// thaw dock: compares thaw's Epstein model with Mesa's, configuration by configuration.
//
//   thaw dock [--seeds 100] [--threads N] [--out runs/dock] [--mesa data/docking/mesa_epstein_summary.csv]
//             [--config TEXT] [--set key=value]... [--all-statistics] [--alpha 0.01]
//
// Prints the table and writes docking.csv and docking.md into the output folder. Exit status 1 if
// any comparison fails. Method: docs/docking.md.
#include "app/ensemble.hpp"
#include "app/scenario.hpp"
#include "cli/commands.hpp"
#include "engine/parallel.hpp"
#include "model/epstein/docking.hpp"
#include "model/epstein/statistics.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <chrono>
#include <fstream>
#include <numeric>

namespace thaw::cli {

namespace {

class DockCommand final : public Command {
 public:
  void add_to(CLI::App& app) override {
    cmd_ = app.add_subcommand("dock", "Compare thaw's Epstein model with Mesa's runs (data/docking), statistic by statistic");
    cmd_->add_option("--seeds", seeds_, "thaw runs per configuration (seeds 1..N)")->check(CLI::Range(2, 100000));
    cmd_->add_option("--threads", threads_, "Worker threads (default: all cores); results do not depend on it")
        ->check(CLI::Range(1, 1024));
    cmd_->add_option("--out", out_, "Folder for docking.csv and docking.md");
    cmd_->add_option("--mesa", mesa_, "Mesa's summary statistics");
    cmd_->add_option("--alpha", criteria_.alpha, "Significance level of each test")->check(CLI::Range(0.0, 1.0));
    cmd_->add_option("--set", sets_,
                     "Override a parameter in every configuration, e.g. --set rules.arrest_rounding=floor to see "
                     "which rule differences the comparison detects (repeatable)");
    cmd_->add_option("--config", only_, "Only the configurations whose label contains this text");
    cmd_->add_flag("--all-statistics", all_statistics_,
                   "Compare every statistic of Mesa's summary, not only mean active, mean jailed, peak active and "
                   "outbursts");
  }
  bool selected() const override { return cmd_ != nullptr && cmd_->parsed(); }

  int run() override {
    const auto mesa_path = app::find_source_file(mesa_);
    const auto mesa = epstein::read_mesa_summary(mesa_path);
    const int threads = threads_ > 0 ? threads_ : hardware_threads();
    fmt::print("thaw dock: {} seeds per configuration against {} ({} thread{})\n", seeds_, mesa_path.string(), threads,
               threads == 1 ? "" : "s");
    // Seeds 1..N, as Mesa's runs were numbered.
    std::vector<uint64_t> seeds(seeds_);
    std::iota(seeds.begin(), seeds.end(), uint64_t{1});
    std::vector<epstein::ConfigComparison> comparisons;
    for (const auto& config : epstein::docking_configs()) {
      if (!only_.empty() && config.label.find(only_) == std::string_view::npos) continue;
      const auto scenario = app::Scenario::load(app::find_scenario(std::string(config.scenario)), sets_);
      // A run's statistics are defined by the scenario's own parameters (ODD "Observation").
      const auto burn_in = scenario.number("indicators.burn_in");
      const auto threshold = scenario.number("indicators.outburst_threshold");
      if (scenario.header.model != "epstein" || !burn_in || !threshold)
        throw UsageError(fmt::format("{} is not an Epstein scenario", config.scenario));
      const epstein::StatisticsDefinition definition{.burn_in = static_cast<int64_t>(*burn_in), .outburst_threshold = *threshold};
      const auto mesa_runs = epstein::mesa_runs_of(mesa.runs, config.mesa_file);
      if (mesa_runs.empty()) throw std::runtime_error(fmt::format("{}: no rows for {}", mesa_path.string(), config.mesa_file));
      const auto t0 = std::chrono::steady_clock::now();
      std::vector<epstein::RunStatistics> thaw_runs(seeds.size());
      app::run_ensemble(scenario, seeds, {.threads = threads}, [&](size_t i, Simulation& sim) {
        thaw_runs[i] = epstein::summarise(sim.indicators(), definition);
      });
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      fmt::print("  {:<45} {} thaw runs in {:.2f} s, {} Mesa runs\n", config.label, seeds_, seconds, mesa_runs.size());
      comparisons.push_back(epstein::compare(config, thaw_runs, mesa_runs, mesa.decimals, criteria_,
                                             all_statistics_ ? epstein::all_statistics() : epstein::docked_statistics()));
    }
    const std::string markdown = epstein::to_markdown(comparisons, criteria_);
    fmt::print("\n{}\n", markdown);
    std::filesystem::create_directories(out_);
    const auto csv_path = std::filesystem::path(out_) / "docking.csv";
    const auto md_path = std::filesystem::path(out_) / "docking.md";
    std::ofstream(csv_path) << epstein::to_csv(comparisons);
    std::ofstream(md_path) << fmt::format("# thaw vs Mesa v3.3.1: Epstein civil violence\n\n{} thaw seeds per "
                                          "configuration; Mesa: {}.\n\n{}",
                                          seeds_, mesa_path.string(), markdown);
    bool all = true;
    for (const auto& c : comparisons) all = all && c.pass();
    fmt::print("{}\nWritten: {}, {}\n", all ? "All comparisons pass." : "Some comparisons FAIL.", csv_path.string(),
               md_path.string());
    return all ? 0 : 1;
  }

 private:
  CLI::App* cmd_ = nullptr;
  size_t seeds_ = 100;
  int threads_ = 0;
  std::string out_ = "runs/dock";
  std::string mesa_ = "data/docking/mesa_epstein_summary.csv";
  epstein::DockingCriteria criteria_;
  std::string only_;
  std::vector<std::string> sets_;
  bool all_statistics_ = false;
};

}  // namespace

std::unique_ptr<Command> make_dock_command() { return std::make_unique<DockCommand>(); }

}  // namespace thaw::cli
