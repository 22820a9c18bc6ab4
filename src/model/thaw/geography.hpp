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

struct LocalityDef {
  std::string name;      // "Georgia (urban)", "Norilsk (Gorlag)"
  int32_t country = 0;   // index into countries
  int32_t region = 0;    // index into regions
  Setting setting = Setting::Urban;
  int32_t camp = -1;     // index into camps when setting == Camp
  double population = 0; // people at the start
  uint64_t first_slot = 0, slot_count = 0;  // agent block (capacity, including room to grow)
  uint64_t first_cell = 0, cell_count = 0;  // neighbourhood cells of the block
};

struct Geography {
  std::vector<CountryDef> countries;
  std::vector<RegionDef> regions;
  std::vector<CampDef> camps;
  std::vector<LocalityDef> localities;  // derived from the above at setup

  int country_index(std::string_view key) const;  // -1 if absent
  int region_index(std::string_view key) const;
  int ussr() const { return country_index("ussr"); }
};

// The default world of March 1953 (sources in docs/odd/geography.md).
std::vector<CountryDef> default_countries();
std::vector<RegionDef> default_regions();
std::vector<CampDef> default_camps();

}  // namespace thaw::model
