// The culture mechanism. ODD: docs/odd/culture.md (models named in culture.hpp).
#include "model/culture/culture.hpp"

#include "engine/detmath.hpp"
#include "engine/rng.hpp"
#include "model/society/society.hpp"
#include "model/thaw/world.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace thaw::model::culture {

void Params::describe(ParamVisitor& v) {
  v.section("writers", "writers and artists (Kuran thresholds)", [&](ParamVisitor& s) {
    s.value("count", writers, {.doc = "writers and artists modelled (each stands for a share of the unions' members)", .unit = "writers", .min = 1, .max = 100000, .source = "assumed"});
    s.value("boldness_mean", boldness_mean, {.doc = "mean boldness of what they would write if free (0 = the line, 1 = open defiance)", .min = 0, .max = 1, .source = "assumed; calibrated to CUL-01..CUL-09"});
    s.value("threshold_mean", threshold_mean, {.doc = "mean Kuran threshold: openness a writer needs to see before daring", .min = 0, .max = 1, .source = "Kuran 1991; calibrated"});
    s.value("camp_share", camp_share, {.doc = "share of writers who write about the camps", .unit = "share", .min = 0, .max = 1, .source = "assumed"});
    s.value("submit_rate", submit_rate, {.doc = "works each writer submits per month", .unit = "1/month", .min = 0, .max = 1, .source = "assumed"});
    s.value("threshold_recovery", threshold_recovery, {.doc = "share of a crackdown's chill that wears off each month", .unit = "1/month", .min = 0, .max = 1, .source = "assumed"});
  });
  v.section("censor", "the censor's limit (Glavlit, editors, the CC's culture department)", [&](ParamVisitor& s) {
    s.value("base", censor_base, {.doc = "limit with a neutral leader (reformism 0.5), no pressure, no declared line", .min = 0, .max = 1, .source = "assumed; seed 004 ('relaxed but inconsistently enforced')"});
    s.value("reform_weight", reform_weight, {.doc = "limit per unit of the leader's reformism above one half", .min = 0, .max = 2, .source = "seed 004; calibrated"});
    s.value("pressure_weight", pressure_weight, {.doc = "limit lost per unit of conservative pressure", .min = 0, .max = 2, .source = "seed 004; calibrated"});
    s.value("line_weight", line_weight, {.doc = "limit per unit of the declared cultural line", .min = 0, .max = 2, .source = "assumed"});
    s.value("adjust", censor_adjust, {.doc = "share of the gap to its target the censor closes each month", .unit = "1/month", .min = 0, .max = 1, .source = "assumed"});
    s.value("initial", initial_censorship, {.doc = "limit in March 1953", .min = 0, .max = 1, .source = "assumed (Zhdanovshchina)"});
    s.value("initial_openness", initial_openness, {.doc = "openness in March 1953", .min = 0, .max = 1, .source = "assumed"});
  });
  v.section("openness", "the climate of what is published", [&](ParamVisitor& s) {
    s.value("half_life", openness_half_life, {.doc = "how long a published work counts in the climate", .unit = "months", .min = 0.5, .max = 120, .source = "assumed"});
    s.value("prior", openness_prior, {.doc = "weight, in works, of the 1953 climate", .unit = "works", .min = 0, .max = 10000, .source = "assumed"});
    s.value("talked_about_share", talked_about_share, {.doc = "the boldest share of a month's works (by weight) that sets the climate", .unit = "share", .min = 0.01, .max = 1, .source = "assumed (Kuran: the visible, talked-about works)"});
    s.value("notable_margin", notable_margin, {.doc = "a work this much bolder than the climate is reported as a notable publication", .min = 0, .max = 1, .source = "assumed"});
    s.value("bold_level", bold_level, {.doc = "a work at least this bold counts as bold", .min = 0, .max = 1, .source = "assumed"});
  });
  v.section("crackdown", "when openness outruns what the conservatives tolerate", [&](ParamVisitor& s) {
    s.value("tolerance_base", tolerance_base, {.doc = "openness tolerated with a neutral leader and no pressure", .min = 0, .max = 1, .source = "calibrated (CUL-01, CUL-04, CUL-08)"});
    s.value("tolerance_reform", tolerance_reform, {.doc = "tolerance per unit of reformism above one half", .min = 0, .max = 2, .source = "calibrated"});
    s.value("tolerance_pressure", tolerance_pressure, {.doc = "tolerance lost per unit conservative pressure", .min = 0, .max = 2, .source = "calibrated"});
    s.value("cut", crackdown_cut, {.doc = "censor's limit lost in a crackdown", .min = 0, .max = 1, .source = "assumed"});
    s.value("penalty_half_life", penalty_half_life, {.doc = "half-life of that loss", .unit = "months", .min = 1, .max = 240, .source = "assumed"});
    s.value("chill", crackdown_chill, {.doc = "writers' thresholds rise by up to this in a crackdown", .min = 0, .max = 1, .source = "Kuran 1995 (fear raises thresholds)"});
    s.value("cooldown", crackdown_cooldown, {.doc = "months before another crackdown can come", .unit = "months", .min = 0, .max = 240, .source = "assumed"});
    s.value("abroad_rate", abroad_rate, {.doc = "chance a rejected work at least abroad_level bold goes abroad", .min = 0, .max = 1, .source = "CUL-04 (Doctor Zhivago); assumed"});
    s.value("abroad_level", abroad_level, {.doc = "boldness of a work its author would rather publish abroad than bury", .min = 0, .max = 1, .source = "CUL-04; assumed"});
    s.value("abroad_scandal", abroad_scandal, {.doc = "conservatives' tolerance lost per work published abroad", .min = 0, .max = 1, .source = "CUL-04; assumed"});
    s.value("scandal_half_life", scandal_half_life, {.doc = "half-life of a scandal", .unit = "months", .min = 1, .max = 240, .source = "assumed"});
  });
  v.section("limits", "the leadership's word and the limits of the thaw", [&](ParamVisitor& s) {
    s.value("authority", authority, {.doc = "limit added to a work the leadership permitted, per unit of the leader's security (the censor answers to the leadership)", .min = 0, .max = 2, .source = "CUL-07, CUL-09; Johnson, Khrushchev and the Arts (1965); assumed"});
    s.value("provocation_weight", provocation_weight, {.doc = "scandal per unit of an exhibition's boldness above what the conservatives tolerate", .min = 0, .max = 5, .source = "CUL-08; Johnson 1965; assumed"});
    s.value("expulsion_margin", expulsion_margin, {.doc = "in a crackdown, writers whose last work was this much bolder than tolerance are expelled from the union", .min = 0, .max = 1, .source = "CUL-04 (Pasternak); assumed"});
    s.value("expulsion_months", expulsion_months, {.doc = "an expelled writer publishes nothing at home for this long", .unit = "months", .min = 0, .max = 240, .source = "assumed"});
    s.value("members_per_writer", members_per_writer, {.doc = "members of the creative unions each modelled writer stands for (for the counts reported)", .min = 1, .max = 10000, .source = "assumed: some 5,000-6,000 members of the Writers' Union"});
    s.value("agitation_rate", agitation_rate, {.doc = "arrests for anti-Soviet agitation a month per adult voicing dissent (before pressure)", .unit = "per month", .min = 0, .max = 1, .source = "Kozlov, Fitzpatrick, Mironenko (eds.), Sedition (2011): some 1,000-2,000 a year in 1957-58; assumed"});
    s.value("agitation_pressure", agitation_pressure, {.doc = "the arrest rate grows by this share per unit of conservative pressure", .min = 0, .max = 10, .source = "assumed"});
    s.value("psychiatric_share", psychiatric_share, {.doc = "share of those arrested for criticism sent to (special) psychiatric hospitals instead of trial", .min = 0, .max = 1, .source = "Bloch and Reddaway, Russia's Political Hospitals (1977); assumed"});
  });
  v.section("society", "what reaches the public", [&](ParamVisitor& s) {
    s.value("camp_reach", camp_reach, {.doc = "monthly chance, per unit weight of recent camp literature, that a town adult learns of the camps from it", .min = 0, .max = 1, .source = "assumed (CUL-07: about 120,000 copies)"});
    s.value("camp_weight_half_life", camp_weight_half_life, {.doc = "how long camp literature circulates", .unit = "months", .min = 1, .max = 240, .source = "assumed"});
  });
}

namespace {

double decay(double half_life) { return det::exp(-det::log(2.0) / half_life); }

// Free adults of the USSR (people), from society's last count.
double society_adults(const World& w) {
  double n = 0;
  for (size_t l = 0; l < w.geo.localities.size() && l < w.society.stats.size(); ++l) {
    const auto& loc = w.geo.localities[l];
    if (loc.country != w.geo.ussr() || loc.setting == Setting::Camp) continue;
    // Before society's first count the definition's population stands in (about 70% adults).
    const double agents = w.society.stats[l].adults;
    n += agents > 0 ? w.people(agents) : 0.7 * loc.population;
  }
  return n;
}

constexpr std::string_view kLines[] = {"loosen", "tighten"};

void apply_line(World& w, const Decision& d) {
  const double shift = d.number("shift");
  w.culture.line += d.text("direction") == "tighten" ? -shift : shift;
}

void apply_permit(World& w, const Decision& d) {
  Permit p;
  p.title = d.text("title");
  p.boldness = d.number("boldness");
  p.approval = d.number("approval");
  p.weight = d.number("weight");
  p.camp = d.number("camp") > 0.5;
  p.reach = d.number("reach");
  p.months = static_cast<int>(d.number("months"));
  w.culture.permits.push_back(std::move(p));
}

// The leader sees the new art (the Manège): what shocks him depends on what the conservatives
// tolerate at the time, and the shock is a scandal like a work abroad.
void apply_exhibition(World& w, const Decision& d) { w.culture.provocation += d.number("boldness"); }

// A festival, an exhibition, a magazine: Western culture reaches town people (the young most).
void apply_exchange(World& w, const Decision& d) {
  const std::string& country = d.text("country");
  const int c = country == "all" ? -1 : w.geo.country_index(country);
  const int months = static_cast<int>(d.number("months"));
  auto open = [&](uint8_t cohorts, double p) {
    if (p <= 0) return;
    society::Exposure e;
    e.topic = WesternCulture;
    e.country = c;
    e.setting_mask = society::setting_bit(Setting::Urban);
    e.cohort_mask = cohorts;
    e.probability = static_cast<float>(p);
    w.society.inputs.channels.push_back({e, months});
  };
  constexpr uint8_t young = (1u << Born1925to1939) | (1u << Born1940on);
  open(young, d.number("youth"));
  open(0xf & ~young, d.number("urban"));
}

const DecisionKind kKinds[] = {
    {"cultural_line", "culture",
     "the leadership declares a looser or a tighter line in the arts; the censor and the writers respond",
     {{"shift", 0.1, {.doc = "change of the censor's limit it asks for", .min = 0, .max = 1}}},
     {{"direction", "loosen", {.doc = "loosen or tighten", .choices = kLines}}},
     apply_line},
    {"publication_permitted", "culture",
     "the leadership allows a manuscript to go forward; the censor still weighs it against the climate",
     {{"boldness", 0.8, {.doc = "how far the work departs from the line", .min = 0, .max = 1}},
      {"approval", 0.3, {.doc = "added to the censor's limit for this work by the leader's approval", .min = 0, .max = 1}},
      {"weight", 10, {.doc = "counts as this many ordinary works in the climate (a sensation)", .unit = "works", .min = 0, .max = 1000}},
      {"camp", 0, {.doc = "1 if it is camp literature (reveals the camps)", .min = 0, .max = 1}},
      {"reach", 0.05, {.doc = "monthly chance an uninformed town adult reads of it, while it circulates", .min = 0, .max = 1}},
      {"months", 6, {.doc = "how long it circulates", .unit = "months", .min = 1, .max = 120}}},
     {{"title", "a manuscript", {.doc = "its title, for the narrative"}}},
     apply_permit},
    {"leader_sees_exhibition", "culture",
     "the leader visits an exhibition of the new art; whether he is shocked, and what follows, depends on the "
     "climate and on what the conservatives tolerate",
     {{"boldness", 0.5, {.doc = "how far the works shown depart from socialist realism", .min = 0, .max = 1}}},
     {},
     apply_exhibition},
    {"cultural_exchange", "culture",
     "a festival, exhibition or magazine brings Western culture to town people; what they make of it is theirs",
     {{"youth", 0.05, {.doc = "monthly chance an uninformed young town adult (born 1925 on) meets it", .min = 0, .max = 1}},
      {"urban", 0.01, {.doc = "monthly chance for other town adults", .min = 0, .max = 1}},
      {"months", 2, {.doc = "how long it lasts", .unit = "months", .min = 1, .max = 240}}},
     {{"country", "ussr", {.doc = "country key, or \"all\""}}},
     apply_exchange},
};

void publish(World& w, const Params& p, double boldness, double weight, bool camp) {
  auto& s = w.culture;
  s.month_works.push_back({static_cast<float>(boldness), static_cast<float>(weight)});
  if (camp) s.camp_weight += weight;
  s.published += 1;
  s.published_bold += boldness >= p.bold_level;
  s.published_max = std::max(s.published_max, boldness);
}

// The climate is set by the works people talk about: the boldest share of what appeared this
// month (by weight), remembered with a half-life.
void update_openness(State& s, const Params& p) {
  auto& works = s.month_works;
  double total = 0;
  for (const auto& wk : works) total += wk.weight;
  if (total > 0) {
    std::sort(works.begin(), works.end(), [](const Work& a, const Work& b) { return a.boldness > b.boldness; });
    const double want = p.talked_about_share * total;
    double taken = 0, sum = 0;
    for (const auto& wk : works) {
      const double take = std::min<double>(wk.weight, want - taken);
      if (take <= 0) break;
      sum += take * wk.boldness;
      taken += take;
    }
    s.open_num += total * (sum / taken);
    s.open_den += total;
  }
  works.clear();
  s.openness = (s.open_num + p.openness_prior * p.initial_openness) / (s.open_den + p.openness_prior);
}

}  // namespace

std::span<const DecisionKind> decision_kinds() { return kKinds; }

double censor_target(const World& w, const Params& p) {
  const auto& g = w.signals;
  return std::clamp(p.censor_base + p.reform_weight * (g.leader_reformism - 0.5) - p.pressure_weight * g.conservative_pressure +
                        p.line_weight * w.culture.line,
                    0.0, 1.0);
}

double tolerance(const World& w, const Params& p) {
  const auto& g = w.signals;
  return p.tolerance_base + p.tolerance_reform * (g.leader_reformism - 0.5) - p.tolerance_pressure * g.conservative_pressure -
         w.culture.scandal;
}

void init(World& w, const Params& p) {
  auto& s = w.culture;
  s = State{};
  s.writers.resize(static_cast<size_t>(p.writers));
  for (size_t i = 0; i < s.writers.size(); ++i) {
    rng::Draws d(w.seed, rng::stream_id("culture.writers"), i, 0);
    auto& wr = s.writers[i];
    wr.boldness = static_cast<float>(std::clamp(2 * p.boldness_mean * d.uniform(), 0.0, 1.0));
    wr.threshold_0 = wr.threshold = static_cast<float>(std::clamp(2 * p.threshold_mean * d.uniform(), 0.0, 1.0));
    wr.camp_theme = d.chance(p.camp_share);
  }
  s.censorship = p.initial_censorship;
  s.openness = p.initial_openness;
  s.members_per_writer = p.members_per_writer;
  w.signals.censorship = s.censorship;
  w.signals.openness = s.openness;
}

void step(World& w, const Params& p) {
  auto& s = w.culture;
  const int32_t now = static_cast<int32_t>(w.step);
  s.published = s.published_bold = s.rejected = s.abroad = s.expelled = 0;
  s.published_max = 0;

  // The climate of last month fades.
  const double keep = decay(p.openness_half_life);
  s.open_num *= keep;
  s.open_den *= keep;
  s.scandal *= decay(p.scandal_half_life);
  s.camp_weight *= decay(p.camp_weight_half_life);
  s.crackdown_penalty *= decay(p.penalty_half_life);

  // The censor moves towards what the leadership and the pressure make safe.
  const double target = censor_target(w, p);
  s.censorship += p.censor_adjust * (target - s.censorship);
  const double limit = std::clamp(s.censorship - s.crackdown_penalty, 0.0, 1.0);

  // Manuscripts the leadership allowed: the censor lets them through if the leader's approval
  // stretches its limit far enough.
  for (const auto& permit : s.permits) {
    // The censor answers to the leadership: the leader's word carries as far as his standing.
    const double permitted = limit + permit.approval + p.authority * w.signals.leader_security;
    if (permit.boldness <= permitted) {
      publish(w, p, permit.boldness, permit.weight, permit.camp);
      w.add_event("culture.publication", Severity::Major,
                  fmt::format("\"{}\" is published{}", permit.title, permit.camp ? ", and the camps are in print" : ""),
                  {{"boldness", permit.boldness}, {"limit", permitted}, {"camp", permit.camp ? 1.0 : 0.0}}, permit.title);
      if (permit.camp && permit.reach > 0) {
        society::Exposure e;
        e.topic = CampTruth;
        e.country = w.geo.ussr();
        e.setting_mask = society::setting_bit(Setting::Urban) | society::setting_bit(Setting::Rural);
        e.probability = static_cast<float>(permit.reach);
        w.society.inputs.channels.push_back({e, permit.months});
      }
    } else {
      w.add_event("culture.permit_refused", Severity::Notable,
                  fmt::format("despite permission, \"{}\" does not get past the censors", permit.title),
                  {{"boldness", permit.boldness}, {"limit", permitted}}, permit.title);
    }
  }
  s.permits.clear();

  // Writers: each dares to submit their own work once the published climate reaches their
  // threshold (Kuran); otherwise they write no bolder than what is already in print.
  const double open_before = s.openness;
  double bold_published = 0;
  for (size_t i = 0; i < s.writers.size(); ++i) {
    auto& wr = s.writers[i];
    wr.threshold += static_cast<float>(p.threshold_recovery) * (wr.threshold_0 - wr.threshold);
    auto d = w.draws(rng::stream_id("culture.writing"), i);
    if (!d.chance(p.submit_rate)) continue;
    const bool dares = open_before >= wr.threshold;
    const double x = dares ? wr.boldness : std::min<double>(wr.boldness, open_before);
    wr.last_boldness = static_cast<float>(x);
    const bool expelled = now < wr.expelled_until;
    if (x <= limit && !expelled) {
      publish(w, p, x, 1.0, wr.camp_theme && dares);
      wr.last_published = now;
      if (x >= p.bold_level) bold_published = std::max(bold_published, x);
    } else {
      s.rejected += 1;
      if (x >= p.abroad_level && d.chance(p.abroad_rate)) {
        s.abroad += 1;
        s.scandal += p.abroad_scandal;
        // Its author is expelled from the union (Pasternak, October 1958).
        wr.expelled_until = now + static_cast<int32_t>(p.expulsion_months);
        s.expelled += 1;
        w.add_event("culture.published_abroad", Severity::Notable,
                    "a work refused at home is published abroad; there is a scandal, and its author is expelled from the Writers' Union",
                    {{"boldness", x}, {"limit", limit}, {"members", p.members_per_writer}});
      }
    }
  }
  update_openness(s, p);
  if (bold_published > 0 && bold_published > open_before + p.notable_margin)
    w.add_event("culture.notable_publication", Severity::Notable,
                "a literary journal prints a work bolder than anything published for years",
                {{"boldness", bold_published}, {"openness", s.openness}});

  // An exhibition's shock: as far as the works outrun what the conservatives tolerate.
  if (s.provocation > 0) {
    const double shock = p.provocation_weight * std::max(0.0, s.provocation - tolerance(w, p));
    s.scandal += shock;
    w.add_event("culture.exhibition_scandal", shock > 0 ? Severity::Notable : Severity::Minor,
                shock > 0 ? "the leader tours an exhibition of the new art and rages at what he sees"
                          : "the leader tours an exhibition of the new art and lets it pass",
                {{"boldness", s.provocation}, {"shock", shock}});
    s.provocation = 0;
  }

  // Crackdown: when openness outruns what the conservatives tolerate.
  const double tol = tolerance(w, p);
  if (s.openness > tol && now - s.last_crackdown >= p.crackdown_cooldown) {
    s.last_crackdown = now;
    s.crackdowns += 1;
    s.crackdown_penalty += p.crackdown_cut;
    int expelled = 0;
    for (size_t i = 0; i < s.writers.size(); ++i) {
      auto& wr = s.writers[i];
      auto d = w.draws(rng::stream_id("culture.crackdown"), i);
      wr.threshold = std::min(1.0f, wr.threshold + static_cast<float>(p.crackdown_chill * d.uniform()));
      // The boldest of the recent authors are made examples of.
      if (now - wr.last_published <= 12 && wr.last_boldness > tol + p.expulsion_margin && now >= wr.expelled_until) {
        wr.expelled_until = now + static_cast<int32_t>(p.expulsion_months);
        ++expelled;
      }
    }
    s.expelled += expelled;
    w.add_event("culture.crackdown", Severity::Major,
                "the authorities turn on the boldest writers and artists: denunciations, expulsions, a tighter line",
                {{"openness", s.openness}, {"tolerance", tol}, {"censorship", limit}, {"expelled", expelled * p.members_per_writer}});
  }

  // Criticism of the regime voiced aloud is prosecuted as anti-Soviet agitation, the harder the
  // more the conservatives press; some of those arrested are declared mad instead of tried.
  {
    const double ussr_adults = society_adults(w);
    const double voicing = w.signals.dissent_expressed * ussr_adults;
    s.arrests_agitation = voicing * p.agitation_rate * (1 + p.agitation_pressure * w.signals.conservative_pressure);
    s.psychiatric = s.arrests_agitation * p.psychiatric_share;
    s.arrests_agitation_total += s.arrests_agitation;
    s.psychiatric_total += s.psychiatric;
    s.expelled_total += s.expelled;
  }

  // Camp literature in circulation tells people about the camps.
  if (s.camp_weight > 0 && p.camp_reach > 0) {
    society::Exposure e;
    e.topic = CampTruth;
    e.country = w.geo.ussr();
    e.setting_mask = society::setting_bit(Setting::Urban);
    e.probability = static_cast<float>(std::min(1.0, p.camp_reach * s.camp_weight));
    society::expose(w, e);
  }

  w.signals.censorship = std::clamp(s.censorship - s.crackdown_penalty, 0.0, 1.0);
  w.signals.openness = s.openness;
}

void record(const World& w, IndicatorRow& row) {
  const auto& s = w.culture;
  row.add("culture.openness", s.openness);
  row.add("culture.censorship", w.signals.censorship);
  row.add("culture.published", s.published);
  row.add("culture.published_bold", s.published_bold);
  row.add("culture.rejected", s.rejected);
  row.add("culture.published_abroad", s.abroad);
  double daring = 0;
  for (const auto& wr : s.writers) daring += s.openness >= wr.threshold;
  row.add("culture.daring_share", s.writers.empty() ? 0.0 : daring / static_cast<double>(s.writers.size()));
  row.add("culture.crackdowns", s.crackdowns);
  row.add("culture.arrests_agitation", s.arrests_agitation);
  row.add("culture.arrests_agitation_total", s.arrests_agitation_total);
  row.add("culture.psychiatric", s.psychiatric);
  row.add("culture.psychiatric_total", s.psychiatric_total);
  row.add("culture.expelled_total", s.expelled_total * s.members_per_writer);
}

}  // namespace thaw::model::culture
