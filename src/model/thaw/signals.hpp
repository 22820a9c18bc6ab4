// The figures the mechanisms exchange each month.
//
// Each field is written by exactly one mechanism (named in its group's heading) during that
// mechanism's phase and read by any other. The phases run in the mechanism table's order
// (mechanisms.cpp), so a reader that runs after the writer sees this month's value and one that
// runs before sees last month's: the order is part of the model (docs/odd/thaw.md).
#pragma once

#include <string>
#include <vector>

namespace thaw::model {

// Classes of citizens (BRIEF: worker, kolkhoznik, intelligentsia, party member).
enum Class : uint8_t { Worker = 0, Kolkhoznik = 1, Intelligentsia = 2, PartyMember = 3 };
inline constexpr int kClasses = 4;

// Birth cohorts: the generations react differently to revelations (seed 004).
enum Cohort : uint8_t { BornBefore1900 = 0, Born1900to1924 = 1, Born1925to1939 = 2, Born1940on = 3 };
inline constexpr int kCohorts = 4;

// What people may learn from each other; each topic spreads through contacts (society).
enum Topic : uint8_t { SecretSpeech = 0, UnrestNews = 1, CampTruth = 2, WesternCulture = 3 };
inline constexpr int kTopics = 4;

struct Signals {
  // society ---------------------------------------------------------------------------------------
  double mean_legitimacy = 0;         // USSR free adults, 0..1
  double dissent_private = 0;         // share of USSR free adults whose belief is below one half
  double dissent_expressed = 0;       // share of USSR free adults voicing dissent (Kuran)
  double active_peak = 0;             // people (not agents) active at the month's peak, USSR
  double arrests_political = 0;       // people arrested for protest this month, USSR
  std::vector<double> topic_informed; // per topic: share of USSR adults who know of it
  int unrest_localities = 0;          // USSR localities in open unrest this month
  std::vector<double> country_active_share;  // per country: peak share of urban adults active
  std::vector<double> country_legitimacy;    // per country: mean belief
  std::vector<double> camp_active_share;     // per camp: peak share of prisoners active (strikes)

  // economy ---------------------------------------------------------------------------------------
  double food_index = 1;              // USSR food per head, 1953 = 1
  double harvest_mt = 0;              // last grain harvest, million tonnes
  double harvest_shortfall = 0;       // (last harvest - expected) / expected
  double industrial_growth = 0;       // % per year
  double retail_price_index = 1;      // 1953 = 1
  double housing_index = 1;           // urban floor space per head, 1953 = 1

  // repression and release ------------------------------------------------------------------------
  double prisoners = 0;               // people in camps and colonies
  double political_prisoners = 0;
  double special_settlers = 0;
  double released_total = 0;          // cumulative releases from camps and settlements
  double rehabilitated_total = 0;
  double crime_index = 1;             // 1953 = 1

  // culture and censorship ------------------------------------------------------------------------
  double openness = 0;                // 0..1: boldness of what was published lately
  double censorship = 0;              // 0..1: boldness the censor lets through (high = lenient)

  // the Party and elite politics ------------------------------------------------------------------
  std::string leader;                 // the First Secretary, or "the collective leadership"
  std::string secretariat;            // who runs the Party's Secretariat (and its appointments)
  double leader_reformism = 0.5;      // 0 hardline .. 1 reformer
  double leader_security = 1;         // 0..1: share of the selectorate that would back the leader
  double conservative_pressure = 0;   // 0..1: pressure on the leader to tighten up

  // the bloc and the world ------------------------------------------------------------------------
  double prestige = 0;                // foreign successes minus humiliations, decaying
  double world_tension = 0.5;         // 0..1
  std::vector<int> intervening;       // per country: 1 while Soviet troops put down an uprising
};

}  // namespace thaw::model
