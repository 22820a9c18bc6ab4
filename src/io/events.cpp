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

nlohmann::json event_json(const Event& e) {
  nlohmann::json data = nlohmann::json::object();
  for (const auto& [k, v] : e.data) data[k] = v;
  return {{"date", e.month.str()}, {"code", e.code},   {"severity", std::string(severity_name(e.severity))},
          {"subject", e.subject},  {"text", e.text},   {"data", std::move(data)}};
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
