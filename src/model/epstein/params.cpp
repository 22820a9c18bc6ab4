// Parameters of Epstein's civil-violence Model I: ODD "Input" and "Submodels" (docs/odd/epstein.md).
// Sources: Epstein (2002) PNAS 99 suppl. 3; Mesa v3.3.1 epstein_civil_violence; NetLogo Rebellion.
#include "model/epstein/params.hpp"

#include <fmt/format.h>

#include <stdexcept>

namespace thaw::epstein {

namespace {

constexpr std::string_view kMetrics[] = {"von_neumann", "moore", "euclidean", "cross"};
constexpr std::string_view kRoundings[] = {"round_half_even", "floor"};
constexpr std::string_view kJailDraws[] = {"zero_to_max", "zero_to_max_minus_one"};
constexpr std::string_view kMovements[] = {"all", "cops_only", "none"};
constexpr std::string_view kOrders[] = {"decide_then_move", "move_then_decide"};
constexpr std::string_view kAfterArrest[] = {"random_move", "move_to_arrestee"};
constexpr std::string_view kPlacements[] = {"bernoulli_per_cell", "exact_count"};
constexpr std::string_view kCountdowns[] = {"at_activation", "end_of_step"};
constexpr std::string_view kActivations[] = {"random_order", "tiled"};

constexpr std::string_view kEpstein = "Epstein 2002, PNAS 99 suppl. 3, Model I";
constexpr std::string_view kMesa = "Mesa v3.3.1 epstein_civil_violence (default)";

template <class E, size_t N>
E choose(std::string_view key, const std::string& value, const std::string_view (&names)[N]) {
  for (size_t i = 0; i < N; ++i)
    if (names[i] == value) return static_cast<E>(i);
  throw std::invalid_argument(fmt::format("{}: \"{}\" is not a known choice", key, value));
}

}  // namespace

void Params::describe(ParamVisitor& v) {
  v.section("grid", "the lattice (a torus, one agent per cell at most)", [&](ParamVisitor& g) {
    g.value("width", width, {.doc = "cells along x", .unit = "cells", .min = 1, .max = 65535,
                             .source = "Mesa default 40; Epstein's Model I runs use a 40 x 40 torus"});
    g.value("height", height, {.doc = "cells along y", .unit = "cells", .min = 1, .max = 65535,
                               .source = "Mesa default 40"});
  });
  v.section("citizens", "the general population (Epstein's 'agents')", [&](ParamVisitor& c) {
    c.value("density", citizen_density,
            {.doc = "probability that a cell starts with a citizen (exact share with placement = exact_count)",
             .unit = "fraction of cells", .min = 0, .max = 1,
             .source = "0.7 in Epstein 2002, Mesa and NetLogo"});
    c.value("legitimacy", legitimacy,
            {.doc = "perceived regime legitimacy L, the same for all; grievance = hardship * (1 - L); may be a "
                    "schedule over steps",
             .unit = "dimensionless", .min = 0, .max = 1,
             .source = "Mesa default 0.8; 0.82 in NetLogo and the Mesa docking set; varied in Epstein 2002"});
    c.value("threshold", threshold,
            {.doc = "T: a citizen is active when grievance - risk_aversion * P(arrest) > T",
             .unit = "grievance units", .min = 0, .max = 1, .source = "0.1 in Epstein 2002 and Mesa"});
    c.value("arrest_constant", arrest_constant,
            {.doc = "k in P(arrest) = 1 - exp(-k * round(C / A)); 2.3 makes P = 0.9 at C = A = 1",
             .unit = "per unit cop-to-active ratio", .min = 0, .max = 100, .source = "2.3 in Epstein 2002"});
    c.value("vision", citizen_vision,
            {.doc = "radius within which a citizen counts cops and actives, and moves",
             .unit = "cells", .min = 1, .max = 100, .source = "7 in Mesa and NetLogo; Epstein 2002 runs"});
  });
  v.section("cops", "the forces of the central authority", [&](ParamVisitor& c) {
    c.value("density", cop_density, {.doc = "probability that a cell starts with a cop", .unit = "fraction of cells",
                                     .min = 0, .max = 1,
                                     .source = "Mesa default 0.074; 0.04 in NetLogo and Epstein's runs"});
    c.value("vision", cop_vision, {.doc = "radius within which a cop looks for actives to arrest, and moves",
                                   .unit = "cells", .min = 1, .max = 100, .source = "7 in Mesa and NetLogo"});
    c.value("max_jail_term", max_jail_term,
            {.doc = "J_max: an arrest draws a sentence uniformly from 0..J_max (or 0..J_max-1, see "
                    "rules.jail_term_draw)",
             .unit = "steps", .min = 0, .max = 65535,
             .source = "Mesa default 1000; 30 in NetLogo and Epstein's punctuated-equilibrium runs"});
  });
  v.section("rules", "rule variants that differ between published implementations", [&](ParamVisitor& r) {
    r.value("vision_metric", vision_metric,
            {.doc = "shape of every vision neighbourhood: von_neumann (diamond, Mesa), euclidean (disc, NetLogo), "
                    "moore (square), cross (N-S-E-W lines, Epstein's text)",
             .source = kMesa, .choices = kMetrics});
    r.value("arrest_rounding", arrest_rounding,
            {.doc = "how C / A is made whole before the exponential: round_half_even (Python's round, Mesa) or floor "
                    "(NetLogo)",
             .source = kMesa, .choices = kRoundings});
    r.value("jail_term_draw", jail_term_draw,
            {.doc = "sentence range: zero_to_max (Mesa's randint(0, J_max)) or zero_to_max_minus_one (NetLogo's random "
                    "J_max)",
             .source = kMesa, .choices = kJailDraws});
    r.value("jailed_block_cells", jailed_block_cells,
            {.doc = "whether a jailed citizen keeps occupying its cell (Mesa: yes; NetLogo: no, it vanishes from the "
                    "lattice until released)",
             .source = kMesa});
    r.value("movement", movement,
            {.doc = "who moves each activation: all (Mesa movement=True), cops_only (NetLogo movement?=false), none "
                    "(Mesa movement=False)",
             .source = kMesa, .choices = kMovements});
    r.value("update_order", update_order,
            {.doc = "within an activation: decide (or arrest) then move (Mesa), or move then decide (NetLogo)",
             .source = kMesa, .choices = kOrders});
    r.value("after_arrest", after_arrest,
            {.doc = "what a cop does after an arrest: random_move (Mesa) or move_to_arrestee (NetLogo; needs "
                    "jailed_block_cells = false)",
             .source = kMesa, .choices = kAfterArrest});
    r.value("self_in_vision", self_in_vision,
            {.doc = "whether an active citizen also sees itself on its own cell, counting twice in A (NetLogo's "
                    "in-radius includes the centre patch; Mesa's neighbourhood does not)",
             .source = kMesa});
    r.value("placement", placement,
            {.doc = "initial placement: bernoulli_per_cell (each cell independently, Mesa) or exact_count "
                    "(round(density * cells) agents on distinct random cells, NetLogo)",
             .source = kMesa, .choices = kPlacements});
    r.value("jail_countdown", jail_countdown,
            {.doc = "when sentences shorten: at_activation (a jailed citizen's turn is spent counting down, Mesa) or "
                    "end_of_step (all at once after every agent has acted, NetLogo)",
             .source = kMesa, .choices = kCountdowns});
    r.value("activation", activation,
            {.doc = "random_order: every step a fresh random permutation of all agents, acting one after another "
                    "(Mesa's shuffle_do, one thread); tiled: 2 x 2 coloured tiles, each colour's tiles in parallel, "
                    "random order within a tile (same statistics, any thread count, bit-identical)",
             .source = kMesa, .choices = kActivations});
  });
  v.section("run", "length of the run", [&](ParamVisitor& r) {
    r.value("steps", steps, {.doc = "steps after the initial state (step 0)", .unit = "steps", .min = 0,
                             .max = 10'000'000, .source = "Mesa default max_iters 1000"});
  });
  v.section("indicators", "summary statistics of a run (the definitions inferred from the Mesa docking summary)",
            [&](ParamVisitor& i) {
              i.value("burn_in", burn_in,
                      {.doc = "means and outbursts are taken over steps burn_in..steps (inclusive)", .unit = "steps",
                       .min = 0, .max = 10'000'000, .source = "inferred from the Mesa summary: denominators 81, 181, 481"});
              i.value("outburst_threshold", outburst_threshold,
                      {.doc = "an outburst is a maximal run of steps with more than this many actives",
                       .unit = "citizens", .min = 0,
                       .source = "Epstein 2002 (outbursts of more than 50 actives); consistent with the Mesa summary"});
            });
}

std::vector<std::string> Params::validate() const {
  std::vector<std::string> problems;
  if (citizen_density + cop_density > 1.0) {
    problems.push_back(fmt::format(
        "citizens.density ({}) + cops.density ({}) = {}: the two densities share one lattice and must not sum above 1",
        citizen_density, cop_density, citizen_density + cop_density));
  }
  if (after_arrest == "move_to_arrestee" && jailed_block_cells) {
    problems.push_back(
        "rules.after_arrest = \"move_to_arrestee\" needs rules.jailed_block_cells = false: a cop cannot step onto a "
        "cell its prisoner still occupies");
  }
  if (jail_term_draw == "zero_to_max_minus_one" && max_jail_term < 1) {
    problems.push_back("rules.jail_term_draw = \"zero_to_max_minus_one\" needs cops.max_jail_term >= 1 (the draw is "
                       "from 0..max_jail_term-1)");
  }
  if (width * height > static_cast<int64_t>(UINT32_MAX)) {
    problems.push_back(fmt::format("grid.width * grid.height = {} cells: at most {} are supported", width * height,
                                   UINT32_MAX));
  }
  if (burn_in > steps) {
    problems.push_back(fmt::format("indicators.burn_in ({}) is longer than run.steps ({}): no step would be summarised",
                                   burn_in, steps));
  }
  return problems;
}

Rules Params::rules() const {
  Rules r;
  const auto metric = grid::parse_metric(vision_metric);
  if (!metric) throw std::invalid_argument(fmt::format("rules.vision_metric: \"{}\" is not a known choice", vision_metric));
  r.vision_metric = *metric;
  r.arrest_rounding = choose<Rounding>("rules.arrest_rounding", arrest_rounding, kRoundings);
  r.jail_term_draw = choose<JailTermDraw>("rules.jail_term_draw", jail_term_draw, kJailDraws);
  r.movement = choose<Movement>("rules.movement", movement, kMovements);
  r.update_order = choose<UpdateOrder>("rules.update_order", update_order, kOrders);
  r.after_arrest = choose<AfterArrest>("rules.after_arrest", after_arrest, kAfterArrest);
  r.placement = choose<Placement>("rules.placement", placement, kPlacements);
  r.jail_countdown = choose<JailCountdown>("rules.jail_countdown", jail_countdown, kCountdowns);
  r.activation = choose<Activation>("rules.activation", activation, kActivations);
  r.jailed_block_cells = jailed_block_cells;
  r.self_in_vision = self_in_vision;
  return r;
}

}  // namespace thaw::epstein
