// thaw calibrate SPEC: rejection ABC of the spec's parameters against chosen record targets,
// with the held-out targets' fit under the prior and the posterior (docs/calibration-method.md).
// The particles are a sweep (random design), so calibration resumes, and runs on MPI, as sweeps do.
#include "app/calibrate.hpp"
#include "app/scenario.hpp"
#include "cli/commands.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <sstream>

namespace thaw::cli {

namespace {

std::vector<std::string> split_ids(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  std::string item;
  while (std::getline(ss, item, ','))
    if (!item.empty()) out.push_back(item);
  return out;
}

class CalibrateCommand final : public Command {
 public:
  void add_to(CLI::App& app) override {
    cmd_ = app.add_subcommand("calibrate", "Approximate Bayesian computation of parameters against record targets");
    cmd_->add_option("spec", spec_, "Calibration spec (a sweep spec with design = \"random\" and [calibration])")->required();
    cmd_->add_option("--targets", targets_, "Targets file (default: the spec's, else data/targets.toml)");
    cmd_->add_option("--fit", fit_, "Comma-separated target ids to fit (default: the spec's, else those marked fitted)");
    cmd_->add_option("--accept", accept_, "Share of particles accepted (default: the spec's)")->check(CLI::Range(1e-6, 1.0));
    cmd_->add_option("--particles", particles_, "Draws from the prior (overrides sweep.points)")->check(CLI::Range(1, 10000000));
    cmd_->add_option("--replicates", replicates_, "Runs per particle (overrides the spec)")->check(CLI::Range(1, 100000));
    cmd_->add_option("--db", db_, "Database (default: runs/calibration/<name>.db); an existing one is resumed");
    cmd_->add_option("--out", out_, "Output folder (default: runs/calibration/<name>/)");
    cmd_->add_option("--threads", threads_, "Worker threads per process")->check(CLI::Range(1, 1024));
    cmd_->add_option("--set", sets_, "Override a parameter in every run (repeatable)");
    cmd_->add_flag("--quiet", quiet_, "No progress line");
  }
  bool selected() const override { return cmd_->parsed(); }
  int run() override {
    auto spec = app::load_sweep_spec(spec_, sets_);
    if (!targets_.empty()) spec.targets = targets_;
    if (spec.targets.empty()) spec.targets = "data/targets.toml";
    if (!fit_.empty()) spec.fit = split_ids(fit_);
    if (accept_ > 0) spec.accept = accept_;
    if (particles_ > 0) spec.points = particles_;
    if (replicates_ > 0) spec.replicates = replicates_;
    const auto targets = app::load_targets(app::find_scenario(spec.targets));
    const auto fitted = app::fitted_target_ids(spec, targets);
    const std::filesystem::path db = db_.empty() ? std::filesystem::path("runs/calibration") / (spec.name + ".db")
                                                 : std::filesystem::path(db_);
    const std::filesystem::path out = out_.empty() ? std::filesystem::path("runs/calibration") / spec.name
                                                   : std::filesystem::path(out_);
    app::SweepOptions options;
    options.db = db;
    options.threads = threads_;
    options.progress = !quiet_;
    options.targets = &targets;
    const auto r = app::run_sweep(spec, options);
    if (r.rank == 0) {
      std::string fit_list;
      for (const auto& id : fitted) fit_list += (fit_list.empty() ? "" : ", ") + id;
      fmt::print("thaw calibrate {}: {} particles x {} replicates ({} runs, {} stored now in {:.1f} s); fitted: {}\n\n",
                 spec.name, spec.points, spec.replicates, r.total_runs, r.stored, r.seconds, fit_list);
      const auto report = app::analyse_calibration(db, spec, targets);
      fmt::print("{}", app::calibration_text(report));
      const auto files = app::write_calibration(report, db, out);
      fmt::print("\nWritten to {}/:", out.string());
      for (const auto& f : files) fmt::print(" {}", f.filename().string());
      fmt::print("\n");
    }
    app::mpi_finalize();
    return 0;
  }

 private:
  CLI::App* cmd_ = nullptr;
  std::string spec_, targets_, fit_, db_, out_;
  double accept_ = 0;
  int64_t particles_ = 0, replicates_ = 0;
  int threads_ = 0;
  std::vector<std::string> sets_;
  bool quiet_ = false;
};

}  // namespace

std::unique_ptr<Command> make_calibrate_command() { return std::make_unique<CalibrateCommand>(); }

}  // namespace thaw::cli
