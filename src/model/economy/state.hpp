// State of the economy mechanism, kept in the World. ODD: docs/odd/economy.md.
#pragma once

#include <array>
#include <vector>

namespace thaw::model::economy {

struct State {
  // Agriculture: grain area on the old lands and on the ploughed virgin and fallow lands, million
  // hectares; the new lands lose fertility with every harvest taken from them (erosion, weeds).
  double old_area_mha = 0;
  double new_area_mha = 0;
  double plough_target_mha = 0;       // new land the leadership has ordered ploughed (cumulative)
  double plough_per_month_mha = 0;    // how fast it is being ploughed
  double new_land_fertility = 1;      // multiplies the new lands' yield, 1 when first ploughed
  double fallow_share = 0;            // share of the new lands kept in clean fallow (policy)
  double shelter_share = 0;           // share protected by shelter belts and stubble tillage (policy)
  double weather_old = 0, weather_new = 0;  // last year's weather (random weather persists)
  double harvest_barn_mt = 0;         // the last harvest as really gathered (barn weight)
  double procurement_price_index = 1; // what kolkhozes are paid for deliveries, 1953 = 1
  double procurement_at_sowing = 1;   // ... as it was when this year's crop was sown (last harvest)
  double import_cover = 0;            // share of a shortfall the leadership will buy abroad (policy)
  double imports_mt = 0;              // grain bought abroad after the last harvest

  double harvest_mt = 0;              // the last harvest
  double expected_mt = 0;             // what the plan counted on (an average year, unexhausted soil)
  double best_harvest_mt = 0;         // the record so far (for "a record harvest" events)
  double food_supply = 1;             // grain per head available until the next harvest, 1953 = 1

  // Industry and incomes.
  double industrial_output = 1;       // index, 1953 = 1
  double industrial_growth = 0;       // % a year, this month's rate
  double consumer_priority = 0;       // share of investment turned to consumer goods (New Course)
  int sovnarkhoz_councils = 0;        // regional economic councils (0: branch ministries)
  int councils_since_step = -1;       // month the councils were set up
  double wage_index = 1;              // nominal urban wages, 1953 = 1
  double retail_price_index = 1;      // state retail prices, 1953 = 1
  std::array<double, 12> price_memory{};  // retail index of the last 12 months (ring)
  double wage_cut = 0;                // recent cut of piece rates (share of pay), fading
  double housing_stock = 1;           // urban floor space, 1953 = 1
  double construction_rate = 0;      // share of the stock built per year
  double urban_people_1953 = 0;       // USSR urban persons at the start (agents)
  double people_1953 = 0;             // USSR free population at the start (people)
};

}  // namespace thaw::model::economy
