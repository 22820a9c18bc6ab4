// The mechanisms of the Thaw model, each declared once, in the order of the month.
//
//   for (const Mechanism& m : mechanisms()) m.step(world, params);   // the month (after the decisions)
//   for (const Mechanism& m : mechanisms()) m.record(world, row);    // its indicators, in the same order
//
// One entry (mechanisms.cpp) gives a mechanism's name, what it reads and writes in the month, its
// parameters' section, its set-up, step, indicators, decision kinds and state checksum. The model
// (thaw_model.cpp) iterates the table for initialisation, the month, the indicators, the parameter
// sections and the per-phase checksums; decisions.cpp gathers the decision kinds from it; the
// phase table of docs/architecture.md and the schedule of docs/odd/thaw.md are checked against it
// (tests/model/thaw/mechanisms_test.cpp). Adding a mechanism: its folder (src/model/<name>/), its
// State in World, its Params in model::Params, and its entry here.
#pragma once

#include "engine/checksum.hpp"
#include "engine/params.hpp"
#include "model/thaw/decisions.hpp"
#include "model/thaw/indicators.hpp"

#include <span>
#include <string>
#include <string_view>

namespace thaw::model {

struct Params;
struct World;

struct Mechanism {
  std::string_view name;        // "economy": its parameter section and the prefix of its indicators, events and streams
  std::string_view title;       // "the economy", as the month's schedule names it
  std::string_view params_doc;  // its parameter section's description
  std::string_view reads;       // what its phase reads (the phase table of docs/architecture.md)
  std::string_view writes;      // what its phase writes

  void (*describe)(Params&, ParamVisitor&) = nullptr;
  // Set-up that every other mechanism's init reads (society: the localities and the people); runs
  // before any init.
  void (*layout)(World&, const Params&) = nullptr;
  void (*init)(World&, const Params&) = nullptr;
  void (*step)(World&, const Params&) = nullptr;
  void (*record)(const World&, IndicatorRow&) = nullptr;
  std::span<const DecisionKind> (*decision_kinds)() = nullptr;
  // State its indicators do not show (people, custody), for the per-phase checksums; may be null.
  void (*checksum)(const World&, Checksum&) = nullptr;
};

// Every mechanism, in the order of the month.
std::span<const Mechanism> mechanisms();
const Mechanism* find_mechanism(std::string_view name);

// The month's phases: the decisions, each mechanism in table order, the indicators.
inline constexpr std::string_view kDecisionsPhase = "decisions";
inline constexpr std::string_view kIndicatorsPhase = "indicators";

// The phase table of docs/architecture.md, as Markdown (the test compares the page with it).
std::string phase_table_markdown();

}  // namespace thaw::model
