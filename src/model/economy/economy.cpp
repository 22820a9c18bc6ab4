// The economy mechanism. ODD: docs/odd/economy.md (submodels 1-5).
#include "model/economy/economy.hpp"

#include "engine/detmath.hpp"
#include "engine/distributions.hpp"
#include "model/thaw/world.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace thaw::model::economy {

namespace {

constexpr std::string_view kSource = "docs/odd/economy.md";

bool in_ussr(const World& w, size_t l) { return w.geo.localities[l].country == w.geo.ussr(); }

// Free USSR persons (agents) now; before society's first month, from the geography.
double ussr_persons(const World& w, bool urban_only, bool at_start = false) {
  double n = 0;
  for (size_t l = 0; l < w.geo.localities.size(); ++l) {
    const auto& loc = w.geo.localities[l];
    if (!in_ussr(w, l) || loc.setting == Setting::Camp) continue;
    if (urban_only && loc.setting != Setting::Urban) continue;
    // In the run's agents: a town's agents stand for fewer people (loc.weight), counted at theirs.
    n += at_start || w.society.stats.empty() ? loc.population / w.scale : w.society.stats[l].persons * loc.weight / w.scale;
  }
  return n;
}

// --- decisions ---------------------------------------------------------------------------------

void apply_virgin_lands(World& w, const Decision& d) {
  auto& st = w.economy;
  const double months = std::max(1.0, d.number("months"));
  st.plough_target_mha += d.number("hectares_mha");
  st.plough_per_month_mha = std::max(0.0, st.plough_target_mha - st.new_area_mha) / months;
}

void apply_procurement(World& w, const Decision& d) { w.economy.procurement_price_index *= d.number("factor"); }

void apply_retail_prices(World& w, const Decision& d) {
  // The rise of the whole basket follows from the goods' shares of an urban budget.
  auto& st = w.economy;
  const double rise = d.number("meat") * d.number("meat_weight") + d.number("butter") * d.number("butter_weight") +
                      d.number("general");
  st.retail_price_index *= 1.0 + rise;
  st.wage_cut = std::clamp(st.wage_cut + d.number("wage_cut"), 0.0, 1.0);
}

void apply_housing(World& w, const Decision& d) { w.economy.construction_rate = d.number("build_rate"); }

void apply_councils(World& w, const Decision& d) {
  auto& st = w.economy;
  const int councils = static_cast<int>(d.number("councils"));
  if (st.sovnarkhoz_councils == 0 && councils > 0) st.councils_since_step = static_cast<int>(w.step);
  if (councils == 0) st.councils_since_step = -1;
  st.sovnarkhoz_councils = councils;
}

void apply_husbandry(World& w, const Decision& d) {
  w.economy.fallow_share = d.number("fallow");
  w.economy.shelter_share = d.number("shelter");
}

void apply_import_policy(World& w, const Decision& d) { w.economy.import_cover = d.number("cover"); }

void apply_consumer_priority(World& w, const Decision& d) { w.economy.consumer_priority = d.number("share"); }

const DecisionKind kKinds[] = {
    {"virgin_lands", "economy",
     "plough new land (the steppes of Kazakhstan and Siberia) for grain; how much it yields, year by year, is up "
     "to the weather and the soil",
     {{"hectares_mha", 13, {.doc = "grain area added", .unit = "million ha", .min = 0, .max = 100}},
      {"months", 12, {.doc = "months over which it is ploughed", .unit = "months", .min = 1, .max = 120}}},
     {},
     apply_virgin_lands},
    {"procurement_prices", "economy",
     "the state pays kolkhozes more (or less) for compulsory deliveries; kolkhozniks' incomes and effort follow",
     {{"factor", 1.3, {.doc = "multiplies the procurement price index", .min = 0.1, .max = 10}}},
     {},
     apply_procurement},
    {"retail_prices", "economy",
     "state retail prices change; with `wage_cut` piece rates are cut at the same time",
     {{"meat", 0, {.doc = "change of meat prices", .unit = "share (0.3 = +30%)", .min = -1, .max = 5}},
      {"butter", 0, {.doc = "change of butter prices", .unit = "share", .min = -1, .max = 5}},
      {"general", 0, {.doc = "change of the rest of the basket, as a share of the whole basket", .unit = "share", .min = -1, .max = 5}},
      {"meat_weight", 0.12, {.doc = "share of an urban budget spent on meat", .min = 0, .max = 1}},
      {"butter_weight", 0.04, {.doc = "share of an urban budget spent on butter", .min = 0, .max = 1}},
      {"wage_cut", 0, {.doc = "cut in piece rates (share of pay)", .unit = "share", .min = 0, .max = 1}}},
     {},
     apply_retail_prices},
    {"housing_programme", "economy",
     "the rate at which new urban flats are built",
     {{"build_rate", 0.07, {.doc = "urban floor space built a year, as a share of the stock", .unit = "per year", .min = 0, .max = 0.5}}},
     {},
     apply_housing},
    {"economic_councils", "economy",
     "industry is run by regional economic councils (sovnarkhozy) instead of branch ministries (0 restores the "
     "ministries)",
     {{"councils", 105, {.doc = "number of councils", .min = 0, .max = 1000}}},
     {},
     apply_councils},
    {"new_lands_husbandry", "economy",
     "how the new lands are farmed: a share kept in clean fallow each year (less grain now, less loss of "
     "fertility) and a share protected by shelter belts and stubble tillage against the wind (Barayev's system)",
     {{"fallow", 0.15, {.doc = "share of the new lands in clean fallow", .min = 0, .max = 0.9}},
      {"shelter", 0.3, {.doc = "share protected against wind erosion", .min = 0, .max = 1}}},
     {},
     apply_husbandry},
    {"grain_import_policy", "economy",
     "whether the leadership will buy grain abroad when a harvest falls short (until 1963 the USSR exported "
     "grain); how much is bought depends on the shortfall",
     {{"cover", 0.6, {.doc = "share of a harvest's shortfall below an average year bought abroad", .min = 0, .max = 1}}},
     {},
     apply_import_policy},
    {"consumer_priority", "economy",
     "investment is turned toward light industry and consumer goods (Malenkov's New Course); real wages grow "
     "faster, heavy industry slower",
     {{"share", 0.2, {.doc = "priority given to consumer goods", .min = 0, .max = 1}}},
     {},
     apply_consumer_priority},
};

// --- submodels ---------------------------------------------------------------------------------

// Submodel 3: the annual rate of industrial growth this month, % a year.
double growth_rate(const World& w, const Params& p) {
  const auto& st = w.economy;
  const double years = static_cast<double>(w.step) / 12.0;
  double g = p.growth_1953 - p.growth_slowdown * years - p.consumer_growth_cost * st.consumer_priority -
             p.tension_burden * std::max(0.0, w.signals.world_tension - 0.5);
  if (st.sovnarkhoz_councils > 0 && st.councils_since_step >= 0 &&
      static_cast<double>(w.step - st.councils_since_step) > p.council_honeymoon_months)
    g -= p.council_loss;
  return g;
}

// Submodel 5: hardship by locality and class.
void write_hardship(World& w, const Params& p) {
  const auto& st = w.economy;
  auto& h = w.society.inputs.hardship;
  const double real_wage = st.wage_index / st.retail_price_index;
  const double price_12 = st.price_memory[static_cast<size_t>(w.step % 12)];
  const double price_loss = std::max(0.0, st.retail_price_index / (price_12 > 0 ? price_12 : 1.0) - 1.0);
  const double food = std::max(0.05, st.food_supply);
  const double urban_now = ussr_persons(w, true);
  const double housing = st.urban_people_1953 > 0 && urban_now > 0 ? st.housing_stock / (urban_now / st.urban_people_1953) : 1.0;
  const double loss_urban = p.loss_aversion * price_loss + st.wage_cut;
  const double loss_rural = p.loss_aversion * price_loss * p.rural_price_exposure;
  const double f_food = det::pow(food, -p.food_hardship_elasticity);
  const double f_wage = det::pow(real_wage, -p.wage_elasticity);
  const double f_housing = det::pow(std::max(0.05, housing), -p.housing_elasticity);
  const double f_procurement = det::pow(st.procurement_price_index, -p.procurement_elasticity);
  for (size_t l = 0; l < w.geo.localities.size(); ++l) {
    const auto& loc = w.geo.localities[l];
    if (loc.setting == Setting::Camp) continue;  // the repression mechanism sets camp hardship
    const bool urban = loc.setting == Setting::Urban;
    for (int k = 0; k < kClasses; ++k) {
      double v;
      if (!in_ussr(w, l)) {
        v = p.base_hardship[static_cast<size_t>(k)];  // society multiplies it by the bloc's austerity
      } else if (k == Kolkhoznik) {
        v = p.base_hardship[Kolkhoznik] * f_procurement * f_food + loss_rural;
      } else {
        v = p.base_hardship[static_cast<size_t>(k)] * f_wage * f_food * (urban ? f_housing : 1.0) + loss_urban;
      }
      h[l * kClasses + static_cast<size_t>(k)] = static_cast<float>(std::clamp(v, 0.0, 1.0));
    }
  }
}

// Weather of this year's harvest on the two regions (ODD "Weather"): the historical index of the
// year, if the scenario asks for it and has one, plus local weather the index does not capture;
// otherwise drawn, each region persisting from last year.
std::pair<double, double> weather_of_year(World& w, const Params& p) {
  auto& st = w.economy;
  rng::Draws d = w.draws(rng::stream_id("economy.weather"));
  const double z_common = dist::normal(d), z_old = dist::normal(d), z_new = dist::normal(d);
  const double rho = p.weather_correlation, rest = std::sqrt(1 - rho * rho);
  const double e_old = rho * z_common + rest * z_old, e_new = rho * z_common + rest * z_new;
  if (p.weather == "historical")
    for (const auto& y : p.weather_years)
      if (y.year == w.year()) {
        const double r = p.weather_residual, keep = std::sqrt(std::max(0.0, 1 - r * r));
        return {keep * y.old_lands + r * e_old, keep * y.new_lands + r * e_new};
      }
  const double phi = p.weather_persistence, fresh = std::sqrt(1 - phi * phi);
  return {phi * st.weather_old + fresh * e_old, phi * st.weather_new + fresh * e_new};
}

// Submodel 1b: the new lands lose fertility with every harvest taken from wheat after wheat, and
// in a dry year the wind takes the ploughed topsoil; clean fallow and shelter belts (policy) spare
// part of each loss.
void erode(State& st, const Params& p, double weather_new) {
  if (st.new_area_mha <= 0) return;
  const double monoculture = p.new_land_erosion * (1 - p.fallow_protection * st.fallow_share);
  const double wind = p.wind_erosion * std::max(0.0, -weather_new) * (1 - p.shelter_protection * st.shelter_share);
  st.new_land_fertility *= std::max(0.0, 1 - monoculture - wind);
}

void take_harvest(World& w, const Params& p) {
  auto& st = w.economy;
  const auto [z_old, z_new] = weather_of_year(w, p);
  st.weather_old = z_old;
  st.weather_new = z_new;
  // Land in clean fallow bears nothing this year.
  const double sown_new = st.new_area_mha * (1 - st.fallow_share);
  // Kolkhozes sow and tend for the prices in force when the year's work began (the last harvest).
  const HarvestResult r = harvest(p, static_cast<double>(w.step) / 12.0, st.old_area_mha, sown_new, st.new_land_fertility,
                                  st.procurement_at_sowing, z_old, z_new);
  st.procurement_at_sowing = st.procurement_price_index;
  erode(st, p, z_new);
  st.harvest_mt = r.harvest_mt;
  st.harvest_barn_mt = r.harvest_mt * (1 - p.bunker_loss);
  st.expected_mt = r.expected_mt;
  const double people = ussr_persons(w, false) * w.scale;
  const double people_1953 = std::max(1.0, st.people_1953);
  // Imports, if the leadership has decided it will buy, cover part of a shortfall (ECO-06).
  st.imports_mt = st.import_cover * std::max(0.0, r.expected_mt - r.harvest_mt);
  if (st.imports_mt > 0.5)
    w.add_event("economy.grain_imports", Severity::Notable,
                fmt::format("the USSR buys {:.1f} million tonnes of grain abroad", st.imports_mt), {{"grain_mt", st.imports_mt}});
  const double per_head = (r.harvest_mt + st.imports_mt) / p.harvest_1953_mt / (people / people_1953);
  st.food_supply = det::pow(std::max(0.05, per_head), p.food_elasticity);
  const double shortfall = (r.harvest_mt - r.expected_mt) / r.expected_mt;
  w.signals.harvest_mt = r.harvest_mt;
  // The Presidium judges the year by what the weather allowed, not by the plan's blind spot.
  w.signals.harvest_shortfall = (r.harvest_mt - r.mean_mt) / r.mean_mt;
  const auto figures = std::vector<std::pair<std::string, double>>{{"harvest_mt", r.harvest_mt},
                                                                    {"expected_mt", r.expected_mt},
                                                                    {"new_lands_mt", r.new_lands_mt},
                                                                    {"barn_mt", st.harvest_barn_mt},
                                                                    {"weather_old", z_old},
                                                                    {"weather_new", z_new},
                                                                    {"count", 1}};
  if (shortfall <= -p.failure_shortfall) {
    w.add_event("economy.harvest_failure", Severity::Notable,
                fmt::format("the harvest fails: {:.0f} million tonnes of grain, {:.0f}% below the plan", r.harvest_mt,
                            -100 * shortfall),
                figures);
  } else if (r.harvest_mt > st.best_harvest_mt) {
    w.add_event("economy.record_harvest", Severity::Notable,
                fmt::format("a record harvest: {:.0f} million tonnes of grain", r.harvest_mt), figures);
  } else {
    w.add_event("economy.harvest", Severity::Minor, fmt::format("the harvest brings {:.0f} million tonnes of grain", r.harvest_mt),
                figures);
  }
  st.best_harvest_mt = std::max(st.best_harvest_mt, r.harvest_mt);
}

}  // namespace

HarvestResult harvest(const Params& p, double years, double old_area, double new_area, double fertility,
                      double procurement_index, double z_old, double z_new) {
  const double effort = det::pow(procurement_index, p.procurement_yield_elasticity);
  const double old_mean = p.old_yield * det::pow(1 + p.old_yield_trend, years) * effort;
  const double new_mean = p.new_yield * fertility;
  // Log-normal weather with mean one, so that the expected harvest is the mean yield times area.
  const double w_old = det::exp(p.weather_sd_old * z_old - p.weather_sd_old * p.weather_sd_old / 2);
  // Soil that has lost its humus and structure holds less water: a dry year hurts it more.
  const double sd_new = p.weather_sd_new * (1 + p.drought_sensitivity * std::max(0.0, 1 - fertility));
  const double w_new = det::exp(sd_new * z_new - sd_new * sd_new / 2);
  // What the plan counts on: an average year, with the new lands as fertile as when first ploughed
  // (the planners did not allow for their exhaustion, McCauley 1976), so that an exhausted steppe
  // falls short of it even in an average year.
  return {old_area * old_mean * w_old + new_area * new_mean * w_new, old_area * old_mean + new_area * p.new_yield,
          new_area * new_mean * w_new, old_area * old_mean + new_area * new_mean};
}

std::span<const DecisionKind> decision_kinds() { return kKinds; }

void WeatherYear::describe(ParamVisitor& v) {
  v.value("year", year, {.doc = "harvest year", .min = 1900, .max = 2100, .required = true});
  v.value("old_lands", old_lands, {.doc = "weather index on the old grain lands (0 average, negative dry)", .min = -5, .max = 5});
  v.value("new_lands", new_lands, {.doc = "weather index on the new lands", .min = -5, .max = 5});
  v.value("source", source, {.doc = "where the index comes from"});
}

// The regional weather of each harvest year (ODD "Weather"): the new lands' index read from the
// droughts and good years of the record (the row's source); the old lands' index is what is left
// of the official total of the year once the new lands' share is taken (fitted, not observed).
std::vector<WeatherYear> historical_weather() {
  return {
      {1953, -0.20, 0.00, "1953: an average year on the steppe (ECO-03)"},
      {1954, -1.65, 0.80, "1954: drought on the Volga and in Ukraine; good steppe harvest, +65% (ECO-04)"},
      {1955, 0.25, -2.00, "1955: Kazakh drought, harvest -35% (ECO-04)"},
      {1956, -0.20, 1.20, "1956: record, the new lands' best year (ECO-03)"},
      {1957, -0.90, -1.00, "1957: new lands -40%, USSR -18% (ECO-04)"},
      {1958, 0.90, 0.80, "1958: good on both (ECO-04)"},
      {1959, -0.25, 0.00, "1959: -6% on the new lands (ECO-04)"},
      {1960, 0.20, -0.20, "1960: near average"},
      {1961, 0.55, -0.40, "1961: dry on the steppe (ECO-05)"},
      {1962, 1.20, -0.30, "1962: new-land yield 6.9 c/ha (ECO-05)"},
      {1963, -1.15, -2.00, "1963: drought on the Volga, in Ukraine and on the steppe, dust storms (ECO-06)"},
      {1964, 0.50, 1.20, "1964: a good year on the steppe"},
  };
}

void Params::describe(ParamVisitor& v) {
  v.section("weather", "the weather of each harvest: an input from outside", [&](ParamVisitor& a) {
    static constexpr std::string_view kModes[] = {"historical", "random"};
    a.value("mode", weather, {.doc = "historical: each year's regional index (years without one are drawn); random: drawn with persistence", .choices = kModes});
    a.value("persistence", weather_persistence, {.doc = "year-to-year autocorrelation of drawn weather", .min = 0, .max = 0.99, .source = "assumed (dry years cluster weakly on the steppe)"});
    a.value("residual", weather_residual, {.doc = "share (as sd) of a year's weather that is local and not in the regional index", .min = 0, .max = 1, .source = "assumed"});
    a.list("year", "the regional weather index of each harvest year", weather_years);
  });
  v.section("agriculture", "grain on the old and the new lands", [&](ParamVisitor& a) {
    a.value("old_area_mha", old_area_mha, {.doc = "grain area before the Virgin Lands", .unit = "million ha", .min = 0, .max = 500, .source = "ECO-01 (102 million ha)"});
    a.value("old_yield", old_yield, {.doc = "average yield on the old lands in 1953", .unit = "t/ha", .min = 0, .max = 10, .source = "ECO-03: 82.5 Mt / 102 Mha"});
    a.value("old_yield_trend", old_yield_trend, {.doc = "yield growth on the old lands (fertiliser, machinery)", .unit = "per year", .min = -0.1, .max = 0.2, .source = "calibrated to ECO-05 (130-140 Mt in 1961-62); uncertain"});
    a.value("procurement_yield_elasticity", procurement_yield_elasticity, {.doc = "old-land yields grow as the procurement price index to this power (effort)", .min = 0, .max = 2, .source = "assumed"});
    a.value("new_yield", new_yield, {.doc = "average yield of freshly ploughed steppe", .unit = "t/ha", .min = 0, .max = 10, .source = "ECO-03 (over half of 125 Mt in 1956 from the new lands); uncertain"});
    a.value("new_land_erosion", new_land_erosion, {.doc = "fertility lost by the new lands with each harvest of wheat after wheat", .unit = "per harvest", .min = 0, .max = 1, .source = "ECO-05: 6.9 c/ha on the new lands in 1962; McCauley 1976"});
    a.value("wind_erosion", wind_erosion, {.doc = "fertility lost in a dry year per unit of dryness (ploughed topsoil blown away)", .unit = "per harvest", .min = 0, .max = 1, .source = "assumed; McCauley 1976 (dust storms of 1960-63)"});
    a.value("drought_sensitivity", drought_sensitivity, {.doc = "the weather's swing on the new lands grows by this times the fertility lost", .min = 0, .max = 10, .source = "assumed (eroded soil holds less water)"});
    a.value("fallow_protection", fallow_protection, {.doc = "share of monoculture's loss that clean fallow on the whole area would prevent", .min = 0, .max = 1, .source = "assumed (Barayev's system)"});
    a.value("shelter_protection", shelter_protection, {.doc = "share of wind erosion that shelter belts and stubble tillage on the whole area would prevent", .min = 0, .max = 1, .source = "assumed (Barayev's system)"});
    a.value("bunker_loss", bunker_loss, {.doc = "share of the official (bunker) weight that is moisture, weeds and waste, not grain", .min = 0, .max = 0.5, .source = "ECO-03 note (CIA, USDA); assumed"});
    a.value("record_1953_mt", record_1953_mt, {.doc = "the official record before the Thaw, which a record harvest must beat", .unit = "million t", .min = 0, .max = 1000, .source = "official 1937 figure, Nove, An Economic History of the USSR (1969)"});
    a.value("weather_sd_old", weather_sd_old, {.doc = "log-sd of weather on old-land yields", .min = 0, .max = 2, .source = "assumed"});
    a.value("weather_sd_new", weather_sd_new, {.doc = "log-sd of weather on new-land yields", .min = 0, .max = 2, .source = "ECO-04 (swings of 35-40%)"});
    a.value("weather_correlation", weather_correlation, {.doc = "correlation of the two weathers", .min = 0, .max = 1, .source = "assumed"});
    a.value("harvest_month", harvest_month, {.doc = "calendar month in which the harvest is known", .min = 1, .max = 12});
    a.value("harvest_1953_mt", harvest_1953_mt, {.doc = "reference harvest: grain per head of 1953 = 1", .unit = "million t", .min = 1, .max = 1000, .source = "ECO-03"});
    a.value("food_elasticity", food_elasticity, {.doc = "food per head follows grain per head to this power (grain is part of the diet)", .min = 0, .max = 2, .source = "assumed"});
    a.value("failure_shortfall", failure_shortfall, {.doc = "shortfall below the plan (an average year on unexhausted soil) that is called a failure", .min = 0, .max = 1});
  });
  v.section("industry", "growth, wages, housing", [&](ParamVisitor& i) {
    i.value("growth_1953", growth_1953, {.doc = "industrial growth in 1953", .unit = "% per year", .min = -20, .max = 50, .source = "ECO-07, ECO-08 (9-12% in the 1950s)"});
    i.value("growth_slowdown", growth_slowdown, {.doc = "growth lost each year as the economy matures", .unit = "points per year", .min = 0, .max = 5, .source = "ECO-07: 12% (1958-59) to 7.5% (1964)"});
    i.value("council_loss", council_loss, {.doc = "growth lost while regional councils run industry (localism, lost coordination)", .unit = "points", .min = 0, .max = 10, .source = "assumed; ELI-01"});
    i.value("council_honeymoon_months", council_honeymoon_months, {.doc = "months before the councils' losses show", .unit = "months", .min = 0, .max = 120, .source = "assumed"});
    i.value("tension_burden", tension_burden, {.doc = "growth lost per unit of world tension above 0.5 (defence and space)", .unit = "points", .min = 0, .max = 20, .source = "ECO-09 (over $40 bn of ~$260 bn GNP for defence and space); assumed"});
    i.value("consumer_growth_cost", consumer_growth_cost, {.doc = "industrial growth lost per unit of consumer priority", .unit = "points", .min = 0, .max = 20, .source = "assumed"});
    i.value("wage_share", wage_share, {.doc = "nominal wages grow by this share of industrial growth", .min = 0, .max = 2, .source = "assumed"});
    i.value("consumer_wage_bonus", consumer_wage_bonus, {.doc = "extra real-wage growth per unit of consumer priority", .unit = "per year", .min = 0, .max = 1, .source = "assumed"});
    i.value("housing_build_rate", housing_build_rate, {.doc = "urban floor space built a year before any housing programme", .unit = "share per year", .min = 0, .max = 1, .source = "assumed"});
    i.value("housing_depreciation", housing_depreciation, {.doc = "urban floor space lost a year", .unit = "share per year", .min = 0, .max = 1, .source = "assumed"});
  });
  v.section("hardship", "material hardship of each class (society.inputs.hardship)", [&](ParamVisitor& h) {
    static constexpr std::string_view classes[] = {"worker", "kolkhoznik", "intelligentsia", "party"};
    for (size_t k = 0; k < base_hardship.size(); ++k)
      h.value(fmt::format("base_{}", classes[k]), base_hardship[k], {.doc = "hardship of the class in 1953", .min = 0, .max = 1, .source = "calibrated with society's protest rule"});
    h.value("wage_elasticity", wage_elasticity, {.doc = "hardship grows as the real wage to minus this power", .min = 0, .max = 5, .source = "assumed"});
    h.value("food_hardship_elasticity", food_hardship_elasticity, {.doc = "... as food per head to minus this power", .min = 0, .max = 5, .source = "assumed"});
    h.value("housing_elasticity", housing_elasticity, {.doc = "... as urban floor space per head to minus this power", .min = 0, .max = 5, .source = "assumed"});
    h.value("procurement_elasticity", procurement_elasticity, {.doc = "kolkhozniks' hardship as the procurement price index to minus this power", .min = 0, .max = 5, .source = "assumed"});
    h.value("loss_aversion", loss_aversion, {.doc = "a price rise over the last 12 months is felt this many times its size", .min = 0, .max = 10, .source = "Tversky & Kahneman 1992 (lambda = 2.25)"});
    h.value("rural_price_exposure", rural_price_exposure, {.doc = "share of a kolkhoznik budget bought in state shops", .min = 0, .max = 1, .source = "assumed"});
    h.value("wage_cut_fade_months", wage_cut_fade_months, {.doc = "months over which a cut in piece rates stops being felt as a loss", .unit = "months", .min = 1, .max = 120, .source = "assumed"});
  });
}

void init(World& w, const Params& p) {
  auto& st = w.economy;
  st = State{};
  st.old_area_mha = p.old_area_mha;
  st.harvest_mt = p.harvest_1953_mt;
  st.expected_mt = p.harvest_1953_mt;
  st.harvest_barn_mt = p.harvest_1953_mt * (1 - p.bunker_loss);
  st.best_harvest_mt = p.record_1953_mt;
  st.construction_rate = p.housing_build_rate;
  st.price_memory.fill(1.0);
  st.urban_people_1953 = ussr_persons(w, true, true);
  st.people_1953 = ussr_persons(w, false, true) * w.scale;
  w.signals.harvest_mt = p.harvest_1953_mt;
  write_hardship(w, p);
}

void step(World& w, const Params& p) {
  auto& st = w.economy;
  // Submodel 1: ploughing, then the harvest in its month.
  if (st.new_area_mha < st.plough_target_mha)
    st.new_area_mha = std::min(st.plough_target_mha, st.new_area_mha + st.plough_per_month_mha);
  if (w.month.month() == p.harvest_month) take_harvest(w, p);

  // Submodels 2-4: industry, wages and prices, housing.
  st.industrial_growth = growth_rate(w, p);
  const double monthly = det::pow(1 + st.industrial_growth / 100, 1.0 / 12) - 1;
  st.industrial_output *= 1 + monthly;
  st.wage_index *= 1 + p.wage_share * monthly + p.consumer_wage_bonus * st.consumer_priority / 12;
  st.housing_stock *= 1 + (st.construction_rate - p.housing_depreciation) / 12;
  st.wage_cut *= std::max(0.0, 1.0 - 1.0 / p.wage_cut_fade_months);

  write_hardship(w, p);
  st.price_memory[static_cast<size_t>(w.step % 12)] = st.retail_price_index;

  auto& s = w.signals;
  s.food_index = st.food_supply;
  s.industrial_growth = st.industrial_growth;
  s.retail_price_index = st.retail_price_index;
  const double urban_now = ussr_persons(w, true);
  s.housing_index = st.urban_people_1953 > 0 && urban_now > 0 ? st.housing_stock / (urban_now / st.urban_people_1953) : 1.0;
}

void record(const World& w, IndicatorRow& row) {
  const auto& st = w.economy;
  row.add("economy.harvest_mt", st.harvest_mt);
  row.add("economy.harvest_barn_mt", st.harvest_barn_mt);
  row.add("economy.new_lands_fertility", st.new_land_fertility);
  row.add("economy.grain_area_mha", st.old_area_mha + st.new_area_mha);
  row.add("economy.new_lands_mha", st.new_area_mha);
  row.add("economy.food_index", st.food_supply);
  row.add("economy.industrial_growth", st.industrial_growth);
  row.add("economy.industrial_output", st.industrial_output);
  row.add("economy.real_wage", st.wage_index / st.retail_price_index);
  row.add("economy.retail_price_index", st.retail_price_index);
  row.add("economy.housing_index", w.signals.housing_index);
  row.add("economy.councils", st.sovnarkhoz_councils);
  double worker = 0, kolkhoznik = 0, nw = 0, nk = 0;
  for (size_t l = 0; l < w.geo.localities.size(); ++l) {
    if (!in_ussr(w, l) || w.geo.localities[l].setting == Setting::Camp) continue;
    const double people = w.society.stats.empty() ? 1.0 : w.society.stats[l].adults;
    worker += w.society.inputs.hardship[l * kClasses + Worker] * people;
    kolkhoznik += w.society.inputs.hardship[l * kClasses + Kolkhoznik] * people;
    nw += people;
    nk += people;
  }
  row.add("economy.hardship_worker", nw > 0 ? worker / nw : 0.0);
  row.add("economy.hardship_kolkhoznik", nk > 0 ? kolkhoznik / nk : 0.0);
}

}  // namespace thaw::model::economy
