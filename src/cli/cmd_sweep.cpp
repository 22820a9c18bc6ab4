// thaw sweep SPEC: a design over parameters and decisions, N replicates each, on all cores (and on
// every MPI rank when started by mpirun), into an SQLite database that resumes where it stopped.
// docs/sweeps.md: the spec, the schema, clusters.
#include "app/sweep.hpp"
#include "cli/commands.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

namespace thaw::cli {

namespace {

class SweepCommand final : public Command {
 public:
  void add_to(CLI::App& app) override {
    cmd_ = app.add_subcommand("sweep", "Run a sweep (grid or random design, replicates) into an SQLite database");
    cmd_->add_option("spec", spec_, "Sweep spec (TOML), e.g. sweeps/speech-reach.toml")->required();
    cmd_->add_option("--db", db_, "Database (default: runs/sweeps/<name>.db); an existing one is resumed");
    cmd_->add_option("--out", out_, "CSV export folder (default: runs/sweeps/<name>/)");
    cmd_->add_option("--threads", threads_, "Worker threads per process (default: the cores, shared among ranks)")
        ->check(CLI::Range(1, 1024));
    cmd_->add_option("--set", sets_, "Override a parameter in every run (repeatable)");
    cmd_->add_option("--replicates", replicates_, "Replicates per point (overrides the spec)")->check(CLI::Range(1, 10000000));
    cmd_->add_option("--points", points_, "Points of a random design (overrides the spec)")->check(CLI::Range(1, 10000000));
    cmd_->add_option("--stop-after", stop_after_, "Testing: stop after storing this many runs, as if killed")
        ->check(CLI::Range(0, 1 << 30));
    cmd_->add_flag("--export-only", export_only_, "Only export the database to CSV");
    cmd_->add_flag("--no-export", no_export_, "Do not write the CSV files");
    cmd_->add_flag("--quiet", quiet_, "No progress line");
  }
  bool selected() const override { return cmd_->parsed(); }
  int run() override {
    auto spec = app::load_sweep_spec(spec_, sets_);
    if (replicates_ > 0) spec.replicates = replicates_;
    if (points_ > 0) spec.points = points_;
    const std::filesystem::path db = db_.empty() ? std::filesystem::path("runs/sweeps") / (spec.name + ".db") : std::filesystem::path(db_);
    const std::filesystem::path out = out_.empty() ? std::filesystem::path("runs/sweeps") / spec.name : std::filesystem::path(out_);
    int status = 0;
    bool root = true;
    if (!export_only_) {
      app::SweepOptions options;
      options.db = db;
      options.threads = threads_;
      options.progress = !quiet_;
      options.stop_after = stop_after_;
      const auto r = app::run_sweep(spec, options);
      root = r.rank == 0;
      if (root) {
        fmt::print("thaw sweep {}: {} runs in the design, {} already in {}, {} stored now by {} process{} in {:.1f} s ({:.2f} runs/s)\n",
                   spec.name, r.total_runs, r.already_done, db.string(), r.stored, r.processes,
                   r.processes == 1 ? "" : "es", r.seconds, r.seconds > 0 ? static_cast<double>(r.stored) / r.seconds : 0.0);
      }
      if (r.stopped) status = 3;
    }
    if (root && status == 0) {
      fmt::print("{}", app::sweep_summary_text(db));
      if (!no_export_) {
        const auto files = app::export_sweep_csv(db, out);
        fmt::print("CSV written to {}/:", out.string());
        for (const auto& f : files) fmt::print(" {}", f.filename().string());
        fmt::print("\n");
      }
    }
    app::mpi_finalize();
    return status;
  }

 private:
  CLI::App* cmd_ = nullptr;
  std::string spec_, db_, out_;
  int threads_ = 0;
  std::vector<std::string> sets_;
  int64_t stop_after_ = -1, replicates_ = 0, points_ = 0;
  bool export_only_ = false, no_export_ = false, quiet_ = false;
};

}  // namespace

std::unique_ptr<Command> make_sweep_command() { return std::make_unique<SweepCommand>(); }

}  // namespace thaw::cli
