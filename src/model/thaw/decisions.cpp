#include "model/thaw/decisions.hpp"

#include "model/thaw/mechanisms.hpp"
#include "model/thaw/world.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

namespace thaw::model {

namespace {
constexpr std::string_view kTopicKeys[] = {"secret_speech", "unrest_news", "camp_truth", "western_culture"};

int topic_index(std::string_view key) {
  for (size_t t = 0; t < std::size(kTopicKeys); ++t)
    if (kTopicKeys[t] == key) return static_cast<int>(t);
  return -1;
}

// "known:secret_speech" -> ("known", "secret_speech"); a plain id -> ("", id).
std::pair<std::string_view, std::string_view> split_premise(std::string_view premise) {
  const auto colon = premise.find(':');
  if (colon == std::string_view::npos) return {{}, premise};
  return {premise.substr(0, colon), premise.substr(colon + 1)};
}

// A small share of adults hearing of something is rumour; one in a hundred is news.
constexpr double kKnownShare = 0.01;

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

std::string missing_premise(const World& w, const Decision& d) {
  for (const auto& premise : d.premises) {
    const auto [state, name] = split_premise(premise);
    if (state.empty()) {
      if (std::find(w.decisions_taken.begin(), w.decisions_taken.end(), name) == w.decisions_taken.end())
        return fmt::format("it presupposes '{}', which was not taken", name);
    } else if (state == "known-abroad") {
      if (!w.abroad.known_abroad()) return fmt::format("it presupposes that the {} is known abroad, and it is not", name);
    } else if (state == "known") {
      const int t = topic_index(name);
      const double share = t >= 0 && static_cast<size_t>(t) < w.signals.topic_informed.size() ? w.signals.topic_informed[static_cast<size_t>(t)] : 0;
      if (share < kKnownShare)
        return fmt::format("it presupposes that Soviet people know of the {}, and only {:.1f}% do", name, 100 * share);
    } else if (state == "uprising") {
      const int c = w.geo.country_index(std::string(name));
      if (c < 0 || static_cast<size_t>(c) >= w.bloc.countries.size() || !w.bloc.countries[static_cast<size_t>(c)].in_uprising)
        return fmt::format("it presupposes a rising in {}, and there is none", name);
    }
  }
  return {};
}

std::vector<std::string> premise_problems(std::span<const Decision> decisions, std::span<const std::string> country_keys, Month run_end) {
  std::vector<std::string> problems;
  for (size_t i = 0; i < decisions.size(); ++i) {
    const auto& d = decisions[i];
    for (const auto& premise : d.premises) {
      const auto [state, name] = split_premise(premise);
      const auto say = [&](std::string_view why) {
        problems.push_back(fmt::format("decision[{}] ({}): requires \"{}\": {}", i, d.id.empty() ? d.kind : d.id, premise, why));
      };
      if (state.empty()) {
        // A structured binding is not captured by clang 14 (the fuzz preset's compiler): a copy is.
        const auto it = std::find_if(decisions.begin(), decisions.end(), [&, id = name](const Decision& o) { return o.id == id; });
        if (it == decisions.end()) say("no decision has this id");
        else if (it->date > run_end) continue;
        else if (it->date > d.date || (it->date == d.date && it > decisions.begin() + static_cast<std::ptrdiff_t>(i)))
          say("that decision comes after this one, so it can never have been taken before it");
      } else if (state == "known-abroad" || state == "known") {
        if (topic_index(name) < 0) say("unknown topic (secret_speech, unrest_news, camp_truth, western_culture)");
        if (state == "known-abroad" && name != "secret_speech") say("only the secret_speech is carried abroad (docs/odd/abroad.md)");
      } else if (state == "uprising") {
        if (std::find(country_keys.begin(), country_keys.end(), name) == country_keys.end()) say("unknown country");
      } else {
        say("unknown premise: a decision id, known:<topic>, known-abroad:secret_speech or uprising:<country>");
      }
    }
  }
  return problems;
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
  v.value("requires", premises,
          {.doc = "premises: ids of decisions that must have been taken, or states (known:<topic>, "
                  "known-abroad:secret_speech, uprising:<country>); if one fails the decision is not taken"});
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
