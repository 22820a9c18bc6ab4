// Reactions abroad (ODD: docs/odd/abroad.md): the Secret Speech's road from closed Soviet party
// meetings to the satellites' parties, to the West, and back into the bloc by radio.
#include "model/bloc/world_reactions.hpp"

#include "model/thaw/world.hpp"

#include <fmt/format.h>

namespace thaw::model::abroad {

namespace {

constexpr uint32_t kStreamLeak = rng::stream_id("abroad.leak");

// A revelation of the speech in one country through society's own decision kind: the outside
// actor opens a channel; who hears it, and what they make of it, is society's.
void reveal(World& w, int country, double party, double youth, double urban, double rural, int64_t months) {
  const DecisionKind* kind = find_decision_kind("revelation");
  if (!kind) return;
  Decision d;
  d.kind = "revelation";
  d.spec = kind;
  for (const auto& f : kind->numbers) {
    double v = f.default_value;
    if (f.name == "party") v = party;
    else if (f.name == "youth") v = youth;
    else if (f.name == "urban") v = urban;
    else if (f.name == "rural") v = rural;
    else if (f.name == "months") v = static_cast<double>(months);
    d.numbers.push_back(v);
  }
  for (const auto& f : kind->texts) {
    if (f.name == "topic") d.texts.emplace_back("secret_speech");
    else if (f.name == "country") d.texts.push_back(w.geo.countries[static_cast<size_t>(country)].key);
    else d.texts.emplace_back(f.default_value);
  }
  kind->apply(w, d);
}

std::string satellite_names(const World& w) {
  std::string out;
  for (const auto& c : w.geo.countries)
    if (c.satellite) out += (out.empty() ? "" : ", ") + c.name;
  return out;
}

}  // namespace

void Params::describe(ParamVisitor& v) {
  v.value("known_threshold", known_threshold,
          {.doc = "share of Soviet adults who know the Secret Speech at which its text goes to the satellites' parties", .min = 0,
           .max = 1, .source = "Taubman, Khrushchev: The Man and His Era (2003), ch. 11: copies sent to the fraternal parties in March 1956; threshold assumed"});
  v.value("fraternal_party", fraternal_party,
          {.doc = "monthly chance that a satellite party member hears the text read out", .min = 0, .max = 1,
           .source = "assumed, below the Soviet party's 0.7 (SPE-04): read to activists, not every member"});
  v.value("fraternal_months", fraternal_months, {.doc = "months the satellites' parties read it out", .unit = "months", .min = 1, .max = 24, .source = "assumed"});
  v.value("leak_chance", leak_chance,
          {.doc = "monthly chance, while the text circulates in the satellites' parties, that a copy reaches the West", .min = 0, .max = 1,
           .source = "Machcewicz, Rebellious Satellite: Poland 1956 (2009): a copy left Warsaw in April 1956, about a month after it arrived; uncertain, 0.2-0.8"});
  v.value("publication_delay", publication_delay,
          {.doc = "months from the leak to the text's publication in the West", .unit = "months", .min = 0, .max = 24,
           .source = "the State Department released it on 4 June 1956, about two months after the leak (Taubman 2003)"});
  v.value("broadcast_party", broadcast_party, {.doc = "monthly chance that a satellite party member hears the broadcasts", .min = 0, .max = 1, .source = "assumed (DSC-09)"});
  v.value("broadcast_youth", broadcast_youth, {.doc = "... a young listener (born 1925 on)", .min = 0, .max = 1, .source = "assumed (DSC-09)"});
  v.value("broadcast_urban", broadcast_urban, {.doc = "... another town dweller", .min = 0, .max = 1, .source = "assumed (DSC-09)"});
  v.value("broadcast_rural", broadcast_rural, {.doc = "... another country dweller", .min = 0, .max = 1, .source = "assumed (DSC-09)"});
  v.value("broadcast_months", broadcast_months, {.doc = "months Radio Free Europe keeps broadcasting it", .unit = "months", .min = 1, .max = 24, .source = "assumed"});
}

void init(World& w, const Params&) { w.abroad = State{}; }

void step(World& w, const Params& p) {
  auto& st = w.abroad;
  const double known = w.signals.topic_informed.empty() ? 0.0 : w.signals.topic_informed[SecretSpeech];
  if (st.sent_step < 0 && known >= p.known_threshold) {
    st.sent_step = w.step;
    for (size_t c = 0; c < w.geo.countries.size(); ++c)
      if (w.geo.countries[c].satellite) reveal(w, static_cast<int>(c), p.fraternal_party, 0, 0, 0, p.fraternal_months);
    w.add_event("abroad.text_sent", Severity::Notable,
                fmt::format("because {:.0f}% of Soviet adults now know the Secret Speech, its text goes to the parties of {}, "
                            "where it is read to members",
                            100 * known, satellite_names(w)),
                {{"known", known}});
    return;
  }
  if (st.sent_step >= 0 && st.leaked_step < 0) {
    auto d = w.draws(kStreamLeak);
    if (d.chance(p.leak_chance)) {
      st.leaked_step = w.step;
      w.add_event("abroad.leak", Severity::Notable,
                  fmt::format("a copy of the Secret Speech, circulating in the satellites' parties since {}, reaches the West",
                              w.calendar.month_at(st.sent_step).long_name()),
                  {{"months_circulating", static_cast<double>(w.step - st.sent_step)}});
    }
    return;
  }
  if (st.known_abroad() && st.published_step < 0 && w.step >= st.leaked_step + p.publication_delay) {
    st.published_step = w.step;
    for (size_t c = 0; c < w.geo.countries.size(); ++c)
      if (w.geo.countries[c].satellite)
        reveal(w, static_cast<int>(c), p.broadcast_party, p.broadcast_youth, p.broadcast_urban, p.broadcast_rural, p.broadcast_months);
    w.add_event("abroad.publication", Severity::Major,
                fmt::format("because the text leaked in {}, the US publishes the Secret Speech and Radio Free Europe broadcasts it "
                            "into {}",
                            w.calendar.month_at(st.leaked_step).long_name(), satellite_names(w)),
                {{"leaked_months_ago", static_cast<double>(w.step - st.leaked_step)}});
  }
}

void record(const World& w, IndicatorRow& row) {
  row.add("abroad.speech_known_abroad", w.abroad.known_abroad() ? 1.0 : 0.0);
}

std::span<const DecisionKind> decision_kinds() { return {}; }

void checksum(const World& w, Checksum& c) {
  c.add(w.abroad.sent_step);
  c.add(w.abroad.leaked_step);
  c.add(w.abroad.published_step);
}

}  // namespace thaw::model::abroad
