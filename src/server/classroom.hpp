// Class mode (docs/web.md, "A class"): one play session shared by a class. The teacher opens a
// game and gets a short code; students join with it, a name and a faction of the Presidium; at
// each decision point every student votes, each faction's vote is the option most of its members
// chose, and the teacher closes the round: the option most factions chose is played (a tie, the
// teacher's pick). The game itself is an ordinary play session, so the same choices give the
// same run.
//
//   ClassGame g = open_class("p3", entropy);        // g.code "KQZRT", g.teacher a token
//   join(g, "Anna", 0, entropy);                     // a student token, or a ClassError
//   vote(g, token, 1, options);                      // this round's vote
//   auto r = close_round(g, teacher_option, options); // the option to play and who chose it
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace thaw::server {

// The factions a class plays, after the groupings historians see in the Presidium of 1953-64
// (Taubman 2003; Fursenko (ed.), Prezidium TsK KPSS, 2003-08).
const std::vector<std::string>& class_factions();

struct ClassError : std::runtime_error {
  int status;
  ClassError(int s, const std::string& what) : std::runtime_error(what), status(s) {}
};

struct Student {
  std::string token, name;
  int faction = 0;
};

struct RoundResult {
  int choice = 0;   // index of the decision point
  int option = 0;   // what was played
  std::string by;   // "3 of 4 factions: ..." or "the teacher (a tie)"
  std::map<int, std::vector<std::string>> votes;  // option -> the factions that chose it
};

struct ClassGame {
  std::string code, teacher, play_id;
  std::vector<Student> students;
  std::map<std::string, int> votes;  // student token -> option, this round
  std::vector<RoundResult> rounds;
  static constexpr size_t max_students = 60;
};

// A code of five letters without the ones read alike (I, O), and a token of 24 hex digits, from
// `entropy` (the server draws it from std::random_device: a code is not part of any run).
std::string class_code(uint64_t entropy);
std::string class_token(uint64_t a, uint64_t b);

ClassGame open_class(const std::string& play_id, uint64_t e1, uint64_t e2, uint64_t e3);
// Throws ClassError(400) for a blank or over-long name or an unknown faction, 409 when full.
const Student& join(ClassGame& g, const std::string& name, int faction, uint64_t e1, uint64_t e2);
// Throws ClassError(403) for a token not of this class, 400 for an option out of range.
void vote(ClassGame& g, const std::string& token, int option, int options);
// Each faction's vote (the option most of its voters chose; a faction split evenly has none).
std::map<int, int> faction_votes(const ClassGame& g, int options);
// The option to play: the one most factions chose; on a tie or with no votes, `teacher_option`
// (ClassError(409) if the teacher gave none). Records the round and clears the votes.
RoundResult close_round(ClassGame& g, int choice, std::optional<int> teacher_option, int options);

// What a browser is shown: the students and factions, this round's votes by faction (never by
// student to other students), and the rounds closed. `as_teacher` adds the tally per option.
nlohmann::json class_json(const ClassGame& g, bool as_teacher, int options);

}  // namespace thaw::server
