// Where the agents live: countries, regions, and the localities that hold the agents.
//
// A region is urban and rural; each of those is a locality, a contiguous block of agents cut into
// neighbourhood cells (the "vision" of the civil-violence rule). Camp complexes are localities too:
// prisoners are a society with their own guards. Definitions are read-only once the run starts.
// The default data (defaults_1953) are rounded figures with sources in docs/odd/geography.md.
#pragma once

#include "engine/params.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace thaw::model {

enum class Setting : uint8_t { Urban = 0, Rural = 1, Camp = 2 };

struct CountryDef {
  std::string key;   // "ussr", "poland", ...
  std::string name;  // "the USSR", "Poland"
  bool satellite = false;
  void describe(ParamVisitor& v);
};

struct RegionDef {
  std::string key;
  std::string name;
  std::string country;             // CountryDef::key
  double population = 0;           // people, early 1953, free population (camps separate)
  double urban_share = 0;          // of that population
  double base_legitimacy = 0.75;   // initial mean belief in the regime's right to rule
  double stalin_attachment = 0.5;  // how much the cult meant here (0..1): Georgia high, Baltics low
  double nationalism = 0.2;        // strength of national grievance against Moscow (0..1)
  double party_share = 0.04;       // party members among adults
  double intelligentsia_share = 0.08;
  double kolkhoz_share = 0.45;     // among the rural population
  void describe(ParamVisitor& v);
};

struct CampDef {
  std::string key;
  std::string name;
  std::string region;              // RegionDef::key where it lies
  double prisoners = 0;            // early 1953
  double political_share = 0.2;    // convicted for "counter-revolutionary crimes"
  bool special_regime = false;     // an osoblag (special camp for politicals)
  void describe(ParamVisitor& v);
};

// A town carved out of its region's towns: a locality of its own (issue 13), so that unrest is
// flagged relative to the place and named for it. Data: data/geography/towns.csv (generated into
// towns_table.inc); the categories are assumptions by type of town (docs/odd/geography.md).
struct TownDef {
  std::string key;
  std::string name;
  std::string country;               // CountryDef::key
  std::string region;                // RegionDef::key: the town's people are taken from its towns
  std::string type;                  // capital, rep_capital, regional, industrial, mining, new, virgin
  double population = 0;             // March 1953 (estimated from the 1959 census)
  double workers_share = 0.7;        // shares of adults (no kolkhozniks in town)
  double intelligentsia_share = 0.2; // white-collar employees, as the census counts them
  double party_share = 0.08;
  std::string housing = "communal";  // communal, communal_barracks, barracks, tents_barracks, crowded, standard
  std::string food_supply = "ordinary";  // special, priority, ordinary, poor
  bool single_industry = false;
  bool new_town = false;
  bool uncertain = true;             // figures recalled or estimated, not checked against a census copy
  void describe(ParamVisitor& v);
};

struct LocalityDef {
  std::string name;      // "Georgia (urban)", "Norilsk (Gorlag)"
  int32_t country = 0;   // index into countries
  int32_t region = 0;    // index into regions
  Setting setting = Setting::Urban;
  int32_t camp = -1;     // index into camps when setting == Camp
  double population = 0; // people at the start
  int32_t town = -1;     // index into towns when the locality is one town
  double weight = 0;     // people per agent here: the run's scale, or fewer in a town (set-up)
  double hardship_factor = 1;  // a town's housing and supply (society's set-up; 1 elsewhere)
  uint64_t first_slot = 0, slot_count = 0;  // agent block (capacity, including room to grow)
  uint64_t first_cell = 0, cell_count = 0;  // neighbourhood cells of the block
};

struct Geography {
  std::vector<CountryDef> countries;
  std::vector<RegionDef> regions;
  std::vector<CampDef> camps;
  std::vector<LocalityDef> localities;  // derived from the above at setup
  std::vector<TownDef> towns;

  int country_index(std::string_view key) const;  // -1 if absent
  int region_index(std::string_view key) const;
  int ussr() const { return country_index("ussr"); }
};

// The default world of March 1953 (sources in docs/odd/geography.md).
std::vector<CountryDef> default_countries();
std::vector<RegionDef> default_regions();
std::vector<CampDef> default_camps();
// The towns of data/geography/towns.csv with people in March 1953 (the Virgin Lands' settlements,
// founded from 1954, are left out: nothing brings people to them yet).
std::vector<TownDef> default_towns();
// Multiplies the hardship of a town's people: its housing and food-supply categories (an unknown
// category is an error naming it).
double town_hardship_factor(const TownDef& town, double housing_weight, double supply_weight);

}  // namespace thaw::model
