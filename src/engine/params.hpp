// Parameters described once, used everywhere.
//
// A model's parameters are a plain struct with a describe() member that names each field, its
// unit, range, meaning and source:
//
//   struct CitizenParams {
//     double legitimacy = 0.8;
//     void describe(ParamVisitor& v) {
//       v.value("legitimacy", legitimacy, {.doc = "perceived legitimacy L", .min = 0, .max = 1,
//                                          .source = "Epstein 2002, run 1"});
//     }
//   };
//
// The same description loads a scenario file with precise errors (src/io/toml_params), applies
// --set overrides, lists the parameters for the documentation (thaw params), and writes the
// values actually used next to every run's output.
#pragma once

#include "engine/calendar.hpp"
#include "engine/schedule.hpp"

#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace thaw {

struct ParamSpec {
  std::string_view doc;
  std::string_view unit = "";
  double min = -std::numeric_limits<double>::infinity();
  double max = std::numeric_limits<double>::infinity();
  std::string_view source = "";
  std::span<const std::string_view> choices = {};  // allowed values of a text parameter
  bool required = false;                            // a scenario must give it
};

// A value of any scalar type (number, boolean, text) kept as a scenario would write it ("0.3",
// "true", "\"x\""): for values that are handed on as --set overrides (a sweep's levels).
struct Literal {
  std::string text;
  bool operator==(const Literal&) const = default;
};

class ParamVisitor {
 public:
  virtual ~ParamVisitor() = default;

  virtual void value(std::string_view key, double& v, const ParamSpec& spec) = 0;
  virtual void value(std::string_view key, int64_t& v, const ParamSpec& spec) = 0;
  virtual void value(std::string_view key, bool& v, const ParamSpec& spec) = 0;
  virtual void value(std::string_view key, std::string& v, const ParamSpec& spec) = 0;
  virtual void value(std::string_view key, Month& v, const ParamSpec& spec) = 0;
  virtual void value(std::string_view key, Schedule& v, const ParamSpec& spec) = 0;
  // A number that may be left out (nullopt: not given).
  virtual void value(std::string_view key, std::optional<double>& v, const ParamSpec& spec) = 0;
  // A list of texts, ["a", "b"].
  virtual void value(std::string_view key, std::vector<std::string>& v, const ParamSpec& spec) = 0;
  // A non-empty list of scalars of any type, [0.3, true, "x"].
  virtual void value(std::string_view key, std::vector<Literal>& v, const ParamSpec& spec) = 0;

  // A nested table of parameters ("[society]").
  virtual void section(std::string_view key, std::string_view doc,
                       const std::function<void(ParamVisitor&)>& body) = 0;

  // An array of tables ("[[decision]]"): each item describes itself.
  template <class T>
  void list(std::string_view key, std::string_view doc, std::vector<T>& items) {
    list_impl(
        key, doc, items.size(), [&](size_t n) { items.resize(n); },
        [&](size_t i, ParamVisitor& v) { items[i].describe(v); },
        [](ParamVisitor& v) { T prototype; prototype.describe(v); });
  }

 protected:
  // `prototype` describes a default item, for visitors that list fields rather than values.
  virtual void list_impl(std::string_view key, std::string_view doc, size_t size,
                         const std::function<void(size_t)>& resize,
                         const std::function<void(size_t, ParamVisitor&)>& item,
                         const std::function<void(ParamVisitor&)>& prototype) = 0;
};

// One row of the parameter reference (thaw params, docs/odd).
struct ParamInfo {
  std::string path;  // "society.legitimacy"
  std::string type;  // "number", "integer", "bool", "text", "month", "schedule", "texts", "values"
  std::string default_value;
  std::string unit;
  std::string range;
  std::string doc;
  std::string source;
};

// Lists every parameter reachable from `describe`, with its current value as the default.
std::vector<ParamInfo> list_params(const std::function<void(ParamVisitor&)>& describe);

// One item of a list of tables ([[decision]]): each field and its value as text (numbers as
// thaw params writes them, texts unquoted, months "1956-02", booleans true/false).
struct ParamItem {
  std::vector<std::pair<std::string, std::string>> fields;  // in describe() order
  const std::string& get(std::string_view field) const;     // empty if absent
};

// The items of the list of tables at `path` ("decision", or "section.list"), in order.
std::vector<ParamItem> list_items(const std::function<void(ParamVisitor&)>& describe, std::string_view path);

}  // namespace thaw
