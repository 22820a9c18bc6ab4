#include "model/thaw/thaw_model.hpp"

#include "engine/checksum.hpp"
#include "io/event_fold.hpp"
#include "io/events.hpp"
#include "model/society/society.hpp"
#include "model/thaw/mechanisms.hpp"

#include <fmt/format.h>

#include <cmath>
#include <fstream>
#include <numeric>
#include <set>

namespace thaw::model {

std::string people_text(double people) {
  if (people >= 1e6) return fmt::format("{:.1f} million", people / 1e6);
  const auto n = static_cast<long long>(std::llround(people >= 10000 ? std::round(people / 100) * 100 : people));
  std::string digits = std::to_string(n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Parameters

void Params::describe(ParamVisitor& v) {
  v.section("run", "time span and scale", [&](ParamVisitor& s) {
    s.value("start", start, {.doc = "first month (Stalin died on 5 March 1953)", .source = "SUC-01"});
    s.value("end", end, {.doc = "last month (the October 1964 plenum)", .source = "ELI-12"});
    s.value("scale", scale, {.doc = "people per agent (1 = everyone)", .unit = "people/agent", .min = 1, .max = 1e6});
    s.value("checksums", checksums, {.doc = "write checksums.csv: a checksum of every phase of every month, for thaw diverge "
                                            "(thaw run --checksums); changes no result"});
  });
  v.list("country", "countries of the model", countries);
  v.list("region", "regions (each has a town and a countryside locality)", regions);
  v.list("camp", "camp complexes of the Gulag", camps);
  v.list("town", "towns that are localities of their own, carved out of their region's towns", towns);
  for (const auto& m : mechanisms())
    v.section(m.name, m.params_doc, [&](ParamVisitor& s) { m.describe(*this, s); });
  v.list("decision", "what the leadership decided and what came from outside, dated", decisions);
}

std::vector<std::string> Params::validate() const {
  std::vector<std::string> problems;
  if (end < start) problems.push_back(fmt::format("run.end ({}) is before run.start ({})", end.str(), start.str()));
  Geography geo{countries, regions, camps, {}, {}};
  std::set<std::string> keys;
  for (const auto& c : countries)
    if (!keys.insert(c.key).second) problems.push_back(fmt::format("country '{}' is defined twice", c.key));
  if (geo.ussr() < 0) problems.push_back("country list must contain the key \"ussr\"");
  for (size_t i = 0; i < regions.size(); ++i)
    if (geo.country_index(regions[i].country) < 0)
      problems.push_back(fmt::format("region[{}] ({}): unknown country '{}'", i, regions[i].key, regions[i].country));
  for (size_t i = 0; i < camps.size(); ++i)
    if (geo.region_index(camps[i].region) < 0)
      problems.push_back(fmt::format("camp[{}] ({}): unknown region '{}'", i, camps[i].key, camps[i].region));
  for (size_t i = 0; i < towns.size(); ++i) {
    const int r = geo.region_index(towns[i].region);
    if (r < 0) problems.push_back(fmt::format("town[{}] ({}): unknown region '{}'", i, towns[i].key, towns[i].region));
    else if (regions[static_cast<size_t>(r)].country != towns[i].country)
      problems.push_back(fmt::format("town[{}] ({}): region '{}' is not in country '{}'", i, towns[i].key, towns[i].region, towns[i].country));
    try {
      town_hardship_factor(towns[i], 0, 0);
    } catch (const std::exception& e) {
      problems.push_back(fmt::format("town[{}]: {}", i, e.what()));
    }
  }
  if (society.cell_agents % 64 != 0) problems.push_back("society.cell_agents must be a multiple of 64");
  {
    std::vector<std::string> country_keys;
    for (const auto& c : countries) country_keys.push_back(c.key);
    for (auto& problem : premise_problems(decisions, country_keys, end)) problems.push_back(std::move(problem));
  }
  std::set<std::string> ids;
  for (size_t i = 0; i < decisions.size(); ++i) {
    const auto& d = decisions[i];
    if (!d.id.empty() && !ids.insert(d.id).second) problems.push_back(fmt::format("decision[{}]: id '{}' is used twice", i, d.id));
    // A decision after the end is simply not reached (a shortened run); one before the start can
    // never be taken and is a mistake.
    if (d.date < start)
      problems.push_back(fmt::format("decision[{}] ({}): date {} is before the run starts ({})", i, d.kind, d.date.str(), start.str()));
    if (!d.spec) continue;
    for (size_t t = 0; t < d.spec->texts.size(); ++t) {
      const auto& name = d.spec->texts[t].name;
      const auto& value = d.texts[t];
      if (name == "country" && value != "all" && geo.country_index(value) < 0)
        problems.push_back(fmt::format("decision[{}] ({}): unknown country '{}'", i, d.kind, value));
      if (name == "region" && geo.region_index(value) < 0)
        problems.push_back(fmt::format("decision[{}] ({}): unknown region '{}'", i, d.kind, value));
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// The run

ThawSimulation::ThawSimulation(const Params& params, const RunConfig& config)
    : params_(params), executor_(std::make_unique<Executor>(config.threads)), world_(std::make_unique<World>()) {
  World& w = *world_;
  w.calendar = params_.calendar();
  w.step = 0;
  w.month = params_.start;
  w.seed = config.seed;
  w.scale = params_.scale;
  w.executor = executor_.get();
  w.geo.countries = params_.countries;
  w.geo.regions = params_.regions;
  w.geo.camps = params_.camps;
  w.geo.towns = params_.towns;

  // Set-up in the table's order: first what every init reads (the localities and the people),
  // then each mechanism's own state.
  for (const auto& m : mechanisms())
    if (m.layout) m.layout(w, params_);
  for (const auto& m : mechanisms())
    if (m.init) m.init(w, params_);
  // A society at rest when the run starts: months of 1952 under the inputs just set (society.md).
  society::spin_up(w, params_.society);
  if (params_.checksums) phase_checksums_ = ChecksumLog({"indicators", "events", "inputs", "state"});
}

ThawSimulation::ThawSimulation(const Params& params, const ThawSimulation& from)
    : params_(params),
      executor_(std::make_unique<Executor>(from.executor_->threads())),
      world_(std::make_unique<World>(*from.world_)),
      indicators_(from.indicators_),
      phase_checksums_(from.phase_checksums_),
      steps_done_(from.steps_done_) {
  world_->executor = executor_.get();
}

ThawSimulation::~ThawSimulation() = default;

std::optional<int64_t> ThawSimulation::divergence_step(const Params& a, const Params& b) {
  if (a.start != b.start || a.end != b.end || a.decisions.size() != b.decisions.size()) return std::nullopt;
  int64_t first = a.months();
  for (size_t i = 0; i < a.decisions.size(); ++i) {
    const auto& x = a.decisions[i];
    const auto& y = b.decisions[i];
    if (x.id != y.id || x.kind != y.kind || x.date != y.date || x.spec != y.spec || x.note != y.note || x.if_leader != y.if_leader ||
        x.premises != y.premises || x.numbers != y.numbers || x.texts != y.texts)
      return std::nullopt;
    if (x.enabled != y.enabled) first = std::min(first, std::max<int64_t>(0, x.date - a.start));
  }
  return first;
}

void ThawSimulation::apply_decisions() {
  World& w = *world_;
  for (const auto& d : params_.decisions) {
    if (d.date != w.month || !d.spec) continue;
    const std::string what = d.note.empty() ? std::string(d.spec->doc) : d.note;
    if (!d.enabled) continue;
    // One man's choice is taken while he leads: as First Secretary or, while the leadership is
    // collective, as the head of the Secretariat (Khrushchev's position from March 1953).
    const bool collective = w.elite.leader < 0;
    const bool leads = d.if_leader == w.signals.leader || (collective && d.if_leader == w.signals.secretariat);
    if (!d.if_leader.empty() && !leads) {
      w.add_event("decision.not_taken", Severity::Minor,
                  fmt::format("not taken, since {} does not lead: {}", d.if_leader, what), {}, d.id);
      continue;
    }
    if (const auto why = missing_premise(w, d); !why.empty()) {
      w.add_event("decision.not_taken", Severity::Notable, fmt::format("not taken, since {}: {}", why, what), {}, d.id);
      continue;
    }
    w.add_event("decision." + d.kind, Severity::Notable, what, {}, d.id);
    w.decisions_taken.push_back(d.id);
    d.spec->apply(w, d);
  }
}

void ThawSimulation::step() {
  World& w = *world_;
  w.step = steps_done_;
  w.month = w.calendar.month_at(steps_done_);
  size_t events = w.events.size();
  apply_decisions();
  note_phase(kDecisionsPhase, events, nullptr);
  for (const auto& m : mechanisms()) {
    events = w.events.size();
    m.step(w, params_);
    note_phase(m.name, events, m.checksum);
  }
  record();
  ++steps_done_;
}

IndicatorRow ThawSimulation::indicator_row() const {
  IndicatorRow row;
  for (const auto& m : mechanisms()) m.record(*world_, row);
  return row;
}

void ThawSimulation::record() {
  const World& w = *world_;
  const IndicatorRow row = indicator_row();
  if (indicators_.columns().empty()) {
    std::vector<std::string> columns = {"step"};
    columns.insert(columns.end(), row.names.begin(), row.names.end());
    indicators_ = SeriesTable("date", std::move(columns));
  }
  std::vector<double> values = {static_cast<double>(w.step)};
  values.insert(values.end(), row.values.begin(), row.values.end());
  indicators_.add_row(values, w.month.str());
}

// After a phase: every indicator as it stands, the events the phase added, society's inputs (the
// one place several mechanisms write), and the state the phase's mechanism declares.
void ThawSimulation::note_phase(std::string_view phase, size_t events_before, void (*state)(const World&, Checksum&)) {
  if (!params_.checksums) return;
  const World& w = *world_;
  Checksum indicators, events, inputs, own;
  for (double v : indicator_row().values) indicators.add(v);
  const auto& all = w.events.all();
  for (size_t i = events_before; i < all.size(); ++i) {
    const auto& e = all[i];
    events.add_bytes(e.code.data(), e.code.size());
    events.add_bytes(e.subject.data(), e.subject.size());
    events.add(static_cast<int>(e.severity));
    for (const auto& [k, v] : e.data) {
      events.add_bytes(k.data(), k.size());
      events.add(v);
    }
  }
  const auto& in = w.society.inputs;
  inputs.add(std::span<const float>(in.hardship));
  inputs.add(std::span<const float>(in.security));
  inputs.add(std::span<const float>(in.troops));
  inputs.add(std::span<const float>(in.austerity));
  inputs.add(std::span<const float>(in.fear));
  inputs.add(std::span<const float>(in.legitimacy_shift));
  auto add_exposure = [&](const society::Exposure& e) {
    inputs.add(static_cast<int>(e.topic));
    inputs.add(e.country);
    inputs.add(e.locality);
    inputs.add(e.setting_mask);
    inputs.add(e.class_mask);
    inputs.add(e.cohort_mask);
    inputs.add(e.probability);
  };
  for (const auto& e : in.exposures) add_exposure(e);
  for (const auto& ch : in.channels) {
    add_exposure(ch.exposure);
    inputs.add(ch.months_left);
  }
  if (state) state(w, own);
  phase_checksums_.add(w.step, w.month.str(), std::string(phase), {indicators.value(), events.value(), inputs.value(), own.value()});
}

std::optional<Footprint> ThawSimulation::footprint() const {
  const auto& society = world_->society;
  Footprint f;
  f.agents = std::accumulate(society.used_slots.begin(), society.used_slots.end(), uint64_t{0});
  f.slots = society.pop().slots();
  f.cells = society.cell_active.size();
  f.state_bytes = static_cast<double>(society.pop().bytes()) + static_cast<double>(f.cells) * (sizeof(uint16_t) + sizeof(float));
  // A month reads status, traits, belief and last month's knowledge and writes status, belief
  // and knowledge: 4 + 3 bytes of traffic a slot.
  f.step_bytes = static_cast<double>(f.slots) * 7.0;
  return f;
}

uint64_t ThawSimulation::checksum() const {
  const World& w = *world_;
  Checksum c;
  c.add(std::span<const uint16_t>(w.society.pop().cell_locality));
  c.add(w.society.pop().traits.span());
  c.add(w.society.pop().status.span());
  c.add(w.society.pop().legitimacy.span());
  c.add(w.society.pop().info.span());
  c.add(w.events.size());
  for (const auto& e : w.events.all()) {
    c.add_bytes(e.code.data(), e.code.size());
    c.add(e.month.index());
    for (const auto& [k, v] : e.data) c.add(v);
  }
  for (size_t r = 0; r < indicators_.rows(); ++r)
    for (size_t col = 0; col < indicators_.columns().size(); ++col) c.add(indicators_.at(r, col));
  return c.value();
}

std::string ThawSimulation::summary() const {
  const World& w = *world_;
  size_t major = 0;
  for (const auto& e : w.events.all()) major += e.severity == Severity::Major;
  std::string s = fmt::format("{} to {}: {} events ({} major). At the end: {} leads;", params_.start.long_name(),
                              w.month.long_name(), w.events.size(), major,
                              w.signals.leader.empty() ? "the collective leadership" : w.signals.leader);
  s += fmt::format(" {:.2f} M in camps; mean legitimacy {:.2f}; {:.1f}% voice dissent.", w.signals.prisoners / 1e6,
                   w.signals.mean_legitimacy, 100 * w.signals.dissent_expressed);
  return s;
}

// ---------------------------------------------------------------------------------------------
// Outputs

namespace {
std::string capitalised(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}
}  // namespace

std::string narrative_markdown(const World& world, const std::string& title) {
  std::string out = fmt::format("# {}\n\nWhat happened in this run, month by month. Decisions are the scenario's "
                                "inputs; everything else emerged from the mechanisms.\n",
                                title);
  int year = 0;
  bool any = false;
  // Repeats of one kind in a year are one line (io/event_fold.hpp); a single event keeps its
  // drivers ("because ...").
  const auto& all = world.events.all();
  for (const auto& line : io::fold_events(all)) {
    if (line.first.year() != year) {
      year = line.first.year();
      out += fmt::format("\n## {}\n\n", year);
    }
    const auto& e = all[line.events.front()];
    const bool decision = e.code.rfind("decision.", 0) == 0;
    std::string text = capitalised(line.text);
    if (decision) text = "*Decision:* " + text;
    if (!line.folded())
      if (const auto why = io::because_text(e); !why.empty()) text += ", " + why;
    out += fmt::format("- **{}**: {}{}\n", line.folded() ? line.when() : e.month.long_name(), text,
                       e.severity == Severity::Major && !decision ? " ◆" : "");
    any = true;
  }
  if (!any) out += "\nNothing of note happened.\n";
  return out;
}

std::vector<std::filesystem::path> ThawSimulation::write_outputs(const std::filesystem::path& dir) const {
  std::vector<std::filesystem::path> written;
  if (params_.checksums) {
    const auto path = dir / "checksums.csv";
    phase_checksums_.write_csv(path);
    written.push_back(path);
  }
  const auto narrative = dir / "narrative.md";
  std::ofstream f(narrative);
  f << narrative_markdown(*world_, fmt::format("The Thaw, {} to {}", params_.start.long_name(), params_.end.long_name()));
  if (!f) throw std::runtime_error(fmt::format("cannot write {}", narrative.string()));
  written.push_back(narrative);
  return written;
}

}  // namespace thaw::model
