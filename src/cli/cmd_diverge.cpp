// thaw diverge: where two runs part, phase by phase, month by month.
//
//   thaw run --checksums --out a            # one build, machine or thread count
//   other/thaw run --checksums --out b      # another
//   thaw diverge a b                        # "first divergence: 1956-10 (step 43), after society: ..."
//
// A and B are run folders holding a checksums.csv, or the files themselves. The first row whose
// checksums differ names the month and the phase (the decisions or a mechanism) after which the
// runs are no longer the same, and which parts differ there: the indicators as they stood, the
// events of the phase, society's inputs, the phase's own state (people, custody). With two folders
// the first indicator of that month that differs is shown too. Exit status 0 if the runs are the
// same, 1 if they part, 2 for bad input.
#include "cli/commands.hpp"
#include "engine/checksum_log.hpp"
#include "io/csv.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <filesystem>

namespace thaw::cli {

namespace {

std::filesystem::path checksums_file(const std::string& given) {
  std::filesystem::path p(given);
  if (std::filesystem::is_directory(p)) p /= "checksums.csv";
  if (!std::filesystem::exists(p))
    throw UsageError(fmt::format("{}: no such file (write one with thaw run --checksums)", p.string()));
  return p;
}

// The first column of indicators.csv that differs in the month `date`, if both folders have one.
void show_indicator(const std::filesystem::path& a, const std::filesystem::path& b, const std::string& date) {
  const auto fa = a.parent_path() / "indicators.csv", fb = b.parent_path() / "indicators.csv";
  if (!std::filesystem::exists(fa) || !std::filesystem::exists(fb)) return;
  const io::CsvTable ta = io::read_csv(fa), tb = io::read_csv(fb);
  auto row_of = [&](const io::CsvTable& t) -> const std::vector<std::string>* {
    for (const auto& r : t.rows)
      if (t.get(r, "date") == date) return &r;
    return nullptr;
  };
  const auto *ra = row_of(ta), *rb = row_of(tb);
  if (!ra || !rb) return;
  size_t differing = 0;
  std::string first;
  for (const auto& column : ta.header) {
    const std::string& x = ta.get(*ra, column);
    const std::string& y = tb.get(*rb, column);
    if (x == y) continue;
    if (differing++ == 0) first = fmt::format("{}: {} against {}", column, x, y);
  }
  if (differing == 0) {
    fmt::print("  indicators.csv agrees at {}: the difference is not (yet) in the month's indicators\n", date);
    return;
  }
  fmt::print("  indicators.csv at {}: {}{}\n", date, first,
             differing > 1 ? fmt::format(" (and {} more column{})", differing - 1, differing > 2 ? "s" : "") : "");
}

class DivergeCommand final : public Command {
 public:
  void add_to(CLI::App& app) override {
    cmd_ = app.add_subcommand("diverge", "Name the first month and phase at which two runs differ (their checksums.csv)");
    cmd_->add_option("a", a_, "A run folder (thaw run --checksums) or its checksums.csv")->required();
    cmd_->add_option("b", b_, "The other")->required();
  }
  bool selected() const override { return cmd_ != nullptr && cmd_->parsed(); }

  int run() override {
    const auto pa = checksums_file(a_), pb = checksums_file(b_);
    ChecksumLog la, lb;
    try {
      la = ChecksumLog::read_csv(pa);
      lb = ChecksumLog::read_csv(pb);
    } catch (const std::runtime_error& e) {
      throw UsageError(e.what());
    }
    const auto d = first_divergence(la, lb);
    if (!d) {
      fmt::print("the same: {} phases over {} steps agree\n", la.rows().size(),
                 la.rows().empty() ? 0 : la.rows().back().step + 1);
      return 0;
    }
    fmt::print("first divergence: {} (step {}), after {}", d->date, d->step, d->phase);
    if (!d->parts.empty()) {
      std::string parts;
      for (const auto& p : d->parts) parts += (parts.empty() ? "" : ", ") + p;
      fmt::print(": {} differ{}", parts, d->parts.size() == 1 ? "s" : "");
    }
    fmt::print("\n");
    if (!d->note.empty()) fmt::print("  {}\n", d->note);
    if (std::filesystem::is_directory(a_) && std::filesystem::is_directory(b_)) show_indicator(pa, pb, d->date);
    return 1;
  }

 private:
  CLI::App* cmd_ = nullptr;
  std::string a_, b_;
};

}  // namespace

std::unique_ptr<Command> make_diverge_command() { return std::make_unique<DivergeCommand>(); }

}  // namespace thaw::cli
