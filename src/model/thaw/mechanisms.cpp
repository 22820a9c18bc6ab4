#include "model/thaw/mechanisms.hpp"

#include "model/society/decisions.hpp"
#include "model/thaw/thaw_model.hpp"

#include <fmt/format.h>

namespace thaw::model {

namespace {

// A mechanism's functions take its own parameters; the table's take the model's.
template <auto Member>
void describe_section(Params& p, ParamVisitor& v) {
  (p.*Member).describe(v);
}
template <auto Member, auto Fn>
void with_params(World& w, const Params& p) {
  Fn(w, p.*Member);
}

// One entry per mechanism, in the order of the month. The month begins with the decisions and
// ends with the indicators (ThawSimulation::step).
const Mechanism kMechanisms[] = {
    {.name = "economy", .title = "economy", .params_doc = "harvests, industry, prices, housing",
     .reads = "decisions, tension, leader", .writes = "`society.inputs.hardship`, economy signals",
     .describe = describe_section<&Params::economy>, .init = with_params<&Params::economy, economy::init>,
     .step = with_params<&Params::economy, economy::step>, .record = economy::record, .decision_kinds = economy::decision_kinds},
    {.name = "repression", .title = "repression and release", .params_doc = "the Gulag, special settlements, amnesties, reviews",
     .reads = "arrests of last month, decisions, unrest",
     .writes = "custody, statuses (through society's functions), `security`, `fear`, camp hardship, repression signals",
     .describe = describe_section<&Params::repression>, .init = with_params<&Params::repression, repression::init>,
     .step = with_params<&Params::repression, repression::step>, .record = repression::record,
     .decision_kinds = repression::decision_kinds, .checksum = repression::checksum},
    {.name = "culture", .title = "culture and censorship", .params_doc = "writers, artists and the censor",
     .reads = "leader, pressure, decisions", .writes = "openness, censorship, exposures",
     .describe = describe_section<&Params::culture>, .init = with_params<&Params::culture, culture::init>,
     .step = with_params<&Params::culture, culture::step>, .record = culture::record, .decision_kinds = culture::decision_kinds},
    {.name = "society", .title = "society", .params_doc = "citizens: belief, information, voice, protest",
     .reads = "all inputs", .writes = "beliefs, voice, protest, arrests, society signals",
     .describe = describe_section<&Params::society>, .layout = with_params<&Params::society, society::init>,
     .step = with_params<&Params::society, society::step>, .record = society::record,
     .decision_kinds = society::decision_kinds, .checksum = society::checksum},
    {.name = "bloc", .title = "the bloc and the world", .params_doc = "the satellites and the world",
     .reads = "satellite unrest, decisions", .writes = "interventions, troops (`troops`), austerity (`austerity`), prestige, tension",
     .describe = describe_section<&Params::bloc>, .init = with_params<&Params::bloc, bloc::init>,
     .step = with_params<&Params::bloc, bloc::step>, .record = bloc::record, .decision_kinds = bloc::decision_kinds},
    {.name = "abroad", .title = "reactions abroad", .params_doc = "what outside actors do in answer to Soviet events",
     .reads = "what Soviet adults know", .writes = "channels of revelation (`exposures`) in the satellites",
     .describe = describe_section<&Params::abroad>, .init = with_params<&Params::abroad, abroad::init>,
     .step = with_params<&Params::abroad, abroad::step>, .record = abroad::record, .decision_kinds = abroad::decision_kinds,
     .checksum = abroad::checksum},
    {.name = "elite", .title = "the Party and elite politics", .params_doc = "the Presidium, the Central Committee and the leader",
     .reads = "everything", .writes = "the leader, purges, pressure",
     .describe = describe_section<&Params::elite>, .init = with_params<&Params::elite, elite::init>,
     .step = with_params<&Params::elite, elite::step>, .record = elite::record, .decision_kinds = elite::decision_kinds},
};

}  // namespace

std::span<const Mechanism> mechanisms() { return kMechanisms; }

const Mechanism* find_mechanism(std::string_view name) {
  for (const auto& m : kMechanisms)
    if (m.name == name) return &m;
  return nullptr;
}

std::string phase_table_markdown() {
  std::string out = "| phase | mechanism | reads | writes |\n|---|---|---|---|\n";
  int phase = 1;
  out += fmt::format("| {} | {} | the scenario's dated inputs | levers of the mechanism owning each kind |\n", phase++, kDecisionsPhase);
  for (const auto& m : kMechanisms) out += fmt::format("| {} | {} | {} | {} |\n", phase++, m.title, m.reads, m.writes);
  out += fmt::format("| {} | {} | everything | one row of `indicators.csv` |\n", phase, kIndicatorsPhase);
  return out;
}

}  // namespace thaw::model
