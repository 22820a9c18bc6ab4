// A run's history as it emerges: dated events, in words and with numbers.
//
//   log.add(Month::of(1957, 6), "elite.vote", Severity::Major,
//           "the Presidium votes 7-4 to remove the First Secretary", {{"for", 7}, {"against", 4}});
//
// Codes are dotted, mechanism first ("elite.vote", "society.unrest", "bloc.intervention"); the
// validation compares codes and numbers with the record, the narrative prints the text. The log
// knows nothing of any model: a Simulation hands it over through Simulation::events().
#pragma once

#include "engine/calendar.hpp"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace thaw {

enum class Severity { Minor = 0, Notable = 1, Major = 2 };

// "minor", "notable", "major": the word event files and the web interface use.
constexpr std::string_view severity_name(Severity s) {
  switch (s) {
    case Severity::Minor: return "minor";
    case Severity::Notable: return "notable";
    case Severity::Major: return "major";
  }
  return "notable";
}

struct Event {
  Month month;
  std::string code;
  Severity severity = Severity::Notable;
  std::string text;                                  // a sentence, no date: "the Presidium votes ..."
  std::vector<std::pair<std::string, double>> data;  // the figures behind the sentence
  std::string subject;                               // who or where, if any: "Hungary", "Beria"

  double get(std::string_view key, double fallback = 0) const {
    for (const auto& [k, v] : data)
      if (k == key) return v;
    return fallback;
  }
};

class EventLog {
 public:
  void add(Month month, std::string code, Severity severity, std::string text,
           std::vector<std::pair<std::string, double>> data = {}, std::string subject = {}) {
    events_.push_back({month, std::move(code), severity, std::move(text), std::move(data), std::move(subject)});
  }
  const std::vector<Event>& all() const { return events_; }
  size_t size() const { return events_.size(); }

  // Events whose code starts with `prefix` ("elite." or exactly "elite.vote").
  std::vector<const Event*> with_code(std::string_view prefix) const {
    std::vector<const Event*> out;
    for (const auto& e : events_)
      if (e.code.rfind(prefix, 0) == 0) out.push_back(&e);
    return out;
  }
  const Event* first(std::string_view prefix) const {
    for (const auto& e : events_)
      if (e.code.rfind(prefix, 0) == 0) return &e;
    return nullptr;
  }

 private:
  std::vector<Event> events_;
};

}  // namespace thaw
