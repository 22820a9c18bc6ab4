// The run's history as it emerges: dated events, in words and with numbers.
//
//   world.events.add(world.month, "elite.vote", Severity::Major,
//                    "the Presidium votes 7-4 to remove the First Secretary",
//                    {{"for", 7}, {"against", 4}});
//
// Codes are dotted, mechanism first ("elite.vote", "society.unrest", "bloc.intervention"); the
// validation compares codes and numbers with the record, the narrative prints the text.
#pragma once

#include "engine/calendar.hpp"

#include <string>
#include <utility>
#include <vector>

namespace thaw::model {

// People in words: "about 1.8 million", "41,300", "950".
std::string people_text(double people);

enum class Severity { Minor = 0, Notable = 1, Major = 2 };

struct Event {
  Month month;
  std::string code;
  Severity severity = Severity::Notable;
  std::string text;                                // a sentence, no date: "the Presidium votes ..."
  std::vector<std::pair<std::string, double>> data;  // the figures behind the sentence
  std::string subject;                             // who or where, if any: "Hungary", "Beria"

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

}  // namespace thaw::model
