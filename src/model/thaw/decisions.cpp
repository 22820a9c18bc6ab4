#include "model/thaw/decisions.hpp"

#include "model/thaw/mechanisms.hpp"

#include <fmt/format.h>

#include <stdexcept>

namespace thaw::model {

namespace {
std::vector<const DecisionKind*> collect() {
  std::vector<const DecisionKind*> all;
  for (const auto& m : mechanisms())
    for (const auto& k : m.decision_kinds()) all.push_back(&k);
  return all;
}
}  // namespace

std::span<const DecisionKind* const> decision_kinds() {
  static const std::vector<const DecisionKind*> all = collect();
  return all;
}

const DecisionKind* find_decision_kind(std::string_view name) {
  for (const auto* k : decision_kinds())
    if (k->name == name) return k;
  return nullptr;
}

double Decision::number(std::string_view field) const {
  if (spec)
    for (size_t i = 0; i < spec->numbers.size(); ++i)
      if (spec->numbers[i].name == field) return numbers[i];
  throw std::logic_error(fmt::format("decision kind '{}' has no number '{}'", kind, field));
}

const std::string& Decision::text(std::string_view field) const {
  if (spec)
    for (size_t i = 0; i < spec->texts.size(); ++i)
      if (spec->texts[i].name == field) return texts[i];
  throw std::logic_error(fmt::format("decision kind '{}' has no text '{}'", kind, field));
}

void Decision::describe(ParamVisitor& v) {
  static const std::vector<std::string_view> kind_names = [] {
    std::vector<std::string_view> n;
    for (const auto* k : decision_kinds()) n.push_back(k->name);
    return n;
  }();
  static constexpr std::string_view who[] = {"leadership", "outside"};
  v.value("id", id, {.doc = "a name to refer to it (--set \"decision[id].enabled=false\")"});
  v.value("kind", kind, {.doc = "what sort of decision (thaw decisions lists the kinds)", .choices = kind_names, .required = true});
  v.value("date", date, {.doc = "when it takes effect", .required = true});
  v.value("by", by, {.doc = "who decides: the Soviet leadership or someone outside it", .choices = who});
  v.value("if_leader", if_leader, {.doc = "taken only while this person is First Secretary (empty: whoever leads)"});
  v.value("source", source, {.doc = "record rows it rests on"});
  v.value("note", note, {.doc = "what it was, for the narrative"});
  v.value("enabled", enabled, {.doc = "false: the decision is not taken (a counterfactual)"});
  spec = find_decision_kind(kind);
  if (!spec) return;
  if (numbers.size() != spec->numbers.size()) {
    numbers.clear();
    for (const auto& f : spec->numbers) numbers.push_back(f.default_value);
  }
  if (texts.size() != spec->texts.size()) {
    texts.clear();
    for (const auto& f : spec->texts) texts.emplace_back(f.default_value);
  }
  for (size_t i = 0; i < spec->numbers.size(); ++i) v.value(spec->numbers[i].name, numbers[i], spec->numbers[i].spec);
  for (size_t i = 0; i < spec->texts.size(); ++i) v.value(spec->texts[i].name, texts[i], spec->texts[i].spec);
}

}  // namespace thaw::model
