// Repression and release. ODD: docs/odd/repression.md (submodels 1-9 are numbered there).
//
// Everything here runs sequentially in slot order: custody moves people between blocks through
// society::transfer, which is only allowed outside the parallel monthly pass, and the loops are
// short (the camp range and the settler list). Randomness is keyed by (slot or camp, month).
#include "model/repression/repression.hpp"

#include "engine/detmath.hpp"
#include "engine/distributions.hpp"
#include "model/society/society.hpp"
#include "model/thaw/world.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace thaw::model::repression {

namespace {

using society::Status;

constexpr uint32_t kStreamInit = rng::stream_id("repression.init");
constexpr uint32_t kStreamSettlers = rng::stream_id("repression.init_settlers");
constexpr uint32_t kStreamAmnesty = rng::stream_id("repression.amnesty");
constexpr uint32_t kStreamReview = rng::stream_id("repression.review");
constexpr uint32_t kStreamSentence = rng::stream_id("repression.sentence");
constexpr uint32_t kStreamCriminal = rng::stream_id("repression.criminal");
constexpr uint32_t kStreamReturn = rng::stream_id("repression.return");
constexpr uint32_t kStreamCamp = rng::stream_id("repression.camp_response");
constexpr uint32_t kStreamSuppress = rng::stream_id("repression.suppression");
constexpr uint32_t kStreamRepatriate = rng::stream_id("repression.repatriation");

constexpr int16_t kNever = 32000;
// Slots or list entries per task of the parallel scans (custody, settlers, local prisoners).
constexpr size_t kScanChunk = size_t{1} << 16;

int16_t clamp_step(int64_t s) { return static_cast<int16_t>(std::clamp<int64_t>(s, 0, kNever)); }

bool in_ussr(const World& w, size_t l) { return w.geo.localities[l].country == w.geo.ussr(); }

// Terms in years drawn for the 1953 stock and for new criminal sentences (REP-03: the amnesty
// line is "up to 5 years"; REP-06: Article 58 terms of 10 and 25 years).
int criminal_term(rng::Draws& d, const Params& p) {
  const double u = d.uniform();
  if (u < p.criminal_short_share) return 1 + static_cast<int>(d.below(5));
  if (u < p.criminal_short_share + p.criminal_mid_share) return 6 + static_cast<int>(d.below(5));
  return 11 + static_cast<int>(d.below(15));
}

// New sentences: the 1953 stock is length-biased (long terms pile up), so the inflow shares are the
// stock shares divided by the band's mean term (renewal theory); with elapsed time uniform over the
// term, stock and inflow are then in steady state at 1953 practice.
int criminal_term_new(rng::Draws& d, const Params& p) {
  const double s = p.criminal_short_share / 3.0, m = p.criminal_mid_share / 8.0;
  const double l = std::max(0.0, 1.0 - p.criminal_short_share - p.criminal_mid_share) / 18.0;
  const double u = d.uniform() * (s + m + l);
  if (u < s) return 1 + static_cast<int>(d.below(5));
  if (u < s + m) return 6 + static_cast<int>(d.below(5));
  return 11 + static_cast<int>(d.below(15));
}

int political_term(rng::Draws& d, const Params& p) {
  const double u = d.uniform();
  if (u < p.political_25_share) return 25;
  if (u < p.political_25_share + p.political_10_share) return 10;
  return 5 + static_cast<int>(d.below(4));
}

struct Month_ {
  std::vector<double> returnees;   // per locality, agents home this month (all kinds)
  std::vector<double> relief;      // per locality, political returnees and rehabilitations
};

// Sends a prisoner home (or abroad). Returns false if there was no room at home this month.
bool release(World& w, State& st, uint64_t slot, Month_& m, bool rehabilitate) {
  auto& c = st.custody;
  const uint64_t off = slot - c.first_slot;
  const uint8_t flags = c.flags[off];
  const Category cat = category_of(flags);
  if (cat == Foreign) {
    const uint16_t g = c.home[off];
    society::remove_person(w, slot);
    c.flags[off] = 0;
    if (g < st.groups.size()) st.groups[g].repatriated += 1;
    st.repatriated_total += 1;
    st.released_total += 1;
    st.released_month += 1;
    return true;
  }
  int dest = c.home[off];
  uint64_t to = society::transfer(w, slot, dest);
  if (to == UINT64_MAX && st.alt_locality[static_cast<size_t>(dest)] >= 0) {
    dest = st.alt_locality[static_cast<size_t>(dest)];
    to = society::transfer(w, slot, dest);
  }
  if (to == UINT64_MAX) return false;
  society::set_free(w, to);
  society::end_protest(w, to);
  society::mark_political(w, to, cat == Political);
  c.flags[off] = 0;
  st.released_total += 1;
  st.released_month += 1;
  if (cat == Criminal) st.criminal_released_month += 1;
  m.returnees[static_cast<size_t>(dest)] += 1;
  if (cat == Political) {
    m.relief[static_cast<size_t>(dest)] += 1;
    st.political_released_total += 1;
  }
  if (rehabilitate) {
    st.rehabilitated_total += 1;
    m.relief[static_cast<size_t>(dest)] += 1;
  }
  return true;
}

// Puts a person into a camp: one drawn by 1953 size among the allowed camps, then the allowed ones
// in order from there, then (if all those are full) any camp.
uint64_t send_to_camp(World& w, State& st, uint64_t slot, rng::Draws& d, bool special_only) {
  const size_t n = st.camp_locality.size();
  auto allowed = [&](size_t c) { return !special_only || w.geo.camps[c].special_regime; };
  double total = 0;
  for (size_t c = 0; c < n; ++c)
    if (allowed(c)) total += st.camp_weight[c];
  size_t first = 0;
  double u = d.uniform() * total;
  for (size_t c = 0; c < n; ++c) {
    if (!allowed(c)) continue;
    first = c;
    if ((u -= st.camp_weight[c]) < 0) break;
  }
  for (int pass = 0; pass < 2; ++pass) {
    for (size_t k = 0; k < n; ++k) {
      const size_t c = (first + k) % n;
      if (pass == 0 ? !allowed(c) : allowed(c)) continue;
      const uint64_t to = society::transfer(w, slot, st.camp_locality[c]);
      if (to != UINT64_MAX) return to;
    }
  }
  return UINT64_MAX;
}

void hold(State& st, uint64_t slot, uint8_t flags, int term_years, int64_t release, int home) {
  auto& c = st.custody;
  const uint64_t off = slot - c.first_slot;
  c.flags[off] = static_cast<uint8_t>(flags | kHeld);
  c.term_years[off] = static_cast<uint8_t>(std::clamp(term_years, 0, 255));
  c.release_step[off] = clamp_step(release);
  c.home[off] = static_cast<uint16_t>(home);
}

// --- decisions ---------------------------------------------------------------------------------

void apply_amnesty(World& w, const Decision& d) {
  Amnesty a;
  a.id = d.id;
  a.max_term = d.number("max_sentence_years");
  a.criminal = d.number("criminal") > 0.5;
  a.political = d.number("political") > 0.5;
  a.collaborators = d.number("collaborators") > 0.5;
  a.vulnerable = d.number("vulnerable") > 0.5;
  a.exclude_grave = d.number("exclude_grave") > 0.5;
  a.share = d.number("share");
  a.reduce_other = d.number("reduce_other");
  a.months = std::max(1, static_cast<int>(d.number("months")));
  a.first_step = w.step;
  w.repression.amnesties.push_back(a);
}

void apply_commissions(World& w, const Decision& d) {
  auto& c = w.repression.commissions;
  c = Commissions{};
  c.open = true;
  c.id = d.id;
  c.cases_per_month = d.number("cases_per_month");
  c.release_share = d.number("release_share");
  c.rehabilitate_share = d.number("rehabilitate_share");
  c.reduce_share = d.number("reduce_share");
  c.months_left = std::max(1, static_cast<int>(d.number("months")));
  // A new campaign reopens every case: the queue starts again from the first camp.
  for (auto& f : w.repression.custody.flags) f &= static_cast<uint8_t>(~kReviewed);
}

void apply_lift(World& w, const Decision& d) {
  auto& st = w.repression;
  const std::string& key = d.text("nation");
  const bool may_return = d.number("allow_return") > 0.5;
  bool found = false;
  for (auto& n : st.nations) {
    if (key != "all" && n.key != key) continue;
    found = true;
    n.lifted = true;
    n.may_return = n.may_return || may_return;
  }
  if (!found) throw std::runtime_error(fmt::format("decision '{}' (lift_settlement): unknown nation '{}'", d.id, key));
}

void apply_repatriation(World& w, const Decision& d) {
  auto& st = w.repression;
  const std::string& key = d.text("group");
  bool found = false;
  for (auto& g : st.groups) {
    if (key != "all" && g.key != key) continue;
    found = true;
    g.ordered = true;
    g.reported = false;
    g.first_step = w.step;
    g.months = std::max(1, static_cast<int>(d.number("months")));
  }
  if (!found) throw std::runtime_error(fmt::format("decision '{}' (repatriation): unknown group '{}'", d.id, key));
}

void apply_camp_regime(World& w, const Decision& d) {
  auto& st = w.repression;
  st.special_regime = d.number("special_regime") > 0.5;
  const auto delta = static_cast<float>(d.number("hardship_change"));
  for (auto& h : st.camp_hardship) h = std::clamp(h + delta, 0.0f, 1.0f);
}

void apply_legal_reform(World& w, const Decision& d) {
  auto& st = w.repression;
  st.legality = std::clamp(st.legality + d.number("legality_change"), 0.0, 1.0);
}

void apply_penal_policy(World& w, const Decision& d) {
  auto& st = w.repression;
  st.criminal_rate_factor = d.number("criminal_rate_factor");
  st.criminal_term_factor = d.number("criminal_term_factor");
  st.political_term_factor = d.number("political_term_factor");
}

void apply_security_policy(World& w, const Decision& d) { w.repression.security_level = d.number("security_level"); }

const DecisionKind kKinds[] = {
    {"amnesty", "repression",
     "an amnesty decree: prisoners of the named categories with sentences up to a length are released over some "
     "months; who is eligible, and so how many go, depends on who is in the camps",
     {{"max_sentence_years", 5, {.doc = "sentences (as imposed) up to this length are covered", .unit = "years", .min = 0, .max = 25}},
      {"criminal", 1, {.doc = "1: ordinary criminal convicts are covered", .min = 0, .max = 1}},
      {"political", 0, {.doc = "1: 'counter-revolutionary' convicts are covered", .min = 0, .max = 1}},
      {"collaborators", 0, {.doc = "1: those convicted of collaboration with the occupier are covered (REP-08)", .min = 0, .max = 1}},
      {"vulnerable", 1, {.doc = "1: minors, mothers of small children and the sick of the covered categories go whatever their term", .min = 0, .max = 1}},
      {"exclude_grave", 1, {.doc = "1: banditry, murder and large theft are excluded", .min = 0, .max = 1}},
      {"share", 1, {.doc = "share of the eligible actually released (implementation)", .min = 0, .max = 1}},
      {"reduce_other", 0, {.doc = "remaining terms of the non-eligible in covered categories are cut by this share", .min = 0, .max = 1}},
      {"months", 3, {.doc = "months over which the releases are carried out", .unit = "months", .min = 1, .max = 24}}},
     {},
     apply_amnesty},
    {"review_commissions", "repression",
     "commissions review the cases of political prisoners at a finite rate; each case reviewed may end in release "
     "(and rehabilitation) or a shorter term",
     {{"cases_per_month", 7000, {.doc = "cases all commissions together can review in a month", .unit = "people/month", .min = 0, .max = 1e7}},
      {"release_share", 0.5, {.doc = "share of reviewed cases released", .min = 0, .max = 1}},
      {"rehabilitate_share", 0.2, {.doc = "share of those released who are formally rehabilitated", .min = 0, .max = 1}},
      {"reduce_share", 0.3, {.doc = "remaining term of those kept is cut by this share", .min = 0, .max = 1}},
      {"months", 12, {.doc = "how long the commissions sit", .unit = "months", .min = 1, .max = 240}}},
     {},
     apply_commissions},
    {"lift_settlement", "repression",
     "the special-settlement regime is lifted for a deported nation; with allow_return the people may go home, "
     "and do so over the following months",
     {{"allow_return", 0, {.doc = "1: they may return to their home region (autonomy restored)", .min = 0, .max = 1}}},
     {{"nation", "all", {.doc = "nation key (repression.nation) or \"all\""}}},
     apply_lift},
    {"repatriation", "repression",
     "foreign prisoners of war and convicted foreigners of a group are sent home over some months",
     {{"months", 4, {.doc = "months over which they leave", .unit = "months", .min = 1, .max = 36}}},
     {{"group", "all", {.doc = "foreign group key (repression.foreign_group) or \"all\""}}},
     apply_repatriation},
    {"camp_regime", "repression",
     "the rules of the camps: whether special camps for politicals exist, and a change of hardship (working day, "
     "pay, letters)",
     {{"special_regime", 1, {.doc = "1: special camps (osoblag) remain; 0: they become ordinary camps", .min = 0, .max = 1}},
      {"hardship_change", 0, {.doc = "added to every camp's hardship", .min = -1, .max = 1}}},
     {},
     apply_camp_regime},
    {"legal_reform", "repression",
     "a step toward (or away from) 'socialist legality': extrajudicial bodies abolished, terror procedures annulled, "
     "new codes; fear eases as legality rises",
     {{"legality_change", 0.1, {.doc = "added to the legality lever (0..1)", .min = -1, .max = 1}}},
     {},
     apply_legal_reform},
    {"penal_policy", "repression",
     "how courts punish: custodial sentences for ordinary crime and the length of terms, relative to 1953 practice",
     {{"criminal_rate_factor", 1, {.doc = "custodial sentences for ordinary crime, 1953 = 1", .min = 0, .max = 10}},
      {"criminal_term_factor", 1, {.doc = "length of criminal terms, 1953 = 1", .min = 0.1, .max = 5}},
      {"political_term_factor", 1, {.doc = "length of political terms for protest, 1953 = 1", .min = 0.1, .max = 5}}},
     {},
     apply_penal_policy},
    {"security_policy", "repression",
     "the strength of the police and the MVD/KGB relative to 1953",
     {{"security_level", 1, {.doc = "security forces per adult, 1953 = 1", .min = 0, .max = 20}}},
     {},
     apply_security_policy},
};

// --- the month ---------------------------------------------------------------------------------

void start_amnesties(World& w, State& st, const Params&) {
  auto& c = st.custody;
  for (auto& a : st.amnesties) {
    if (a.applied || a.first_step > w.step) continue;
    a.applied = true;
    for (uint64_t off = 0; off < c.size(); ++off) {
      uint8_t& f = c.flags[off];
      if (!(f & kHeld)) continue;
      const Category cat = category_of(f);
      if (cat == Foreign) continue;
      const bool collab = (f & kCollaborator) != 0;
      const bool covered = (cat == Criminal && a.criminal) || (cat == Political && a.political) || (collab && a.collaborators);
      if (!covered) continue;
      if ((f & kGrave) && a.exclude_grave) continue;
      const bool eligible = c.term_years[off] <= a.max_term || (a.vulnerable && (f & kVulnerable));
      rng::Draws d = w.draws(kStreamAmnesty, c.first_slot + off);
      if (eligible && d.uniform() < a.share) {
        // Releases begin the month after the decree (REP-03: decree of 27 March, releases from April).
        const int64_t when = w.step + 1 + static_cast<int64_t>(d.below(static_cast<uint32_t>(a.months)));
        if (when < c.release_step[off]) {
          c.release_step[off] = clamp_step(when);
          f |= kAmnestied;
          a.eligible += 1;
        }
      } else if (a.reduce_other > 0) {
        const int64_t left = c.release_step[off] - w.step;
        if (left > 0) c.release_step[off] = clamp_step(w.step + static_cast<int64_t>(std::ceil(static_cast<double>(left) * (1.0 - a.reduce_other))));
      }
    }
  }
}

void start_repatriations(World& w, State& st) {
  auto& c = st.custody;
  for (size_t g = 0; g < st.groups.size(); ++g) {
    auto& gs = st.groups[g];
    if (!gs.ordered || gs.first_step != w.step) continue;
    for (uint64_t off = 0; off < c.size(); ++off) {
      if (!(c.flags[off] & kHeld) || category_of(c.flags[off]) != Foreign || c.home[off] != g) continue;
      rng::Draws d = w.draws(kStreamRepatriate, c.first_slot + off);
      c.release_step[off] = std::min(c.release_step[off], clamp_step(w.step + d.below(static_cast<uint32_t>(gs.months))));
    }
  }
}

// Deaths (society's pass empties the slot), sentence expiry and amnesty releases.
void custody_pass(World& w, State& st, Month_& m) {
  auto& c = st.custody;
  const auto& pop = w.society.pop();
  Amnesty* current = nullptr;
  for (auto& a : st.amnesties)
    if (a.applied) current = &a;
  // The prisoners who died or whose term is up, found in parallel: what is done for one (a slot
  // freed, a person sent home outside the camps) changes nobody else's status or term, so the list
  // is the one the loop below would meet, and it is handled in slot order as before.
  const std::vector<size_t> due = w.executor->indices_where(c.size(), kScanChunk, [&](size_t off) {
    return (c.flags[off] & kHeld) && (society::status_of(pop.status[c.first_slot + off]) != Status::Imprisoned || c.release_step[off] <= w.step);
  });
  for (const uint64_t off : due) {
    const uint8_t f = c.flags[off];
    if (!(f & kHeld)) continue;
    const uint64_t slot = c.first_slot + off;
    if (society::status_of(pop.status[slot]) != Status::Imprisoned) {
      c.flags[off] = 0;
      st.deaths_total += 1;
      continue;
    }
    if (c.release_step[off] > w.step) continue;
    if (release(w, st, slot, m, false)) {
      if (f & kAmnestied) {
        st.amnestied_total += 1;
        if (current) current->released += 1;
      } else if (category_of(f) != Foreign) {
        st.expired_total += 1;
      }
    }
  }
}

void commissions_pass(World& w, State& st, Month_& m) {
  auto& k = st.commissions;
  if (!k.open) return;
  auto& c = st.custody;
  double budget = k.carry + k.cases_per_month / w.scale;
  auto cases = static_cast<uint64_t>(std::floor(budget));
  k.carry = budget - static_cast<double>(cases);
  const uint64_t n = c.size();
  uint64_t looked = 0;
  while (cases > 0 && looked < n) {
    const uint64_t off = k.cursor;
    k.cursor = (k.cursor + 1) % std::max<uint64_t>(1, n);
    ++looked;
    uint8_t& f = c.flags[off];
    if (!(f & kHeld) || category_of(f) != Political || (f & kReviewed)) continue;
    --cases;
    f |= kReviewed;
    k.reviewed += 1;
    k.year_reviewed += 1;
    rng::Draws d = w.draws(kStreamReview, c.first_slot + off);
    const double u = d.uniform();
    if (u < k.release_share) {
      const bool rehab = d.uniform() < k.rehabilitate_share;
      if (release(w, st, c.first_slot + off, m, rehab)) {
        k.released += 1;
        k.year_released += 1;
        if (rehab) {
          k.rehabilitated += 1;
          k.year_rehabilitated += 1;
        }
      }
    } else if (k.reduce_share > 0) {
      const int64_t left = c.release_step[off] - w.step;
      if (left > 0) c.release_step[off] = clamp_step(w.step + static_cast<int64_t>(std::ceil(static_cast<double>(left) * (1.0 - k.reduce_share))));
    }
  }
  if (cases > 0) k.carry = 0;  // the queue is empty: idle capacity is not banked
  auto summary = [&](const char* what, double reviewed, double released, double rehab) {
    w.add_event("repression.commissions", Severity::Notable,
                fmt::format("review commissions {}: {} cases reviewed, {} released, {} of them rehabilitated", what,
                            people_text(w.people(reviewed)), people_text(w.people(released)), people_text(w.people(rehab))),
                {{"reviewed", w.people(reviewed)}, {"released", w.people(released)}, {"rehabilitated", w.people(rehab)}}, k.id);
  };
  --k.months_left;
  if (k.months_left <= 0) {
    k.open = false;
    summary("close", k.reviewed, k.released, k.rehabilitated);
  } else if (w.month.month() == 12) {
    summary(fmt::format("in {}", w.year()).c_str(), k.year_reviewed, k.year_released, k.year_rehabilitated);
    k.year_reviewed = k.year_released = k.year_rehabilitated = 0;
  }
}

// Arrested protesters are sentenced as politicals and sent to a camp (special camps while they exist).
void sentence_protesters(World& w, State& st, const Params& p) {
  const auto& pop = w.society.pop();
  const auto& stats = w.society.stats;
  for (uint64_t slot : w.society.arrested) {
    if (society::status_of(pop.status[slot]) != Status::Imprisoned || st.custody.covers(slot)) continue;
    const int home = pop.locality_of(slot);
    rng::Draws d = w.draws(kStreamSentence, slot);
    if (!in_ussr(w, static_cast<size_t>(home))) {
      // A satellite's regime jails its own protesters in its own prisons, not in the Gulag.
      const double years = p.local_term_min + d.uniform() * (p.local_term_max - p.local_term_min);
      st.local_prisoners.push_back({slot, pop.traits[slot], clamp_step(w.step + std::max<int64_t>(1, std::lround(years * 12)))});
      continue;
    }
    const double years = (p.protest_term_min + d.uniform() * (p.protest_term_max - p.protest_term_min)) * st.political_term_factor;
    const int term = std::max(1, static_cast<int>(std::lround(years)));
    const uint64_t to = send_to_camp(w, st, slot, d, st.special_regime);
    if (to == UINT64_MAX) {
      society::set_free(w, slot);  // no room: let go with a warning
      continue;
    }
    society::mark_political(w, to, true);
    hold(st, to, Political, term, w.step + term * 12, home);
    st.sentenced_political_total += 1;
    const double adults = std::max(1.0, static_cast<double>(home) < static_cast<double>(stats.size()) ? stats[static_cast<size_t>(home)].adults : 1.0);
    st.arrest_memory[static_cast<size_t>(home)] += static_cast<float>(1000.0 / adults);
  }
}

// The satellites' prisoners go free when their term ends; a slot whose person died is dropped.
void local_prisoners_pass(World& w, State& st) {
  const auto& pop = w.society.pop();
  // In parallel: each entry reads and writes its own slot only (a slot has at most one prisoner
  // of the list: nobody held outside a camp protests, so nobody is jailed twice).
  auto& list = st.local_prisoners;
  std::vector<uint8_t> keep(list.size());
  w.executor->for_chunks(list.size(), kScanChunk, [&](size_t b, size_t e, size_t) {
    for (size_t i = b; i < e; ++i) {
      const LocalPrisoner& lp = list[i];
      keep[i] = 0;
      // The traits first: an entry whose person died (the slot empty or taken by someone new)
      // reads no status another entry of the slot may be writing.
      if (pop.traits[lp.slot] != lp.traits) continue;
      const uint8_t status = pop.status[lp.slot];
      if (!society::is_person(status) || society::status_of(status) != Status::Imprisoned) continue;
      if (lp.release_step > w.step) {
        keep[i] = 1;
        continue;
      }
      society::set_free(w, lp.slot);
      society::end_protest(w, lp.slot);
    }
  });
  size_t kept = 0;
  for (size_t i = 0; i < list.size(); ++i)
    if (keep[i]) list[kept++] = list[i];
  list.resize(kept);
}

double crime_index(const State& st, const Params& p) {
  if (st.crime_memory_1953 <= 0) return 1.0;
  return (1.0 - p.crime_returnee_share) + p.crime_returnee_share * st.crime_memory / st.crime_memory_1953;
}

void sentence_criminals(World& w, State& st, const Params& p) {
  const auto& geo = w.geo;
  const auto& pop = w.society.pop();
  const double rate = p.criminal_sentencing_rate / 1000.0 / 12.0 * st.criminal_rate_factor *
                      det::pow(std::max(0.0, crime_index(st, p)), p.crime_sentencing_elasticity);
  if (rate <= 0) return;
  for (size_t l = 0; l < geo.localities.size(); ++l) {
    const auto& loc = geo.localities[l];
    if (loc.setting == Setting::Camp || !in_ussr(w, l)) continue;
    rng::Draws d = w.draws(kStreamCriminal, l);
    // A town's agents stand for fewer people than a camp's: sentence at the rate per person.
    const uint64_t n = dist::binomial(d, w.society.used_slots[l], std::min(1.0, rate * loc.weight / w.scale));
    for (uint64_t i = 0; i < n; ++i) {
      uint64_t slot = UINT64_MAX;
      for (int tries = 0; tries < 16 && slot == UINT64_MAX; ++tries) {
        const uint64_t s = loc.first_slot + d.below64(loc.slot_count);
        if (society::status_of(pop.status[s]) == Status::Free && society::is_adult(w, s)) slot = s;
      }
      if (slot == UINT64_MAX) continue;
      const int term = std::max(1, static_cast<int>(std::lround(criminal_term_new(d, p) * st.criminal_term_factor)));
      uint8_t flags = Criminal;
      if (term > 5 && d.uniform() < p.grave_share) flags |= kGrave;
      if (d.uniform() < p.vulnerable_share) flags |= kVulnerable;
      society::imprison(w, slot);
      const uint64_t to = send_to_camp(w, st, slot, d, false);
      if (to == UINT64_MAX) {
        society::set_free(w, slot);
        continue;
      }
      society::mark_political(w, to, false);
      society::end_protest(w, to);
      hold(st, to, flags, term, w.step + term * 12, static_cast<int>(l));
      st.sentenced_criminal_total += 1;
    }
  }
}

// Special settlers: deaths, lifting of the regime, return home.
void settlers_pass(World& w, State& st, const Params& p, Month_& m) {
  const auto& pop = w.society.pop();
  std::vector<double> freed(st.nations.size(), 0.0);
  // Most settlers' month is decided by their own slot alone: still a settler under the regime,
  // dead, gone, or staying where they are. Those are settled here in parallel (each writes only
  // its own phase); the rest (the regime lifted, the journey home) are handled below in order, as
  // before. A journey home frees the traveller's slot and fills one at home, neither of which
  // changes what a settler settled here would have found (a slot refilled gets a new incarnation).
  const std::vector<size_t> busy = w.executor->indices_where(st.settlers.size(), kScanChunk, [&](size_t i) {
    Settler& s = st.settlers[i];
    const uint8_t status = pop.status[s.slot];
    const bool same = society::is_person(status) && pop.traits[s.slot] == s.traits;
    const auto& n = st.nations[s.nation];
    if (s.phase == 0) {
      if (!same || society::status_of(status) != Status::Settler) {
        s.phase = 3;
        return false;
      }
      return n.lifted;
    }
    if (!same || society::status_of(status) != Status::Free) {
      s.phase = 3;
      return false;
    }
    if (s.phase == 1 && n.may_return) s.phase = 2;
    if (s.phase != 2 || n.home < 0) return false;
    rng::Draws d = w.draws(kStreamReturn, s.slot);
    return d.uniform() < p.return_rate;
  });
  for (const size_t i : busy) {
    Settler& s = st.settlers[i];
    const uint8_t status = pop.status[s.slot];
    const bool same = society::is_person(status) && pop.traits[s.slot] == s.traits;
    auto& n = st.nations[s.nation];
    if (s.phase == 0) {
      if (!same || society::status_of(status) != Status::Settler) {
        s.phase = 3;  // died
        continue;
      }
      if (!n.lifted) continue;
      society::set_free(w, s.slot);
      s.phase = 1;
      n.freed += 1;
      freed[s.nation] += 1;
      st.settlers_freed_total += 1;
      st.released_total += 1;
      st.released_month += 1;
    }
    if (!same || society::status_of(pop.status[s.slot]) != Status::Free) {
      s.phase = 3;  // died or moved on
      continue;
    }
    if (s.phase == 1 && n.may_return) s.phase = 2;
    if (s.phase != 2 || n.home < 0) continue;
    rng::Draws d = w.draws(kStreamReturn, s.slot);
    if (d.uniform() >= p.return_rate) continue;
    int dest = n.home;
    uint64_t to = society::transfer(w, s.slot, dest);
    if (to == UINT64_MAX && n.home_alt >= 0) to = society::transfer(w, s.slot, dest = n.home_alt);
    if (to == UINT64_MAX) continue;
    n.returned += 1;
    st.returned_total += 1;
    m.returnees[static_cast<size_t>(dest)] += 1;  // they tell of the exile; fear is the state's, not theirs
    s.phase = 3;
  }
  std::erase_if(st.settlers, [](const Settler& s) { return s.phase == 3; });
  for (size_t i = 0; i < st.nations.size(); ++i) {
    if (freed[i] <= 0) continue;
    const auto& n = st.nations[i];
    w.add_event("repression.settlement_lifted", Severity::Notable,
                fmt::format("the special-settlement regime ends for {}: {} people free to move{}", n.name,
                            people_text(w.people(freed[i])), n.may_return ? " and to go home" : ", but not to go home"),
                {{"freed", w.people(freed[i])}, {"may_return", n.may_return ? 1.0 : 0.0}}, n.name);
  }
  if (w.month.month() == 12) {
    for (const auto& n : st.nations) {
      if (!n.may_return || n.returned <= 0) continue;
      const double share = n.freed > 0 ? n.returned / n.freed : 0.0;
      w.add_event("repression.return", Severity::Minor,
                  fmt::format("{} returning home: {} back so far ({:.0f}% of those freed)", n.name,
                              people_text(w.people(n.returned)), 100 * share),
                  {{"returned", w.people(n.returned)}, {"share", share}}, n.name);
    }
  }
}

// News reaches the camps (submodel 7a): the fall of a man at the top (an arrest or removal in the
// Presidium, announced last month) and steps toward legality raise the prisoners' expectations
// (Gurr 1970: value expectations rise while what they get does not); the strikers of 1953 knew of
// Beria's fall (CMP-02; Applebaum 2003). The hope fades with the memory half-life unless a
// concession meets it.
void update_expectations(World& w, State& st, const Params& p) {
  const auto decay = static_cast<float>(det::pow(0.5, 1.0 / p.memory_half_life));
  double shock = p.expectation_legality * std::max(0.0, st.legality - st.legality_seen);
  st.legality_seen = st.legality;
  const Month last = w.calendar.month_at(std::max<int64_t>(0, w.step - 1));
  const auto& all = w.events.all();
  for (auto it = all.rbegin(); it != all.rend() && !(it->month < last); ++it)
    if (w.step > 0 && it->month == last && (it->code == "elite.arrest" || it->code == "elite.removal")) shock += p.expectation_shock;
  for (auto& e : st.expectation) e = std::min(1.0f, e * decay + static_cast<float>(shock));
}

// Strikers in a camp: the prisoners whose active bit society left at the month's end.
double strikers_in(const World& w, const State& st, size_t c) {
  const auto& pop = w.society.pop();
  const auto& loc = w.geo.localities[static_cast<size_t>(st.camp_locality[c])];
  double n = 0;
  for (uint64_t s = loc.first_slot; s < loc.first_slot + loc.slot_count; ++s)
    n += (pop.status[s] & society::kActive) && society::is_person(pop.status[s]) ? 1 : 0;
  return n;
}

using EventData = std::vector<std::pair<std::string, double>>;
EventData with_drivers(EventData data, const EventData& drivers) {
  data.insert(data.end(), drivers.begin(), drivers.end());
  return data;
}

void end_episode(State& st, size_t c) {
  st.strike_months[c] = 0;
  st.episode_peak[c] = 0;
  st.exhaustion[c] = 0;
}

// Troops take the camp: some strikers are killed, the survivors' terms lengthened; the guard is
// reinforced and fear raised for months, so the camp does not rise again at once.
void suppress(World& w, State& st, const Params& p, size_t c, double strikers, const EventData& drivers) {
  const auto& pop = w.society.pop();
  const auto& loc = w.geo.localities[static_cast<size_t>(st.camp_locality[c])];
  double killed = 0;
  for (uint64_t s = loc.first_slot; s < loc.first_slot + loc.slot_count; ++s) {
    if (!(pop.status[s] & society::kActive) || !society::is_person(pop.status[s])) continue;
    const uint64_t off = s - st.custody.first_slot;
    rng::Draws ds = w.draws(kStreamSuppress, s);
    if (ds.uniform() < p.suppression_death_share) {
      society::remove_person(w, s);
      st.custody.flags[off] = 0;
      killed += 1;
      continue;
    }
    society::end_protest(w, s);
    if (st.custody.flags[off] & kHeld)
      st.custody.release_step[off] = clamp_step(st.custody.release_step[off] + static_cast<int64_t>(p.suppression_extra_years * 12));
  }
  st.killed_total += killed;
  st.garrison_months[c] = static_cast<int>(p.garrison_months);
  st.camp_fear_bump[c] = std::min(1.0f, st.camp_fear_bump[c] + static_cast<float>(p.suppression_fear));
  const std::string& name = w.geo.camps[c].name;
  w.add_event("repression.camp_suppressed", Severity::Major,
              fmt::format("troops put down the prisoners' strike in {} after {} month{}: {}, the strikers' terms lengthened", name,
                          st.strike_months[c], st.strike_months[c] == 1 ? "" : "s",
                          // One agent stands for `scale` people: "fewer than 50,000 killed" read as
                          // a toll; below one agent the run can only say it saw no death.
                          killed > 0 ? "about " + people_text(w.people(killed)) + " killed"
                                     : fmt::format("no death this run can see (one agent stands for {} people)", people_text(w.scale))),
              with_drivers({{"killed", w.people(killed)}, {"strikers", w.people(strikers)}, {"months", static_cast<double>(st.strike_months[c])},
                            {"camp", static_cast<double>(c)}},
                           drivers),
              name);
  end_episode(st, c);
}

// The state's answer to a strike in a camp (submodel 7). A strike is an episode: it begins when
// the share of prisoners active passes strike_share; in its first month a commission from Moscow
// comes to talk (every great strike of 1953-54 had one, CMP-01..03); from the second month it ends
// by troops (a chance rising with its length), by a concession that meets the prisoners'
// expectations, or by exhaustion (fear growing each month on strike until too few are left).
void camp_resistance(World& w, State& st, const Params& p) {
  const auto& shares = w.signals.camp_active_share;
  for (size_t c = 0; c < st.camp_locality.size(); ++c) {
    const double share = c < shares.size() ? shares[c] : 0.0;
    const std::string& name = w.geo.camps[c].name;
    const double strikers = share >= p.strike_share ? strikers_in(w, st, c) : 0.0;
    if (share < p.strike_share || strikers <= 0) {
      if (st.strike_months[c] > 0) {
        w.add_event("repression.camp_strike_end", Severity::Notable,
                    fmt::format("the strike in {} peters out after {} month{}: the prisoners go back to work", name, st.strike_months[c],
                                st.strike_months[c] == 1 ? "" : "s"),
                    {{"months", static_cast<double>(st.strike_months[c])}, {"peak", w.people(st.episode_peak[c])},
                     {"camp", static_cast<double>(c)}},
                    name);
        end_episode(st, c);
      }
      continue;
    }
    ++st.strike_months[c];
    st.episode_peak[c] = std::max(st.episode_peak[c], strikers);
    st.exhaustion[c] += static_cast<float>(p.exhaustion_fear);

    // News of the strike reaches the other camps of its complex (strikes spread within a complex).
    if (st.complex_of[c] >= 0 && p.complex_spread > 0)
      for (size_t o = 0; o < st.camp_locality.size(); ++o) {
        if (o == c || st.complex_of[o] != st.complex_of[c]) continue;
        society::Exposure e;
        e.topic = UnrestNews;
        e.locality = st.camp_locality[o];
        e.probability = static_cast<float>(p.complex_spread);
        society::expose(w, e);
      }

    if (st.strike_months[c] == 1) {
      w.add_event("repression.camp_commission", Severity::Notable,
                  fmt::format("a commission from Moscow comes to {} to hear the strikers' demands (about {} on strike)", name,
                              people_text(w.people(strikers))),
                  {{"strikers", w.people(strikers)}, {"camp", static_cast<double>(c)}}, name);
      continue;
    }
    const double hardline = w.signals.conservative_pressure - w.signals.leader_reformism;
    const double p_suppress = std::clamp(p.suppress_base + p.suppress_escalation * (st.strike_months[c] - 2) +
                                             p.hardline_weight * hardline - p.legality_restraint * st.legality,
                                         0.0, 1.0);
    const double p_concede = std::clamp(p.concession_chance * (1.0 - hardline), 0.0, 1.0 - p_suppress);
    rng::Draws d = w.draws(kStreamCamp, c);
    const double u = d.uniform();
    // Why the strike ended as it did (io/events.hpp's drivers): how many were out and for how
    // long, the line in Moscow, the steps toward legality, the camp's regime and its hopes.
    const EventData drivers = {{"driver.active_share", share},
                               {"driver.threshold", p.strike_share},
                               {"driver.strike_months", static_cast<double>(st.strike_months[c])},
                               {"driver.hardline", hardline},
                               {"driver.legality", st.legality},
                               {"driver.camp_hardship", st.camp_hardship[c]},
                               {"driver.expectation", st.expectation[c]},
                               {"driver.chance_troops", p_suppress}};
    if (u < p_suppress) {
      suppress(w, st, p, c, strikers, drivers);
    } else if (u < p_suppress + p_concede) {
      const float before = st.camp_hardship[c];
      st.camp_hardship[c] = std::max(static_cast<float>(p.min_camp_hardship), before - static_cast<float>(p.concession_step));
      st.expectation[c] = 0;  // the hopes are met, for now
      w.add_event("repression.camp_concession", Severity::Notable,
                  fmt::format("the strike in {} ends in concessions after {} months: shorter working day, letters, numbers off the clothes", name,
                              st.strike_months[c]),
                  with_drivers({{"hardship_before", before}, {"hardship_after", st.camp_hardship[c]}, {"strikers", w.people(strikers)},
                                {"months", static_cast<double>(st.strike_months[c])}, {"camp", static_cast<double>(c)}},
                               drivers),
                  name);
      end_episode(st, c);
    }
  }
}

// What society feels: hardship in the camps, security forces, fear (submodel 8).
void write_inputs(World& w, State& st, const Params& p, const Month_& m) {
  const auto& geo = w.geo;
  auto& in = w.society.inputs;
  const auto& stats = w.society.stats;
  const float decay = static_cast<float>(det::pow(0.5, 1.0 / p.memory_half_life));
  for (size_t l = 0; l < geo.localities.size(); ++l) {
    const auto& loc = geo.localities[l];
    if (!in_ussr(w, l)) continue;
    if (loc.setting == Setting::Camp) {
      const auto c = static_cast<size_t>(loc.camp);
      float h = st.camp_hardship[c];
      if (geo.camps[c].special_regime && !st.special_regime) h = std::min(h, static_cast<float>(p.camp_hardship));
      const double political_share = st.camp_prisoners[c] > 0 ? st.camp_political[c] / st.camp_prisoners[c] : 0.0;
      h = std::clamp(h + static_cast<float>(p.deprivation_weight * st.deprivation * political_share) + st.expectation[c], 0.0f, 1.0f);
      for (int k = 0; k < kClasses; ++k) in.hardship[l * kClasses + static_cast<size_t>(k)] = h;
      in.security[l] = static_cast<float>(p.camp_security * (st.garrison_months[c] > 0 ? p.garrison_factor : 1.0));
      in.fear[l] = static_cast<float>(std::clamp(p.camp_fear * (1.0 - 0.3 * st.legality) + st.camp_fear_bump[c] + st.exhaustion[c], 0.0, 1.0));
      if (st.garrison_months[c] > 0) --st.garrison_months[c];
      st.camp_fear_bump[c] *= decay;
      continue;
    }
    const double adults = l < stats.size() && stats[l].adults > 0 ? stats[l].adults : std::max<double>(1.0, static_cast<double>(w.society.used_slots[l]));
    st.arrest_memory[l] *= decay;
    st.relief_memory[l] = st.relief_memory[l] * decay + static_cast<float>(1000.0 * m.relief[l] / adults);
    in.security[l] = static_cast<float>(p.security_base * st.security_level);
    const double fear = p.fear_floor + (p.fear_1953 - p.fear_floor) * (1.0 - st.legality) + p.arrest_fear * st.arrest_memory[l] -
                        p.relief_fear * st.relief_memory[l];
    in.fear[l] = static_cast<float>(std::clamp(fear, 0.0, 1.0));
    if (m.returnees[l] > 0) {
      society::Exposure e;
      e.topic = CampTruth;
      e.locality = static_cast<int>(l);
      e.probability = static_cast<float>(std::min(1.0, p.stories_per_returnee * m.returnees[l] / adults));
      society::expose(w, e);
    }
  }
}

// Relative deprivation (Gurr 1970): politicals who watch others walk free while they stay feel it
// as hardship. The gap between the monthly release rates of the other prisoners and of the
// politicals is remembered with the memory half-life.
void update_deprivation(State& st, const Params& p, double political_before, double others_before,
                        double political_released, double others_released) {
  const double gap = std::max(0.0, (others_before > 0 ? others_released / others_before : 0.0) -
                                       (political_before > 0 ? political_released / political_before : 0.0));
  const double d = det::pow(0.5, 1.0 / p.memory_half_life);
  st.deprivation = d * st.deprivation + (1 - d) * gap;
}

void update_crime(World& w, State& st, const Params& p) {
  double people = 0;
  for (size_t l = 0; l < w.geo.localities.size(); ++l)
    if (w.geo.localities[l].setting != Setting::Camp && in_ussr(w, l)) people += static_cast<double>(w.society.used_slots[l]);
  const double d = det::pow(0.5, 1.0 / p.crime_half_life);
  const double rate = people > 0 ? 1000.0 * st.criminal_released_month / people : 0.0;
  st.crime_memory = d * st.crime_memory + (1 - d) * rate;
  const double index = crime_index(st, p);
  if (!st.crime_wave && index > p.crime_wave_index) {
    st.crime_wave = true;
    w.add_event("repression.crime_wave", Severity::Major,
                fmt::format("a crime wave follows the releases: crime about {:.0f}% above its 1953 level", 100 * (index - 1)),
                {{"crime_index", index}});
  } else if (st.crime_wave && index < p.crime_wave_index - 0.1) {
    st.crime_wave = false;
  }
}

void write_signals(World& w, State& st, const Params& p) {
  const auto& c = st.custody;
  double prisoners = 0, political = 0;
  st.camp_prisoners.assign(w.geo.camps.size(), 0.0);
  st.camp_political.assign(w.geo.camps.size(), 0.0);
  // Camp by camp (their blocks make up the custody range), in parallel: the counts are whole
  // numbers, exact in a double in any order.
  w.executor->for_each_index(st.camp_locality.size(), [&](size_t camp) {
    const auto& loc = w.geo.localities[static_cast<size_t>(st.camp_locality[camp])];
    uint64_t held = 0, held_political = 0;
    for (uint64_t off = loc.first_slot - c.first_slot; off < loc.first_slot + loc.slot_count - c.first_slot; ++off) {
      const uint8_t f = c.flags[off];
      held += (f & kHeld) ? 1 : 0;
      held_political += (f & kHeld) && category_of(f) == Political ? 1 : 0;
    }
    st.camp_prisoners[camp] = static_cast<double>(held);
    st.camp_political[camp] = static_cast<double>(held_political);
  });
  for (size_t camp = 0; camp < st.camp_locality.size(); ++camp) {
    prisoners += st.camp_prisoners[camp];
    political += st.camp_political[camp];
  }
  double settlers = 0;
  for (const auto& s : st.settlers) settlers += s.phase == 0 ? 1 : 0;
  st.prisoners = prisoners;
  st.political = political;
  st.settlers_count = settlers;
  auto& sig = w.signals;
  sig.prisoners = w.people(prisoners);
  sig.political_prisoners = w.people(political);
  sig.special_settlers = w.people(settlers);
  sig.released_total = w.people(st.released_total);
  sig.rehabilitated_total = w.people(st.rehabilitated_total);
  sig.crime_index = crime_index(st, p);
}

}  // namespace

// --- parameters --------------------------------------------------------------------------------

void NationDef::describe(ParamVisitor& v) {
  v.value("key", key, {.doc = "identifier used by lift_settlement decisions", .required = true});
  v.value("name", name, {.doc = "name used in the narrative"});
  v.value("people", people, {.doc = "people in special settlements, early 1953", .unit = "people", .min = 0});
  v.value("exile_region", exile_region, {.doc = "region key where they live in exile", .required = true});
  v.value("home_region", home_region, {.doc = "region key they would return to", .required = true});
}

void ForeignGroupDef::describe(ParamVisitor& v) {
  v.value("key", key, {.doc = "identifier used by repatriation decisions", .required = true});
  v.value("name", name, {.doc = "name used in the narrative"});
  v.value("people", people, {.doc = "prisoners, 1953", .unit = "people", .min = 0});
  v.value("camp", camp, {.doc = "camp key where they are held", .required = true});
}

void ComplexDef::describe(ParamVisitor& v) {
  v.value("key", key, {.doc = "identifier of the camp complex", .required = true});
  v.value("name", name, {.doc = "name used in the documentation"});
  v.value("camps", camps, {.doc = "keys of its camps (geography's camp list), separated by spaces", .required = true});
}

// data/camps_complexes.csv, for the camps the geography has: Norilsk's ordinary camp has no key of
// its own yet, so Gorlag stands alone.
std::vector<ComplexDef> Params::default_complexes() {
  return {{"vorkuta", "Vorkuta", "rechlag vorkutlag"}, {"karaganda", "Karaganda and Dzhezkazgan", "steplag karlag"},
          {"kolyma", "Kolyma", "berlag sevvostlag"}};
}

std::vector<NationDef> Params::default_nations() {
  // Zemskov (2003) counts for 1 Jan 1953, scaled to REP-04's 2.7 M; Chechens/Ingush from DEP-04,
  // Kalmyks from DEP-02 less deaths. Not in the record by nation: medium-low confidence.
  return {
      {"germans", "the Soviet Germans", 1225000, "kazakhstan", "volga"},
      {"chechens_ingush", "the Chechens and Ingush", 400000, "kazakhstan", "north_caucasus"},
      {"karachays", "the Karachays", 63000, "kazakhstan", "north_caucasus"},
      {"balkars", "the Balkars", 33000, "central_asia", "north_caucasus"},
      {"kalmyks", "the Kalmyks", 81000, "siberia", "volga"},
      {"crimean_tatars", "the Crimean Tatars", 165000, "central_asia", "ukraine"},
      {"meskhetians", "the Meskhetian Turks, Kurds and Khemshils", 95000, "central_asia", "georgia"},
      {"west_ukrainians", "the deported West Ukrainians", 175000, "siberia", "ukraine"},
      {"balts", "the deported Balts", 140000, "siberia", "baltic"},
      {"kulaks_others", "former kulaks and other settlers", 323000, "urals", "central"},
  };
}

std::vector<ForeignGroupDef> Params::default_foreign_groups() {
  return {{"german_pows", "German prisoners of war", 10000, "central_colonies"},   // DEP-09
          {"japanese", "Japanese detainees", 1047, "sevvostlag"}};                  // DEP-11
}

void Params::describe(ParamVisitor& v) {
  v.value("criminal_short_share", criminal_short_share, {.doc = "of criminal prisoners in 1953: terms of 1-5 years", .min = 0, .max = 1,
      .source = "calibrated so that the REP-03 amnesty covers 1.2-1.35 M"});
  v.value("criminal_mid_share", criminal_mid_share, {.doc = "of criminal prisoners: terms of 6-10 years (the rest 11-25)", .min = 0, .max = 1, .source = "assumed"});
  v.value("grave_share", grave_share, {.doc = "of criminals with terms over 5 years: grave crimes excluded from amnesties", .min = 0, .max = 1, .source = "REP-03 (exclusions); share assumed"});
  v.value("vulnerable_share", vulnerable_share, {.doc = "of criminals: minors, mothers of small children, the sick", .min = 0, .max = 1, .source = "REP-03 (categories); share assumed"});
  v.value("political_25_share", political_25_share, {.doc = "of political prisoners: 25-year terms", .min = 0, .max = 1, .source = "REP-06; share assumed"});
  v.value("political_10_share", political_10_share, {.doc = "of political prisoners: 10-year terms (the rest 5-8)", .min = 0, .max = 1, .source = "REP-06; share assumed"});
  v.value("collaborator_share", collaborator_share, {.doc = "of political prisoners: convicted of collaboration", .min = 0, .max = 1, .source = "REP-08; share assumed"});
  v.list("nation", "deported nations in special settlements", nations);
  v.list("foreign_group", "foreign prisoners who go home when released", foreign_groups);
  v.value("settler_belief_offset", settler_belief_offset, {.doc = "special settlers' belief relative to their neighbours", .min = -1, .max = 1, .source = "assumed"});

  v.value("criminal_sentencing_rate", criminal_sentencing_rate, {.doc = "custodial sentences for ordinary crime at 1953 practice", .unit = "per 1000 people/year", .min = 0, .max = 100,
      .source = "calibrated: keeps the 1953 stock (REP-01, REP-02) steady without decisions"});
  v.value("crime_sentencing_elasticity", crime_sentencing_elasticity, {.doc = "sentences grow as crime_index to this power", .min = 0, .max = 5, .source = "assumed; REP-16"});
  v.value("protest_term_min", protest_term_min, {.doc = "shortest political term for protest", .unit = "years", .min = 0, .max = 25, .source = "REP-18; assumed"});
  v.value("protest_term_max", protest_term_max, {.doc = "longest political term for protest", .unit = "years", .min = 0, .max = 25, .source = "REP-18; assumed"});

  v.value("camp_hardship", camp_hardship, {.doc = "hardship in ordinary camps, 1953", .min = 0, .max = 1, .source = "calibrated"});
  v.value("special_hardship", special_hardship, {.doc = "hardship in special camps, 1953", .min = 0, .max = 1, .source = "calibrated"});
  v.value("min_camp_hardship", min_camp_hardship, {.doc = "concessions cannot bring hardship below this", .min = 0, .max = 1});
  v.value("camp_security", camp_security, {.doc = "guards in view per prisoner", .min = 0, .max = 10, .source = "calibrated"});
  v.value("camp_fear", camp_fear, {.doc = "fear in the camps, 1953", .min = 0, .max = 1});
  v.value("strike_share", strike_share, {.doc = "share of prisoners active that counts as a strike", .min = 0, .max = 1});
  v.value("suppress_base", suppress_base, {.doc = "chance of suppression in a strike's second month (the first is talks)", .min = 0, .max = 1, .source = "assumed"});
  v.value("suppress_escalation", suppress_escalation, {.doc = "added to that chance for each further month", .min = 0, .max = 1, .source = "assumed"});
  v.value("hardline_weight", hardline_weight, {.doc = "chance added per unit of (conservative pressure - leader's reformism)", .min = 0, .max = 5});
  v.value("legality_restraint", legality_restraint, {.doc = "chance removed per unit of legality", .min = 0, .max = 5});
  v.value("suppression_death_share", suppression_death_share, {.doc = "share of strikers killed when troops go in", .min = 0, .max = 1, .source = "assumed"});
  v.value("suppression_extra_years", suppression_extra_years, {.doc = "years added to survivors' terms", .unit = "years", .min = 0, .max = 25});
  v.value("garrison_months", garrison_months, {.doc = "months of reinforced guard after suppression", .unit = "months", .min = 0, .max = 120});
  v.value("garrison_factor", garrison_factor, {.doc = "guards multiplied by this meanwhile", .min = 1, .max = 100});
  v.value("deprivation_weight", deprivation_weight, {.doc = "camp hardship added per unit of the remembered gap between others' and politicals' monthly release rates, times the camp's political share",
      .min = 0, .max = 10, .source = "Gurr 1970 (relative deprivation); weight assumed"});
  v.value("concession_step", concession_step, {.doc = "hardship removed by a concession", .min = 0, .max = 1});
  v.value("concession_chance", concession_chance, {.doc = "monthly chance, from a strike's second month, that the talks end in a concession (times 1 - hardline pressure)", .min = 0, .max = 1, .source = "assumed; CMP-01..03 (every great strike was negotiated before it ended)"});
  v.value("exhaustion_fear", exhaustion_fear, {.doc = "camp fear added for each month on strike (rations cut, cold, isolation)", .min = 0, .max = 1, .source = "assumed; no source gives a rate"});
  v.value("suppression_fear", suppression_fear, {.doc = "camp fear added when troops end a strike (decays with the memory half-life)", .min = 0, .max = 1, .source = "assumed"});
  v.value("expectation_shock", expectation_shock, {.doc = "camp hardship added by news of an arrest or removal at the top (decays with the memory half-life)", .min = 0, .max = 1, .source = "assumed; CMP-02 (Beria's fall known in Rechlag), Applebaum 2003"});
  v.value("expectation_legality", expectation_legality, {.doc = "camp hardship added per unit of legality gained", .min = 0, .max = 5, .source = "assumed; Gurr 1970"});
  v.value("complex_spread", complex_spread, {.doc = "chance a prisoner of another camp of the complex hears of a strike, each month it lasts", .min = 0, .max = 1, .source = "assumed; data/camps_complexes.csv (spread within complexes)"});
  v.list("complex", "camps close enough to hear of each other's strikes", complexes);
  v.value("local_term_min", local_term_min, {.doc = "shortest term a satellite's court gives for protest", .unit = "years", .min = 0, .max = 25, .source = "assumed (GDR 1953: about 1,500 sentenced, most to short terms; Kowalczuk 2003)"});
  v.value("local_term_max", local_term_max, {.doc = "longest such term", .unit = "years", .min = 0, .max = 25, .source = "assumed"});

  v.value("security_base", security_base, {.doc = "security agents in view per free adult, 1953", .min = 0, .max = 1, .source = "calibrated (society)"});
  v.value("fear_1953", fear_1953, {.doc = "fear of repression at Stalin's death", .min = 0, .max = 1, .source = "calibrated"});
  v.value("fear_floor", fear_floor, {.doc = "fear with full legality and no arrests", .min = 0, .max = 1, .source = "assumed"});
  v.value("arrest_fear", arrest_fear, {.doc = "fear per political sentence per 1000 adults (decaying memory)", .min = 0, .max = 10});
  v.value("relief_fear", relief_fear, {.doc = "fear removed per returnee or rehabilitation per 1000 adults (decaying memory)", .min = 0, .max = 10});
  v.value("memory_half_life", memory_half_life, {.doc = "half-life of the memories of arrests and returns", .unit = "months", .min = 1, .max = 600});
  v.value("stories_per_returnee", stories_per_returnee, {.doc = "people a returnee tells about the camps in the month of return", .min = 0, .max = 1000, .source = "assumed (Dobson 2009: returnees' stories)"});

  v.value("crime_half_life", crime_half_life, {.doc = "half-life of the effect of releases on crime", .unit = "months", .min = 1, .max = 600, .source = "assumed"});
  v.value("crime_returnee_share", crime_returnee_share, {.doc = "share of 1953 crime due to recently released convicts", .min = 0, .max = 1, .source = "assumed; REP-03 notes (crime spike)"});
  v.value("crime_wave_index", crime_wave_index, {.doc = "crime index above which a crime wave is reported", .min = 1, .max = 10});
  v.value("return_rate", return_rate, {.doc = "monthly chance that a settler allowed home goes", .unit = "per month", .min = 0, .max = 1,
      .source = "DEP-07: 61% of Kalmyks back in 30 months"});
}

std::span<const DecisionKind> decision_kinds() { return kKinds; }

// --- setup -------------------------------------------------------------------------------------

void init(World& w, const Params& p) {
  auto& st = w.repression;
  st = State{};
  const auto& geo = w.geo;
  const auto& pop = w.society.pop();
  const size_t n_loc = geo.localities.size();
  const size_t n_camps = geo.camps.size();

  // Custody range: the camp blocks.
  uint64_t lo = UINT64_MAX, hi = 0;
  st.camp_locality.assign(n_camps, -1);
  for (size_t l = 0; l < n_loc; ++l) {
    const auto& loc = geo.localities[l];
    if (loc.setting != Setting::Camp) continue;
    st.camp_locality[static_cast<size_t>(loc.camp)] = static_cast<int>(l);
    lo = std::min(lo, loc.first_slot);
    hi = std::max(hi, loc.first_slot + loc.slot_count);
  }
  if (lo == UINT64_MAX) lo = hi = 0;
  auto& c = st.custody;
  c.first_slot = lo;
  c.flags.assign(hi - lo, 0);
  c.term_years.assign(hi - lo, 0);
  c.release_step.assign(hi - lo, kNever);
  c.home.assign(hi - lo, 0);

  st.alt_locality.assign(n_loc, -1);
  for (size_t a = 0; a < n_loc; ++a)
    for (size_t b = 0; b < n_loc; ++b)
      if (a != b && geo.localities[a].region == geo.localities[b].region && geo.localities[a].setting != Setting::Camp &&
          geo.localities[b].setting != Setting::Camp)
        st.alt_locality[a] = static_cast<int>(b);

  // Where prisoners come from: the USSR's free localities by population.
  std::vector<double> cum;
  std::vector<int> home_of;
  double total = 0;
  for (size_t l = 0; l < n_loc; ++l) {
    if (geo.localities[l].setting == Setting::Camp || !in_ussr(w, l)) continue;
    total += geo.localities[l].population;
    cum.push_back(total);
    home_of.push_back(static_cast<int>(l));
  }
  double camp_total = 0;
  st.camp_weight.assign(n_camps, 0.0);
  for (size_t k = 0; k < n_camps; ++k) camp_total += geo.camps[k].prisoners;
  for (size_t k = 0; k < n_camps; ++k) st.camp_weight[k] = camp_total > 0 ? geo.camps[k].prisoners / camp_total : 0.0;

  // The 1953 stock: category from society's political bit, a term, time already served.
  double expiring = 0;
  for (uint64_t off = 0; off < c.size(); ++off) {
    const uint64_t slot = lo + off;
    if (society::status_of(pop.status[slot]) != Status::Imprisoned) continue;
    rng::Draws d(w.seed, kStreamInit, slot, 0);
    const bool political = (pop.status[slot] & society::kPolitical) != 0;
    uint8_t flags = political ? Political : Criminal;
    const int term = political ? political_term(d, p) : criminal_term(d, p);
    if (political && d.uniform() < p.collaborator_share) flags |= kCollaborator;
    if (!political && term > 5 && d.uniform() < p.grave_share) flags |= kGrave;
    if (!political && d.uniform() < p.vulnerable_share) flags |= kVulnerable;
    const int64_t left = static_cast<int64_t>(d.uniform() * term * 12);  // months left: 0 goes this month
    const auto it = std::upper_bound(cum.begin(), cum.end(), d.uniform() * total);
    const int home = cum.empty() ? 0 : home_of[static_cast<size_t>(std::min<ptrdiff_t>(it - cum.begin(), static_cast<ptrdiff_t>(cum.size()) - 1))];
    hold(st, slot, flags, term, left, home);
    if (!political && left < 12) expiring += 1;
  }

  // Foreign prisoners: the first ordinary prisoners of their camp, in slot order.
  for (size_t g = 0; g < p.foreign_groups.size(); ++g) {
    const auto& def = p.foreign_groups[g];
    GroupState gs;
    gs.key = def.key;
    gs.name = def.name;
    st.groups.push_back(gs);
    int camp = -1;
    for (size_t k = 0; k < n_camps; ++k)
      if (geo.camps[k].key == def.camp) camp = static_cast<int>(k);
    if (camp < 0) throw std::runtime_error(fmt::format("repression.foreign_group '{}': unknown camp '{}'", def.key, def.camp));
    auto want = static_cast<uint64_t>(std::llround(def.people / w.scale));
    const auto& loc = geo.localities[static_cast<size_t>(st.camp_locality[static_cast<size_t>(camp)])];
    for (uint64_t s = loc.first_slot; s < loc.first_slot + loc.slot_count && want > 0; ++s) {
      uint8_t& f = c.flags[s - lo];
      if (!(f & kHeld) || category_of(f) != Criminal) continue;
      f = static_cast<uint8_t>(kHeld | Foreign);
      c.home[s - lo] = static_cast<uint16_t>(g);
      c.term_years[s - lo] = 25;
      c.release_step[s - lo] = kNever;
      --want;
    }
  }

  // Special settlers: a share of the people of each exile region take the status.
  for (const auto& def : p.nations) {
    NationState ns;
    ns.key = def.key;
    ns.name = def.name;
    const int home = geo.region_index(def.home_region);
    if (home < 0 || geo.region_index(def.exile_region) < 0)
      throw std::runtime_error(fmt::format("repression.nation '{}': unknown region '{}' or '{}'", def.key, def.exile_region, def.home_region));
    for (size_t l = 0; l < n_loc; ++l) {
      if (geo.localities[l].region != home || geo.localities[l].setting == Setting::Camp) continue;
      if (geo.localities[l].setting == Setting::Rural) ns.home = static_cast<int>(l);
      else ns.home_alt = static_cast<int>(l);
    }
    if (ns.home < 0) std::swap(ns.home, ns.home_alt);
    st.nations.push_back(ns);
  }
  std::vector<std::vector<std::pair<double, int>>> by_region(geo.regions.size());
  for (size_t i = 0; i < p.nations.size(); ++i) {
    const auto r = static_cast<size_t>(geo.region_index(p.nations[i].exile_region));
    const double pop_r = geo.regions[r].population;
    if (pop_r > 0) by_region[r].push_back({p.nations[i].people / pop_r, static_cast<int>(i)});
  }
  const auto offset = static_cast<float>(p.settler_belief_offset);
  for (size_t l = 0; l < n_loc; ++l) {
    const auto& loc = geo.localities[l];
    if (loc.setting == Setting::Camp) continue;
    const auto& shares = by_region[static_cast<size_t>(loc.region)];
    if (shares.empty()) continue;
    for (uint64_t s = loc.first_slot; s < loc.first_slot + loc.slot_count; ++s) {
      if (society::status_of(pop.status[s]) != Status::Free) continue;
      rng::Draws d(w.seed, kStreamSettlers, s, 0);
      double u = d.uniform();
      for (const auto& [share, nation] : shares) {
        // A town's agents stand for fewer people: the same share of people (hook for issue 13).
        if ((u -= share * loc.weight / w.scale) >= 0) continue;
        society::settle(w, s, offset);
        st.settlers.push_back({s, static_cast<uint8_t>(nation), pop.traits[s], 0});
        break;
      }
    }
  }

  st.camp_hardship.assign(n_camps, 0.0f);
  for (size_t k = 0; k < n_camps; ++k)
    st.camp_hardship[k] = static_cast<float>(geo.camps[k].special_regime ? p.special_hardship : p.camp_hardship);
  st.strike_months.assign(n_camps, 0);
  st.episode_peak.assign(n_camps, 0.0);
  st.exhaustion.assign(n_camps, 0.0f);
  st.expectation.assign(n_camps, 0.0f);
  st.complex_of.assign(n_camps, -1);
  for (size_t x = 0; x < p.complexes.size(); ++x) {
    const auto& def = p.complexes[x];
    size_t from = 0;
    while (from < def.camps.size()) {
      const size_t sp = def.camps.find(' ', from);
      const std::string key = def.camps.substr(from, sp == std::string::npos ? std::string::npos : sp - from);
      from = sp == std::string::npos ? def.camps.size() : sp + 1;
      if (key.empty()) continue;
      bool found = false;
      for (size_t k = 0; k < n_camps; ++k)
        if (geo.camps[k].key == key) {
          st.complex_of[k] = static_cast<int>(x);
          found = true;
        }
      if (!found) throw std::runtime_error(fmt::format("repression.complex '{}': unknown camp '{}' in camps", def.key, key));
    }
  }
  st.garrison_months.assign(n_camps, 0);
  st.camp_fear_bump.assign(n_camps, 0.0f);
  st.arrest_memory.assign(n_loc, 0.0f);
  st.relief_memory.assign(n_loc, 0.0f);

  // Crime's reference: the criminal releases expected in the first year.
  double people = 0;
  for (size_t l = 0; l < n_loc; ++l)
    if (geo.localities[l].setting != Setting::Camp && in_ussr(w, l)) people += static_cast<double>(w.society.used_slots[l]);
  st.crime_memory = st.crime_memory_1953 = people > 0 ? 1000.0 * expiring / 12.0 / people : 0.0;

  // Inputs for every locality (the satellites keep these: their own police).
  auto& in = w.society.inputs;
  for (size_t l = 0; l < n_loc; ++l) {
    const bool camp = geo.localities[l].setting == Setting::Camp;
    in.security[l] = static_cast<float>(camp ? p.camp_security : p.security_base);
    in.fear[l] = static_cast<float>(camp ? p.camp_fear : p.fear_1953);
    if (camp)
      for (int k = 0; k < kClasses; ++k)
        in.hardship[l * kClasses + static_cast<size_t>(k)] = st.camp_hardship[static_cast<size_t>(geo.localities[l].camp)];
  }
  write_signals(w, st, p);
}

// --- the month (phase 3) -----------------------------------------------------------------------

void step(World& w, const Params& p) {
  auto& st = w.repression;
  const size_t n_loc = w.geo.localities.size();
  Month_ m{std::vector<double>(n_loc, 0.0), std::vector<double>(n_loc, 0.0)};
  st.released_month = st.criminal_released_month = 0;

  start_amnesties(w, st, p);
  start_repatriations(w, st);
  const double political_before = st.political, others_before = st.prisoners - st.political;
  const double released_before = st.released_total, political_released_before = st.political_released_total;
  custody_pass(w, st, m);
  commissions_pass(w, st, m);
  const double political_released = st.political_released_total - political_released_before;
  update_deprivation(st, p, political_before, others_before, political_released,
                     st.released_total - released_before - political_released);
  local_prisoners_pass(w, st);
  // The satellites' prisoners stay in slot order; only the month's new ones are sorted and merged
  // in (sorting the whole list every month cost more at 1:10 than the rest of the phase).
  const auto held_before = static_cast<std::ptrdiff_t>(st.local_prisoners.size());
  sentence_protesters(w, st, p);
  const auto by_slot = [](const LocalPrisoner& a, const LocalPrisoner& b) { return a.slot < b.slot; };
  std::sort(st.local_prisoners.begin() + held_before, st.local_prisoners.end(), by_slot);
  // Those held before the first newcomer's slot stay where they are: only the rest is merged.
  const auto newcomers = st.local_prisoners.begin() + held_before;
  if (newcomers != st.local_prisoners.end())
    std::inplace_merge(std::lower_bound(st.local_prisoners.begin(), newcomers, *newcomers, by_slot), newcomers, st.local_prisoners.end(), by_slot);
  sentence_criminals(w, st, p);
  settlers_pass(w, st, p, m);
  update_expectations(w, st, p);
  camp_resistance(w, st, p);
  update_crime(w, st, p);
  write_inputs(w, st, p, m);

  // Amnesties and repatriations that finished this month.
  for (auto& a : st.amnesties) {
    if (!a.applied || w.step != a.first_step + a.months) continue;
    w.add_event("repression.amnesty", Severity::Major,
                fmt::format("the amnesty has been carried out: about {} prisoners released", people_text(w.people(a.released))),
                {{"released", w.people(a.released)}, {"eligible", w.people(a.eligible)}}, a.id);
  }
  for (auto& g : st.groups) {
    if (!g.ordered || g.reported || w.step < g.first_step + g.months - 1) continue;
    g.reported = true;
    w.add_event("repression.repatriation", Severity::Notable,
                fmt::format("{} go home: {} repatriated", g.name, people_text(w.people(g.repatriated))),
                {{"repatriated", w.people(g.repatriated)}}, g.name);
  }
  write_signals(w, st, p);
}

void record(const World& w, IndicatorRow& row) {
  const auto& st = w.repression;
  const auto& s = w.signals;
  row.add("repression.prisoners", s.prisoners);
  row.add("repression.political_prisoners", s.political_prisoners);
  row.add("repression.special_settlers", s.special_settlers);
  row.add("repression.released_total", s.released_total);
  row.add("repression.rehabilitated_total", s.rehabilitated_total);
  row.add("repression.crime_index", s.crime_index);
  row.add("repression.amnestied_total", w.people(st.amnestied_total));
  row.add("repression.settlers_freed_total", w.people(st.settlers_freed_total));
  row.add("repression.returned_total", w.people(st.returned_total));
  row.add("repression.repatriated_total", w.people(st.repatriated_total));
  row.add("repression.sentenced_political_total", w.people(st.sentenced_political_total));
  row.add("repression.sentenced_criminal_total", w.people(st.sentenced_criminal_total));
  row.add("repression.deaths_in_custody_total", w.people(st.deaths_total + st.killed_total));
  double hardship = 0, weight = 0;
  for (size_t c = 0; c < st.camp_hardship.size(); ++c) {
    hardship += st.camp_hardship[c] * w.geo.camps[c].prisoners;
    weight += w.geo.camps[c].prisoners;
  }
  row.add("repression.camp_hardship", weight > 0 ? hardship / weight : 0.0);
  row.add("repression.legality", st.legality);
  double fear = 0, people = 0;
  for (size_t l = 0; l < w.geo.localities.size(); ++l) {
    if (w.geo.localities[l].setting == Setting::Camp || !in_ussr(w, l)) continue;
    fear += w.society.inputs.fear[l] * static_cast<double>(w.society.used_slots[l]);
    people += static_cast<double>(w.society.used_slots[l]);
  }
  row.add("repression.fear", people > 0 ? fear / people : 0.0);
}

void checksum(const World& w, Checksum& sum) {
  const auto& st = w.repression;
  sum.add(std::span<const uint8_t>(st.custody.flags));
  sum.add(std::span<const uint8_t>(st.custody.term_years));
  sum.add(std::span<const int16_t>(st.custody.release_step));
  sum.add(std::span<const uint16_t>(st.custody.home));
  for (const auto& s : st.settlers) {
    sum.add(s.slot);
    sum.add(s.phase);
  }
  sum.add(std::span<const float>(st.camp_hardship));
  sum.add(std::span<const float>(st.expectation));
  sum.add(std::span<const int>(st.strike_months));
  for (const auto& lp : st.local_prisoners) {
    sum.add(lp.slot);
    sum.add(lp.release_step);
  }
  sum.add(std::span<const float>(st.arrest_memory));
  sum.add(std::span<const float>(st.relief_memory));
}

}  // namespace thaw::model::repression
