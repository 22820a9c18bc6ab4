// Decisions and outside events: the only things a scenario scripts.
//
//   [[decision]]
//   id = "amnesty-1953"
//   kind = "amnesty"              # what sort of decision (thaw decisions lists them)
//   date = "1953-03-27"
//   by = "leadership"             # or "outside" (US actions, another state's choice, nature)
//   if_leader = ""                # taken only while this person leads (e.g. "Khrushchev")
//   source = "REP-03"             # the record row it rests on
//   requires = ["secret-speech"]  # premises: decisions taken before it, or states of the world
//   max_sentence_years = 5        # the kind's own fields
//
// A decision whose premise does not hold when its date comes is not taken, and the narrative and
// run.json say which premise was missing. A premise is the id of another decision (taken, not
// merely scheduled) or a state of the world: "known-abroad:secret_speech" (its text has reached
// the West: abroad/world_reactions), "known:<topic>" (at least 1% of Soviet adults know it),
// "uprising:<country>" (a rising under way there).
// A decision changes levers (a policy, a reach, a price); what follows is left to the mechanisms.
// Each mechanism declares its kinds (name, fields with ranges and units, what the decision does)
// and applies them; decisions.cpp gathers every mechanism's kinds from the mechanism table.
#pragma once

#include "engine/params.hpp"

#include <functional>
#include <span>
#include <string>
#include <vector>

namespace thaw::model {

struct World;

struct DecisionField {
  std::string_view name;
  double default_value = 0;
  ParamSpec spec;
};

struct DecisionTextField {
  std::string_view name;
  std::string_view default_value;
  ParamSpec spec;
};

struct Decision;

struct DecisionKind {
  std::string_view name;   // "amnesty"
  std::string_view owner;  // the mechanism that applies it: "repression"
  std::string_view doc;    // what it does, in a sentence
  std::vector<DecisionField> numbers;
  std::vector<DecisionTextField> texts;
  void (*apply)(World&, const Decision&) = nullptr;
};

struct Decision {
  std::string id;
  std::string kind;
  Month date;
  std::string by = "leadership";
  std::string if_leader;
  std::string source;
  std::string note;  // what it was, for the narrative ("the Presidium orders a mass amnesty")
  std::vector<std::string> premises;  // `requires`: what must hold for it to be taken
  bool enabled = true;
  std::vector<double> numbers;     // in the kind's order
  std::vector<std::string> texts;  // in the kind's order
  const DecisionKind* spec = nullptr;

  double number(std::string_view field) const;  // throws std::logic_error on a field the kind lacks
  const std::string& text(std::string_view field) const;
  void describe(ParamVisitor& v);
};

// Why `d` cannot be taken now: its first premise that does not hold, in words ("the decision
// 'secret-speech' was not taken"); empty if every premise holds.
std::string missing_premise(const World& w, const Decision& d);

// Premises that can never be judged: an id no decision of the list has, a state of an unknown
// form, a decision that requires one dated after it. Each problem names the decision.
// A premise dated after `run_end` is left to the date check (it is outside the run, not misordered).
std::vector<std::string> premise_problems(std::span<const Decision> decisions, std::span<const std::string> country_keys, Month run_end);

// Every kind of every mechanism.
std::span<const DecisionKind* const> decision_kinds();
const DecisionKind* find_decision_kind(std::string_view name);

}  // namespace thaw::model
