// State of the culture mechanism, kept in the World. ODD: docs/odd/culture.md.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace thaw::model::culture {

// A writer or artist who might publish (or exhibit).
struct Writer {
  float boldness = 0;        // how far the work they would write if free departs from the line, 0..1
  float threshold = 0;       // Kuran: openness they need to see before daring to submit it
  float threshold_0 = 0;     // their threshold before any crackdown (it recovers towards this)
  bool camp_theme = false;   // writes about the camps (camp literature)
  int32_t last_published = -1000;  // step of their last published work
  float last_boldness = 0;         // boldness of the last work they submitted
  int32_t expelled_until = -1000;  // expelled from the Writers' Union until this step
};

// A manuscript the leadership has allowed to go forward (e.g. Ivan Denisovich): the censor still decides.
struct Permit {
  std::string title;
  double boldness = 0.8;
  double approval = 0.3;     // added to the censor's limit for this work (the leader's personal approval)
  double weight = 10;        // counts as this many ordinary works in openness (a sensation)
  bool camp = false;
  double reach = 0.05;       // monthly chance an uninformed town adult reads of it, while it circulates
  int months = 6;
};

struct Work {
  float boldness = 0;
  float weight = 1;
};

struct State {
  std::vector<Writer> writers;
  double censorship = 0;       // 0..1 boldness the censor lets through (high = lenient)
  double line = 0;             // the leadership's declared line (decisions): + loosen, - tighten
  double crackdown_penalty = 0;// tightening left by crackdowns, decays
  double open_num = 0, open_den = 0;  // decaying sums of published boldness and works
  double openness = 0;
  double scandal = 0;          // works published abroad, decaying: lowers conservatives' tolerance
  double camp_weight = 0;      // decaying weight of published camp literature
  int32_t last_crackdown = -1000;
  int crackdowns = 0;
  double provocation = 0;      // an exhibition's shock this month (decision), added to the scandal
  // Repression of criticism and dissent (people, cumulative and this month).
  double arrests_agitation = 0, arrests_agitation_total = 0;
  double psychiatric = 0, psychiatric_total = 0;
  int expelled = 0, expelled_total = 0;   // writers expelled (modelled writers)
  double members_per_writer = 20;         // for the counts reported (parameter)
  // This month
  int published = 0, published_bold = 0, rejected = 0, abroad = 0;
  double published_max = 0;
  std::vector<Work> month_works;  // published this month (the climate's raw material)
  std::vector<Permit> permits;  // allowed this month, decided in step
};

}  // namespace thaw::model::culture
