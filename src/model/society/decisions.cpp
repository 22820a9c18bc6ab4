// Decision kinds of the society mechanism. ODD: docs/odd/society.md, "Input".
#include "model/society/decisions.hpp"

#include "model/society/society.hpp"
#include "model/thaw/world.hpp"

#include <fmt/format.h>

namespace thaw::model::society {

namespace {

constexpr std::string_view kTopicNames[] = {"secret_speech", "unrest_news", "camp_truth", "western_culture"};

Topic topic_of(const std::string& name) {
  for (int t = 0; t < kTopics; ++t)
    if (kTopicNames[t] == name) return static_cast<Topic>(t);
  return SecretSpeech;
}

// A revelation read out, printed or broadcast: for `months` months, each uninformed adult in
// the country learns it with the given monthly chance according to who they are. Party members
// are reached at closed party meetings, the young at Komsomol meetings (SPE-04, SPE-05).
void apply_revelation(World& world, const Decision& d) {
  const std::string& country = d.text("country");
  const int c = country == "all" ? -1 : world.geo.country_index(country);
  const int months = static_cast<int>(d.number("months"));
  const Topic topic = topic_of(d.text("topic"));
  auto open = [&](uint8_t setting_mask, uint8_t class_mask, uint8_t cohort_mask, double p) {
    if (p <= 0) return;
    Exposure e;
    e.topic = topic;
    e.country = c;
    e.setting_mask = setting_mask;
    e.class_mask = class_mask;
    e.cohort_mask = cohort_mask;
    e.probability = static_cast<float>(p);
    world.society.inputs.channels.push_back({e, months});
  };
  constexpr uint8_t all_settings = 0x7, towns = setting_bit(Setting::Urban), country_side = setting_bit(Setting::Rural);
  constexpr uint8_t party = 1u << PartyMember, non_party = 0xf & ~(1u << PartyMember);
  constexpr uint8_t young = (1u << Born1925to1939) | (1u << Born1940on);
  open(all_settings, party, 0xf, d.number("party"));
  open(all_settings, non_party, young, d.number("youth"));
  open(towns, non_party, 0xf, d.number("urban"));
  open(country_side, non_party, 0xf, d.number("rural"));
  open(setting_bit(Setting::Camp), 0xf, 0xf, d.number("camps"));
}

const DecisionKind kKinds[] = {
    {"revelation", "society",
     "a revelation reaches people through closed meetings, the press or broadcasts; what they make of it, and "
     "whom they tell, is up to them",
     {{"party", 0.0, {.doc = "monthly chance that an uninformed party member hears it", .min = 0, .max = 1}},
      {"youth", 0.0, {.doc = "monthly chance for the young (born 1925 on), e.g. at Komsomol meetings", .min = 0, .max = 1}},
      {"urban", 0.0, {.doc = "monthly chance for other town dwellers", .min = 0, .max = 1}},
      {"rural", 0.0, {.doc = "monthly chance for other country people", .min = 0, .max = 1}},
      {"camps", 0.0, {.doc = "monthly chance for prisoners", .min = 0, .max = 1}},
      {"months", 2.0, {.doc = "how long the channel stays open", .unit = "months", .min = 1, .max = 240}}},
     {{"topic", "secret_speech", {.doc = "what is revealed", .choices = kTopicNames}},
      {"country", "ussr", {.doc = "country key, or \"all\""}}},
     apply_revelation},
};

}  // namespace

std::span<const DecisionKind> decision_kinds() { return kKinds; }

}  // namespace thaw::model::society
