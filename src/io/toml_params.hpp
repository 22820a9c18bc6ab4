// The parameter visitors over TOML, inside src/io: the binder, which fills what a describe()
// function names from a table and collects every problem as "file:line:column: key: what"
// (unknown keys too, with a suggestion), and the writer, which turns values back into TOML.
// ScenarioFile (scenario_file.hpp) is their public face.
#pragma once

#include "engine/calendar.hpp"
#include "engine/params.hpp"

#include <toml++/toml.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace thaw::io::detail {

// The problems of binding `root` to `describe` (empty if none). A key under one of the
// `overridden` dotted paths is blamed on "--set <path>" rather than on a line of `source`.
std::vector<std::string> bind_table(const toml::table& root, const std::function<void(ParamVisitor&)>& describe,
                                    const std::string& source, std::optional<Calendar> calendar,
                                    const std::vector<std::string>& overridden);

toml::table write_table(const std::function<void(ParamVisitor&)>& describe, std::optional<Calendar> calendar);

}  // namespace thaw::io::detail
