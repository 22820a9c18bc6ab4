// thaw: the command line.
//
//   thaw run [SCENARIO] [--seed N] [--threads N] [--set key=value]... [--out DIR] [--checksums]
//   thaw params [SCENARIO] [--markdown]
//   thaw models
//
// Exit status: 0 on success, 2 for bad input (scenario, options), 1 if a run fails.
#include "app/run.hpp"
#include "app/scenario.hpp"
#include "cli/commands.hpp"
#include "engine/parallel.hpp"
#include "io/scenario_file.hpp"
#include "model/registry.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <charconv>
#include <cstdio>
#include <limits>

namespace thaw::cli {

namespace {

constexpr const char* kDefaultScenario = "thaw-1953.toml";

struct RunOptions {
  std::string scenario = kDefaultScenario;
  std::optional<std::string> seed;  // checked by parse_seed: CLI11 would wrap -1 round to 2^64-1
  int threads = 0;
  std::vector<std::string> sets;
  std::string out;
  bool quiet = false;
  bool checksums = false;
};

// The same range as a scenario file's `seed` (0 to 2^63-1), and nothing but digits.
uint64_t parse_seed(const std::string& text) {
  uint64_t seed = 0;
  const auto* end = text.data() + text.size();
  const auto [at, ec] = std::from_chars(text.data(), end, seed);
  if (text.empty() || ec != std::errc() || at != end || seed > uint64_t(std::numeric_limits<int64_t>::max()))
    throw UsageError(fmt::format("--seed: must be an integer from 0 to {}, got \"{}\"",
                                 std::numeric_limits<int64_t>::max(), text));
  return seed;
}

int run_command(const RunOptions& o) {
  const auto path = app::find_scenario(o.scenario);
  std::vector<std::string> sets = o.sets;
  if (o.checksums) sets.emplace_back("run.checksums=true");
  app::Scenario scenario = app::Scenario::load(path, sets);
  RunConfig config;
  config.seed = o.seed ? parse_seed(*o.seed) : static_cast<uint64_t>(scenario.header.seed);
  // More threads than the machine has are not started (the task arena caps them), so the run and
  // its run.json say how many it had.
  config.threads = o.threads > 0 ? std::min(o.threads, hardware_threads()) : hardware_threads();
  const std::filesystem::path folder =
      o.out.empty() ? app::default_run_folder(scenario, config.seed, o.sets) : std::filesystem::path(o.out);
  if (!o.quiet) {
    fmt::print("thaw run: {} ({}), seed {}, {} thread{}{}\n", scenario.header.name, path.string(), config.seed,
               config.threads, config.threads == 1 ? "" : "s",
               o.threads > config.threads ? fmt::format(" (of {} asked for: the machine has {})", o.threads, config.threads) : "");
  }
  const auto result = app::run_to_folder(scenario, config, folder, !o.quiet, sets);
  fmt::print("{}\n", result.summary);
  fmt::print("{} steps in {:.2f} s (checksum {:016x})\n", result.steps, result.seconds, result.checksum);
  fmt::print("Output written to {}/\n", result.folder.string());
  for (const auto& f : result.files) fmt::print("  {}\n", f.filename().string());
  return 0;
}

int params_command(const std::string& scenario_name, const std::string& model_name, bool markdown) {
  std::unique_ptr<app::Scenario> scenario;
  std::unique_ptr<ModelSetup> setup;
  std::function<void(ParamVisitor&)> describe;
  if (!model_name.empty()) {
    const ModelInfo* info = find_model(model_name);
    if (!info) {
      fmt::print(stderr, "thaw params: unknown model \"{}\" (thaw models lists them)\n", model_name);
      return 2;
    }
    setup = info->make();
    describe = [&](ParamVisitor& v) { setup->describe(v); };
  } else {
    scenario = std::make_unique<app::Scenario>(app::Scenario::load(app::find_scenario(scenario_name)));
    describe = [&](ParamVisitor& v) { scenario->describe(v); };
  }
  const auto rows = list_params(describe);
  // Values as TOML that reads back the same, so a line pastes into a scenario or a --set.
  const auto values = io::params_as_toml_values(describe, scenario ? scenario->setup->calendar() : setup->calendar());
  const auto value_of = [&](const ParamInfo& r) {
    const auto it = values.find(r.path);
    return it == values.end() ? r.default_value : it->second;
  };
  if (markdown) {
    fmt::print("| parameter | type | value | unit | range | meaning | source |\n|---|---|---|---|---|---|---|\n");
    for (const auto& r : rows)
      fmt::print("| `{}` | {} | `{}` | {} | {} | {} | {} |\n", r.path, r.type, value_of(r), r.unit, r.range,
                 r.doc, r.source);
  } else {
    for (const auto& r : rows) {
      fmt::print("{:<40} {:<12} {}{}\n", r.path, value_of(r), r.doc, r.unit.empty() ? "" : " [" + r.unit + "]");
    }
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"thaw: an agent-based simulator of the Soviet system in the Khrushchev Thaw (1953-1964)"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "thaw 0.1.0");

  RunOptions run;
  auto* cmd_run = app.add_subcommand("run", "Run a scenario once and write its indicators, events and report");
  cmd_run->add_option("scenario", run.scenario, "Scenario file or name (default: the historical baseline)");
  cmd_run->add_option("--seed", run.seed, "Seed of the run (default: the scenario's)");
  cmd_run->add_option("--threads", run.threads, "Worker threads (default: all cores); results do not depend on it")
      ->check(CLI::Range(1, 1024));
  cmd_run->add_option("--set", run.sets, "Override a parameter: --set citizens.legitimacy=0.7 (repeatable)");
  cmd_run->add_option("--out", run.out, "Output folder (default: runs/<scenario>/seed-<seed>)");
  cmd_run->add_flag("--quiet", run.quiet, "No progress line");
  cmd_run->add_flag("--checksums", run.checksums,
                    "Also write checksums.csv: a checksum of every phase of every month (thaw diverge compares two)");

  std::string params_scenario = kDefaultScenario, params_model;
  bool params_markdown = false;
  auto* cmd_params = app.add_subcommand("params", "List a scenario's parameters with their values, units and sources");
  cmd_params->add_option("scenario", params_scenario, "Scenario file or name");
  cmd_params->add_option("--model", params_model, "List a model's defaults instead of a scenario's values");
  cmd_params->add_flag("--markdown", params_markdown, "Print a Markdown table (for the documentation)");

  auto* cmd_models = app.add_subcommand("models", "List the models");

  auto extras = extra_commands();
  for (auto& c : extras) c->add_to(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }

  try {
    if (*cmd_run) return run_command(run);
    if (*cmd_params) return params_command(params_scenario, params_model, params_markdown);
    if (*cmd_models) {
      for (const auto& m : models())
        if (m.make) fmt::print("{:<12} {}\n", m.name, m.summary);
      return 0;
    }
    for (auto& c : extras)
      if (c->selected()) return c->run();
    return 2;
  } catch (const io::ScenarioError& e) {
    fmt::print(stderr, "thaw: the scenario has {} problem{}:\n", e.problems().size(),
               e.problems().size() == 1 ? "" : "s");
    for (const auto& p : e.problems()) fmt::print(stderr, "  {}\n", p);
    return 2;
  } catch (const UsageError& e) {
    fmt::print(stderr, "thaw: {}\n", e.what());
    return 2;
  } catch (const std::exception& e) {
    fmt::print(stderr, "thaw: error: {}\n", e.what());
    return 1;
  }
}

}  // namespace thaw::cli

int main(int argc, char** argv) { return thaw::cli::main(argc, argv); }
