// Default geography of March 1953. Sources and rounding: docs/odd/geography.md. Populations come
// from the record (POP-02: 188 M in 1953; POP-05 census 1959 by republic scaled back; REP-01/02/04:
// about 2.5 M in camps and colonies, 22% political, about 221,000 in special camps) and the
// satellites' early-1950s populations (about 91.5 M in all). Attitudes (legitimacy, attachment
// to Stalin, nationalism) are calibration inputs, not data: see the ODD for their uncertainty.
#include "model/thaw/geography.hpp"

#include <fmt/format.h>

#include <stdexcept>

namespace thaw::model {

void CountryDef::describe(ParamVisitor& v) {
  v.value("key", key, {.doc = "identifier used by regions and decisions", .required = true});
  v.value("name", name, {.doc = "name used in the narrative"});
  v.value("satellite", satellite, {.doc = "a satellite state of the Eastern bloc (not the USSR)"});
}

void RegionDef::describe(ParamVisitor& v) {
  v.value("key", key, {.doc = "identifier", .required = true});
  v.value("name", name, {.doc = "name used in the narrative"});
  v.value("country", country, {.doc = "country key", .required = true});
  v.value("population", population, {.doc = "free population in early 1953 (special settlers included)", .unit = "people", .min = 0});
  v.value("urban_share", urban_share, {.doc = "urban share of the population", .min = 0, .max = 1});
  v.value("base_legitimacy", base_legitimacy, {.doc = "initial mean belief in the regime's right to rule", .min = 0, .max = 1});
  v.value("stalin_attachment", stalin_attachment, {.doc = "how much the cult of Stalin meant to people here", .min = 0, .max = 1});
  v.value("nationalism", nationalism, {.doc = "strength of national grievance against Moscow", .min = 0, .max = 1});
  v.value("party_share", party_share, {.doc = "party members among adults", .min = 0, .max = 1});
  v.value("intelligentsia_share", intelligentsia_share, {.doc = "intelligentsia and white-collar share of adults", .min = 0, .max = 1});
  v.value("kolkhoz_share", kolkhoz_share, {.doc = "collective farmers among the rural population", .min = 0, .max = 1});
}

void CampDef::describe(ParamVisitor& v) {
  v.value("key", key, {.doc = "identifier", .required = true});
  v.value("name", name, {.doc = "name used in the narrative"});
  v.value("region", region, {.doc = "region key where the camp complex lies", .required = true});
  v.value("prisoners", prisoners, {.doc = "prisoners in early 1953", .unit = "people", .min = 0});
  v.value("political_share", political_share, {.doc = "share convicted for 'counter-revolutionary crimes'", .min = 0, .max = 1});
  v.value("special_regime", special_regime, {.doc = "a special camp (osoblag) for political prisoners"});
}

void TownDef::describe(ParamVisitor& v) {
  v.value("key", key, {.doc = "identifier", .required = true});
  v.value("name", name, {.doc = "name used in events and the narrative (with the later name where it changed)"});
  v.value("country", country, {.doc = "country key", .required = true});
  v.value("region", region, {.doc = "region key: the town's people are taken from the region's towns", .required = true});
  v.value("type", type, {.doc = "capital, rep_capital, regional, industrial, mining, new or virgin"});
  v.value("population", population, {.doc = "people in March 1953 (back-projected from the 1959 census)", .unit = "people", .min = 0,
                                     .source = "data/geography/towns.csv (census figures recalled, verify)"});
  v.value("workers_share", workers_share, {.doc = "workers among adults", .min = 0, .max = 1});
  v.value("intelligentsia_share", intelligentsia_share, {.doc = "white-collar employees among adults (the census's sluzhashchie)", .min = 0, .max = 1});
  v.value("party_share", party_share, {.doc = "party members among adults", .min = 0, .max = 1});
  v.value("housing", housing, {.doc = "communal, communal_barracks, barracks, tents_barracks, crowded or standard"});
  v.value("food_supply", food_supply, {.doc = "special, priority, ordinary or poor (the supply lists: Osokina 2001)"});
  v.value("single_industry", single_industry, {.doc = "one works or branch employs most of the town"});
  v.value("new_town", new_town, {.doc = "founded or made a town after 1945, or a big construction site"});
  v.value("uncertain", uncertain, {.doc = "the figures are recalled or estimated, not checked against a census copy"});
}

double town_hardship_factor(const TownDef& town, double housing_weight, double supply_weight) {
  // Steps on an ordinal scale (worse housing, poorer supply: more hardship); the step sizes are
  // the two weights, calibration inputs without a source as numbers (geography.md).
  double housing;
  if (town.housing == "standard") housing = -0.5;
  else if (town.housing == "communal") housing = 0;
  else if (town.housing == "crowded") housing = 0.5;
  else if (town.housing == "communal_barracks") housing = 0.5;
  else if (town.housing == "barracks") housing = 1;
  else if (town.housing == "tents_barracks") housing = 2;
  else throw std::runtime_error(fmt::format("town '{}': unknown housing '{}' (communal, communal_barracks, barracks, tents_barracks, crowded, standard)", town.key, town.housing));
  double supply;
  if (town.food_supply == "special") supply = -1;
  else if (town.food_supply == "priority") supply = -0.5;
  else if (town.food_supply == "ordinary") supply = 0;
  else if (town.food_supply == "poor") supply = 1;
  else throw std::runtime_error(fmt::format("town '{}': unknown food_supply '{}' (special, priority, ordinary, poor)", town.key, town.food_supply));
  return std::max(0.1, 1.0 + housing_weight * housing + supply_weight * supply);
}

int Geography::country_index(std::string_view key) const {
  for (size_t i = 0; i < countries.size(); ++i)
    if (countries[i].key == key) return static_cast<int>(i);
  return -1;
}

int Geography::region_index(std::string_view key) const {
  for (size_t i = 0; i < regions.size(); ++i)
    if (regions[i].key == key) return static_cast<int>(i);
  return -1;
}

std::vector<CountryDef> default_countries() {
  return {{"ussr", "the USSR", false},         {"poland", "Poland", true},
          {"gdr", "the GDR", true},            {"czechoslovakia", "Czechoslovakia", true},
          {"hungary", "Hungary", true},        {"romania", "Romania", true},
          {"bulgaria", "Bulgaria", true}};
}

std::vector<RegionDef> default_regions() {
  auto r = [](const char* key, const char* name, const char* country, double pop_m, double urban, double legit,
              double stalin, double nat, double party, double intel, double kolkhoz) {
    return RegionDef{key, name, country, pop_m * 1e6, urban, legit, stalin, nat, party, intel, kolkhoz};
  };
  return {
      // The USSR: 185.5 M free (plus about 2.5 M in camps) = 188 M.
      r("moscow", "Moscow", "ussr", 10.0, 0.71, 0.72, 0.60, 0.05, 0.090, 0.22, 0.70),
      r("leningrad", "Leningrad", "ussr", 4.3, 0.79, 0.70, 0.55, 0.05, 0.080, 0.20, 0.70),
      r("central", "Central Russia", "ussr", 25.0, 0.31, 0.75, 0.60, 0.05, 0.045, 0.08, 0.78),
      r("north", "the Russian North", "ussr", 4.2, 0.42, 0.68, 0.55, 0.05, 0.045, 0.08, 0.65),
      r("volga", "the Volga", "ussr", 14.0, 0.38, 0.75, 0.60, 0.08, 0.045, 0.08, 0.78),
      r("north_caucasus", "the North Caucasus and the Don", "ussr", 11.0, 0.34, 0.72, 0.60, 0.12, 0.045, 0.08, 0.75),
      r("urals", "the Urals", "ussr", 15.5, 0.52, 0.74, 0.60, 0.05, 0.050, 0.09, 0.72),
      r("siberia", "Siberia", "ussr", 16.0, 0.42, 0.70, 0.55, 0.05, 0.045, 0.08, 0.68),
      r("far_east", "the Far East", "ussr", 4.3, 0.61, 0.68, 0.55, 0.05, 0.050, 0.09, 0.60),
      r("ukraine", "Ukraine", "ussr", 37.0, 0.36, 0.68, 0.45, 0.35, 0.040, 0.08, 0.80),
      r("belarus", "Belarus", "ussr", 7.7, 0.24, 0.72, 0.55, 0.15, 0.035, 0.07, 0.80),
      r("baltic", "the Baltic republics", "ussr", 5.5, 0.39, 0.45, 0.15, 0.70, 0.030, 0.10, 0.70),
      r("moldavia", "Moldavia", "ussr", 2.6, 0.16, 0.60, 0.40, 0.30, 0.025, 0.06, 0.85),
      r("georgia", "Georgia", "ussr", 3.7, 0.36, 0.72, 0.95, 0.40, 0.050, 0.11, 0.75),
      r("transcaucasia", "Armenia and Azerbaijan", "ussr", 4.9, 0.42, 0.70, 0.60, 0.30, 0.045, 0.10, 0.75),
      r("kazakhstan", "Kazakhstan", "ussr", 7.5, 0.38, 0.66, 0.45, 0.25, 0.040, 0.07, 0.55),
      r("central_asia", "Central Asia", "ussr", 12.3, 0.28, 0.72, 0.55, 0.20, 0.035, 0.06, 0.85),
      // The satellites: about 91.5 M. Capitals are regions of their own (all urban).
      r("warsaw", "Warsaw", "poland", 1.0, 1.0, 0.40, 0.20, 0.75, 0.09, 0.22, 0.0),
      r("poland", "provincial Poland", "poland", 25.5, 0.38, 0.42, 0.20, 0.75, 0.06, 0.08, 0.15),
      r("east_berlin", "East Berlin", "gdr", 1.2, 1.0, 0.40, 0.20, 0.50, 0.11, 0.20, 0.0),
      r("gdr", "provincial GDR", "gdr", 16.9, 0.70, 0.42, 0.20, 0.50, 0.09, 0.10, 0.25),
      r("prague", "Prague", "czechoslovakia", 1.0, 1.0, 0.58, 0.45, 0.30, 0.16, 0.22, 0.0),
      r("czechoslovakia", "provincial Czechoslovakia", "czechoslovakia", 12.0, 0.48, 0.60, 0.45, 0.30, 0.14, 0.10, 0.45),
      r("budapest", "Budapest", "hungary", 1.7, 1.0, 0.38, 0.20, 0.75, 0.13, 0.22, 0.0),
      r("hungary", "provincial Hungary", "hungary", 7.9, 0.35, 0.40, 0.20, 0.75, 0.11, 0.08, 0.30),
      r("bucharest", "Bucharest", "romania", 1.2, 1.0, 0.48, 0.30, 0.40, 0.07, 0.18, 0.0),
      r("romania", "provincial Romania", "romania", 15.8, 0.22, 0.50, 0.30, 0.40, 0.045, 0.06, 0.40),
      r("sofia", "Sofia", "bulgaria", 0.6, 1.0, 0.60, 0.50, 0.15, 0.10, 0.20, 0.0),
      r("bulgaria", "provincial Bulgaria", "bulgaria", 6.7, 0.28, 0.62, 0.50, 0.15, 0.08, 0.07, 0.60),
  };
}

std::vector<CampDef> default_camps() {
  auto c = [](const char* key, const char* name, const char* region, double k, double political, bool special) {
    return CampDef{key, name, region, k * 1e3, political, special};
  };
  // About 2.49 M prisoners, 24% political; special camps hold about 250,000 (REP-01, REP-02).
  return {
      c("gorlag", "Norilsk (Gorlag)", "siberia", 35, 0.95, true),
      c("rechlag", "Vorkuta (Rechlag)", "north", 35, 0.95, true),
      c("minlag", "Inta (Minlag)", "north", 30, 0.90, true),
      c("steplag", "Kengir and Dzhezkazgan (Steplag)", "kazakhstan", 20, 0.90, true),
      c("berlag", "Kolyma (Berlag)", "far_east", 30, 0.90, true),
      c("ozerlag", "Taishet (Ozerlag)", "siberia", 30, 0.90, true),
      c("other_special", "Other special camps", "central", 50, 0.90, true),
      c("vorkutlag", "Vorkuta (Vorkutlag)", "north", 70, 0.20, false),
      c("karlag", "Karaganda (Karlag)", "kazakhstan", 40, 0.25, false),
      c("sevvostlag", "Kolyma (Sevvostlag)", "far_east", 100, 0.20, false),
      c("urals_camps", "Camps of the Urals", "urals", 300, 0.20, false),
      c("northern_camps", "Camps of the North (Pechora, Ukhta, Kotlas)", "north", 250, 0.20, false),
      c("siberian_camps", "Camps of Siberia", "siberia", 350, 0.20, false),
      c("central_colonies", "Camps and colonies of European Russia", "central", 550, 0.15, false),
      c("southern_colonies", "Colonies of Ukraine, the Caucasus and Central Asia", "ukraine", 600, 0.12, false),
  };
}

std::vector<TownDef> default_towns() {
  auto t = [](const char* key, const char* name, const char* country, const char* region, const char* type, double pop,
              double workers, double intel, double party, const char* housing, const char* supply, bool single, bool fresh,
              bool uncertain) {
    return TownDef{key, name, country, region, type, pop, workers, intel, party, housing, supply, single, fresh, uncertain};
  };
  std::vector<TownDef> towns = {
#include "model/thaw/towns_table.inc"
  };
  std::erase_if(towns, [](const TownDef& x) { return x.population <= 0; });
  return towns;
}

}  // namespace thaw::model
