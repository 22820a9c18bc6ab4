// The towns as localities (issue 13): the compiled-in table is the data file, every town fits in
// its region, and a town's agents carry their weight into the counts. ODD: docs/odd/geography.md.
#include "model/society/society.hpp"
#include "model/support/world_fixture.hpp"
#include "model/thaw/geography.hpp"
#include "model/thaw/world.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace thaw::model {
namespace {

// The fields of a CSV line (quoted fields may hold commas; no line breaks in towns.csv).
std::vector<std::string> split_csv(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (char ch : line) {
    if (ch == '"') quoted = !quoted;
    else if (ch == ',' && !quoted) out.emplace_back();
    else out.back() += ch;
  }
  return out;
}

TEST(Geography, TownTableIsTheDataFile) {
  std::ifstream in(std::string(THAW_SOURCE_DIR) + "/data/geography/towns.csv");
  ASSERT_TRUE(in) << "data/geography/towns.csv";
  std::string line;
  std::getline(in, line);
  const auto header = split_csv(line);
  std::map<std::string, size_t> col;
  for (size_t i = 0; i < header.size(); ++i) col[header[i]] = i;
  std::map<std::string, std::vector<std::string>> rows;
  while (std::getline(in, line))
    if (!line.empty()) {
      auto f = split_csv(line);
      rows[f[col["key"]]] = f;
    }
  const auto towns = default_towns();
  size_t peopled = 0;
  for (const auto& [key, f] : rows)
    if (!f[col["pop_1953"]].empty() && std::stod(f[col["pop_1953"]]) > 0) ++peopled;
  EXPECT_EQ(towns.size(), peopled) << "regenerate: python3 data/geography/towns_table.py > src/model/thaw/towns_table.inc";
  for (const auto& t : towns) {
    ASSERT_TRUE(rows.count(t.key)) << t.key;
    const auto& f = rows[t.key];
    EXPECT_EQ(t.name, f[col["name"]]);
    EXPECT_EQ(t.region, f[col["region"]]);
    EXPECT_EQ(t.country, f[col["country"]]);
    EXPECT_DOUBLE_EQ(t.population, std::stod(f[col["pop_1953"]]));
    EXPECT_EQ(t.housing, f[col["housing"]]);
    EXPECT_EQ(t.food_supply, f[col["food_supply"]]);
    EXPECT_NEAR(t.workers_share + t.intelligentsia_share + t.party_share, 1.0, 0.011) << t.key;
  }
}

TEST(Geography, TownsFitTheirRegionsAndNameTheirLocality) {
  const auto regions = default_regions();
  const auto towns = default_towns();
  std::map<std::string, double> in_towns;
  for (const auto& t : towns) in_towns[t.region] += t.population;
  for (const auto& r : regions)
    EXPECT_LE(in_towns[r.key], r.population * r.urban_share * 1.0001 + 1) << r.key;
  for (const auto& t : towns) EXPECT_GT(town_hardship_factor(t, 0.05, 0.05), 0.0) << t.key;
  TownDef bad = towns.front();
  bad.housing = "palace";
  EXPECT_THROW(town_hardship_factor(bad, 0.05, 0.05), std::runtime_error);
}

// A world with the towns: every town is a locality named for it, with at least min_town_agents
// agents; the people of each region are the same with and without the towns.
TEST(Geography, TownLocalitiesCarryTheirWeight) {
  for (double scale : {1000.0, 100.0}) {
    test::WorldFixture plain(scale, 3);
    World& p = plain.world();
    // The same world with the towns.
    Params defaults;
    Executor ex(1);
    World w;
    w.calendar = defaults.calendar();
    w.month = defaults.start;
    w.seed = 3;
    w.scale = scale;
    w.executor = &ex;
    w.geo.countries = defaults.countries;
    w.geo.regions = defaults.regions;
    w.geo.camps = defaults.camps;
    w.geo.towns = defaults.towns;
    society::Params sp;
    society::init(w, sp);
    size_t town_localities = 0;
    double people_with = 0, people_without = 0;
    for (size_t l = 0; l < w.geo.localities.size(); ++l) {
      const auto& loc = w.geo.localities[l];
      people_with += static_cast<double>(w.society.used_slots[l]) * loc.weight;
      if (loc.town < 0) {
        EXPECT_DOUBLE_EQ(loc.weight, scale);
        continue;
      }
      ++town_localities;
      EXPECT_EQ(loc.name, w.geo.towns[static_cast<size_t>(loc.town)].name);
      EXPECT_GE(w.society.used_slots[l], static_cast<uint64_t>(sp.min_town_agents));
      EXPECT_LE(loc.weight, scale);
      EXPECT_NEAR(static_cast<double>(w.society.used_slots[l]) * loc.weight, loc.population, scale);
    }
    for (size_t l = 0; l < p.geo.localities.size(); ++l)
      people_without += static_cast<double>(p.society.used_slots[l]) * p.geo.localities[l].weight;
    EXPECT_EQ(town_localities, w.geo.towns.size());
    EXPECT_NEAR(people_with, people_without, 1e-3 * people_without) << "scale " << scale;
  }
}

}  // namespace
}  // namespace thaw::model
