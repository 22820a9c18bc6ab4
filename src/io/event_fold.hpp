// Repeats folded for a reader: the narrative, the report's timeline and the browser's show one
// line for many events of the same kind in a year ("prisoners' strikes in 6 camps, April–August
// 1953"), so that a run's story is not 184 lines of "the authorities negotiate with the strikers".
// Composition only: the events themselves, their files and the validation are unchanged.
//
//   for (const auto& line : io::fold_events(log.all(), {.minor = false})) ... line.text ...
#pragma once

#include "engine/events.hpp"

#include <nlohmann/json.hpp>

#include <span>
#include <string>
#include <vector>

namespace thaw::io {

struct FoldedLine {
  Month first, last;
  std::string code;
  Severity severity = Severity::Notable;  // the highest of its events
  std::string text;                       // one event's own text, or the folded sentence
  std::vector<size_t> events;             // indices into the log, in order
  bool folded() const { return events.size() > 1; }
  std::string when() const;  // "April 1953" or "April–August 1953"
};

struct FoldOptions {
  bool minor = false;  // include minor events
  size_t at_least = 2;  // events of one kind in a year before they are folded (two alike read as a repeat)
};

// The events in order, with every kind that occurs at least `at_least` times in a calendar year
// folded into one line at the place of its first event. Decisions and major events are never
// folded: each is a moment of its own.
std::vector<FoldedLine> fold_events(std::span<const Event> events, const FoldOptions& options = {});

// [{date, date_end, code, severity, text, count}] for the browser's timeline.
nlohmann::json folded_json(std::span<const FoldedLine> lines);

}  // namespace thaw::io
