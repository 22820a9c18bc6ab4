#include "io/events.hpp"

#include "io/csv.hpp"
#include "io/output.hpp"

#include <fmt/format.h>

#include <algorithm>
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
// A driver's words: a phrase with its figure in the place of {}, and whether the figure is a
// share (printed in %).
struct DriverWords {
  std::string_view name, phrase;
  bool percent;
};
constexpr DriverWords kDriverWords[] = {
    // Unrest and strikes (society.cpp).
    {"driver.hardship", "hardship {}", false},
    {"driver.legitimacy", "belief in the regime {}", false},
    {"driver.security", "security forces per adult {}", false},
    {"driver.fear", "fear {}", false},
    {"driver.heard_of_unrest", "{} had heard of unrest elsewhere", true},
    // A satellite's crisis (bloc.cpp).
    {"driver.austerity", "austerity {} (1953 = 1)", false},
    {"driver.broken_promise", "{} of it above what people had been led to expect", false},
    {"driver.soviet_troops", "Soviet troops per urban adult {}", false},
    {"driver.leader_reformism", "the leader's reformism {} (0-1)", false},
    {"driver.leader_loyalty", "his loyalty to Moscow {} (0-1)", false},
    {"driver.loyalty_trusted", "the loyalty Moscow trusts {}", false},
    {"driver.street_pressure", "pressure from the streets {}", false},
    {"driver.line_gap", "Moscow's line {} ahead of the old leader's course (0-1 scale)", false},
    // How a camp strike ended (repression.cpp).
    {"driver.strike_months", "{} months on strike", false},
    {"driver.hardline", "hardline pressure in Moscow {} (conservatives less the leader's reformism)", false},
    {"driver.legality", "the steps toward legality {} (0-1)", false},
    {"driver.camp_hardship", "the camp regime's hardship {}", false},
    {"driver.expectation", "the prisoners' raised hopes {}", false},
    {"driver.chance_troops", "{} monthly chance that troops go in", true},
    // A vote in the Kremlin (elite.cpp).
    {"driver.failures", "the leader's record of failures {}", false},
    {"driver.cc_support", "{} of the Central Committee expected to back him", true},
    {"driver.cc_insecurity", "a Central Committee man's chance of losing his post {}", true},
    {"driver.plot_months", "{} months of soundings before the move", false},
    {"driver.ayes_gain", "an expected gain of {} for those who voted for it", false},
};
}  // namespace

std::string because_text(const Event& e) {
  double share = -1, threshold = -1;
  std::vector<std::string> behind;
  for (const auto& [k, v] : e.data) {
    if (!is_driver(k)) continue;
    if (k == "driver.active_share") share = v;
    else if (k == "driver.threshold") threshold = v;
    else if (k == "driver.exit_declared") {
      if (v > 0) behind.push_back("the leadership had declared the country's exit");
    } else {
      const std::string_view key = k;  // a copy: clang 14 cannot capture a structured binding
      const auto* words = std::find_if(std::begin(kDriverWords), std::end(kDriverWords), [&](const auto& w) { return w.name == key; });
      const std::string figure = words != std::end(kDriverWords) && words->percent ? fmt::format("{:.0f}%", 100 * v) : fmt::format("{:.3g}", v);
      behind.push_back(words != std::end(kDriverWords) ? fmt::format(fmt::runtime(words->phrase), figure)
                                                       : fmt::format("{} {}", std::string_view(k).substr(7), figure));
    }
  }
  if (share < 0 && behind.empty()) return {};
  std::string out = "because ";
  if (share >= 0) {
    out += fmt::format("{:.1f}% were active", 100 * share);
    if (threshold >= 0) out += fmt::format(" (the threshold is {:.1f}%)", 100 * threshold);
    if (!behind.empty()) out += "; behind it: ";
  } else {
    out += "of ";
  }
  for (size_t i = 0; i < behind.size(); ++i) out += (i ? "; " : "") + behind[i];
  return out;
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
