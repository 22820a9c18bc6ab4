// State of the society mechanism: the citizens, their neighbourhood cells, and the per-locality
// inputs other mechanisms set for them. ODD: docs/odd/society.md.
#pragma once

#include "model/society/population.hpp"
#include "model/thaw/signals.hpp"

#include <array>
#include <cstdint>
#include <vector>

namespace thaw::model::society {

// A channel that tells people something this month: a reading at party meetings, the press, a
// foreign broadcast, returnees' stories. Each uninformed adult matching the masks learns the topic
// with the given probability.
struct Exposure {
  Topic topic = SecretSpeech;
  int country = -1;           // country index, -1 for all countries
  int locality = -1;          // one locality only, -1 for all
  uint8_t setting_mask = 0x7; // bit per Setting (urban, rural, camp)
  uint8_t class_mask = 0xf;   // bit per Class
  uint8_t cohort_mask = 0xf;  // bit per Cohort
  float probability = 0;
};

// What the other mechanisms tell society each month (all per locality unless said otherwise).
struct Inputs {
  std::vector<float> hardship;          // [locality * kClasses + class], 0..1 (economy, repression for camps)
  std::vector<float> austerity;         // per locality: multiplies hardship (bloc: a satellite's squeeze on consumption), 1 elsewhere
  std::vector<float> security;          // security forces per adult (repression)
  std::vector<float> troops;            // Soviet troops in view per adult (bloc), added to security
  std::vector<float> fear;              // 0..1 fear of repression (repression)
  std::vector<float> legitimacy_shift;  // persistent offset to the local climate; decays (any)
  std::vector<Exposure> exposures;      // this month's channels, cleared after use (any)
  struct Channel {
    Exposure exposure;
    int months_left = 0;
  };
  std::vector<Channel> channels;        // channels open for several months (decisions)
};

struct LocalityStats {
  double persons = 0;       // agents alive in the block (any status)
  double adults = 0;        // free adults (those who can speak and protest)
  double legitimacy = 0;    // mean belief of free adults
  double dissent = 0;       // share of free adults whose belief is below one half
  double expressing = 0;    // share of free adults voicing dissent
  double active_peak = 0;   // most agents active in any sub-step this month
  double arrests = 0;       // agents arrested for protest this month
  double took_part = 0;     // agents active in some round this month (arrests are a part of them)
  std::array<double, kTopics> informed{};  // share of free adults who know each topic
};

// Per-cell tallies of one month, written by the one chunk that owns the cell.
struct CellTally {
  uint32_t persons = 0, deaths = 0, adults = 0, dissent = 0, expressing = 0, active_peak = 0, arrests = 0, took_part = 0;
  std::array<uint32_t, kTopics> informed{};
  double legitimacy = 0;
};

inline constexpr size_t kKnowerCounts = kTopics + 1;  // per cell: knowers of each topic, then persons

// Writes the people: defined in society's own files only (internal.hpp).
struct PeopleWriter;

struct State {
  // The people: anyone reads them; only society's own code writes them. Every other mechanism
  // changes a person through society's functions (society.hpp: transfer, imprison, set_free ...).
  const Population& pop() const { return pop_; }

  Inputs inputs;
  std::vector<LocalityStats> stats;        // this month
  std::vector<uint16_t> cell_active;       // actives per cell at the end of the last sub-step
  std::vector<float> cell_expressing;      // share voicing dissent per cell, last month
  std::vector<uint64_t> arrested;          // slots arrested this month, ascending (for repression)
  std::vector<float> hardship_1953;        // hardship as felt at the first month: the reference level
  std::vector<uint8_t> in_unrest;          // per locality: in open unrest last month
  std::vector<uint64_t> next_free;         // per locality: where the search for a free slot resumes
  std::vector<uint64_t> used_slots;        // per locality: persons in the block
  uint64_t transfers_refused = 0;          // a destination block was full (should stay 0)
  uint32_t cell_agents = 128;
  // Per cell: knowers of each topic, then persons, as the cell's monthly pass left them. Word of
  // mouth reads them the next month instead of counting the whole population again; a cell
  // someone entered or left since (allocate_slot, release_slot) is marked stale and counted afresh.
  std::vector<uint32_t> cell_knowers;
  std::vector<uint8_t> cell_knowers_stale;  // empty: every cell is stale (the first month)
  // Working buffers of the monthly pass, kept so that they are not allocated and faulted in again
  // every month; their contents do not carry over from one month to the next.
  std::vector<CellTally> cell_tally;
  std::vector<float> cell_word_of_mouth;    // per cell and topic: chance of learning from contacts

 private:
  friend struct PeopleWriter;
  Population pop_;
};

}  // namespace thaw::model::society
