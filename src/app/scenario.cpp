#include "app/scenario.hpp"

#include "io/scenario_file.hpp"
#include "model/registry.hpp"

#include <fmt/format.h>

#include <vector>

namespace thaw::app {

void ScenarioHeader::describe(ParamVisitor& v) {
  static std::vector<std::string_view> names = [] {
    std::vector<std::string_view> n;
    for (const auto& m : models())
      if (m.make) n.push_back(m.name);
    return n;
  }();
  v.value("model", model, {.doc = "which model runs this scenario", .choices = names, .required = true});
  v.value("name", name, {.doc = "short name, used for the output folder"});
  v.value("description", description, {.doc = "what the scenario is for"});
  v.value("base", base, {.doc = "the scenario this one changes (a file beside it): its tables are laid over the base's, lists of tables merge by id"});
  v.value("seed", seed, {.doc = "default seed of the run (thaw run --seed overrides it)", .min = 0});
}

void Scenario::describe(ParamVisitor& v) {
  v.section("scenario", "what this file is", [&](ParamVisitor& s) { header.describe(s); });
  if (setup) setup->describe(v);
}

// The visitors below only read values, so a const scenario may be described to them.
std::vector<ParamInfo> Scenario::parameters() const {
  return list_params([&](ParamVisitor& v) { const_cast<Scenario&>(*this).describe(v); });
}

std::optional<double> Scenario::number(std::string_view path) const {
  for (const auto& p : parameters())
    if (p.path == path && (p.type == "number" || p.type == "integer")) return std::stod(p.default_value);
  return std::nullopt;
}

std::optional<Month> Scenario::month(std::string_view path) const {
  for (const auto& p : parameters())
    if (p.path == path && p.type == "month") return Month::parse(p.default_value);
  return std::nullopt;
}

std::optional<int64_t> Scenario::steps() const {
  if (const auto n = number("run.steps")) return static_cast<int64_t>(*n);
  const auto start = month("run.start"), end = month("run.end");
  if (start && end) return int64_t{*end - *start} + 1;
  return std::nullopt;
}

std::string Scenario::rerunnable_toml(uint64_t seed) const {
  ScenarioHeader header_used = header;
  header_used.seed = static_cast<int64_t>(seed);
  return io::params_to_toml(
      [&](ParamVisitor& v) {
        v.section("scenario", "what this file is", [&](ParamVisitor& s) { header_used.describe(s); });
        setup->describe(v);
      },
      setup->calendar(), {"scenario.base"});
}

std::vector<ParamItem> Scenario::items(std::string_view list) const {
  return list_items([&](ParamVisitor& v) { const_cast<Scenario&>(*this).describe(v); }, list);
}

namespace {

// Checks that hold for any model with a length and dated decisions: the run is not absurdly long,
// and every decision falls inside it (one dated outside would silently never happen).
void check_run_span(const Scenario& s, const io::ScenarioFile& file) {
  std::vector<std::string> problems;
  const auto where = [&](const std::string& path) {
    const auto overridden = file.overridden(path);
    return overridden ? fmt::format("--set {}", *overridden) : file.location(path);
  };
  // A decision before the start is always a mistake. One after the end is one only where it was
  // put there: by a --set of its date, or by the file being run when the end comes from its base
  // (a counterfactual that moves a decision away); a run shortened on purpose (run.end set
  // anywhere else) leaves its later decisions out, as it should.
  const auto start = s.month("run.start"), end = s.month("run.end");
  if (start && end && *end - *start + 1 > kMaxRunMonths)
    problems.push_back(fmt::format("{}: run.end: the run would take {} months; at most {} (a century)", where("run.end"),
                                   *end - *start + 1, kMaxRunMonths));
  if (start && end) {
    const bool end_set_here = file.overridden("run.end") || file.file_of("run.end") == s.source;
    const auto decisions = s.items("decision");
    for (size_t i = 0; i < decisions.size(); ++i) {
      const auto date = Month::parse(decisions[i].get("date"));
      if (!date || (*date >= *start && *date <= *end)) continue;
      const auto path = fmt::format("decision[{}].date", i);
      const bool moved_out = file.overridden(path) || (!end_set_here && file.file_of(path) == s.source);
      if (*date > *end && !moved_out) continue;
      problems.push_back(fmt::format("{}: {}: decision '{}' is dated {}, outside the run ({} to {}): it would never happen",
                                     where(path), path, decisions[i].get("id"), date->str(), start->str(), end->str()));
    }
  }
  if (!problems.empty()) throw io::ScenarioError(std::move(problems));
}

Scenario bind(io::ScenarioFile file, const std::vector<std::string>& overrides) {
  file.apply_overrides(overrides);
  Scenario s;
  s.source = file.source_name();
  const auto model = file.text_at("scenario.model");
  if (!model) {
    throw io::ScenarioError({fmt::format("{}: scenario.model: missing: start the file with [scenario] and "
                                         "model = \"<name>\"", s.source)});
  }
  const ModelInfo* info = find_model(*model);
  if (!info) {
    std::string known;
    for (const auto& m : models())
      if (m.make) known += (known.empty() ? "" : ", ") + std::string(m.name);
    throw io::ScenarioError({fmt::format("{}: scenario.model: unknown model \"{}\" (known: {})", s.source, *model, known)});
  }
  s.setup = info->make();
  // Bind once without a calendar to learn the model's start date, then for real.
  const auto calendar = [&]() -> std::optional<Calendar> {
    try {
      file.bind([&](ParamVisitor& v) { s.describe(v); }, Calendar{});
    } catch (const io::ScenarioError&) {
      // the real bind below reports the problems
    }
    return s.setup->calendar();
  }();
  file.bind([&](ParamVisitor& v) { s.describe(v); }, calendar);
  auto problems = s.setup->validate();
  if (!problems.empty()) {
    for (auto& p : problems) p = fmt::format("{}: {}", s.source, p);
    throw io::ScenarioError(std::move(problems));
  }
  check_run_span(s, file);
  if (s.header.name.empty()) s.header.name = std::filesystem::path(s.source).stem().string();
  s.resolved_toml = io::params_to_toml([&](ParamVisitor& v) { s.describe(v); }, calendar);
  return s;
}
}  // namespace

Scenario Scenario::load(const std::filesystem::path& path, const std::vector<std::string>& overrides) {
  return bind(io::ScenarioFile::load(path), overrides);
}

Scenario Scenario::parse(std::string_view toml_text, std::string source_name, const std::vector<std::string>& overrides) {
  return bind(io::ScenarioFile::parse(toml_text, std::move(source_name)), overrides);
}

std::filesystem::path find_scenario(const std::string& name) {
  namespace fs = std::filesystem;
  std::vector<fs::path> candidates = {name, fs::path("scenarios") / name,
                                      fs::path(THAW_SOURCE_DIR) / name,
                                      fs::path(THAW_SOURCE_DIR) / "scenarios" / name};
  for (auto c : candidates) {
    if (fs::is_regular_file(c)) return c;
    c += ".toml";
    if (fs::is_regular_file(c)) return c;
  }
  return name;  // let loading report that it cannot be opened
}

std::filesystem::path find_source_file(const std::filesystem::path& relative) {
  if (std::filesystem::is_regular_file(relative)) return relative;
  return std::filesystem::path(THAW_SOURCE_DIR) / relative;
}

}  // namespace thaw::app
