// thaw bench: how fast a model runs, and how much memory it takes.
//
//   thaw bench                       # lists the targets
//   thaw bench epstein [--sizes 40,400,4000] [--steps N] [--threads 1,2] [--seed 1]
//
// Prints one row per variant, size and thread count: agent activations per second, bytes per
// agent and per cell, and the speed-up over a reference implementation where one is known.
#include "app/bench.hpp"
#include "cli/commands.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

namespace thaw::cli {

namespace {

std::string si(double v) {
  if (v >= 1e9) return fmt::format("{:.2f} G", v / 1e9);
  if (v >= 1e6) return fmt::format("{:.2f} M", v / 1e6);
  if (v >= 1e3) return fmt::format("{:.1f} k", v / 1e3);
  return fmt::format("{:.0f}", v);
}

class BenchCommand final : public Command {
 public:
  void add_to(CLI::App& app) override {
    cmd_ = app.add_subcommand("bench", "Measure a model's speed (agent-steps per second) and memory");
    cmd_->add_option("target", target_, "What to measure (thaw bench alone lists the targets)");
    cmd_->add_option("--sizes", options_.sizes, "Problem sizes, e.g. lattice sides: --sizes 40,400")
        ->delimiter(',')
        ->check(CLI::Range(int64_t{1}, int64_t{65535}));
    cmd_->add_option("--steps", options_.steps, "Timed steps per size (default: the target's, fewer for large sizes)")
        ->check(CLI::Range(int64_t{1}, int64_t{1'000'000}));
    cmd_->add_option("--threads", options_.threads, "Thread counts for the parallel variants")
        ->delimiter(',')
        ->check(CLI::Range(1, 1024));
    cmd_->add_option("--seed", options_.seed, "Seed of the benchmarked runs");
  }
  bool selected() const override { return cmd_ != nullptr && cmd_->parsed(); }

  int run() override {
    if (target_.empty()) {
      for (const auto& t : app::bench_targets()) fmt::print("{:<12} {}\n", t.name, t.summary);
      return 0;
    }
    const app::BenchTarget* target = app::find_bench_target(target_);
    if (!target) throw UsageError(fmt::format("no benchmark target \"{}\" (thaw bench lists them)", target_));
    fmt::print("thaw bench {}: {}\n\n", target->name, target->summary);
    fmt::print("| variant | size | agents | threads | steps | s/step | agent-steps/s | vs reference | bytes/agent | bytes/cell |\n");
    fmt::print("|---|---|---|---|---|---|---|---|---|---|\n");
    std::vector<std::string> references;
    // Each row is printed as soon as it is measured: the largest sizes take a while.
    BenchOptions one = options_;
    const std::vector<int64_t> sizes = options_.sizes;
    for (size_t i = 0; i < std::max<size_t>(sizes.size(), 1); ++i) {
      if (!sizes.empty()) one.sizes = {sizes[i]};
      for (const BenchRow& r : target->run(one)) {
        const std::string vs = r.reference_agent_steps_per_second > 0
                                   ? fmt::format("{:.0f}x ({}/s)", r.agent_steps_per_second / r.reference_agent_steps_per_second,
                                                 si(r.reference_agent_steps_per_second))
                                   : "";
        fmt::print("| {} | {} | {} | {} | {} | {:.4g} | {} | {} | {:.1f} | {:.1f} |\n", r.variant, r.size, r.agents,
                   r.threads, r.steps, r.seconds / static_cast<double>(r.steps), si(r.agent_steps_per_second), vs,
                   r.bytes_per_agent, r.bytes_per_cell);
        if (r.copy_bytes_per_second > 0) {
          fmt::print("|   | whole run {:.2f} s (set-up included); peak RSS {:.0f} MiB ({:.1f} B/agent); a month moves {:.0f} MB; "
                     "streaming copy {:.2f} GB/s; month / copy = {:.2f} | | | | | | | | |\n",
                     r.seconds_total, r.peak_resident_bytes / (1 << 20), r.peak_resident_bytes / static_cast<double>(r.agents),
                     r.step_bytes / 1e6, r.copy_bytes_per_second / 1e9, r.bound_ratio);
        }
        std::fflush(stdout);
        if (!r.reference.empty() &&
            std::find(references.begin(), references.end(), r.reference) == references.end())
          references.push_back(r.reference);
      }
    }
    for (const auto& ref : references) fmt::print("\nreference: {}\n", ref);
    fmt::print("peak resident memory: {:.1f} MiB\n", static_cast<double>(peak_resident_bytes()) / (1 << 20));
    return 0;
  }

 private:
  CLI::App* cmd_ = nullptr;
  std::string target_;
  BenchOptions options_;
};

}  // namespace

std::unique_ptr<Command> make_bench_command() { return std::make_unique<BenchCommand>(); }

}  // namespace thaw::cli
