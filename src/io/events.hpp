// A run's event log as files and as JSON, written one way everywhere (thaw run, thaw validate
// --events, the web interface).
//
//   write_event_files(*sim.events(), "runs/x");   // runs/x/events.csv and runs/x/events.json
//   json j = event_json(e);   // {date, code, severity, subject, text, data: {name: value}}
#pragma once

#include "engine/events.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <span>
#include <string>
#include <vector>

namespace thaw::io {

// An event's drivers are its figures named "driver.<name>": what crossed the threshold and what
// stood behind it (a locality's active share and threshold, its hardship, belief, security, fear,
// the news of unrest it had heard). events.json gives them apart, as "drivers"; the narrative
// says "because ...".
bool is_driver(std::string_view figure);
// "because 4.1% were active (the threshold is 3.0%): hardship 0.52, belief in the regime 0.31, ..."
// or empty if the event carries no drivers.
std::string because_text(const Event& e);

// The figures of an event as one field: "for=7;against=4".
std::string event_data_text(const Event& e);

nlohmann::json event_json(const Event& e);
nlohmann::json events_json(std::span<const Event> events);

// events.csv (date, code, severity, subject, text, data) and events.json in `dir`; returns the
// paths written. Throws std::runtime_error if a file cannot be written.
std::vector<std::filesystem::path> write_event_files(const EventLog& log, const std::filesystem::path& dir);

}  // namespace thaw::io
