// China. ODD: docs/odd/bloc.md, "China" (submodel B8).
#include "model/bloc/china.hpp"

#include "model/thaw/world.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace thaw::model::bloc::china {

void Params::describe(ParamVisitor& v) {
  v.value("alliance_1953", alliance_1953, {.doc = "Sino-Soviet alliance strength, 1953", .min = 0, .max = 1, .source = "assumed (1950 treaty)"});
  v.value("destalinisation_rate", destalinisation_rate, {.doc = "alliance lost per month per share of Soviet adults informed of the Secret Speech", .unit = "per month", .min = 0, .max = 1, .source = "EXT-12; calibrate to EXT-13"});
  v.value("revisionism_rate", revisionism_rate, {.doc = "alliance lost per month per unit of 'revisionism' (Tito, coexistence)", .unit = "per month", .min = 0, .max = 1, .source = "EXT-12; calibrate to EXT-13"});
  v.value("coexistence_weight", coexistence_weight, {.doc = "revisionism from tension below one half (peaceful coexistence)", .min = 0, .max = 10, .source = "EXT-12"});
  v.value("split_threshold", split_threshold, {.doc = "alliance strength below which the split breaks out", .min = 0, .max = 1, .source = "assumed; EXT-12/13"});
  v.value("split_experts", split_experts, {.doc = "Soviet experts recalled from China at the split", .unit = "people", .min = 0, .max = 1e5, .source = "EXT-13"});
  v.value("split_prestige", split_prestige, {.doc = "prestige lost at the split", .min = 0, .max = 1, .source = "assumed"});
}

void init(World& w, const Params& p) {
  w.bloc.china = State{};
  w.bloc.china.alliance = p.alliance_1953;
}

void step(World& w, const Params& p, double tension) {
  auto& st = w.bloc.china;
  const auto& sig = w.signals;
  const double informed = sig.topic_informed.size() > SecretSpeech ? sig.topic_informed[SecretSpeech] : 0.0;
  const double revisionism = w.bloc.yugoslav + p.coexistence_weight * std::max(0.0, 0.5 - tension) * 2.0;
  st.alliance = std::clamp(st.alliance - p.destalinisation_rate * informed - p.revisionism_rate * revisionism, 0.0, 1.0);
  if (!st.split && st.alliance < p.split_threshold) {
    st.split = true;
    w.bloc.prestige -= p.split_prestige;
    w.add_event("bloc.sino_soviet_split", Severity::Major,
                fmt::format("the Sino-Soviet split: Beijing denounces Soviet revisionism and Moscow recalls its {} experts from China",
                            people_text(p.split_experts)),
                {{"experts", p.split_experts}, {"alliance", st.alliance}}, "China");
  }
}

void record(const World& w, IndicatorRow& row) { row.add("world.china_alliance", w.bloc.china.alliance); }

}  // namespace thaw::model::bloc::china
