#include "app/run.hpp"

#include "app/record.hpp"
#include "app/report.hpp"
#include "app/validate.hpp"
#include "engine/hash.hpp"
#include "engine/progress.hpp"
#include "io/events.hpp"
#include "io/output.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <fstream>

namespace thaw::app {

std::filesystem::path default_run_folder(const Scenario& scenario, uint64_t seed, const std::vector<std::string>& overrides) {
  std::string name = fmt::format("seed-{}", seed);
  if (!overrides.empty()) {
    uint64_t fingerprint = fnv1a_64("");
    for (const auto& o : overrides) fingerprint = fnv1a_64(o + "\n", fingerprint);
    name += fmt::format("-set-{:08x}", static_cast<uint32_t>(fingerprint ^ (fingerprint >> 32)));
  }
  return std::filesystem::path("runs") / scenario.header.name / name;
}

namespace {

namespace fs = std::filesystem;

// Refuses a folder that holds something other than a run (see run_to_folder).
void check_replaceable(const fs::path& folder) {
  std::error_code ec;
  if (!fs::exists(folder, ec)) return;
  if (!fs::is_directory(folder, ec)) throw std::runtime_error(fmt::format("{}: exists and is not a folder", folder.string()));
  if (fs::is_empty(folder, ec) || fs::exists(folder / "run.json", ec)) return;
  throw std::runtime_error(fmt::format("{}: holds files that are not a thaw run (no run.json); give --out an empty "
                                       "or new folder", folder.string()));
}

// The staged folder takes the place of `folder`: the earlier run is moved aside, then removed.
void swap_in(const fs::path& staged, const fs::path& folder) {
  std::error_code ec;
  const fs::path aside = fs::path(folder.string() + ".old");
  fs::remove_all(aside, ec);
  if (fs::exists(folder)) fs::rename(folder, aside);
  fs::rename(staged, folder);
  fs::remove_all(aside, ec);
}

}  // namespace

RunResult run_to_folder(const Scenario& scenario, const RunConfig& config, const std::filesystem::path& target,
                        bool show_progress, const std::vector<std::string>& overrides) {
  const fs::path target_folder = target.filename().empty() ? target.parent_path() : target;
  check_replaceable(target_folder);
  if (target_folder.has_parent_path()) fs::create_directories(target_folder.parent_path());
  const fs::path folder = fs::path(target_folder.string() + ".partial");
  fs::remove_all(folder);
  fs::create_directories(folder);
  RunResult result;

  const auto t0 = std::chrono::steady_clock::now();
  auto sim = scenario.setup->create(config);
  Progress progress(scenario.header.name, sim->total_steps(), show_progress);
  while (sim->steps_done() < sim->total_steps()) {
    sim->step();
    progress.update(sim->steps_done());
  }
  progress.finish();
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  result.steps = sim->steps_done();
  result.checksum = sim->checksum();
  result.summary = sim->summary();

  const auto indicators = folder / "indicators.csv";
  sim->indicators().write_csv(indicators);
  result.files.push_back(indicators);

  const auto scenario_copy = folder / "scenario.toml";
  io::write_text(scenario_copy, fmt::format("# Every parameter as used by this run (from {}, seed {}): thaw run on this file repeats it.\n{}\n",
                                        scenario.source, config.seed, scenario.rerunnable_toml(config.seed)));
  result.files.push_back(scenario_copy);

  if (const auto* events = sim->events())
    for (auto& p : io::write_event_files(*events, folder)) result.files.push_back(p);
  for (auto& p : sim->write_outputs(folder)) result.files.push_back(p);

  // A dated history gets the report, with the debrief against the record when the data files
  // are found.
  if (sim->events() && sim->calendar()) {
    std::optional<TargetFile> targets;
    std::optional<std::vector<RecordEntry>> record;
    const auto targets_path = find_data_file("data/targets.toml");
    const auto record_path = find_data_file("data/record/thaw_record.csv");
    if (std::filesystem::exists(targets_path)) targets = load_targets(targets_path);
    if (std::filesystem::exists(record_path)) record = load_record(record_path);
    std::optional<std::vector<Work>> works;
    if (const auto works_path = find_data_file("data/record/works.csv"); std::filesystem::exists(works_path)) works = load_works(works_path);
    std::optional<std::vector<GlossaryTerm>> glossary;
    if (const auto path = find_data_file("data/i18n/glossary.csv"); std::filesystem::exists(path)) glossary = load_glossary(path);
    // What --set changed against the file, so that the report of an altered run says so.
    std::optional<RunChanges> changes;
    if (!overrides.empty() && std::filesystem::exists(scenario.source)) changes = changes_between(Scenario::load(scenario.source), scenario);
    else changes = RunChanges{};
    const auto report = folder / "report.html";
    io::write_text(report, report_html({sim.get(), &scenario, config.seed, targets ? &*targets : nullptr,
                                    record ? &*record : nullptr, changes ? &*changes : nullptr, works ? &*works : nullptr,
                                    glossary ? &*glossary : nullptr}));
    result.files.push_back(report);
  }

  nlohmann::json meta = {{"scenario", scenario.header.name},
                         {"source", scenario.source},
                         {"model", scenario.header.model},
                         {"seed", config.seed},
                         {"threads", config.threads},
                         {"overrides", overrides},
                         {"steps", result.steps},
                         {"checksum", fmt::format("{:016x}", result.checksum)},
                         {"seconds", result.seconds}};
  // Decisions of the scenario that were not taken, and why (a leader who does not lead, a
  // premise that does not hold).
  if (const auto* events = sim->events()) {
    nlohmann::json not_taken = nlohmann::json::array();
    for (const auto* e : events->with_code("decision.not_taken"))
      not_taken.push_back({{"decision", e->subject}, {"date", e->month.str()}, {"why", e->text}});
    meta["decisions_not_taken"] = not_taken;
  }
  const auto meta_path = folder / "run.json";
  io::write_text(meta_path, meta.dump(2) + "\n");
  result.files.push_back(meta_path);

  swap_in(folder, target_folder);
  result.folder = target_folder;
  for (auto& f : result.files) f = target_folder / f.lexically_relative(folder);
  return result;
}

}  // namespace thaw::app
