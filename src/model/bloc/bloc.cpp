// The bloc and the world. ODD: docs/odd/bloc.md (submodels B1-B9 are named in the comments).
//
// Published models: Epstein (2002) civil violence (troops as security forces in view, via
// society); Granovetter (1978) thresholds (news of unrest abroad as exposures, via society);
// Schelling (1966) deterrence and credibility (Moscow's threshold, crises resolved by resolve).
#include "model/bloc/bloc.hpp"

#include "engine/detmath.hpp"
#include "engine/distributions.hpp"
#include "engine/rng.hpp"
#include "model/society/society.hpp"
#include "model/thaw/world.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace thaw::model::bloc {

// --- parameters --------------------------------------------------------------------------------

void LeaderDef::describe(ParamVisitor& v) {
  v.value("country", country, {.doc = "country key of the satellite", .required = true});
  v.value("name", name, {.doc = "name used in the narrative", .required = true});
  v.value("reformism", reformism, {.doc = "0 Stalinist .. 1 reformer", .min = 0, .max = 1, .source = "assumed from the record's characterisations"});
  v.value("loyalty", loyalty, {.doc = "how far Moscow can trust him to keep the country in the bloc", .min = 0, .max = 1, .source = "assumed"});
}

void GarrisonDef::describe(ParamVisitor& v) {
  v.value("country", country, {.doc = "country key of the satellite", .required = true});
  v.value("troops", troops, {.doc = "Soviet troops stationed there in 1953", .unit = "people", .min = 0, .max = 2e6, .source = "rounded, general histories; assumed"});
}

void SatelliteDef::describe(ParamVisitor& v) {
  v.value("country", country, {.doc = "country key of the satellite", .required = true});
  v.value("austerity_1953", austerity_1953, {.doc = "the squeeze on consumption in March 1953, on the austerity scale (1: no drive of its own under way)", .min = 0, .max = 3,
      .source = "data/satellites.csv (rows dated 1952); size assumed"});
  v.value("outside_news", outside_news, {.doc = "monthly chance, while the country is in unrest, that a person there hears of it from foreign radio", .min = 0, .max = 1,
      .source = "data/satellites.csv (role outside: RIAS, Radio Free Europe); size assumed"});
}

// data/satellites.csv: the GDR's 'construction of socialism' (1952, high confidence) squeezes
// harder than the others; Hungary's fall in real wages of 1949-52 is not checked (low confidence)
// and is left out; RIAS reaches most of the GDR, Radio Free Europe broadcasts to Poland, Czechoslovakia
// and Hungary (1951-52); the data name no outside channel for Romania and Bulgaria.
std::vector<SatelliteDef> default_satellites() {
  return {{"gdr", 1.1, 0.6}, {"poland", 1.0, 0.3}, {"czechoslovakia", 1.0, 0.3}, {"hungary", 1.0, 0.3}, {"romania", 1.0, 0.1}, {"bulgaria", 1.0, 0.1}};
}

// The first listed for a country leads in March 1953; the others are the men in the wings, from
// data/satellites_leaders.csv (Stalinist, centrist and reformist figures); the values of those the
// code did not have before issue 13 are read from the characterisations there (assumed).
std::vector<LeaderDef> default_leaders() {
  return {
      {"poland", "Bolesław Bierut", 0.15, 0.95},      {"poland", "Edward Ochab", 0.35, 0.9},
      {"poland", "Władysław Gomułka", 0.7, 0.7},      {"gdr", "Walter Ulbricht", 0.1, 0.95},
      {"gdr", "Otto Grotewohl", 0.3, 0.9},            {"gdr", "Karl Schirdewan", 0.5, 0.8},
      {"gdr", "Rudolf Herrnstadt", 0.6, 0.7},         {"czechoslovakia", "Antonín Novotný", 0.2, 0.95},
      {"czechoslovakia", "Viliam Široký", 0.15, 0.95}, {"czechoslovakia", "Antonín Zápotocký", 0.35, 0.9},
      {"hungary", "Mátyás Rákosi", 0.1, 0.95},        {"hungary", "András Hegedüs", 0.15, 0.95},
      {"hungary", "Ernő Gerő", 0.2, 0.95},            {"hungary", "János Kádár", 0.45, 0.9},
      {"hungary", "Imre Nagy", 0.8, 0.3},             {"romania", "Gheorghe Gheorghiu-Dej", 0.2, 0.8},
      {"romania", "Iosif Chișinevschi", 0.45, 0.8},   {"romania", "Miron Constantinescu", 0.5, 0.8},
      {"bulgaria", "Valko Chervenkov", 0.15, 0.95},   {"bulgaria", "Anton Yugov", 0.3, 0.9},
      {"bulgaria", "Todor Zhivkov", 0.4, 0.95},
  };
}

std::vector<GarrisonDef> default_garrisons() {
  return {{"poland", 60000}, {"gdr", 400000}, {"czechoslovakia", 0}, {"hungary", 30000}, {"romania", 35000}, {"bulgaria", 0}};
}

void Params::describe(ParamVisitor& v) {
  v.value("unrest_share", unrest_share, {.doc = "peak share of a country's urban adults active that counts as unrest (event bloc.unrest)", .min = 0, .max = 1, .source = "assumed; EXT-10, DSC-08"});
  v.value("uprising_share", uprising_share, {.doc = "... that counts as an uprising (event bloc.uprising)", .min = 0, .max = 1, .source = "assumed; GDR 1953 about 1 M of 9 M urban adults"});
  v.value("concession_legitimacy", concession_legitimacy, {.doc = "climate shift of the country per concession", .min = 0, .max = 1, .source = "assumed; calibrate"});
  v.value("concession_austerity", concession_austerity, {.doc = "austerity removed per concession", .min = 0, .max = 1, .source = "assumed (New Course 1953)"});
  v.value("crackdown_forces", crackdown_forces, {.doc = "regime forces in view per urban adult added by a crackdown", .unit = "per adult", .min = 0, .max = 1, .source = "assumed, same order as repression.security_base"});
  v.value("crackdown_legitimacy", crackdown_legitimacy, {.doc = "climate lost per crackdown", .min = 0, .max = 1, .source = "assumed"});
  v.value("forces_half_life", forces_half_life, {.doc = "half-life of an emergency deployment", .unit = "months", .min = 0.1, .max = 120, .source = "assumed"});
  v.value("change_scale", change_scale, {.doc = "unrest (active share, summed over months) that makes a change of leader even odds", .min = 1e-6, .max = 10, .source = "assumed; calibrate"});
  v.value("new_leader_legitimacy", new_leader_legitimacy, {.doc = "climate shift per unit of reformism gained by a change of leader", .min = 0, .max = 1, .source = "assumed (Gomułka 1956)"});
  v.value("austerity_relief", austerity_relief, {.doc = "a full reformer steers austerity toward 1 - this", .min = 0, .max = 1, .source = "assumed"});
  v.value("stalinist_austerity", stalinist_austerity, {.doc = "a leader of reformism 0 steers austerity toward 1 + this; the target falls linearly to 1 - austerity_relief for a full reformer", .min = 0, .max = 1,
      .source = "assumed; data/satellites.csv (forced industrialisation, collectivisation and deliveries under the Stalinist course)"});
  v.value("austerity_rate", austerity_rate, {.doc = "share of the gap to that target closed per month", .unit = "per month", .min = 0, .max = 1, .source = "assumed"});
  v.value("austerity_hardship", austerity_hardship, {.doc = "hardship factor = 1 + this x (austerity - 1)", .min = 0, .max = 5, .source = "assumed; calibrate"});
  v.value("austerity_min", austerity_min, {.doc = "austerity floor", .min = 0, .max = 1});
  v.value("austerity_max", austerity_max, {.doc = "austerity ceiling", .min = 1, .max = 10});
  v.value("exit_reformism", exit_reformism, {.doc = "a leader at least this reformist may declare exit from the bloc under an uprising", .min = 0, .max = 1, .source = "EXT-10 (Nagy, 1 Nov 1956); DSC-24"});
  v.value("exit_loyalty", exit_loyalty, {.doc = "... if less loyal than this", .min = 0, .max = 1, .source = "assumed"});
  v.value("exit_chance", exit_chance, {.doc = "chance per month of that declaration", .min = 0, .max = 1, .source = "assumed"});
  v.value("intervention_troops", intervention_troops, {.doc = "Soviet troops sent in an intervention", .unit = "people", .min = 0, .max = 2e6, .source = "EXT-10 (about 60,000 in November 1956, general histories)"});
  v.value("intervention_months", intervention_months, {.doc = "how long the surge stays", .unit = "months", .min = 1, .max = 60, .source = "assumed"});
  v.value("troop_visibility", troop_visibility, {.doc = "share of the surge in view in the towns", .min = 0, .max = 10, .source = "assumed"});
  v.value("garrison_visibility", garrison_visibility, {.doc = "share of a garrison in view (barracks)", .min = 0, .max = 10, .source = "assumed"});
  v.value("casualty_rate", casualty_rate, {.doc = "killed per person active at the peak when troops go in", .min = 0, .max = 1, .source = "EXT-10: ~2,600 dead of some 200,000-300,000 active"});
  v.value("order_casualty_rate", order_casualty_rate, {.doc = "killed per person active at the peak when troops restore order for a government that stays", .min = 0, .max = 1,
      .source = "SAT-03: 55-125 killed of over a million in the GDR, June 1953 (Ostermann 2001; Kowalczuk 2003)"});
  v.value("intervention_prestige", intervention_prestige, {.doc = "prestige lost abroad when an intervention overthrows a government and installs another (Hungary 1956)", .min = 0, .max = 1, .source = "assumed"});
  v.value("order_prestige", order_prestige, {.doc = "prestige lost abroad when troops restore order for a government that stays (the GDR 1953); intervention_prestige applies when they install another", .min = 0, .max = 1,
      .source = "assumed; Ostermann 2001 (June 1953 a propaganda loss, but no Western response), Kramer 1998 (Hungary's crushing condemned abroad)"});
  v.value("intervention_tension", intervention_tension, {.doc = "crisis tension added per intervention", .min = 0, .max = 1, .source = "assumed"});
  v.value("installed_legitimacy", installed_legitimacy, {.doc = "climate shift when Moscow installs a leader", .min = -1, .max = 1, .source = "assumed"});
  v.value("contagion", contagion, {.doc = "exposure chance (UnrestNews) in other satellites' towns at unrest = contagion_scale", .min = 0, .max = 1, .source = "Granovetter (1978); assumed; DSC-08"});
  v.value("contagion_scale", contagion_scale, {.doc = "unrest at which news spreads at half the contagion chance's ceiling", .min = 1e-6, .max = 1});
  v.value("contagion_ussr", contagion_ussr, {.doc = "the USSR's exposure relative to the satellites'", .min = 0, .max = 1, .source = "assumed"});
  v.value("base_tension", base_tension, {.doc = "world tension without recent crises", .min = 0, .max = 1, .source = "assumed"});
  v.value("tension_half_life", tension_half_life, {.doc = "half-life of a crisis' tension", .unit = "months", .min = 0.1, .max = 600, .source = "assumed"});
  v.value("prestige_half_life", prestige_half_life, {.doc = "half-life of prestige", .unit = "months", .min = 0.1, .max = 600, .source = "assumed"});
  v.section("china", "the Sino-Soviet alliance and the split (china.cpp)", [&](ParamVisitor& c) { china.describe(c); });
  v.value("us_resolve", us_resolve, {.doc = "firmness of the US in a crisis", .min = 0, .max = 1, .source = "assumed (Schelling 1966)"});
  v.value("discovery_chance", discovery_chance, {.doc = "chance per month that missiles abroad are discovered", .unit = "per month", .min = 0, .max = 1, .source = "EXT-18 (found within weeks)"});
  v.value("missile_tension", missile_tension, {.doc = "crisis tension when missiles abroad are discovered", .min = 0, .max = 1, .source = "assumed"});
  v.value("humiliation", humiliation, {.doc = "prestige lost by a withdrawal under pressure (times 1 - trade)", .min = 0, .max = 1, .source = "assumed; EXT-18"});
  v.value("ultimatum_tension", ultimatum_tension, {.doc = "crisis tension added by an ultimatum", .min = 0, .max = 1, .source = "assumed; EXT-14"});
  v.value("ultimatum_lapse_prestige", ultimatum_lapse_prestige, {.doc = "prestige lost when an ultimatum lapses unmet", .min = 0, .max = 1, .source = "assumed; EXT-14"});
  v.value("rapprochement_prestige", rapprochement_prestige, {.doc = "prestige gained by a rapprochement", .min = 0, .max = 1, .source = "assumed; EXT-05"});
  v.value("withdrawal_prestige", withdrawal_prestige, {.doc = "prestige gained by a troop withdrawal", .min = 0, .max = 1, .source = "assumed; EXT-04"});
  v.value("pact_tension", pact_tension, {.doc = "crisis tension added by founding the Pact", .min = 0, .max = 1, .source = "assumed; EXT-03"});
  v.list("leader", "possible first secretaries of the satellites (the first listed for a country leads in 1953)", leaders);
  v.list("garrison", "Soviet troops stationed in the satellites in 1953", garrisons);
  v.list("satellite", "what sets each satellite apart: austerity in 1953, foreign radio", satellites);
  v.value("line_destalinisation", line_destalinisation, {.doc = "Moscow's line = the Soviet leader's reformism + this x the share of Soviet adults informed of the Secret Speech", .min = 0, .max = 2,
      .source = "assumed; Kramer 1998 (Moscow's pressure on the satellites' Stalinists in 1953 and 1956)"});
  v.value("line_tolerance", line_tolerance, {.doc = "a satellite leader this far behind Moscow's line is tolerated", .min = 0, .max = 1, .source = "assumed"});
  v.value("line_discredit", line_discredit, {.doc = "climate shift lost each month per unit of a leader's gap behind Moscow's line beyond the tolerance (the Secret Speech disowns the local Stalinists' course)", .min = 0, .max = 1,
      .source = "assumed; Kramer 1998"});
  v.value("fear_1953", fear_1953, {.doc = "fear of repression in the satellites at Stalin's death (B10; society's starting value and the USSR's repression.fear_1953)", .min = 0, .max = 1,
      .source = "assumed equal to the USSR's; Kramer 1999 (terror and purges in the satellites until 1953)"});
  v.value("line_fear", line_fear, {.doc = "fear removed per unit of Moscow's line: the satellites' terror eases as Moscow's own course softens (Stalin's death, the New Course, the Secret Speech)", .min = 0, .max = 1,
      .source = "assumed size; Kramer 1999 (the succession's New Course and amnesties raised expectations in East-Central Europe)"});
  v.value("fear_rate", fear_rate, {.doc = "share of the gap to that level closed per month", .unit = "per month", .min = 0, .max = 1, .source = "assumed"});
  v.value("weakness_fear", weakness_fear, {.doc = "fear lost when a leadership gives way to the street (a concession, a new man): weakness seen (Lohmann 1994; Kuran 1991)", .min = 0, .max = 1,
      .source = "assumed size; Ostermann 2001 (the New Course of 9-11 June 1953 read as the SED's retreat), Granville 2004 (Rákosi's fall)"});
  v.value("crackdown_fear", crackdown_fear, {.doc = "fear added by a crackdown", .min = 0, .max = 1, .source = "assumed"});
  v.value("intervention_fear", intervention_fear, {.doc = "fear added when Soviet troops go in", .min = 0, .max = 1, .source = "assumed (the quiet after June 1953 and November 1956)"});
  v.value("fear_memory_half_life", fear_memory_half_life, {.doc = "half-life of those shocks to fear", .unit = "months", .min = 0.1, .max = 600, .source = "assumed"});
  v.value("expectation_hardship", expectation_hardship, {.doc = "B11 relative deprivation: hardship factor added per unit of austerity above the level Moscow's line would bring (what people were led to expect)", .min = 0, .max = 10,
      .source = "Gurr, Why Men Rebel (1970); Davies, Toward a theory of revolution (1962); Kramer 1999, Ostermann 2001 (the New Course raised expectations the norms denied); size assumed"});
  v.value("expectation_rate", expectation_rate, {.doc = "B11: share of the gap between the course people expect and Moscow's line as they know it (the Soviet leader's course, moved by the share of the country's own people who know the Secret Speech) closed per month; it starts at that line", .unit = "per month", .min = 0, .max = 1,
      .source = "assumed; Davies 1962 (expectations follow experience with a lag)"});
  v.value("line_pull", line_pull, {.doc = "B5: a leader's course (the austerity he steers toward) follows Moscow's line by this share of his gap behind it, without a change of man (the New Courses of 1953)", .min = 0, .max = 1,
      .source = "assumed size; Kramer 1999 (Moscow's New Course imposed on every satellite leadership in June 1953, applied half-heartedly by the Stalinists)"});
  v.value("uprising_change", uprising_change, {.doc = "B3: chance a month, at least, that an uprising brings down the leader (the street's change of leader)", .min = 0, .max = 1,
      .source = "assumed; Kramer 1998, Granville 2004 (Gerő gave way within two days of 23 October 1956, Ochab to Gomułka within days in Poland)"});
  v.value("crowd_names_its_man", crowd_names_its_man, {.doc = "in an uprising the street's change of leader brings the most reformist candidate (Nagy, Gomułka in 1956), not the next one", .source = "Kramer 1998; Granville 2004"});
  v.value("line_rate", line_rate, {.doc = "monthly chance that Moscow replaces him, per unit of the gap beyond the tolerance", .unit = "per month", .min = 0, .max = 1,
      .source = "assumed; calibrate (Rákosi removed July 1956, Chervenkov April 1956)"});
}

// --- decisions (levers only) -----------------------------------------------------------------------

namespace {

constexpr std::string_view kPolicies[] = {"threshold", "never"};

int satellite_index(const World& w, const std::string& key) {
  const int c = w.geo.country_index(key);
  if (c < 0 || static_cast<size_t>(c) >= w.bloc.countries.size() || !w.bloc.countries[static_cast<size_t>(c)].satellite) return -1;
  return c;
}

void apply_intervention_policy(World& w, const Decision& d) {
  auto& st = w.bloc;
  st.intervene = d.text("policy") != "never";
  st.intervention_threshold = d.number("unrest_threshold");
  st.loyalty_trust = d.number("loyalty_trust");
  st.control_factor = d.number("control_factor");
}

void apply_rapprochement(World& w, const Decision& d) {
  auto& st = w.bloc;
  st.yugoslav = std::clamp(st.yugoslav + d.number("warmth"), 0.0, 1.0);
  st.prestige += d.number("prestige");
  st.crisis -= d.number("detente");
}

void apply_missile_deployment(World& w, const Decision& d) {
  auto& st = w.bloc;
  st.missiles = d.number("missiles");
  st.missile_resolve = d.number("resolve");
  st.missile_trade = d.number("trade");
  st.missiles_discovered = false;
  st.crisis_months = 0;
}

void apply_troop_withdrawal(World& w, const Decision& d) {
  auto& st = w.bloc;
  const int c = satellite_index(w, d.text("from"));
  if (c >= 0) {
    auto& cs = st.countries[static_cast<size_t>(c)];
    cs.garrison = std::max(0.0, cs.garrison - d.number("troops"));
  }
  st.prestige += d.number("prestige");
  st.crisis -= d.number("detente");
}

void apply_warsaw_pact(World& w, const Decision& d) {
  w.bloc.warsaw_pact = d.number("in_force") > 0.5;
  w.bloc.crisis += d.number("tension");
}

void apply_berlin_ultimatum(World& w, const Decision& d) {
  auto& st = w.bloc;
  st.ultimatum_months_left = static_cast<int>(d.number("deadline_months"));
  st.ultimatum_resolve = d.number("resolve");
  st.crisis += d.number("tension");
}

void apply_space_launch(World& w, const Decision& d) {
  w.bloc.prestige += d.number("prestige");
  w.bloc.crisis += d.number("tension");
}

void apply_satellite_austerity(World& w, const Decision& d) {
  const int c = satellite_index(w, d.text("country"));
  if (c < 0) return;
  auto& cs = w.bloc.countries[static_cast<size_t>(c)];
  cs.austerity = std::max(0.0, cs.austerity + d.number("change"));
}

void apply_satellite_leader(World& w, const Decision& d) {
  const int c = satellite_index(w, d.text("country"));
  if (c < 0) return;
  auto& cs = w.bloc.countries[static_cast<size_t>(c)];
  for (size_t i = 0; i < cs.candidates.size(); ++i)
    if (cs.candidates[i].name == d.text("leader")) {
      cs.leader = static_cast<int>(i);
      return;
    }
  throw std::invalid_argument(fmt::format("decision '{}' (satellite_leader): '{}' is not a candidate of {} (bloc.leader)", d.id,
                                          d.text("leader"), d.text("country")));
}

const DecisionKind kKinds[] = {
    {"intervention_policy", "bloc",
     "Moscow's rule for sending troops into a satellite: when unrest passes a threshold and the local leadership "
     "cannot be trusted (disloyal or lost control), and whenever a leadership declares exit from the bloc; or never",
     {{"unrest_threshold", 0.03, {.doc = "peak share of the country's urban adults active", .min = 0, .max = 1}},
      {"loyalty_trust", 0.5, {.doc = "a leader at least this loyal is trusted to restore order himself ...", .min = 0, .max = 1}},
      {"control_factor", 4, {.doc = "... unless unrest exceeds the threshold this many times (he has lost control)", .min = 1, .max = 1000}}},
     {{"policy", "threshold", {.doc = "\"threshold\" or \"never\"", .choices = kPolicies}}},
     apply_intervention_policy},
    {"rapprochement", "bloc", "reconciliation with a estranged communist state (Tito's Yugoslavia): prestige, detente, and 'revisionism' in Beijing's eyes",
     {{"warmth", 1, {.doc = "added to the rapprochement (0..1)", .min = -1, .max = 1}},
      {"prestige", 0.05, {.doc = "prestige gained", .min = -1, .max = 1}},
      {"detente", 0.05, {.doc = "crisis tension removed", .min = -1, .max = 1}}},
     {},
     apply_rapprochement},
    {"missile_deployment", "bloc", "missiles are sent secretly abroad (Cuba); whether they are found, and how the crisis ends, follows the bloc's rules",
     {{"missiles", 40, {.doc = "missiles deployed", .min = 0, .max = 1000}},
      {"resolve", 0.3, {.doc = "Moscow's resolve to keep them in a confrontation (0..1)", .min = 0, .max = 1}},
      {"trade", 0.5, {.doc = "share of the humiliation a face-saving trade would spare (0..1)", .min = 0, .max = 1}}},
     {},
     apply_missile_deployment},
    {"troop_withdrawal", "bloc", "Soviet troops leave a country (Austria, or a satellite's garrison)",
     {{"troops", 30000, {.doc = "troops withdrawn", .unit = "people", .min = 0, .max = 2e6}},
      {"prestige", 0.05, {.doc = "prestige gained", .min = -1, .max = 1}},
      {"detente", 0.05, {.doc = "crisis tension removed", .min = -1, .max = 1}}},
     {{"from", "austria", {.doc = "a satellite's country key, or a place outside the model (\"austria\")"}}},
     apply_troop_withdrawal},
    {"warsaw_pact", "bloc", "the satellites are bound into a military alliance; leaving it becomes a declared act",
     {{"in_force", 1, {.doc = "1: the Pact exists", .min = 0, .max = 1}},
      {"tension", 0.03, {.doc = "crisis tension added", .min = -1, .max = 1}}},
     {},
     apply_warsaw_pact},
    {"berlin_ultimatum", "bloc", "a deadline for the West to leave Berlin; what happens at the deadline follows the bloc's rules",
     {{"deadline_months", 6, {.doc = "months until the deadline", .unit = "months", .min = 1, .max = 60}},
      {"resolve", 0.3, {.doc = "Moscow's resolve to act at the deadline (0..1)", .min = 0, .max = 1}},
      {"tension", 0.15, {.doc = "crisis tension added", .min = 0, .max = 1}}},
     {},
     apply_berlin_ultimatum},
    {"space_launch", "bloc", "a feat in space (Sputnik, Gagarin): prestige abroad, and a sharper arms race",
     {{"prestige", 0.2, {.doc = "prestige gained", .min = 0, .max = 1}},
      {"tension", 0.03, {.doc = "crisis tension added", .min = 0, .max = 1}}},
     {},
     apply_space_launch},
    {"satellite_austerity", "bloc", "a satellite's leadership (or Moscow) tightens or eases the squeeze on consumption: norms, prices, deliveries",
     {{"change", 0.1, {.doc = "added to the country's austerity (1953 = 1)", .min = -2, .max = 2}}},
     {{"country", "gdr", {.doc = "country key of the satellite"}}},
     apply_satellite_austerity},
    {"satellite_leader", "bloc", "Moscow installs one of a satellite's candidates as leader",
     {},
     {{"country", "hungary", {.doc = "country key of the satellite"}}, {"leader", "", {.doc = "a candidate's name (bloc.leader)"}}},
     apply_satellite_leader},
};

}  // namespace

// The bloc's own kinds, then China's (china.cpp).
std::span<const DecisionKind> decision_kinds() {
  static const std::vector<DecisionKind> all = [] {
    std::vector<DecisionKind> v(std::begin(kKinds), std::end(kKinds));
    for (const auto& k : china::decision_kinds()) v.push_back(k);
    return v;
  }();
  return all;
}

// --- the month -------------------------------------------------------------------------------------

namespace {

constexpr uint8_t kTowns = society::setting_bit(Setting::Urban);
constexpr uint8_t kFree = society::setting_bit(Setting::Urban) | society::setting_bit(Setting::Rural);

double decay(double half_life) { return det::exp2(-1.0 / half_life); }

// Free adults (people) of a country, in town and in all.
struct Adults {
  double urban = 0, all = 0;
};

Adults adults_of(const World& w, int country) {
  Adults a;
  for (size_t l = 0; l < w.geo.localities.size(); ++l) {
    const auto& loc = w.geo.localities[l];
    if (loc.country != country || loc.setting == Setting::Camp || l >= w.society.stats.size()) continue;
    // Before society's first count the definition's population stands in (about 70% adults).
    const double agents = w.society.stats[l].adults;
    const double people = agents > 0 ? agents * loc.weight : 0.7 * loc.population;  // a town's agents stand for fewer
    a.all += people;
    if (loc.setting == Setting::Urban) a.urban += people;
  }
  return a;
}

// Share of a country's free adults who know a topic.
double informed_share(const World& w, int country, int topic) {
  double knowers = 0, people = 0;
  for (size_t l = 0; l < w.geo.localities.size() && l < w.society.stats.size(); ++l) {
    const auto& loc = w.geo.localities[l];
    if (loc.country != country || loc.setting == Setting::Camp) continue;
    const auto& s = w.society.stats[l];
    knowers += s.informed[static_cast<size_t>(topic)] * s.adults * loc.weight;
    people += s.adults * loc.weight;
  }
  return people > 0 ? knowers / people : 0.0;
}

const Candidate* leader_of(const CountryState& cs) {
  return cs.leader >= 0 ? &cs.candidates[static_cast<size_t>(cs.leader)] : nullptr;
}

// B5: the austerity a leader of reformism r steers toward.
double austerity_target(const Params& p, double r) { return 1.0 + p.stalinist_austerity - (p.stalinist_austerity + p.austerity_relief) * r; }

// B11: the austerity Moscow's line, as people have come to expect it, would bring.
double promised_austerity(const Params& p, const CountryState& cs) { return austerity_target(p, cs.expected_line < 0 ? 0.0 : cs.expected_line); }

// B4: the unrest at which Moscow sends troops: its threshold where it distrusts the leader, the
// control factor's higher bar where it trusts him (a declared exit is met whatever the unrest).
double intervention_bar(const State& st, const CountryState& cs) {
  const Candidate* ld = leader_of(cs);
  const bool distrusted = !ld || ld->loyalty < st.loyalty_trust;
  return distrusted ? st.intervention_threshold : st.intervention_threshold * st.control_factor;
}

// Why a satellite's crisis came (io/events.hpp's drivers): how many were in the streets against
// the threshold that counts, and what stood behind it: the squeeze and the promise it broke, fear,
// the Soviet troops in view, the man in charge and his standing with Moscow, and the news of unrest
// that had reached the country.
using EventData = std::vector<std::pair<std::string, double>>;
EventData crisis_drivers(const World& w, const Params& p, const CountryState& cs, int c, double u, double threshold) {
  const Candidate* ld = leader_of(cs);
  const double promised = promised_austerity(p, cs);
  const Adults a = adults_of(w, c);
  return {{"driver.active_share", u},
          {"driver.threshold", threshold},
          {"driver.austerity", cs.austerity},
          {"driver.broken_promise", std::max(0.0, cs.austerity - promised)},
          {"driver.fear", cs.fear},
          {"driver.soviet_troops", a.urban > 0 ? (cs.garrison + cs.surge) / a.urban : 0.0},
          {"driver.leader_reformism", ld ? ld->reformism : 0.5},
          {"driver.leader_loyalty", ld ? ld->loyalty : 0.0},
          {"driver.heard_of_unrest", informed_share(w, c, UnrestNews)}};
}

EventData with_drivers(EventData data, const EventData& drivers) {
  data.insert(data.end(), drivers.begin(), drivers.end());
  return data;
}


// B3: a change of leader. `to` indexes the candidates; the shift is a concession when the new man
// is more reformist (Gomułka 1956) and a loss of face when Moscow imposes him.
enum class Change { Street, Line, Installed };

// B3: a change of leader. `to` indexes the candidates. A more reformist man raises belief (Gomułka
// 1956), whether the street or Moscow's line brought him; one installed behind Soviet tanks
// costs it.
void change_leader(World& w, CountryState& cs, int c, int to, const Params& p, Change why) {
  const Candidate* old = leader_of(cs);
  const Candidate& neu = cs.candidates[static_cast<size_t>(to)];
  const double gain = neu.reformism - (old ? old->reformism : 0.5);
  // Its drivers: the pressure the street had built (B3), the gap between Moscow's line and the
  // old man's course (B3b), and the old man's standing with Moscow (B4).
  const EventData drivers = {{"driver.street_pressure", cs.pressure},
                             {"driver.line_gap", w.bloc.line - (old ? old->reformism : 0.5)},
                             {"driver.leader_reformism", old ? old->reformism : 0.5},
                             {"driver.leader_loyalty", old ? old->loyalty : 0.0}};
  cs.leader = to;
  cs.pressure = 0;
  const double shift = why == Change::Installed ? p.installed_legitimacy : p.new_leader_legitimacy * std::max(0.0, gain);
  if (shift != 0) society::shift_legitimacy(w, c, kFree, static_cast<float>(shift));
  const char* how = why == Change::Installed ? ", installed by Moscow"
                    : why == Change::Line    ? ", on Moscow's advice"
                    : gain > 0               ? ", a concession to the street"
                                             : "";
  w.add_event("bloc.leadership_change", Severity::Major,
              fmt::format("in {}, {} replaces {} at the head of the party{}", cs.name, neu.name, old ? old->name : "the old leadership", how),
              with_drivers({{"reformism", neu.reformism}, {"previous_reformism", old ? old->reformism : 0.0},
                            {"imposed", why == Change::Installed ? 1.0 : 0.0}, {"moscow_line", why == Change::Line ? 1.0 : 0.0}},
                           drivers),
              cs.key);
}

// The next less reformist candidate Moscow can trust, or -1.
int next_conservative(const CountryState& cs, double below, double trust) {
  int best = -1;
  for (size_t i = 0; i < cs.candidates.size(); ++i) {
    const auto& cand = cs.candidates[i];
    if (cand.reformism >= below || cand.loyalty < trust) continue;
    if (best < 0 || cand.reformism > cs.candidates[static_cast<size_t>(best)].reformism) best = static_cast<int>(i);
  }
  return best;
}

// The candidate Moscow would pick: the next more reformist one it can trust, or -1.
int next_reformer(const CountryState& cs, double above, double trust) {
  int best = -1;
  for (size_t i = 0; i < cs.candidates.size(); ++i) {
    const auto& cand = cs.candidates[i];
    if (cand.reformism <= above || cand.loyalty < trust) continue;
    if (best < 0 || cand.reformism < cs.candidates[static_cast<size_t>(best)].reformism) best = static_cast<int>(i);
  }
  return best;
}

// B2: the leadership answers unrest with a concession or a crackdown; a reformer concedes more often.
void respond(World& w, CountryState& cs, int c, double u, const Params& p, rng::Draws& draws) {
  const Candidate* ld = leader_of(cs);
  const double reformism = ld ? ld->reformism : 0.5;
  if (draws.uniform() < reformism) {
    society::shift_legitimacy(w, c, kFree, static_cast<float>(p.concession_legitimacy));
    cs.austerity = std::max(p.austerity_min, cs.austerity - p.concession_austerity);
    cs.fear_shock -= p.weakness_fear;  // B10: the regime yields, and is seen to
    w.add_event("bloc.concession", Severity::Minor, fmt::format("{}'s leadership answers the unrest with concessions", cs.name),
                {{"austerity", cs.austerity}, {"active_share", u}}, cs.key);
  } else {
    cs.own_forces += p.crackdown_forces;
    cs.fear_shock += p.crackdown_fear;
    society::shift_legitimacy(w, c, kFree, static_cast<float>(-p.crackdown_legitimacy));
    w.add_event("bloc.crackdown", Severity::Minor, fmt::format("{}'s leadership answers the unrest with a crackdown", cs.name),
                {{"active_share", u}}, cs.key);
  }
  // B3: unrest presses for a new man; the next more reformist candidate takes over. In an
  // uprising the crowd names its own man, the most reformist of them (Budapest and Warsaw in
  // October 1956 called for Nagy and Gomułka by name: Kramer 1998, Granville 2004).
  cs.pressure += u / p.change_scale;
  const bool uprising = u >= p.uprising_share;
  const double fall = std::max(1.0 - det::exp(-cs.pressure), uprising ? p.uprising_change : 0.0);
  if (draws.uniform() < fall) {
    const bool crowd = p.crowd_names_its_man && uprising;
    int best = -1;
    for (size_t i = 0; i < cs.candidates.size(); ++i) {
      const double r = cs.candidates[i].reformism;
      if (r <= reformism) continue;
      if (best < 0 || (crowd ? r > cs.candidates[static_cast<size_t>(best)].reformism : r < cs.candidates[static_cast<size_t>(best)].reformism))
        best = static_cast<int>(i);
    }
    if (best >= 0) {
      change_leader(w, cs, c, best, p, Change::Street);
      cs.fear_shock -= p.weakness_fear;
    }
  }
}

// B4: Moscow's rule (Schelling: a threshold is only credible if it is acted on).
// A declared exit is met whatever the unrest: leaving the Pact under an uprising is the challenge
// the whole bloc watches (Kramer 1998: on 31 October 1956 the Presidium chose to crush Hungary
// lest its loss be read as weakness in the bloc, in the West and in Beijing).
bool moscow_intervenes(const State& st, const CountryState& cs, double u) {
  if (!st.intervene || cs.intervening_months > 0) return false;
  return cs.declared_exit || (u >= st.intervention_threshold && u >= intervention_bar(st, cs));
}

// Why Moscow sent the troops (B4): the unrest against its threshold (the control factor's higher
// bar where the leader is trusted), the leader's loyalty against the trust it asks, and a declared
// exit, which is met whatever the unrest.
EventData intervention_drivers(const World& w, const Params& p, const CountryState& cs, int c, double u) {
  const auto& st = w.bloc;
  auto d = crisis_drivers(w, p, cs, c, u, intervention_bar(st, cs));
  d.push_back({"driver.loyalty_trusted", st.loyalty_trust});
  d.push_back({"driver.exit_declared", cs.declared_exit ? 1.0 : 0.0});
  return d;
}

void intervene(World& w, CountryState& cs, int c, double u, double active_people, const Params& p, rng::Draws& draws) {
  auto& st = w.bloc;
  cs.surge = p.intervention_troops;
  cs.intervening_months = static_cast<int>(std::lround(p.intervention_months));
  ++cs.interventions;
  // An armed revolution against a government the country chose fights the tanks (Hungary 1956);
  // strikers dispersed behind a government that stays mostly do not (the GDR 1953).
  const Candidate* was = leader_of(cs);
  const bool overthrow = !was || was->loyalty < st.loyalty_trust || cs.declared_exit;
  const double rate = overthrow ? p.casualty_rate : p.order_casualty_rate;
  const double dead = std::round(rate * active_people * det::exp(dist::normal(draws, 0.0, 0.3)));
  cs.dead += dead;
  st.crisis += p.intervention_tension;
  cs.fear_shock += p.intervention_fear;
  w.add_event("bloc.intervention", Severity::Major,
              fmt::format("Soviet troops, about {}, move against the uprising in {}; some {} are killed", people_text(cs.surge), cs.name,
                          people_text(dead)),
              with_drivers({{"troops", cs.surge}, {"dead", dead}, {"active", std::round(active_people)}, {"exit", cs.declared_exit ? 1.0 : 0.0}},
                           intervention_drivers(w, p, cs, c, u)),
              cs.key);
  // Moscow keeps a loyal incumbent (Ulbricht 1953) and replaces a disloyal one with the loyal
  // candidate nearest a moderate line (Kádár 1956).
  const Candidate* ld = leader_of(cs);
  if (!ld || ld->loyalty < st.loyalty_trust || cs.declared_exit) {
    int best = -1;
    for (size_t i = 0; i < cs.candidates.size(); ++i) {
      const auto& cand = cs.candidates[i];
      if (cand.loyalty < st.loyalty_trust || static_cast<int>(i) == cs.leader) continue;
      const double d = std::abs(cand.reformism - 0.4);
      if (best < 0 || d < std::abs(cs.candidates[static_cast<size_t>(best)].reformism - 0.4)) best = static_cast<int>(i);
    }
    if (best >= 0) change_leader(w, cs, c, best, p, Change::Installed);
    // Crushing a government the country had chosen is what the world condemns (Hungary 1956);
    // tanks behind a government that stays cost less (the GDR 1953).
    st.prestige -= best >= 0 ? p.intervention_prestige : p.order_prestige;
  } else {
    st.prestige -= p.order_prestige;
  }
  cs.declared_exit = false;
}


// B6: austerity as a factor on hardship, for next month's society, which multiplies the economy's
// hardship by it (society.inputs.austerity: the bloc's own input, so neither overwrites the other).
void set_austerity(World& w, const Params& p) {
  auto& factor = w.society.inputs.austerity;
  for (size_t l = 0; l < w.geo.localities.size() && l < factor.size(); ++l) {
    const auto& loc = w.geo.localities[l];
    const auto& cs = w.bloc.countries[static_cast<size_t>(loc.country)];
    if (!cs.satellite || loc.setting == Setting::Camp) continue;
    // B11: austerity above what Moscow's line would bring is felt as a broken promise.
    const double promised = promised_austerity(p, cs);
    factor[l] = static_cast<float>(std::max(0.0, 1.0 + p.austerity_hardship * (cs.austerity - 1.0) +
                                                  p.expectation_hardship * std::max(0.0, cs.austerity - promised)));
  }
}

void set_troops(World& w, const Params& p) {
  auto& troops = w.society.inputs.troops;
  for (size_t l = 0; l < w.geo.localities.size(); ++l) {
    const auto& loc = w.geo.localities[l];
    const auto& cs = w.bloc.countries[static_cast<size_t>(loc.country)];
    if (!cs.satellite || loc.setting == Setting::Camp || l >= troops.size()) continue;
    const Adults a = adults_of(w, loc.country);
    double in_view = 0;
    if (loc.setting == Setting::Urban) {
      if (a.urban > 0) in_view = (cs.garrison * p.garrison_visibility + cs.surge * p.troop_visibility) / a.urban;
      in_view += cs.own_forces;
    } else if (a.all > 0) {
      in_view = cs.garrison * p.garrison_visibility / a.all;
    }
    troops[l] = static_cast<float>(in_view);
  }
}

// B10: the fear each satellite's people feel, in its free localities (repression writes the
// USSR's; the satellites' are the bloc's alone).
void set_fear(World& w) {
  auto& fear = w.society.inputs.fear;
  for (size_t l = 0; l < w.geo.localities.size() && l < fear.size(); ++l) {
    const auto& loc = w.geo.localities[l];
    const auto& cs = w.bloc.countries[static_cast<size_t>(loc.country)];
    if (!cs.satellite || loc.setting == Setting::Camp) continue;
    fear[l] = static_cast<float>(cs.fear);
  }
}

}  // namespace

double tension(const World& world, const Params& params) {
  return std::clamp(params.base_tension + world.bloc.crisis, 0.0, 1.0);
}

void init(World& w, const Params& p) {
  auto& st = w.bloc;
  st = State{};
  china::init(w, p.china);
  st.countries.resize(w.geo.countries.size());
  for (size_t c = 0; c < w.geo.countries.size(); ++c) {
    auto& cs = st.countries[c];
    cs.key = w.geo.countries[c].key;
    cs.name = w.geo.countries[c].name;
    cs.satellite = w.geo.countries[c].satellite;
    for (const auto& ld : p.leaders)
      if (ld.country == cs.key) cs.candidates.push_back({ld.name, ld.reformism, ld.loyalty});
    if (cs.satellite && cs.candidates.empty()) cs.candidates.push_back({"the party leadership", 0.2, 0.9});
    if (!cs.candidates.empty()) cs.leader = 0;
    for (const auto& g : p.garrisons)
      if (g.country == cs.key) cs.garrison = g.troops;
    for (const auto& sd : p.satellites)
      if (sd.country == cs.key) {
        cs.austerity = sd.austerity_1953;
        cs.outside_news = sd.outside_news;
      }
    cs.fear = p.fear_1953;
  }
  w.signals.intervening.assign(w.geo.countries.size(), 0);
  w.signals.prestige = st.prestige;
  w.signals.world_tension = tension(w, p);
  set_austerity(w, p);
  set_troops(w, p);
  set_fear(w);
}

void step(World& w, const Params& p) {
  auto& st = w.bloc;
  auto& sig = w.signals;
  st.crisis *= decay(p.tension_half_life);
  st.prestige *= decay(p.prestige_half_life);
  const size_t n = st.countries.size();
  std::vector<double> unrest(n, 0.0);
  for (size_t c = 0; c < n && c < sig.country_active_share.size(); ++c) unrest[c] = sig.country_active_share[c];

  const double speech_informed = sig.topic_informed.size() > SecretSpeech ? sig.topic_informed[SecretSpeech] : 0.0;
  // B3b: Moscow's line, the Soviet leader's course moved toward reform by the Secret Speech's reach.
  const double line = std::clamp(sig.leader_reformism + p.line_destalinisation * speech_informed, 0.0, 1.0);
  st.line = line;
  // B11: the satellites' people learn Moscow's course from what their own parties announced after
  // Stalin's death (the course of the run's first month) and from the Secret Speech as it reaches
  // them; the Kremlin's later shifts of men they do not see.
  if (st.line_start < 0) st.line_start = sig.leader_reformism;

  // B1-B5: each satellite, in geography order.
  for (size_t ci = 0; ci < n; ++ci) {
    auto& cs = st.countries[ci];
    if (!cs.satellite) continue;
    const int c = static_cast<int>(ci);
    auto draws = w.draws(rng::stream_id("bloc.satellite"), ci);
    const double u = unrest[ci];
    const Adults a = adults_of(w, c);
    const double active = u * a.urban;
    cs.own_forces *= decay(p.forces_half_life);
    cs.pressure *= 0.5;

    // B1: unrest and uprisings are read from society; an event marks each new episode.
    const bool unrest_now = u >= p.unrest_share, uprising_now = u >= p.uprising_share;
    if (unrest_now && !cs.in_unrest && !uprising_now)
      w.add_event("bloc.unrest", Severity::Notable, fmt::format("unrest in {}: about {} take to the streets", cs.name, people_text(active)),
                  with_drivers({{"active", std::round(active)}, {"active_share", u}}, crisis_drivers(w, p, cs, c, u, p.unrest_share)),
                  cs.key);
    if (uprising_now && !cs.in_uprising)
      w.add_event("bloc.uprising", Severity::Major, fmt::format("uprising in {}: about {} in the streets", cs.name, people_text(active)),
                  with_drivers({{"active", std::round(active)}, {"active_share", u}}, crisis_drivers(w, p, cs, c, u, p.uprising_share)),
                  cs.key);
    cs.in_unrest = unrest_now;
    cs.in_uprising = uprising_now;

    if (unrest_now && cs.intervening_months == 0) respond(w, cs, c, u, p, draws);

    // B4: a reformist, not very loyal leadership facing an uprising may declare exit.
    const Candidate* ld = leader_of(cs);
    if (uprising_now && !cs.declared_exit && ld && ld->reformism >= p.exit_reformism && ld->loyalty < p.exit_loyalty &&
        draws.uniform() < p.exit_chance) {
      cs.declared_exit = true;
      w.add_event("bloc.exit", Severity::Major,
                  fmt::format("{}, facing the uprising, declares {} neutral{}", ld->name, cs.name, st.warsaw_pact ? " and out of the Warsaw Pact" : ""),
                  with_drivers({{"active_share", u}}, crisis_drivers(w, p, cs, c, u, p.uprising_share)), cs.key);
    }

    // The troops stay while resistance lasts; one intervention, however long, is one event.
    if (cs.intervening_months > 0 && u >= st.intervention_threshold)
      cs.intervening_months = std::max(cs.intervening_months, static_cast<int>(std::lround(p.intervention_months)));
    else if (cs.intervening_months > 0 && --cs.intervening_months == 0) {
      cs.surge = 0;
      w.add_event("bloc.intervention_end", Severity::Minor, fmt::format("the extra Soviet troops leave {}'s towns", cs.name), {}, cs.key);
    }
    if (moscow_intervenes(st, cs, u)) intervene(w, cs, c, u, active, p, draws);

    // B3b: Moscow's line. A leader far behind it is replaced by the next more reformist candidate
    // Moscow trusts (the New Course of 1953, Rákosi's removal in July 1956): a rule on the gap
    // between the lines, never a date.
    ld = leader_of(cs);
    // The rule is symmetric: a man too far ahead of Moscow gives way to the next less reformist
    // one (Nagy's fall in 1955 after Malenkov's).
    const double gap = line - (ld ? ld->reformism : 0.5);
    const double beyond = std::abs(gap) - p.line_tolerance;
    if (beyond > 0 && gap > 0 && p.line_discredit > 0) society::shift_legitimacy(w, c, kFree, static_cast<float>(-p.line_discredit * beyond));
    if (beyond > 0 && cs.intervening_months == 0 && draws.uniform() < p.line_rate * beyond) {
      const double now = ld ? ld->reformism : 0.5;
      const int to = gap > 0 ? next_reformer(cs, now, st.loyalty_trust) : next_conservative(cs, now, st.loyalty_trust);
      if (to >= 0) change_leader(w, cs, c, to, p, Change::Line);
    }

    // B7b: foreign radio carries news of the country's own unrest beyond its towns' contacts.
    if (unrest_now && cs.outside_news > 0) {
      society::Exposure e;
      e.topic = UnrestNews;
      e.country = c;
      e.setting_mask = kFree;
      e.probability = static_cast<float>(cs.outside_news);
      society::expose(w, e);
    }

    // B5: the leader steers austerity toward his line.
    ld = leader_of(cs);
    const double r = ld ? ld->reformism : 0.5;
    const double target = austerity_target(p, r + p.line_pull * std::max(0.0, line - r));
    cs.austerity = std::clamp(cs.austerity + p.austerity_rate * (target - cs.austerity), p.austerity_min, p.austerity_max);

    // B11: what people expect follows Moscow's course as they know it: the Soviet leader's, and
    // the Secret Speech as far as it has reached them (abroad.cpp brings it).
    {
      const double known_here = informed_share(w, c, SecretSpeech);
      const double seen = std::clamp(st.line_start + p.line_destalinisation * known_here, 0.0, 1.0);
      // Under Stalin (the spin-up's 1952) nobody expected another course: hopes start from 0.
      const double before = std::max(0.0, cs.expected_line);
      cs.expected_line = before + p.expectation_rate * (seen - before);
    }

    // B10: fear eases toward what Moscow's line allows, and shocks to it are remembered a while.
    cs.fear_shock *= decay(p.fear_memory_half_life);
    const double fear_target = std::clamp(p.fear_1953 - p.line_fear * line + cs.fear_shock, 0.0, 1.0);
    cs.fear = std::clamp(cs.fear + p.fear_rate * (fear_target - cs.fear), 0.0, 1.0);
  }

  // B7: news of unrest crosses borders (Granovetter: the thresholds are the citizens', in society).
  for (size_t c = 0; c < n; ++c) {
    if (!st.countries[c].satellite || unrest[c] < p.unrest_share) continue;
    const double reach = p.contagion * unrest[c] / (unrest[c] + p.contagion_scale) * 2.0;
    for (size_t d = 0; d < n; ++d) {
      if (d == c) continue;
      const double prob = std::min(1.0, reach * (st.countries[d].satellite ? 1.0 : p.contagion_ussr));
      if (prob <= 0) continue;
      society::Exposure e;
      e.topic = UnrestNews;
      e.country = static_cast<int>(d);
      e.setting_mask = kTowns;
      e.probability = static_cast<float>(prob);
      society::expose(w, e);
    }
  }

  // B8: the world.
  auto draws = w.draws(rng::stream_id("bloc.world"));
  china::step(w, p.china, tension(w, p));

  // B9: missiles abroad and the Berlin deadline (Schelling: resolve against resolve).
  if (st.missiles > 0) {
    if (!st.missiles_discovered) {
      if (draws.uniform() < p.discovery_chance) {
        st.missiles_discovered = true;
        st.crisis += p.missile_tension;
        w.add_event("bloc.missile_crisis", Severity::Major,
                    fmt::format("the Americans discover the {} Soviet missiles abroad: blockade and confrontation", st.missiles),
                    {{"missiles", st.missiles}}, "United States");
      }
    } else {
      ++st.crisis_months;
      const double p_withdraw = std::clamp(0.5 + p.us_resolve - st.missile_resolve, 0.0, 1.0);
      if (draws.uniform() < p_withdraw) {
        const double loss = p.humiliation * (1.0 - st.missile_trade);
        st.prestige -= loss;
        st.crisis -= p.missile_tension / 2;
        w.add_event("bloc.missiles_withdrawn", Severity::Major,
                    fmt::format("Moscow withdraws the missiles under American pressure{}", st.missile_trade > 0 ? ", against a quiet American pledge" : ""),
                    {{"missiles", st.missiles}, {"prestige_loss", loss}, {"months", st.crisis_months}}, "United States");
        st.missiles = 0;
        st.missiles_discovered = false;
      } else {
        st.crisis += 0.05;
      }
    }
  }
  if (st.ultimatum_months_left > 0 && --st.ultimatum_months_left == 0) {
    if (p.us_resolve > st.ultimatum_resolve) {
      st.prestige -= p.ultimatum_lapse_prestige;
      w.add_event("bloc.ultimatum_lapsed", Severity::Notable, "the Berlin deadline passes; the West stays and Moscow lets it lapse",
                  {{"prestige_loss", p.ultimatum_lapse_prestige}}, "Berlin");
    } else {
      st.crisis += p.ultimatum_tension;
      w.add_event("bloc.berlin_confrontation", Severity::Major, "at the Berlin deadline Moscow hands control of the access routes to the GDR",
                  {}, "Berlin");
    }
  }

  set_austerity(w, p);
  set_troops(w, p);
  set_fear(w);
  sig.prestige = st.prestige;
  sig.world_tension = tension(w, p);
  sig.intervening.assign(n, 0);
  for (size_t c = 0; c < n; ++c) sig.intervening[c] = st.countries[c].intervening_months > 0 ? 1 : 0;
}

void record(const World& w, IndicatorRow& row) {
  const auto& st = w.bloc;
  double intervening = 0, troops = 0;
  for (const auto& cs : st.countries) {
    intervening += cs.intervening_months > 0;
    troops += cs.garrison + cs.surge;
  }
  row.add("bloc.intervening", intervening);
  row.add("bloc.troops", troops);
  for (const auto& cs : st.countries) {
    if (!cs.satellite) continue;
    const Candidate* ld = leader_of(cs);
    row.add(fmt::format("bloc.{}.leader_reformism", cs.key), ld ? ld->reformism : 0.5);
    row.add(fmt::format("bloc.{}.austerity", cs.key), cs.austerity);
    row.add(fmt::format("bloc.{}.fear", cs.key), cs.fear);
    row.add(fmt::format("bloc.{}.expected_line", cs.key), std::max(0.0, cs.expected_line));
  }
  row.add("world.tension", w.signals.world_tension);
  row.add("world.prestige", st.prestige);
  china::record(w, row);
}

}  // namespace thaw::model::bloc
