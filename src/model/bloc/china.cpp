// China. ODD: docs/odd/bloc.md, "China" (submodel B8). Lüthi, The Sino-Soviet Split (2008);
// Radchenko, Two Suns in the Heavens (2009); record rows EXT-12, EXT-13.
#include "model/bloc/china.hpp"

#include "engine/distributions.hpp"
#include "engine/rng.hpp"
#include "model/thaw/world.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace thaw::model::bloc::china {

void Params::describe(ParamVisitor& v) {
  v.value("alliance_1953", alliance_1953, {.doc = "Sino-Soviet alliance strength, 1953", .min = 0, .max = 1, .source = "assumed (1950 treaty; Lüthi 2008)"});
  v.value("destalinisation_rate", destalinisation_rate, {.doc = "alliance lost per month per share of Soviet adults informed of the Secret Speech", .unit = "per month", .min = 0, .max = 1, .source = "EXT-12; Lüthi 2008 ch. 2; calibrated to EXT-13"});
  v.value("revisionism_rate", revisionism_rate, {.doc = "alliance lost per month per unit of 'revisionism' (Tito, coexistence, reform)", .unit = "per month", .min = 0, .max = 1, .source = "EXT-12; calibrated to EXT-13"});
  v.value("coexistence_weight", coexistence_weight, {.doc = "revisionism from tension below one half (peaceful coexistence)", .min = 0, .max = 10, .source = "EXT-12"});
  v.value("reform_weight", reform_weight, {.doc = "revisionism per unit of the Soviet leader's reformism above one half", .min = 0, .max = 10, .source = "assumed; Lüthi 2008"});
  v.value("rivalry_rate", rivalry_rate, {.doc = "alliance lost per month per unit of Beijing's radicalism (the Great Leap, the claim to lead)", .unit = "per month", .min = 0, .max = 1, .source = "Radchenko 2009; assumed"});
  v.value("face_weight", face_weight, {.doc = "rivalry per unit of Soviet prestige below zero (Beijing's claim grows as Moscow loses face)", .min = 0, .max = 10, .source = "Radchenko 2009; assumed"});
  v.value("incident_sd", incident_sd, {.doc = "sd of a month's incidents, polemics and gestures", .unit = "per month", .min = 0, .max = 1, .source = "assumed"});
  v.value("split_threshold", split_threshold, {.doc = "mean alliance strength below which the split breaks out", .min = 0, .max = 1, .source = "assumed; EXT-12/13"});
  v.value("threshold_spread", threshold_spread, {.doc = "half-width of the uniform uncertainty of that threshold (drawn once a run)", .min = 0, .max = 0.5, .source = "assumed"});
  v.value("split_experts", split_experts, {.doc = "Soviet experts recalled from China at the split", .unit = "people", .min = 0, .max = 1e5, .source = "EXT-13"});
  v.value("split_prestige", split_prestige, {.doc = "prestige lost at the split", .min = 0, .max = 1, .source = "assumed"});
}

namespace {

// Aid and promises are Moscow's decisions; what Beijing makes of them is the rule's.
void apply_aid(World& w, const Decision& d) {
  auto& st = w.bloc.china;
  st.alliance = std::clamp(st.alliance + d.number("warmth"), 0.0, 1.0);
  const bool promise = d.number("nuclear") > 0.5;
  if (st.nuclear_promised && !promise) st.alliance = std::max(0.0, st.alliance - d.number("betrayal"));
  st.nuclear_promised = promise;
}

void apply_beijing_line(World& w, const Decision& d) { w.bloc.china.radicalism = d.number("radicalism"); }

const DecisionKind kKinds[] = {
    {"china_aid", "bloc",
     "Moscow's aid to China: loans, industrial projects, experts, and the promise of help with the bomb; a "
     "promise withdrawn costs Beijing's trust",
     {{"warmth", 0.05, {.doc = "added to the alliance by the gesture", .min = -1, .max = 1}},
      {"nuclear", 0, {.doc = "1 while help with nuclear weapons is promised, 0 when it is not (or withdrawn)", .min = 0, .max = 1}},
      {"betrayal", 0.1, {.doc = "alliance lost if a nuclear promise is withdrawn", .min = 0, .max = 1}}},
     {},
     apply_aid},
    {"beijing_line", "bloc",
     "an input from outside: Beijing's own line, from the Soviet model (0) to the Great Leap and the claim to a "
     "better road to communism (1)",
     {{"radicalism", 0.5, {.doc = "how far Beijing's line departs from Moscow's", .min = 0, .max = 1}}},
     {},
     apply_beijing_line},
};

}  // namespace

std::span<const DecisionKind> decision_kinds() { return kKinds; }

void init(World& w, const Params& p) {
  auto& st = w.bloc.china;
  st = State{};
  st.alliance = p.alliance_1953;
  rng::Draws d(w.seed, rng::stream_id("china.bearable"), 0, 0);
  st.bearable = p.split_threshold + p.threshold_spread * (2 * d.uniform() - 1);
}

double drift(const World& w, const Params& p, double tension) {
  const auto& st = w.bloc.china;
  const auto& sig = w.signals;
  const double informed = sig.topic_informed.size() > SecretSpeech ? sig.topic_informed[SecretSpeech] : 0.0;
  const double revisionism = w.bloc.yugoslav + p.coexistence_weight * std::max(0.0, 0.5 - tension) * 2.0 +
                             p.reform_weight * std::max(0.0, sig.leader_reformism - 0.5) * 2.0;
  const double rivalry = st.radicalism + p.face_weight * std::max(0.0, -w.bloc.prestige);
  return p.destalinisation_rate * informed + p.revisionism_rate * revisionism + p.rivalry_rate * rivalry;
}

void step(World& w, const Params& p, double tension) {
  auto& st = w.bloc.china;
  if (st.split) return;  // the break is not mended in this period
  auto d = w.draws(rng::stream_id("china.incidents"));
  const double incidents = dist::normal(d, 0.0, p.incident_sd);
  st.alliance = std::clamp(st.alliance - drift(w, p, tension) + incidents, 0.0, 1.0);
  if (st.alliance < st.bearable) {
    st.split = true;
    w.bloc.prestige -= p.split_prestige;
    w.add_event("bloc.sino_soviet_split", Severity::Major,
                fmt::format("the Sino-Soviet split: Beijing denounces Soviet revisionism and Moscow recalls its {} experts from China",
                            people_text(p.split_experts)),
                {{"experts", p.split_experts}, {"alliance", st.alliance}, {"bearable", st.bearable}}, "China");
  }
}

void record(const World& w, IndicatorRow& row) { row.add("world.china_alliance", w.bloc.china.alliance); }

}  // namespace thaw::model::bloc::china
