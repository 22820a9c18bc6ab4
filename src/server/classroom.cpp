#include "server/classroom.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace thaw::server {

using json = nlohmann::json;

const std::vector<std::string>& class_factions() {
  static const std::vector<std::string> f = {
      "Khrushchev's supporters",
      "the old guard (Molotov, Kaganovich)",
      "the state administration (Malenkov, Bulganin)",
      "the army and the security organs",
  };
  return f;
}

std::string class_code(uint64_t entropy) {
  static constexpr char letters[] = "ABCDEFGHJKLMNPQRSTUVWXYZ";  // no I or O
  constexpr uint64_t n = sizeof(letters) - 1;
  std::string code;
  for (int i = 0; i < 5; ++i, entropy /= n) code += letters[entropy % n];
  return code;
}

std::string class_token(uint64_t a, uint64_t b) { return fmt::format("{:016x}{:08x}", a, b & 0xffffffffu); }

ClassGame open_class(const std::string& play_id, uint64_t e1, uint64_t e2, uint64_t e3) {
  ClassGame g;
  g.code = class_code(e1);
  g.teacher = class_token(e2, e3);
  g.play_id = play_id;
  return g;
}

const Student& join(ClassGame& g, const std::string& name, int faction, uint64_t e1, uint64_t e2) {
  const auto blank = std::all_of(name.begin(), name.end(), [](unsigned char c) { return std::isspace(c); });
  if (name.empty() || blank) throw ClassError(400, "name: give a name the class will know you by");
  if (name.size() > 40) throw ClassError(400, "name: at most 40 characters");
  if (std::any_of(name.begin(), name.end(), [](unsigned char c) { return c < 0x20 || c == 0x7f; }))
    throw ClassError(400, "name: no control characters");
  if (faction < 0 || faction >= int(class_factions().size()))
    throw ClassError(400, fmt::format("faction: must be an integer from 0 to {}", class_factions().size() - 1));
  if (g.students.size() >= ClassGame::max_students)
    throw ClassError(409, fmt::format("this class is full ({} students)", ClassGame::max_students));
  g.students.push_back({class_token(e1, e2), name, faction});
  return g.students.back();
}

void vote(ClassGame& g, const std::string& token, int option, int options) {
  const auto it = std::find_if(g.students.begin(), g.students.end(), [&](const Student& s) { return s.token == token; });
  if (it == g.students.end()) throw ClassError(403, "token: not a student of this class");
  if (option < 0 || option >= options) throw ClassError(400, fmt::format("option: must be an integer from 0 to {}", options - 1));
  g.votes[token] = option;
}

std::map<int, int> faction_votes(const ClassGame& g, int options) {
  std::map<int, std::vector<int>> counts;  // faction -> votes per option
  for (const auto& s : g.students)
    if (const auto v = g.votes.find(s.token); v != g.votes.end() && v->second < options) {
      auto& c = counts[s.faction];
      c.resize(static_cast<size_t>(options));
      ++c[static_cast<size_t>(v->second)];
    }
  std::map<int, int> out;
  for (const auto& [faction, c] : counts) {
    const auto best = std::max_element(c.begin(), c.end());
    if (std::count(c.begin(), c.end(), *best) == 1) out[faction] = static_cast<int>(best - c.begin());
  }
  return out;
}

RoundResult close_round(ClassGame& g, int choice, std::optional<int> teacher_option, int options) {
  if (teacher_option && (*teacher_option < 0 || *teacher_option >= options))
    throw ClassError(400, fmt::format("option: must be an integer from 0 to {}", options - 1));
  const auto by_faction = faction_votes(g, options);
  RoundResult r;
  r.choice = choice;
  std::vector<int> tally(static_cast<size_t>(options));
  for (const auto& [faction, option] : by_faction) {
    ++tally[static_cast<size_t>(option)];
    r.votes[option].push_back(class_factions()[static_cast<size_t>(faction)]);
  }
  const auto best = std::max_element(tally.begin(), tally.end());
  if (*best > 0 && std::count(tally.begin(), tally.end(), *best) == 1) {
    r.option = static_cast<int>(best - tally.begin());
    std::string names;
    for (const auto& f : r.votes[r.option]) names += (names.empty() ? "" : "; ") + f;
    r.by = fmt::format("the class: {} of {} faction{} voting ({})", *best, by_faction.size(), by_faction.size() == 1 ? "" : "s", names);
  } else {
    if (!teacher_option)
      throw ClassError(409, *best == 0 ? "no faction has voted yet: the teacher decides (give option)"
                                       : "the factions are tied: the teacher decides (give option)");
    r.option = *teacher_option;
    r.by = *best == 0 ? "the teacher (no faction voted)" : "the teacher (the factions were tied)";
  }
  g.rounds.push_back(r);
  g.votes.clear();
  return r;
}

json class_json(const ClassGame& g, bool as_teacher, int options) {
  json students = json::array();
  for (const auto& s : g.students)
    students.push_back({{"name", s.name}, {"faction", s.faction}, {"voted", g.votes.count(s.token) > 0}});
  json factions = json::array();
  const auto by_faction = faction_votes(g, options);
  for (size_t f = 0; f < class_factions().size(); ++f) {
    json entry = {{"index", f}, {"name", class_factions()[f]}};
    if (as_teacher) {
      const auto it = by_faction.find(static_cast<int>(f));
      entry["vote"] = it == by_faction.end() ? json(nullptr) : json(it->second);
    }
    factions.push_back(entry);
  }
  json rounds = json::array();
  for (const auto& r : g.rounds) rounds.push_back({{"choice", r.choice}, {"option", r.option}, {"by", r.by}});
  json j = {{"code", g.code}, {"play", g.play_id}, {"students", students}, {"factions", factions}, {"rounds", rounds}};
  if (as_teacher) {
    std::vector<int> tally(static_cast<size_t>(std::max(options, 0)));
    for (const auto& [faction, option] : by_faction) ++tally[static_cast<size_t>(option)];
    j["tally"] = tally;
  }
  return j;
}

}  // namespace thaw::server
