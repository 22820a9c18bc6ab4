// Parameters of Epstein's civil-violence Model I (ODD section "Input" and "Submodels" of
// docs/odd/epstein.md). Source: Epstein, J. M. (2002), "Modeling civil violence: An agent-based
// computational approach", PNAS 99 (suppl. 3): 7243-7250; rule variants as implemented by Mesa
// v3.3.1 (mesa/examples/advanced/epstein_civil_violence) and NetLogo's Rebellion (Wilensky 2004).
//
//   epstein::Params p;                 // Mesa v3.3.1's defaults
//   p.legitimacy = 0.82;               // or a Schedule over steps
//   std::vector<std::string> problems = p.validate();
//   epstein::Rules rules = p.rules();  // the text choices, resolved once
#pragma once

#include "engine/grid.hpp"
#include "engine/params.hpp"
#include "engine/schedule.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace thaw::epstein {

enum class Rounding : uint8_t { HalfEven, Floor };
enum class JailTermDraw : uint8_t { ZeroToMax, ZeroToMaxMinusOne };
enum class Movement : uint8_t { All, CopsOnly, None };
enum class UpdateOrder : uint8_t { DecideThenMove, MoveThenDecide };
enum class AfterArrest : uint8_t { RandomMove, MoveToArrestee };
enum class Placement : uint8_t { BernoulliPerCell, ExactCount };
enum class JailCountdown : uint8_t { AtActivation, EndOfStep };
enum class Activation : uint8_t { RandomOrder, Tiled };

// The text choices of Params, resolved.
struct Rules {
  grid::Metric vision_metric = grid::Metric::VonNeumann;
  Rounding arrest_rounding = Rounding::HalfEven;
  JailTermDraw jail_term_draw = JailTermDraw::ZeroToMax;
  Movement movement = Movement::All;
  UpdateOrder update_order = UpdateOrder::DecideThenMove;
  AfterArrest after_arrest = AfterArrest::RandomMove;
  Placement placement = Placement::BernoulliPerCell;
  JailCountdown jail_countdown = JailCountdown::AtActivation;
  Activation activation = Activation::RandomOrder;
  bool jailed_block_cells = true;
  bool self_in_vision = false;
};

struct Params {
  // [grid]
  int64_t width = 40;
  int64_t height = 40;
  // [citizens]
  double citizen_density = 0.7;
  Schedule legitimacy = 0.8;
  double threshold = 0.1;
  double arrest_constant = 2.3;
  int64_t citizen_vision = 7;
  // [cops]
  double cop_density = 0.074;
  int64_t cop_vision = 7;
  int64_t max_jail_term = 1000;
  // [rules]
  std::string vision_metric = "von_neumann";
  std::string arrest_rounding = "round_half_even";
  std::string jail_term_draw = "zero_to_max";
  bool jailed_block_cells = true;
  std::string movement = "all";
  std::string update_order = "decide_then_move";
  std::string after_arrest = "random_move";
  bool self_in_vision = false;
  std::string placement = "bernoulli_per_cell";
  std::string jail_countdown = "at_activation";
  std::string activation = "random_order";
  // [run]
  int64_t steps = 1000;
  // [indicators]
  int64_t burn_in = 20;
  double outburst_threshold = 50;

  void describe(ParamVisitor& v);
  // Problems that involve several parameters, each naming the keys concerned.
  std::vector<std::string> validate() const;
  // Throws std::invalid_argument for a text value that is not one of the choices (possible only
  // when Params are filled in code: scenario files are checked against the choices on loading).
  Rules rules() const;
};

}  // namespace thaw::epstein
