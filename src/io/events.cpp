#include "io/events.hpp"

#include "io/csv.hpp"
#include "io/output.hpp"

#include <fmt/format.h>

#include <fstream>
#include <stdexcept>

namespace thaw::io {

std::string event_data_text(const Event& e) {
  std::string data;
  for (const auto& [k, v] : e.data) data += fmt::format("{}{}={}", data.empty() ? "" : ";", k, v);
  return data;
}

bool is_driver(std::string_view figure) { return figure.rfind("driver.", 0) == 0; }

namespace {
// A driver's words: how it is said and whether it is a share (printed in %).
struct DriverWords {
  std::string_view name, words;
  bool percent;
};
constexpr DriverWords kDriverWords[] = {
    {"driver.hardship", "hardship", false},          {"driver.legitimacy", "belief in the regime", false},
    {"driver.security", "security forces per adult", false}, {"driver.fear", "fear", false},
    {"driver.heard_of_unrest", "had heard of unrest elsewhere", true},
};
}  // namespace

std::string because_text(const Event& e) {
  double share = -1, threshold = -1;
  std::string rest;
  for (const auto& [k, v] : e.data) {
    if (!is_driver(k)) continue;
    if (k == "driver.active_share") share = v;
    else if (k == "driver.threshold") threshold = v;
    else {
      std::string_view words = std::string_view(k).substr(7);
      bool percent = false;
      for (const auto& w : kDriverWords)
        if (w.name == k) words = w.words, percent = w.percent;
      rest += fmt::format("{}{}", rest.empty() ? "" : ", ",
                          percent ? fmt::format("{:.0f}% {}", 100 * v, words) : fmt::format("{} {:.3g}", words, v));
    }
  }
  if (share < 0 && rest.empty()) return {};
  std::string out = "because ";
  if (share >= 0) {
    out += fmt::format("{:.1f}% were active", 100 * share);
    if (threshold >= 0) out += fmt::format(" (the threshold is {:.1f}%)", 100 * threshold);
    if (!rest.empty()) out += ": ";
  }
  return out + rest;
}

nlohmann::json event_json(const Event& e) {
  nlohmann::json data = nlohmann::json::object(), drivers = nlohmann::json::object();
  for (const auto& [k, v] : e.data) (is_driver(k) ? drivers[k.substr(7)] : data[k]) = v;
  nlohmann::json j = {{"date", e.month.str()}, {"code", e.code},   {"severity", std::string(severity_name(e.severity))},
                      {"subject", e.subject},  {"text", e.text},   {"data", std::move(data)}};
  if (!drivers.empty()) {
    j["drivers"] = std::move(drivers);
    j["because"] = because_text(e);
  }
  return j;
}

nlohmann::json events_json(std::span<const Event> events) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& e : events) out.push_back(event_json(e));
  return out;
}

std::vector<std::filesystem::path> write_event_files(const EventLog& log, const std::filesystem::path& dir) {
  OutputFolder out(dir);
  std::string csv = "date,code,severity,subject,text,data\n";
  for (const auto& e : log.all())
    csv += fmt::format("{},{},{},{},{},{}\n", e.month.str(), e.code, severity_name(e.severity), csv_field(e.subject, Quote::Always),
                       csv_field(e.text, Quote::Always), csv_field(event_data_text(e), Quote::Always));
  out.write("events.csv", csv);
  out.write("events.json", events_json(log.all()).dump(1) + "\n");
  return out.written();
}

}  // namespace thaw::io
