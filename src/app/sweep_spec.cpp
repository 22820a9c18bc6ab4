#include "app/sweep_spec.hpp"

#include "io/scenario_file.hpp"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

namespace thaw::app {

namespace {
constexpr std::string_view kDesigns[] = {"grid", "random"};
}  // namespace

void SweepParameter::describe(ParamVisitor& v) {
  v.value("name", name, {.doc = "the parameter, as a --set path (run.scale, decision[id].field)", .required = true});
  v.value("values", values, {.doc = "listed values: numbers, true/false, texts"});
  v.value("low", low, {.doc = "lowest value of a range"});
  v.value("high", high, {.doc = "highest value of a range"});
  v.value("steps", steps, {.doc = "grid design: even values over the range", .min = 1, .max = 1'000'000});
  v.value("integer", integer, {.doc = "round the values (counts)"});
  v.value("log", log, {.doc = "even on a log scale (positive ranges)"});
}

void SweepSpec::describe(ParamVisitor& v) {
  v.section("sweep", "what runs, how often, and what each run keeps", [&](ParamVisitor& s) {
    s.value("name", name, {.doc = "names the database and the output folder (default: the file's name)"});
    s.value("scenario", scenario, {.doc = "scenario file or name, as for thaw run", .required = true});
    s.value("design", design, {.doc = "grid: every combination; random: `points` draws", .choices = kDesigns});
    s.value("points", points, {.doc = "points of a random design", .min = 1, .max = 10'000'000});
    s.value("replicates", replicates, {.doc = "runs per point", .min = 1, .max = 10'000'000});
    // The binder reads whole numbers as int64; a seed is any non-negative one.
    auto seed_value = static_cast<int64_t>(seed);
    s.value("seed", seed_value, {.doc = "the sweep's seed: replicate seeds and random points come from it", .min = 0});
    seed = static_cast<uint64_t>(seed_value);
    s.value("common_random_numbers", common_random_numbers, {.doc = "replicate r has the same seed at every point"});
    s.value("store_series", store_series, {.doc = "keep every month's indicators"});
    s.value("indicators", indicators, {.doc = "indicators kept month by month ([] = all)"});
    s.value("events", events, {.doc = "event code prefixes kept per run ([\"\"] = all, [] = none)"});
    s.value("set", sets, {.doc = "fixed overrides for every run, as thaw run --set"});
  });
  v.list("parameter", "the parameters the design varies", parameters);
  v.list("outcome", "summary figures of each run", outcomes);
  v.section("calibration", "thaw calibrate: the targets and which are fitted", [&](ParamVisitor& c) {
    c.value("targets", targets, {.doc = "targets file"});
    c.value("fit", fit, {.doc = "ids of the fitted targets (default: those marked fitted)"});
    c.value("accept", accept, {.doc = "share of particles accepted, in (0, 1]", .max = 1});
  });
}

SweepSpec parse_sweep_spec(std::string_view text, std::string source_name, const std::vector<std::string>& extra_sets) {
  SweepSpec spec;
  spec.source = source_name;
  spec.text = std::string(text);
  const auto file = io::ScenarioFile::parse(text, source_name);
  // Every problem is reported: the binder's, key by key, and then what it cannot see.
  std::vector<std::string> problems;
  try {
    file.bind([&](ParamVisitor& v) { spec.describe(v); });
  } catch (const io::ScenarioError& e) {
    problems = e.problems();
  }
  for (size_t i = 0; i < spec.parameters.size(); ++i) {
    auto& p = spec.parameters[i];
    p.where = file.location(fmt::format("parameter[{}]", i));
    const auto say = [&](std::string_view what) {
      problems.push_back(fmt::format("{}: parameter[{}] ({}): {}", p.where, i, p.name, what));
    };
    const bool range = p.low || p.high;
    if (p.values.empty() && !(p.low && p.high)) say("give values = [...] or both low and high");
    if (!p.values.empty() && range) say("give values or low/high, not both");
    if (p.low && p.high && *p.low > *p.high) say("low is above high");
    if (p.log && p.low && *p.low <= 0) say("log needs a positive low");
  }
  for (size_t i = 0; i < spec.outcomes.size(); ++i) {
    auto& o = spec.outcomes[i];
    if (o.until < o.date) o.until = o.date;
    spec.outcome_where.push_back(file.location(fmt::format("outcome[{}]", i)));
    for (auto& p : outcome_problems(o, spec.outcome_where.back(), i, /*need_what=*/false)) problems.push_back(std::move(p));
    // The database keys outcomes by id: a second one of the same id would overwrite the first's figures.
    for (size_t j = 0; j < i; ++j)
      if (spec.outcomes[j].id == o.id)
        problems.push_back(fmt::format("{}: outcome[{}]: id = \"{}\" is already the id of outcome[{}] ({})", spec.outcome_where.back(),
                                       i, o.id, j, spec.outcome_where[j]));
  }
  if (spec.accept <= 0)
    problems.push_back(fmt::format("{}: calibration.accept: must be in (0, 1]", file.location("calibration.accept")));
  if (!problems.empty()) throw io::ScenarioError(std::move(problems));
  for (const auto& s : extra_sets) spec.sets.push_back(s);
  if (spec.name.empty()) spec.name = std::filesystem::path(source_name).stem().string();
  return spec;
}

SweepSpec load_sweep_spec(const std::filesystem::path& path, const std::vector<std::string>& extra_sets) {
  std::ifstream f(path);
  if (!f) throw io::ScenarioError({fmt::format("{}: cannot open the sweep spec", path.string())});
  std::stringstream ss;
  ss << f.rdbuf();
  return parse_sweep_spec(ss.str(), path.string(), extra_sets);
}

}  // namespace thaw::app
