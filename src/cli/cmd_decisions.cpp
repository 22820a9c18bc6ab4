// thaw decisions: the kinds of decision a scenario may script, with their fields.
#include "cli/commands.hpp"
#include "model/thaw/decisions.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cmath>

namespace thaw::cli {

namespace {

std::string range(const ParamSpec& s) {
  if (!s.choices.empty()) {
    std::string out;
    for (auto c : s.choices) out += (out.empty() ? "" : "|") + std::string(c);
    return out;
  }
  if (std::isfinite(s.min) && std::isfinite(s.max)) return fmt::format("{}..{}", s.min, s.max);
  return "";
}

class DecisionsCommand final : public Command {
 public:
  void add_to(CLI::App& app) override {
    cmd_ = app.add_subcommand("decisions", "List the kinds of decision a scenario may script, with their fields");
    cmd_->add_flag("--markdown", markdown_, "Print Markdown (for the documentation)");
  }
  bool selected() const override { return cmd_->parsed(); }
  int run() override {
    for (const auto* k : model::decision_kinds()) {
      if (markdown_) {
        fmt::print("### `{}` ({})\n\n{}\n\n| field | default | range | unit | meaning |\n|---|---|---|---|---|\n", k->name,
                   k->owner, k->doc);
        for (const auto& f : k->numbers)
          fmt::print("| `{}` | {} | {} | {} | {} |\n", f.name, f.default_value, range(f.spec), f.spec.unit, f.spec.doc);
        for (const auto& f : k->texts)
          fmt::print("| `{}` | \"{}\" | {} | | {} |\n", f.name, f.default_value, range(f.spec), f.spec.doc);
        fmt::print("\n");
      } else {
        fmt::print("{} ({}): {}\n", k->name, k->owner, k->doc);
        for (const auto& f : k->numbers)
          fmt::print("    {:<24} = {:<8} {:<12} {}{}\n", f.name, f.default_value, range(f.spec), f.spec.doc,
                     f.spec.unit.empty() ? "" : fmt::format(" [{}]", f.spec.unit));
        for (const auto& f : k->texts)
          fmt::print("    {:<24} = {:<8} {:<12} {}\n", f.name, fmt::format("\"{}\"", f.default_value), range(f.spec), f.spec.doc);
      }
    }
    return 0;
  }

 private:
  CLI::App* cmd_ = nullptr;
  bool markdown_ = false;
};

}  // namespace

std::unique_ptr<Command> make_decisions_command() { return std::make_unique<DecisionsCommand>(); }

}  // namespace thaw::cli
