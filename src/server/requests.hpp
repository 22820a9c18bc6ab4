// Reading a request's JSON body: each reader checks one part and throws a Reply (400) naming it.
// Scenario parameters go through the scenario binder, so the web interface reports the same
// errors as thaw run --set.
//
//   json j = parse_object(body);
//   auto overrides = read_overrides(j, defaults);        // {"set": {"run.scale": 20000}}
//   auto more = read_decision_switches(j);               // {"decisions": [{"id", "enabled"}]}
#pragma once

#include "app/scenario.hpp"
#include "server/reply.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace thaw::server {

// A scenario's or a run's name: letters, digits, '-', '_', '.', at most 100 characters.
bool valid_name(const std::string& name);

nlohmann::json parse_object(const std::string& body);
uint64_t read_seed(const nlohmann::json& j, uint64_t fallback);
// {"set": {"run.scale": 20000}} -> defaults + "run.scale=20000"
std::vector<std::string> read_overrides(const nlohmann::json& j, const std::vector<std::string>& defaults);
// {"decisions": [{"id": "x", "enabled": false}]} -> "decision[x].enabled=false"
std::vector<std::string> read_decision_switches(const nlohmann::json& j);

// The scenario with the overrides; its binder's problems become a 400.
app::Scenario bind_scenario(const std::filesystem::path& path, const std::vector<std::string>& overrides);
app::Scenario bind_scenario_text(const std::string& text, const std::filesystem::path& path,
                                 const std::vector<std::string>& overrides);

}  // namespace thaw::server
