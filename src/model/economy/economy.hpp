// The economy: harvests on the old and the new lands, industry, wages and prices, housing, and
// the material hardship they make for each class. ODD: docs/odd/economy.md.
//
// The rules are accounting identities with a few elasticities (harvest = area x yield x weather;
// real wage = wages / prices; floor space per head = stock / urban population) plus one
// behavioural rule: a price rise is felt as a loss, weighted by Kahneman and Tversky's loss
// aversion, on top of its effect on real income. Harvests, growth and hardship are outcomes;
// ploughing, prices, procurement payments, housing and the councils are the leadership's levers.
#pragma once

#include "engine/params.hpp"
#include "model/thaw/decisions.hpp"
#include "model/thaw/indicators.hpp"

#include <array>
#include <span>
#include <string>
#include <vector>

namespace thaw::model {
struct World;
}

namespace thaw::model::economy {

// The weather of one harvest year on the two grain regions, as a standardised index (0 an
// average year, -1 a dry year of the kind that comes once in six, -2 a drought such as Kazakhstan's
// of 1955). ODD: docs/odd/economy.md, "Weather".
struct WeatherYear {
  int64_t year = 0;
  double old_lands = 0;   // Ukraine, the Volga, the centre and the North Caucasus
  double new_lands = 0;   // northern Kazakhstan, western Siberia, the southern Urals
  std::string source;
  void describe(ParamVisitor& v);
};
std::vector<WeatherYear> historical_weather();

struct Params {
  // Weather: an input from outside, historical by default, or drawn with persistence.
  std::string weather = "historical";
  double weather_persistence = 0.25;  // year-to-year autocorrelation of random weather
  double weather_residual = 0.15;     // sd of local weather the regional index does not capture
  std::vector<WeatherYear> weather_years = historical_weather();

  // Agriculture (ECO-01..05).
  double old_area_mha = 102;          // grain area before the Virgin Lands
  double old_yield = 0.81;            // t/ha in an average year, 1953
  double old_yield_trend = 0.025;      // a year: fertiliser, machinery, maize
  double procurement_yield_elasticity = 0.1;  // kolkhoz effort responds to what deliveries pay
  double new_yield = 0.95;            // t/ha on freshly ploughed steppe in an average year
  double new_land_erosion = 0.03;     // fertility lost with each harvest taken under monoculture
  double wind_erosion = 0.03;         // ... lost in a dry year per unit of dryness (topsoil blown away)
  double drought_sensitivity = 2.0;   // weather's swing on the new lands grows by this x lost fertility
  double fallow_protection = 0.8;     // share of monoculture's loss a clean fallow prevents
  double shelter_protection = 0.7;    // share of wind erosion shelter belts and stubble tillage prevent
  double bunker_loss = 0.12;          // share of the bunker weight that is moisture, weeds and waste
  double record_1953_mt = 97.4;       // the official record before the Thaw (1937)
  double weather_sd_old = 0.10;       // log-sd of the weather's effect on yields, old lands
  double weather_sd_new = 0.30;       // ... on the new lands (drought-prone steppe)
  double weather_correlation = 0.3;   // between the two
  int64_t harvest_month = 10;         // when the harvest is known (calendar month)
  double harvest_1953_mt = 82.5;      // the reference harvest (food per head = 1)
  double food_elasticity = 0.5;       // food per head follows grain per head to this power
  double failure_shortfall = 0.10;    // a harvest this far below expectation is "a failure"

  // Industry and incomes (ECO-07..10).
  double growth_1953 = 11.5;          // industrial growth, % a year
  double growth_slowdown = 0.35;      // percentage points lost each year (maturity)
  double council_loss = 0.8;          // points lost a year while regional councils run industry
  double council_honeymoon_months = 12;  // before the losses of localism show
  double tension_burden = 2.0;        // points lost per unit of world tension above 0.5
  double consumer_growth_cost = 2.0;  // points of industrial growth per unit of consumer priority
  double wage_share = 0.3;            // nominal wages grow by this share of industrial growth
  double consumer_wage_bonus = 0.04;  // extra real wage growth a year per unit of consumer priority
  double housing_build_rate = 0.03;   // share of the urban floor space built a year before 1957
  double housing_depreciation = 0.01; // a year

  // Hardship (society.inputs.hardship, 0..1).
  std::array<double, 4> base_hardship = {0.45, 0.55, 0.35, 0.25};  // worker, kolkhoznik, intelligentsia, party
  double wage_elasticity = 1.0;
  double food_hardship_elasticity = 0.5;
  double housing_elasticity = 0.5;
  double procurement_elasticity = 0.5;
  double loss_aversion = 2.25;        // a loss weighs this much more than a gain (Tversky & Kahneman 1992)
  double rural_price_exposure = 0.5;  // share of their budget kolkhozniks spend in state shops
  double wage_cut_fade_months = 12;   // how long a cut in piece rates is felt as a loss

  void describe(ParamVisitor& v);
};

std::span<const DecisionKind> decision_kinds();
void init(World& world, const Params& params);
void step(World& world, const Params& params);
void record(const World& world, IndicatorRow& row);

// The grain harvest of one year (million tonnes) for given weather draws (normal deviates): the
// rule of ODD submodel 1, exposed for tests.
struct HarvestResult {
  double harvest_mt = 0;
  double expected_mt = 0;   // the plan: an average year on unexhausted soil
  double new_lands_mt = 0;
  double mean_mt = 0;       // an average year on the soil as it is
};
HarvestResult harvest(const Params& p, double years_since_1953, double old_area, double new_area,
                      double new_fertility, double procurement_index, double z_old, double z_new);

}  // namespace thaw::model::economy
