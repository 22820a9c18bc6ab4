// Society's indicators and the checksum of its state.
#include "model/society/society.hpp"

#include "model/society/internal.hpp"
#include "model/thaw/world.hpp"

#include <fmt/format.h>

namespace thaw::model::society {

using namespace detail;

void record(const World& w, IndicatorRow& row) {
  const auto& sig = w.signals;
  double persons = 0, urban = 0, ussr_persons = 0;
  for (size_t l = 0; l < w.geo.localities.size(); ++l) {
    const auto& loc = w.geo.localities[l];
    const double p = w.society.stats[l].persons * loc.weight;  // people: a town's agents stand for fewer
    persons += p;
    if (loc.country == w.geo.ussr()) {
      ussr_persons += p;
      if (loc.setting == Setting::Urban) urban += p;
    }
  }
  row.add("population.ussr", ussr_persons);
  row.add("population.bloc", persons - ussr_persons);
  row.add("population.urban_share", ussr_persons > 0 ? urban / ussr_persons : 0.0);
  row.add("society.legitimacy", sig.mean_legitimacy);
  row.add("society.dissent_private", sig.dissent_private);
  row.add("society.dissent_expressed", sig.dissent_expressed);
  row.add("society.active_peak", sig.active_peak);
  row.add("society.arrests", sig.arrests_political);
  row.add("society.unrest_localities", sig.unrest_localities);
  // Before the first month's pass the per-topic and per-country figures are not there yet (the
  // per-phase checksums record the indicators after every phase).
  auto at = [](const std::vector<double>& v, size_t i) { return i < v.size() ? v[i] : 0.0; };
  for (int t = 0; t < kTopics; ++t) row.add(fmt::format("society.informed.{}", kTopicKeys[t]), at(sig.topic_informed, static_cast<size_t>(t)));
  // The satellites' unrest and belief are society's figures, named for the countries they describe.
  for (size_t c = 0; c < w.geo.countries.size(); ++c) {
    if (!w.geo.countries[c].satellite) continue;
    row.add(fmt::format("bloc.{}.active_share", w.geo.countries[c].key), at(sig.country_active_share, c));
    row.add(fmt::format("bloc.{}.legitimacy", w.geo.countries[c].key), at(sig.country_legitimacy, c));
  }
}

void checksum(const World& w, Checksum& sum) {
  const auto& st = w.society;
  const auto& pop = st.pop();
  sum.add(std::span<const uint16_t>(pop.cell_locality));
  sum.add(pop.traits.span());
  sum.add(pop.status.span());
  sum.add(pop.legitimacy.span());
  sum.add(pop.info.span());
  sum.add(pop.info_prev.span());
  sum.add(std::span<const uint64_t>(st.used_slots));
  sum.add(std::span<const uint64_t>(st.arrested));
  for (const auto& s : st.stats) {
    sum.add(s.persons);
    sum.add(s.adults);
    sum.add(s.legitimacy);
    sum.add(s.expressing);
    sum.add(s.active_peak);
  }
}

}  // namespace thaw::model::society
