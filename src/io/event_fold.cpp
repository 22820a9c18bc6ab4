#include "io/event_fold.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace thaw::io {

namespace {

// What a reader calls the places of the events that share a code; {n} is their number.
struct Phrase {
  const char* code;
  const char* many;  // with several places
};
constexpr Phrase kPhrases[] = {
    {"society.unrest", "unrest in {n} towns"},
    {"society.camp_strike", "prisoners' strikes in {n} camps"},
    {"repression.camp_commission", "commissions from Moscow hear the strikers' demands in {n} camps"},
    {"repression.camp_concession", "strikes end in concessions in {n} camps"},
    {"repression.camp_strike_end", "strikes peter out in {n} camps"},
    {"bloc.unrest", "unrest in {n} satellites"},
    {"bloc.crackdown", "crackdowns on the unrest in {n} satellites"},
    {"bloc.concession", "concessions to the protesters in {n} satellites"},
    {"elite.promotion", "{n} promotions to full membership of the Presidium"},
    {"repression.return", "the deported keep returning home: {n} peoples"},
    {"repression.settlement_lifted", "the special-settlement regime ends for {n} peoples"},
};

// Subjects that are ids of the satellites read as their names.
std::string place_name(const std::string& s) {
  static const std::map<std::string, std::string> names = {
      {"gdr", "the GDR"},         {"poland", "Poland"},   {"hungary", "Hungary"},
      {"czechoslovakia", "Czechoslovakia"}, {"romania", "Romania"}, {"bulgaria", "Bulgaria"}};
  const auto it = names.find(s);
  return it == names.end() ? s : it->second;
}

// The months are not in the sentence: every view shows the line's from-to beside it.
std::string fold_text(std::span<const Event> events, const std::vector<size_t>& members) {
  std::vector<std::pair<std::string, int>> places;  // in order of first appearance
  for (size_t i : members) {
    const auto name = place_name(events[i].subject);
    auto it = std::find_if(places.begin(), places.end(), [&](const auto& p) { return p.first == name; });
    if (it == places.end()) places.push_back({name, 1});
    else ++it->second;
  }
  const auto& first = events[members.front()];
  const bool named = !first.subject.empty();
  if (!named || places.size() == 1)
    return fmt::format("{} ({} times)", first.text, members.size());
  const Phrase* phrase = nullptr;
  for (const auto& p : kPhrases)
    if (first.code == p.code) phrase = &p;
  std::string where;
  const size_t shown = std::min<size_t>(places.size(), 5);
  for (size_t k = 0; k < shown; ++k) {
    if (k) where += ", ";
    where += places[k].first;
    if (places[k].second > 1) where += fmt::format(" ×{}", places[k].second);
  }
  if (places.size() > shown) where += fmt::format(" and {} more", places.size() - shown);
  if (!phrase) return fmt::format("{}; and {} more such events ({})", first.text, members.size() - 1, where);
  std::string head = phrase->many;
  head.replace(head.find("{n}"), 3, std::to_string(places.size()));
  return fmt::format("{} ({})", head, where);
}

}  // namespace

std::string FoldedLine::when() const {
  if (first == last) return first.long_name();
  const auto a = first.long_name(), b = last.long_name();
  if (first.year() == last.year()) return a.substr(0, a.size() - 5) + "\u2013" + b;
  return a + "\u2013" + b;
}

std::vector<FoldedLine> fold_events(std::span<const Event> events, const FoldOptions& options) {
  auto foldable = [](const Event& e) { return e.severity != Severity::Major && e.code.rfind("decision.", 0) != 0; };
  // Members of each (year, code) that may fold.
  std::map<std::pair<int, std::string>, std::vector<size_t>> groups;
  for (size_t i = 0; i < events.size(); ++i) {
    const auto& e = events[i];
    if (e.severity == Severity::Minor && !options.minor) continue;
    if (foldable(e)) groups[{e.month.year(), e.code}].push_back(i);
  }
  std::vector<FoldedLine> out;
  for (size_t i = 0; i < events.size(); ++i) {
    const auto& e = events[i];
    if (e.severity == Severity::Minor && !options.minor) continue;
    if (foldable(e)) {
      const auto& members = groups[{e.month.year(), e.code}];
      if (members.size() >= std::max<size_t>(2, options.at_least)) {
        if (members.front() != i) continue;  // folded into the line of the first
        FoldedLine line{e.month, events[members.back()].month, e.code, e.severity, "", members};
        for (size_t k : members) {
          line.severity = std::max(line.severity, events[k].severity);
          if (line.last < events[k].month) line.last = events[k].month;
          if (events[k].month < line.first) line.first = events[k].month;
        }
        line.text = fold_text(events, members);
        out.push_back(std::move(line));
        continue;
      }
    }
    out.push_back({e.month, e.month, e.code, e.severity, e.text, {i}});
  }
  return out;
}

nlohmann::json folded_json(std::span<const FoldedLine> lines) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& l : lines)
    out.push_back({{"date", l.first.str()},
                   {"date_end", l.last.str()},
                   {"code", l.code},
                   {"severity", std::string(severity_name(l.severity))},
                   {"text", l.text},
                   {"count", l.events.size()}});
  return out;
}

}  // namespace thaw::io
