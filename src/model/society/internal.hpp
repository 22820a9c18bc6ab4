// Shared by society's own files (society.cpp, setup.cpp, changes.cpp, record.cpp); not for the
// other mechanisms, which use society.hpp.
#pragma once

#include "engine/rng.hpp"
#include "model/society/people.hpp"
#include "model/society/state.hpp"
#include "model/thaw/geography.hpp"
#include "model/thaw/signals.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace thaw::model {
struct World;
}

namespace thaw::model::society::detail {

inline constexpr const char* kCohortKeys[kCohorts] = {"old", "mature", "young", "youngest"};
inline constexpr const char* kTopicKeys[kTopics] = {"secret_speech", "unrest_news", "camp_truth", "western_culture"};
inline constexpr uint32_t kStreamStatic = rng::stream_id("society.dispositions");
inline constexpr uint32_t kStreamMonth = rng::stream_id("society.month");
inline constexpr uint32_t kStreamArrests = rng::stream_id("society.arrests");
inline constexpr uint32_t kStreamInit = rng::stream_id("society.init");
inline constexpr uint32_t kStreamBirths = rng::stream_id("society.births");
inline constexpr uint32_t kStreamIncident = rng::stream_id("society.incidents");
inline constexpr uint32_t kStreamTownArrests = rng::stream_id("society.town_arrests");  // a town's crowd, keyed by the town
inline constexpr uint32_t kStreamWeights = rng::stream_id("society.weights");    // moves between localities of different weight
inline constexpr uint32_t kStreamMigration = rng::stream_id("society.migration");  // which town a migrant goes to

// A count of agents `ratio` stands for, rounded up with chance equal to the fraction: moves
// between localities of different weight keep the number of people in expectation.
inline uint64_t stochastic_count(double ratio, double u) {
  const double whole = std::floor(ratio);
  return static_cast<uint64_t>(whole) + (u < ratio - whole ? 1u : 0u);
}

// The keys of the persons' lasting dispositions (people.hpp), from the run's seed.
inline DispositionKeys disposition_keys(uint64_t seed) {
  const uint64_t k = rng::hash_combine(seed, kStreamStatic);
  return {static_cast<uint32_t>(k), static_cast<uint32_t>(k >> 32)};
}

// A probability as a threshold for a uniform integer below `range`.
inline uint32_t below_of(double probability, double range) {
  return static_cast<uint32_t>(std::min(std::clamp(probability, 0.0, 1.0) * range, range - 1.0));
}

// Per locality: the mean belief its people start from and drift back to (the region's, 0.3 in
// the camps). A town holds its region's nationality and the people who came to it from everywhere
// after the war (workers recruited, officials and officers posted, their families), so its base is
// the region's moved by town_mixing toward the country's people-weighted mean (docs/odd/society.md,
// "Towns"). Regions of one nationality and the country's mean differ little; the Baltic republics,
// whose low base belongs to the countryside and the natives, differ most.
std::vector<double> base_legitimacy(const Geography& geo, double town_mixing);

// add_person() with its own count of full blocks: births are added in parallel, one locality per
// task, and each task counts its refusals (summed afterwards).
uint64_t add_person_counted(World& world, int dest, uint8_t traits, uint8_t status, uint8_t legitimacy, uint64_t& refused);

}  // namespace thaw::model::society::detail

namespace thaw::model::society {

// Society's own code writes its people through this (state.hpp declares it a friend).
struct PeopleWriter {
  static Population& of(State& st) { return st.pop_; }
};

}  // namespace thaw::model::society
