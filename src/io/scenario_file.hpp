// Scenario files: TOML in, parameters out, and errors that say exactly where.
//
//   ScenarioFile file = ScenarioFile::load("scenarios/epstein-mesa.toml");
//   file.apply_overrides({"citizens.legitimacy=0.82", "run.steps=500"});
//   epstein::Params params;
//   file.bind([&](ParamVisitor& v) { params.describe(v); });   // throws ScenarioError
//
// Every problem is reported, not just the first, each as
//   scenarios/x.toml:12:1: citizens.legitimacy: must be between 0 and 1, got 1.5
// Unknown keys are errors (with a suggestion when a known key is close), so a typo can never
// silently leave a parameter at its default.
#pragma once

#include "engine/calendar.hpp"
#include "engine/params.hpp"

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace thaw::io {

class ScenarioError : public std::runtime_error {
 public:
  explicit ScenarioError(std::vector<std::string> problems);
  const std::vector<std::string>& problems() const { return problems_; }

 private:
  std::vector<std::string> problems_;
};

class ScenarioFile {
 public:
  struct Document;  // the parsed toml::table, kept out of this header

  // Throws ScenarioError naming the file (and line) if it cannot be read or parsed. A file whose
  // [scenario] has `base = "other.toml"` (relative to the file) is laid over that scenario: its
  // tables change the base's, lists of tables with ids merge by id (scenario_file.cpp, lay_over).
  static ScenarioFile load(const std::filesystem::path& path);
  // The same from text read earlier; `source_name` is the file it came from (a base is found
  // beside it).
  static ScenarioFile parse(std::string_view text, std::string source_name);

  ScenarioFile(ScenarioFile&&) noexcept;
  ScenarioFile& operator=(ScenarioFile&&) noexcept;
  ~ScenarioFile();

  // "path.to.key=value": the value is read as TOML (numbers, booleans, arrays, "strings"); a bare
  // word that is not valid TOML is taken as a string. Throws ScenarioError on a malformed override.
  void apply_overrides(const std::vector<std::string>& assignments);

  // "file:line:column" of the value at a dotted path ("parameter[2]", "sweep.design"), for
  // checks made after binding; the file's name alone if there is no such value.
  std::string location(std::string_view dotted_path) const;

  // The file the value at a dotted path was read from (a base's, for a value laid over from it);
  // empty if it came from a --set or there is no such value.
  std::string file_of(std::string_view dotted_path) const;

  // The --set assignment's name ("decision[secret-speech].date") that gave the value at a dotted
  // path ("decision[3].date"), if one did.
  std::optional<std::string> overridden(std::string_view dotted_path) const;

  // The text value at a dotted path, if present (used to pick the model before binding).
  std::optional<std::string> text_at(std::string_view dotted_path) const;

  // Fills parameters from the file. Dates in schedules need a calendar (models stepped in months).
  void bind(const std::function<void(ParamVisitor&)>& describe,
            std::optional<Calendar> calendar = std::nullopt) const;

  const std::string& source_name() const { return source_; }
  std::string to_toml() const;  // the document after overrides, for the run's record

 private:
  ScenarioFile(std::unique_ptr<Document> doc, std::string source);
  std::unique_ptr<Document> doc_;
  std::string source_;
  std::vector<std::string> overridden_;  // dotted paths set from the command line
};

// The values a describe() function holds now, as a TOML document (written beside each run so
// that it can be repeated exactly).
// `omit`: dotted paths left out ("scenario.base").
std::string params_to_toml(const std::function<void(ParamVisitor&)>& describe,
                           std::optional<Calendar> calendar = std::nullopt,
                           const std::vector<std::string>& omit = {});

// Each parameter's value as a TOML value that reads back the same (a schedule with its
// interpolation and dates), by path as list_params names them: what thaw params prints.
std::map<std::string, std::string> params_as_toml_values(const std::function<void(ParamVisitor&)>& describe,
                                                         std::optional<Calendar> calendar = std::nullopt);

}  // namespace thaw::io
