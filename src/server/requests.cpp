#include "server/requests.hpp"

#include "io/scenario_file.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace thaw::server {

using json = nlohmann::json;

// A message may quote what the request sent (a path, a name, a key), which need not be UTF-8: invalid
// bytes are replaced so that the answer is still JSON, never an exception.
std::string json_text(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

Reply error_reply(int status, const std::string& message) { return {status, json_text(json{{"error", message}})}; }

bool valid_name(const std::string& name) {
  if (name.empty() || name.size() > 100) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
  });
}

json parse_object(const std::string& body) {
  json j;
  try {
    j = json::parse(body);
  } catch (const json::parse_error& e) {
    throw error_reply(400, fmt::format("malformed JSON: {}", e.what()));
  }
  if (!j.is_object()) throw error_reply(400, "the request body must be a JSON object");
  return j;
}

uint64_t read_seed(const json& j, uint64_t fallback) {
  if (!j.contains("seed") || j["seed"].is_null()) return fallback;
  const auto& s = j["seed"];
  if (!s.is_number_integer() || s.get<int64_t>() < 0 || s.get<int64_t>() > (int64_t{1} << 53))
    throw error_reply(400, "seed: must be an integer from 0 to 2^53");
  return s.get<uint64_t>();
}

std::vector<std::string> read_overrides(const json& j, const std::vector<std::string>& defaults) {
  std::vector<std::string> out = defaults;
  if (!j.contains("set") || j["set"].is_null()) return out;
  const auto& set = j["set"];
  if (!set.is_object()) throw error_reply(400, "set: must be an object of parameter: value");
  if (set.size() > 200) throw error_reply(400, "set: too many parameters (at most 200)");
  for (const auto& [key, value] : set.items()) {
    if (key.empty() || key.size() > 200 || key.find_first_of("=\n\r") != std::string::npos)
      throw error_reply(400, fmt::format("set: bad parameter name '{}'", key.substr(0, 80)));
    std::string text;
    if (value.is_string()) text = value.get<std::string>();
    else if (value.is_boolean()) text = value.get<bool>() ? "true" : "false";
    else if (value.is_number()) text = value.dump();
    else throw error_reply(400, fmt::format("set: {}: value must be a number, text or true/false", key));
    if (text.find_first_of("\n\r") != std::string::npos)
      throw error_reply(400, fmt::format("set: {}: value must be on one line", key));
    out.push_back(key + "=" + text);
  }
  return out;
}

std::vector<std::string> read_decision_switches(const json& j) {
  std::vector<std::string> out;
  if (!j.contains("decisions") || j["decisions"].is_null()) return out;
  const auto& list = j["decisions"];
  if (!list.is_array()) throw error_reply(400, "decisions: must be a list of {id, enabled}");
  for (const auto& item : list) {
    if (!item.is_object() || !item.contains("id") || !item["id"].is_string() || !item.contains("enabled") ||
        !item["enabled"].is_boolean())
      throw error_reply(400, "decisions: each item must be {\"id\": text, \"enabled\": true/false}");
    const auto id = item["id"].get<std::string>();
    // The id becomes part of an override's path, decision[<id>].enabled, which a '.' would cut.
    if (!valid_name(id) || id.find('.') != std::string::npos) throw error_reply(400, fmt::format("decisions: bad decision id '{}'", id.substr(0, 80)));
    out.push_back(fmt::format("decision[{}].enabled={}", id, item["enabled"].get<bool>()));
  }
  return out;
}

namespace {
template <class Bind>
app::Scenario bound_or_400(Bind&& bind) {
  try {
    return bind();
  } catch (const std::exception& e) {
    throw error_reply(400, e.what());
  }
}
}  // namespace

app::Scenario bind_scenario(const std::filesystem::path& path, const std::vector<std::string>& overrides) {
  return bound_or_400([&] { return app::Scenario::load(path, overrides); });
}

app::Scenario bind_scenario_text(const std::string& text, const std::filesystem::path& path,
                                 const std::vector<std::string>& overrides) {
  return bound_or_400([&] { return app::Scenario::parse(text, path.string(), overrides); });
}

}  // namespace thaw::server
