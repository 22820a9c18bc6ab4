// Decisions and outside events: the only things a scenario scripts.
//
//   [[decision]]
//   id = "amnesty-1953"
//   kind = "amnesty"              # what sort of decision (thaw decisions lists them)
//   date = "1953-03-27"
//   by = "leadership"             # or "outside" (US actions, another state's choice, nature)
//   if_leader = ""                # taken only while this person leads (e.g. "Khrushchev")
//   source = "REP-03"             # the record row it rests on
//   max_sentence_years = 5        # the kind's own fields
//
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
  bool enabled = true;
  std::vector<double> numbers;     // in the kind's order
  std::vector<std::string> texts;  // in the kind's order
  const DecisionKind* spec = nullptr;

  double number(std::string_view field) const;  // throws std::logic_error on a field the kind lacks
  const std::string& text(std::string_view field) const;
  void describe(ParamVisitor& v);
};

// Every kind of every mechanism.
std::span<const DecisionKind* const> decision_kinds();
const DecisionKind* find_decision_kind(std::string_view name);

}  // namespace thaw::model
