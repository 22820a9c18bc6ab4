// The Party and elite politics. ODD: docs/odd/elite.md ("Submodels" names each rule below).
//
// Grounding: selectorate theory (Bueno de Mesquita, Smith, Siverson & Morrow 2003, The Logic of
// Political Survival) for the CC's backing of the leader: a client values his patron's survival by
// the private goods he expects to keep, against his chance W/S of a place in a challenger's
// coalition; and Bueno de Mesquita's expected-utility model of political choice (1985, "The war
// trap revisited", APSR 79; 2002, Predicting Politics) for whether a member moves against the
// leader: EU = P(success) x gain - (1 - P(success)) x cost of failure, with P estimated, not known.
#include "model/elite/elite.hpp"

#include "engine/detmath.hpp"
#include "engine/distributions.hpp"
#include "model/thaw/world.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace thaw::model::elite {

namespace {

constexpr std::string_view kBaseNames[] = {"apparatus", "ministries", "security", "army"};
constexpr std::string_view kRankNames[] = {"full", "candidate", "pool"};
constexpr double kSovnarkhozFull = 105;  // councils at the start of the reform (ELI-01)

Base base_of(const std::string& s) {
  for (int b = 0; b < kBases; ++b)
    if (kBaseNames[b] == s) return static_cast<Base>(b);
  return Base::Apparatus;
}

Rank rank_of(const std::string& s) {
  if (s == "candidate") return Rank::Candidate;
  if (s == "pool") return Rank::Pool;
  return Rank::Full;
}

double logistic(double z) { return 1.0 / (1.0 + det::exp(-z)); }
double logit(double p) {
  p = std::clamp(p, 1e-6, 1 - 1e-6);
  return det::log(p / (1 - p));
}
double normal_cdf(double z) { return 0.5 * det::erfc(-z / std::sqrt(2.0)); }

// P(sum of independent Bernoulli(p_i) > half of n): a normal approximation, exact at the limits.
double majority_chance(double mean, double var, int n) {
  const double need = std::floor(n / 2.0) + 0.5;  // strictly more than half
  if (var < 1e-9) return mean > need ? 1.0 : 0.0;
  return normal_cdf((mean - need) / std::sqrt(var));
}

int find_member(const State& s, std::string_view name) {
  for (size_t i = 0; i < s.members.size(); ++i)
    if (s.members[i].name == name) return static_cast<int>(i);
  return -1;
}

const std::string& name_of(const State& s, int m) {
  static const std::string collective = "the collective leadership";
  return m < 0 ? collective : s.members[static_cast<size_t>(m)].name;
}

std::vector<int> full_members(const State& s) {
  std::vector<int> out;
  for (size_t i = 0; i < s.members.size(); ++i)
    if (s.members[i].rank == Rank::Full) out.push_back(static_cast<int>(i));
  return out;
}

// What people know of the crimes of the past (the Secret Speech, returnees' accounts of the camps):
// complicity becomes a liability in proportion (BRIEF, mechanism 4).
double revelation(const World& w) {
  const auto& t = w.signals.topic_informed;
  if (t.size() < kTopics) return 0;
  return std::clamp(t[SecretSpeech] + 0.5 * t[CampTruth], 0.0, 1.0);
}

// How far a leader of this outlook would push the reckoning with the past: nothing for a
// hardliner or a middle-of-the-road man, fully for a thorough reformer.
double reform_drive(double reformism) { return std::clamp(2 * reformism - 1, 0.0, 1.0); }

double decentralisation(const World& w) {
  const int councils = std::max(sovnarkhoz_councils(w), w.elite.sovnarkhoz_stub);
  return std::clamp(councils / kSovnarkhozFull, 0.0, 1.0);
}

std::string list_names(const State& s, const std::vector<int>& ms) {
  std::string out;
  for (size_t i = 0; i < ms.size(); ++i) {
    if (i > 0) out += i + 1 == ms.size() ? " and " : ", ";
    out += name_of(s, ms[i]);
  }
  return out;
}

// A new holder of a seat: the appointer's client, of roughly his outlook, younger and less
// implicated in the purges than the men he replaces.
void refill(World& w, size_t seat, int appointer, double client_chance, rng::Draws& d) {
  auto& st = w.elite;
  auto& s = st.cc[seat];
  const double x = appointer >= 0 ? st.members[static_cast<size_t>(appointer)].reformism : 0.5;
  // Not every appointee is the appointer's man: many come with networks of their own.
  s.patron = d.chance(client_chance) ? appointer : -1;
  s.reformism = static_cast<float>(std::clamp(0.5 * x + 0.5 * d.uniform(), 0.0, 1.0));
  s.complicity = static_cast<float>(0.3 * d.uniform());
  s.grievance = st.party_split && s.regional ? s.grievance : 0.0f;
  s.since = static_cast<int32_t>(w.step);
}

int appointer(const State& st) {
  if (st.leader >= 0) return st.leader;
  if (st.secretariat >= 0 && st.members[static_cast<size_t>(st.secretariat)].rank == Rank::Full) return st.secretariat;
  return -1;
}

void orphan_clients(State& st, int m) {
  for (auto& s : st.cc)
    if (s.patron == m) s.patron = -1;
  for (auto& o : st.members)
    if (o.patron == m) o.patron = -1;
}

void remove_member(State& st, int m, Rank how) {
  st.members[static_cast<size_t>(m)].rank = how;
  orphan_clients(st, m);
  if (st.secretariat == m) st.secretariat = -1;
}

void publish(World& w, const Params& p);

}  // namespace

// ---------------------------------------------------------------------------------------------
// Parameters

void MemberDef::describe(ParamVisitor& v) {
  v.value("name", name, {.doc = "as the scenario refers to him (if_leader, purge, promote)", .required = true});
  v.value("base", base, {.doc = "where his power comes from", .choices = kBaseNames});
  v.value("rank", rank, {.doc = "full or candidate member of the Presidium in March 1953, or in the pool of risers", .choices = kRankNames});
  v.value("patron", patron, {.doc = "whose client he is, if anyone's"});
  v.value("reformism", reformism, {.doc = "0 hardline .. 1 reformer", .min = 0, .max = 1, .source = "docs/odd/elite.md, table of members"});
  v.value("complicity", complicity, {.doc = "part in past purges, a liability once revealed", .min = 0, .max = 1});
  v.value("ambition", ambition, {.doc = "value he sets on the top office", .min = 0, .max = 1});
  v.value("standing", standing, {.doc = "personal weight within his base", .min = 0, .max = 1});
  v.value("clients", clients, {.doc = "share of the 1953 CC who are his clients", .min = 0, .max = 1});
}

std::vector<MemberDef> default_members() {
  // name, base, rank, patron, reformism, complicity, ambition, standing, clients. Estimates from
  // the biographies (docs/odd/elite.md gives the reasons); all uncertain to +-0.2.
  return {
      {"Malenkov", "ministries", "full", "", 0.55, 0.7, 0.8, 0.9, 0.16},
      {"Beria", "security", "full", "", 0.6, 1.0, 0.95, 0.9, 0.07},
      {"Molotov", "ministries", "full", "", 0.1, 0.8, 0.6, 0.8, 0.05},
      {"Khrushchev", "apparatus", "full", "", 0.75, 0.5, 0.9, 0.6, 0.15},
      {"Bulganin", "army", "full", "", 0.45, 0.3, 0.4, 0.6, 0.05},
      {"Kaganovich", "ministries", "full", "", 0.1, 0.9, 0.5, 0.6, 0.05},
      {"Voroshilov", "ministries", "full", "", 0.2, 0.7, 0.2, 0.5, 0.03},
      {"Mikoyan", "ministries", "full", "", 0.7, 0.4, 0.3, 0.6, 0.03},
      {"Saburov", "ministries", "full", "", 0.4, 0.1, 0.3, 0.4, 0.03},
      {"Pervukhin", "ministries", "full", "", 0.4, 0.1, 0.3, 0.4, 0.03},
      {"Shvernik", "apparatus", "candidate", "", 0.5, 0.3, 0.2, 0.3, 0},
      {"Ponomarenko", "apparatus", "candidate", "", 0.4, 0.3, 0.3, 0.3, 0},
      {"Bagirov", "security", "candidate", "Beria", 0.2, 0.9, 0.4, 0.3, 0},
      {"Zhukov", "army", "pool", "", 0.5, 0.1, 0.6, 0.8, 0},
      {"Suslov", "apparatus", "pool", "", 0.15, 0.5, 0.3, 0.6, 0},
      {"Kirichenko", "apparatus", "pool", "Khrushchev", 0.55, 0.2, 0.6, 0.5, 0},
      {"Shepilov", "apparatus", "pool", "Khrushchev", 0.5, 0.1, 0.5, 0.4, 0},
      {"Furtseva", "apparatus", "pool", "Khrushchev", 0.6, 0.1, 0.4, 0.4, 0},
      {"Brezhnev", "apparatus", "pool", "Khrushchev", 0.4, 0.1, 0.6, 0.4, 0},
      {"Kozlov", "apparatus", "pool", "Khrushchev", 0.3, 0.2, 0.6, 0.4, 0},
      {"Podgorny", "apparatus", "pool", "Khrushchev", 0.45, 0.1, 0.5, 0.4, 0},
      {"Polyansky", "apparatus", "pool", "Khrushchev", 0.4, 0.05, 0.6, 0.3, 0},
      {"Aristov", "apparatus", "pool", "Khrushchev", 0.5, 0.2, 0.3, 0.3, 0},
      {"Kosygin", "ministries", "pool", "", 0.6, 0.2, 0.3, 0.5, 0},
      {"Kuusinen", "apparatus", "pool", "", 0.6, 0.4, 0.1, 0.3, 0},
      {"Shelepin", "security", "pool", "", 0.2, 0.1, 0.8, 0.4, 0},
  };
}

void Params::describe(ParamVisitor& v) {
  v.list("member", "named members of the Presidium and the pool of risers", members);
  v.value("secretariat", secretariat, {.doc = "who runs the CC Secretariat (appointments) at the start", .source = "SUC-02"});
  v.value("cc_size", cc_size, {.doc = "full members of the Central Committee at the start", .unit = "members", .min = 5, .max = 1000, .source = "ELI-10 (janda: 125-175 full members)"});
  v.value("regional_share", regional_share, {.doc = "regional party secretaries among CC full members", .min = 0, .max = 1, .source = "Hough & Fainsod 1979, ch. 12 (about two fifths to a half); uncertain"});
  v.value("appointment_rate", appointment_rate, {.doc = "monthly chance that a CC member's post is refilled by the Secretariat", .unit = "1/month", .min = 0, .max = 0.2, .source = "Hough & Fainsod 1979 (large turnover of obkom secretaries 1953-56); calibrate"});
  v.value("loyalty_base", loyalty_base, {.doc = "incumbency: utility of backing the sitting leader when nothing else counts", .unit = "utility", .min = 0, .max = 5});
  v.value("w_patronage", w_patronage, {.doc = "weight of a client's stake in his patron's survival", .unit = "utility", .min = 0, .max = 10, .source = "Bueno de Mesquita et al. 2003 (loyalty norm)"});
  v.value("w_follow", w_follow, {.doc = "how closely a client follows his patron's stance", .unit = "utility", .min = 0, .max = 10});
  v.value("winning_share", winning_share, {.doc = "W/S: a defector's chance of a place in a new winning coalition", .min = 0, .max = 1, .source = "Bueno de Mesquita et al. 2003; a majority of the plenum"});
  v.value("discount", discount, {.doc = "discount rate of future private goods", .unit = "1/month", .min = 0.0001, .max = 1});
  v.value("horizon", horizon, {.doc = "months over which a member weighs his tenure", .unit = "months", .min = 1, .max = 240});
  v.value("w_tenure", w_tenure, {.doc = "cost of the added risk of losing one's post (rotation)", .unit = "utility", .min = 0, .max = 10, .source = "ELI-09 (rotation resented)"});
  v.value("w_ideology", w_ideology, {.doc = "cost of distance in reformism from the leader", .unit = "utility", .min = 0, .max = 10});
  v.value("w_complicity", w_complicity, {.doc = "fear of a reforming leader by the complicit, times revelation", .unit = "utility", .min = 0, .max = 10, .source = "BRIEF mechanism 4; ELI-03"});
  v.value("w_decentral", w_decentral, {.doc = "regional secretaries' gain (ministries' loss) from the regional councils", .unit = "utility", .min = 0, .max = 10, .source = "ELI-01"});
  v.value("w_failure", w_failure, {.doc = "blame for policy failures (harvests, riots, humiliations)", .unit = "utility", .min = 0, .max = 10, .source = "ELI-13"});
  v.value("split_grievance", split_grievance, {.doc = "regional secretaries' resentment of the party split", .unit = "utility", .min = 0, .max = 10, .source = "ELI-11"});
  v.value("grievance_half_life", grievance_half_life, {.doc = "half-life of a grievance", .unit = "months", .min = 1, .max = 1000});
  v.value("failure_half_life", failure_half_life, {.doc = "half-life of the memory of failures", .unit = "months", .min = 1, .max = 1000});
  v.value("harvest_scale", harvest_scale, {.doc = "harvest shortfall that counts as one failure", .unit = "share", .min = 0.01, .max = 1});
  v.value("expectation_half_life", expectation_half_life, {.doc = "half-life of the level of unrest the leadership has come to expect", .unit = "months", .min = 1, .max = 1000});
  v.value("unrest_scale", unrest_scale, {.doc = "localities in unrest that count as one failure", .unit = "localities", .min = 0.1, .max = 1000});
  v.value("vote_sharpness", vote_sharpness, {.doc = "logistic slope of a vote on the utility difference", .unit = "1/utility", .min = 0.1, .max = 50});
  v.value("w_selectorate", w_selectorate, {.doc = "how much Presidium members weigh the leader's backing in the CC", .unit = "utility", .min = 0, .max = 10, .source = "Bueno de Mesquita et al. 2003"});
  v.value("w_dominance", w_dominance, {.doc = "fear, in a member who is not the leader's client, of a leader who has packed the CC (times the share of his clients)", .unit = "utility", .min = 0, .max = 10, .source = "Bueno de Mesquita 1985 (expected change of the status quo)"});
  v.value("w_office", w_office, {.doc = "value of the top office to a fully ambitious man", .unit = "utility", .min = 0, .max = 10});
  v.value("w_credit", w_credit, {.doc = "bond among those who carried a move together", .unit = "utility", .min = 0, .max = 10});
  v.value("expulsion_cost", expulsion_cost, {.doc = "cost of a failed move against the leader, times (1 + standing)", .unit = "utility", .min = 0, .max = 20, .source = "ELI-03 (losers expelled, not shot)"});
  v.value("bid_cost", bid_cost, {.doc = "cost of a failed bid for the vacant top office", .unit = "utility", .min = 0, .max = 20});
  v.value("estimate_sd", estimate_sd, {.doc = "error of a member's estimate of a move's odds, on the logit scale", .min = 0, .max = 5, .source = "Bueno de Mesquita 1985 (perceived probabilities)"});
  v.value("move_chance", move_chance, {.doc = "monthly chance of an occasion to act (a session, the leader away)", .unit = "1/month", .min = 0, .max = 1});
  v.value("absence", absence, {.doc = "chance that a member misses a session", .min = 0, .max = 0.5});
  v.value("client_chance", client_chance, {.doc = "chance that a post filled by the Secretariat goes to its client", .min = 0, .max = 1, .source = "Willerton 1992 (patronage networks); calibrate"});
  v.value("plenum_foresight", plenum_foresight, {.doc = "weight members give to the plenum's verdict when judging a move's odds", .min = 0, .max = 1, .source = "ELI-02, ELI-03; calibrate"});
  v.value("w_clients", w_clients, {.doc = "power from CC clients (share of the CC) relative to standing", .min = 0, .max = 10});
  v.value("security_threat", security_threat, {.doc = "weight of control of the security police in the threat a member poses", .min = 0, .max = 10, .source = "SUC-05"});
  v.value("w_fear", w_fear, {.doc = "how much members fear a threatening colleague", .unit = "utility", .min = 0, .max = 10});
  v.value("arrest_cost", arrest_cost, {.doc = "cost of a failed arrest (the target strikes back)", .unit = "utility", .min = 0, .max = 20});
  v.value("presidium_target", presidium_target, {.doc = "full seats a First Secretary fills by promotion", .unit = "members", .min = 3, .max = 40, .source = "ELI-10 (about 11 full members)"});
}

// ---------------------------------------------------------------------------------------------
// The rules

namespace {
// Until the economy mechanism's State has the field, the councils read 0.
template <class Economy>
int councils_of(const Economy& e) {
  if constexpr (requires { e.sovnarkhoz_councils; })
    return static_cast<int>(e.sovnarkhoz_councils);
  else
    return 0;
}
}  // namespace

int sovnarkhoz_councils(const World& world) { return councils_of(world.economy); }

double leader_position(const World& w, const Params& p, int leader) {
  const auto& st = w.elite;
  if (leader >= 0) return st.members[static_cast<size_t>(leader)].reformism;
  double sum = 0, weight = 0;
  for (int m : full_members(st)) {
    const double pw = power(w, p, m);
    sum += pw * st.members[static_cast<size_t>(m)].reformism;
    weight += pw;
  }
  return weight > 0 ? sum / weight : 0.5;
}

double power(const World& w, const Params& p, int member) {
  const auto& st = w.elite;
  size_t clients = 0;
  for (const auto& s : st.cc) clients += s.patron == member;
  const double share = st.cc.empty() ? 0.0 : static_cast<double>(clients) / static_cast<double>(st.cc.size());
  return st.members[static_cast<size_t>(member)].standing + p.w_clients * share;
}

double seat_hazard(const World& w, const Params& p, int seat) {
  const auto& st = w.elite;
  const auto& s = st.cc[static_cast<size_t>(seat)];
  const double rotation = s.regional ? st.rotation_regional / st.rotation_regional_term : st.rotation_cc / st.rotation_term;
  return p.appointment_rate + rotation;
}

double insecurity(const World& w, const Params& p, int seat) {
  return 1 - det::exp(-seat_hazard(w, p, seat) * p.horizon);
}

namespace {

// Selectorate loyalty premium (Bueno de Mesquita et al. 2003, ch. 3): a client keeps his private
// goods for an expected 1/(h + discount) months under his patron; a defector gets a place in the
// new coalition with chance W/S, for a tenure a new leader would make normal again.
double loyalty_premium(const Params& p, double hazard) {
  const double stay = 1 / (hazard + p.discount);
  const double fresh = 1 / (p.appointment_rate + p.discount);
  return p.w_patronage * (stay / fresh - p.winning_share);
}

double tenure_cost(const Params& p, double hazard) {
  const double normal = 1 - det::exp(-p.appointment_rate * p.horizon);
  return p.w_tenure * ((1 - det::exp(-hazard * p.horizon)) - normal);
}

double loyal_share(const State& st, int leader) {
  if (st.cc.empty() || leader < 0) return 0;
  size_t n = 0;
  for (const auto& s : st.cc) n += s.patron == leader;
  return static_cast<double>(n) / static_cast<double>(st.cc.size());
}

double regional_grievance(const State& st) {
  double sum = 0;
  size_t n = 0;
  for (const auto& s : st.cc)
    if (s.regional) sum += s.grievance, ++n;
  return n > 0 ? sum / static_cast<double>(n) : 0.0;
}

double presidium_hazard(const State& st, const Params& p) {
  return p.appointment_rate + st.rotation_cc / st.rotation_term;
}

}  // namespace

double member_utility(const World& w, const Params& p, int m, int leader) {
  const auto& st = w.elite;
  const auto& me = st.members[static_cast<size_t>(m)];
  const bool incumbent = leader == st.leader;
  // Loyalty is owed to a man in office, not to an arrangement (the collective leadership).
  double u = incumbent && leader >= 0 ? p.loyalty_base : 0.0;
  if (leader == m) return u + p.w_office * me.ambition;
  const double x = leader_position(w, p, leader);
  if (leader >= 0) {
    const double hazard = presidium_hazard(st, p);
    if (me.patron == leader) u += loyalty_premium(p, hazard);
    if (!me.credit.empty() && me.credit[static_cast<size_t>(leader)]) u += p.w_credit;
    if (incumbent) {
      u -= tenure_cost(p, hazard);
      // The shadow of the future: a leader who has packed the CC can drop those who are not his
      // men whenever he likes (Bueno de Mesquita 1985: the status quo is not static).
      if (me.patron != leader) u -= p.w_dominance * loyal_share(st, leader);
      // The regional councils strip the ministries of their industry (ELI-01): the ministers'
      // men in the Presidium hold it against the leader who made the reform.
      if (me.base == Base::Ministries) u -= p.w_decentral * decentralisation(w);
      // The apparatus men speak for the regional secretaries and share their grievances (ELI-11).
      if (me.base == Base::Apparatus) u -= regional_grievance(st);
    }
  }
  u -= p.w_ideology * std::abs(me.reformism - x);
  u -= p.w_complicity * me.complicity * revelation(w) * reform_drive(x);
  if (incumbent) {
    u -= p.w_failure * st.failure;
    // Presidium members answer to the CC too: a leader the selectorate no longer backs is a
    // liability to those who stand by him (Bueno de Mesquita et al. 2003).
    if (leader >= 0) u += p.w_selectorate * (st.support - 0.5);
  }
  return u;
}

double seat_utility(const World& w, const Params& p, int seat, int leader) {
  const auto& st = w.elite;
  const auto& s = st.cc[static_cast<size_t>(seat)];
  const bool incumbent = leader == st.leader;
  double u = incumbent && leader >= 0 ? p.loyalty_base : 0.0;
  const double x = leader_position(w, p, leader);
  const double hazard = seat_hazard(w, p, seat);
  if (leader >= 0) {
    if (s.patron == leader) u += loyalty_premium(p, incumbent ? hazard : p.appointment_rate);
    if (incumbent) {
      // The regional councils are the sitting leader's gift to regional secretaries and his blow
      // to the ministries (ELI-01).
      const double d = decentralisation(w);
      if (s.regional) u += p.w_decentral * d;
      else if (s.base == Base::Ministries) u -= p.w_decentral * d;
    }
  }
  if (incumbent) {
    u -= tenure_cost(p, hazard);
    u -= p.w_failure * st.failure;
    u -= s.grievance;
  }
  u -= p.w_ideology * std::abs(s.reformism - x);
  u -= p.w_complicity * s.complicity * revelation(w) * reform_drive(x);
  return u;
}

namespace {

// A client follows his patron's stance in the Presidium: for `to` against `from` as far as the
// patron prefers it (only a sitting full member has a stance that counts).
double follow(const World& w, const Params& p, int seat, int from, int to) {
  const auto& st = w.elite;
  const int patron = st.cc[static_cast<size_t>(seat)].patron;
  if (patron < 0 || patron == from || patron == to || st.members[static_cast<size_t>(patron)].rank != Rank::Full) return 0;
  return p.w_follow * det::tanh(member_utility(w, p, patron, to) - member_utility(w, p, patron, from));
}

}  // namespace

double backing(const World& w, const Params& p, int seat, int leader) {
  // Against nobody in particular: the patron's stance is his own utility of this leader relative
  // to the incumbency he grants any leader.
  const auto& st = w.elite;
  const int patron = st.cc[static_cast<size_t>(seat)].patron;
  double z = seat_utility(w, p, seat, leader);
  if (leader >= 0 && patron >= 0 && patron != leader && st.members[static_cast<size_t>(patron)].rank == Rank::Full)
    z += p.w_follow * det::tanh(member_utility(w, p, patron, leader) - (leader == st.leader ? p.loyalty_base : 0.0));
  return logistic(p.vote_sharpness * z);
}

namespace {

// Chance that member j votes to replace `from` by `to`.
double vote_for(const World& w, const Params& p, int j, int from, int to) {
  return logistic(p.vote_sharpness * (member_utility(w, p, j, to) - member_utility(w, p, j, from)));
}
// Chance that CC seat s backs `to` against `from` in the plenum.
double plenum_for(const World& w, const Params& p, int s, int from, int to) {
  return logistic(p.vote_sharpness * (seat_utility(w, p, s, to) - seat_utility(w, p, s, from) + follow(w, p, s, from, to)));
}

// The chance a move from `from` to `to` led by `ringleader` carries both the Presidium and the plenum.
double true_success(const World& w, const Params& p, int ringleader, int from, int to) {
  const auto& st = w.elite;
  const auto full = full_members(st);
  double mean = 0, var = 0;
  for (int j : full) {
    double q = j == ringleader || j == to ? 1.0 : j == from ? 0.0 : vote_for(w, p, j, from, to);
    mean += q;
    var += q * (1 - q);
  }
  const double presidium = majority_chance(mean, var, static_cast<int>(full.size()));
  mean = var = 0;
  for (size_t s = 0; s < st.cc.size(); ++s) {
    const double q = plenum_for(w, p, static_cast<int>(s), from, to);
    mean += q;
    var += q * (1 - q);
  }
  const double plenum = majority_chance(mean, var, static_cast<int>(st.cc.size()));
  // The Presidium was used to deciding for the CC: its members weigh the plenum's verdict only
  // partly (bounded foresight; the June 1957 majority did not expect an appeal, ELI-02/03).
  return presidium * (1 - p.plenum_foresight * (1 - plenum));
}

// The successor a coalition against the leader would rally to: the member the most colleagues
// would vote for against the leader, weighted by his power (ties to the lower index).
int rallying_candidate(const World& w, const Params& p) {
  const auto& st = w.elite;
  const auto full = full_members(st);
  int best = -1;
  double best_score = -1e300;
  for (int k : full) {
    if (k == st.leader) continue;
    if (st.leader < 0 && st.members[static_cast<size_t>(k)].base != Base::Apparatus && k != st.secretariat) continue;
    double score = power(w, p, k);
    for (int j : full)
      if (j != st.leader && j != k) score += vote_for(w, p, j, st.leader, k);
    if (score > best_score) best_score = score, best = k;
  }
  return best;
}

}  // namespace

Move best_move(const World& w, const Params& p) {
  const auto& st = w.elite;
  Move best;
  best.utility = -1e300;
  const auto full = full_members(st);
  if (full.size() < 3) return best;
  const int rally = rallying_candidate(w, p);
  const bool vacant = st.leader < 0;
  for (int r : full) {
    if (r == st.leader) continue;
    const auto& me = st.members[static_cast<size_t>(r)];
    // While the top office is vacant, only a man of the Secretariat can bid for it (the First
    // Secretary heads it), and he bids for himself.
    if (vacant && me.base != Base::Apparatus && r != st.secretariat) continue;
    auto d = w.draws(rng::stream_id("elite.estimate"), static_cast<uint64_t>(r));
    const double noise = dist::normal(d, 0.0, p.estimate_sd);
    const int candidates[2] = {r, vacant ? r : rally};
    for (int to : candidates) {
      if (to < 0) continue;
      const double gain = member_utility(w, p, r, to) - member_utility(w, p, r, st.leader);
      if (gain <= 0) continue;
      const double success = logistic(logit(true_success(w, p, r, st.leader, to)) + noise);
      const double cost = vacant ? p.bid_cost : p.expulsion_cost * (1 + me.standing);
      const double eu = success * gain - (1 - success) * cost;
      if (eu > best.utility) best = {r, to, success, eu};
    }
  }
  return best;
}

namespace {

void set_leader(World& w, const Params& p, int leader) {
  auto& st = w.elite;
  st.leader = leader;
  if (leader >= 0) st.secretariat = leader;
  st.failure = 0;  // a new man starts with a clean record
  publish(w, p);
}

void give_credit(State& st, const std::vector<int>& group) {
  for (int a : group)
    for (int b : group)
      if (a != b) st.members[static_cast<size_t>(a)].credit[static_cast<size_t>(b)] = 1;
}

Tally plenum_vote(World& w, const Params& p, int from, int to, std::vector<uint8_t>* for_to = nullptr) {
  Tally t;
  const auto& st = w.elite;
  if (for_to) for_to->assign(st.cc.size(), 0);
  for (size_t s = 0; s < st.cc.size(); ++s) {
    auto d = w.draws(rng::stream_id("elite.plenum"), s);
    if (d.chance(p.absence)) continue;
    ++t.present;
    const bool yes = d.chance(plenum_for(w, p, static_cast<int>(s), from, to));
    t.yes += yes;
    t.no += !yes;
    if (for_to) (*for_to)[s] = yes;
  }
  return t;
}

}  // namespace

Outcome run_move(World& w, const Params& p, const Move& move) {
  auto& st = w.elite;
  Outcome out;
  const int from = st.leader, to = move.successor;
  if (to < 0) return out;
  ++st.challenges;
  const auto full = full_members(st);
  std::vector<int> ayes;
  for (int j : full) {
    auto d = w.draws(rng::stream_id("elite.vote"), static_cast<uint64_t>(j));
    const bool must = j == move.ringleader || j == from || j == to;
    if (!must && d.chance(p.absence)) continue;
    ++out.presidium.present;
    const bool yes = j == from ? false : (j == move.ringleader || j == to) ? true : d.chance(vote_for(w, p, j, from, to));
    if (yes) ayes.push_back(j);
    out.presidium.yes += yes;
    out.presidium.no += !yes;
  }
  out.presidium_carried = 2 * out.presidium.yes > out.presidium.present;
  const std::string& from_name = name_of(st, from);
  const std::string& to_name = name_of(st, to);
  const std::vector<std::pair<std::string, double>> pres_data = {
      {"for", out.presidium.yes}, {"against", out.presidium.no}, {"present", out.presidium.present}};

  if (from < 0) {
    // A bid for the vacant office of First Secretary.
    w.add_event("elite.nomination", Severity::Notable,
                out.presidium_carried
                    ? fmt::format("the Presidium votes {}–{} to propose {} as First Secretary", out.presidium.yes, out.presidium.no, to_name)
                    : fmt::format("a motion to propose {} as First Secretary fails in the Presidium, {}–{}", to_name, out.presidium.yes,
                                  out.presidium.no),
                pres_data, to_name);
    if (!out.presidium_carried) return out;
    out.plenum = plenum_vote(w, p, from, to);
    if (2 * out.plenum.yes > out.plenum.present) {
      out.removed = true;
      give_credit(st, ayes);
      set_leader(w, p, to);
      w.add_event("elite.first_secretary", Severity::Major,
                  fmt::format("the Central Committee plenum elects {} First Secretary, {} votes to {}; the collective leadership ends",
                              to_name, out.plenum.yes, out.plenum.no),
                  {{"for", out.plenum.yes}, {"against", out.plenum.no}, {"present", out.plenum.present}}, to_name);
    } else {
      w.add_event("elite.plenum", Severity::Notable,
                  fmt::format("the Central Committee plenum declines to make {} First Secretary, {} votes to {}", to_name,
                              out.plenum.yes, out.plenum.no),
                  {{"for", out.plenum.yes}, {"against", out.plenum.no}, {"present", out.plenum.present}}, to_name);
    }
    return out;
  }

  w.add_event("elite.vote", out.presidium_carried ? Severity::Major : Severity::Notable,
              out.presidium_carried
                  ? fmt::format("the Presidium votes {}–{} to remove the First Secretary, {}, and put {} in his place",
                                out.presidium.yes, out.presidium.no, from_name, to_name)
                  : fmt::format("a motion led by {} to remove the First Secretary, {}, fails in the Presidium, {}–{}",
                                name_of(st, move.ringleader), from_name, out.presidium.yes, out.presidium.no),
              pres_data, from_name);

  // The loser of the Presidium vote takes it to the plenum: the leader appeals a removal; a
  // leader who won calls the plenum to judge the plotters.
  std::vector<uint8_t> for_to;
  out.plenum = plenum_vote(w, p, from, to, &for_to);
  out.appealed = out.presidium_carried;
  const bool plenum_removes = 2 * out.plenum.yes > out.plenum.present;
  const std::vector<std::pair<std::string, double>> plen_data = {
      {"for", out.plenum.yes}, {"against", out.plenum.no}, {"present", out.plenum.present}};
  if (out.presidium_carried && plenum_removes) {
    out.removed = true;
    ++st.removals;
    w.add_event("elite.plenum", Severity::Major,
                fmt::format("the Central Committee plenum confirms it, {} votes to {}, and relieves {} of his posts",
                            out.plenum.yes, out.plenum.no, from_name),
                plen_data, from_name);
    give_credit(st, ayes);
    st.members[static_cast<size_t>(from)].rank = Rank::Expelled;
    orphan_clients(st, from);
    set_leader(w, p, to);
    w.add_event("elite.removal", Severity::Major,
                fmt::format("{} is removed; {} becomes First Secretary", from_name, to_name),
                {{"presidium_for", out.presidium.yes}, {"presidium_against", out.presidium.no}, {"plenum_for", out.plenum.yes},
                 {"plenum_against", out.plenum.no}},
                from_name);
    return out;
  }
  if (!plenum_removes) {
    // The plenum stands by the leader: those who voted against him in the Presidium are expelled
    // as a faction (ELI-03: the "anti-party group", removed, not arrested).
    w.add_event("elite.plenum", Severity::Major,
                out.presidium_carried
                    ? fmt::format("the Central Committee plenum overturns it, {} votes to {} for {}", out.plenum.no, out.plenum.yes,
                                  from_name)
                    : fmt::format("the Central Committee plenum stands by {}, {} votes to {}", from_name, out.plenum.no,
                                  out.plenum.yes),
                plen_data, from_name);
    std::vector<int> expelled;
    for (int j : ayes)
      if (j != from) expelled.push_back(j);
    for (int j : expelled) remove_member(st, j, Rank::Expelled);
    st.expulsions += static_cast<int>(expelled.size());
    if (!expelled.empty())
      w.add_event("elite.expulsion", Severity::Major,
                  fmt::format("{} {} expelled from the Presidium as an \"anti-party group\"", list_names(st, expelled),
                              expelled.size() == 1 ? "is" : "are"),
                  {{"members", static_cast<double>(expelled.size())}}, list_names(st, expelled));
    return out;
  }
  // The Presidium kept him but the plenum would have removed him: the plotters stay, the leader
  // is weaker (nothing changes hands).
  w.add_event("elite.plenum", Severity::Notable,
              fmt::format("the Central Committee is divided over {}, {} against him to {} for; nobody is expelled", from_name,
                          out.plenum.yes, out.plenum.no),
              plen_data, from_name);
  return out;
}

namespace {

// Removal by arrest of a member whose control of force makes him a danger to all (SUC-05): a
// coalition forms among those who fear him; it acts when its organiser's expected utility is
// positive; its odds are its members' power against his.
bool try_arrest(World& w, const Params& p) {
  auto& st = w.elite;
  const auto full = full_members(st);
  for (int t : full) {
    const auto& target = st.members[static_cast<size_t>(t)];
    if (target.base != Base::Security || t == st.leader) continue;
    const double threat = p.security_threat * target.ambition * power(w, p, t);
    std::vector<int> coalition;
    std::vector<double> fear;
    double pw = 0;
    for (size_t j = 0; j < st.members.size(); ++j) {
      const auto& m = st.members[j];
      const int ji = static_cast<int>(j);
      // Full members, and the marshals whose troops make an arrest possible.
      if (ji == t || !(m.rank == Rank::Full || (m.base == Base::Army && m.rank != Rank::Expelled && m.rank != Rank::Arrested)))
        continue;
      // Fear grows with his threat, the more so for those far from him in outlook.
      double f = threat * (p.w_fear + 0.5 * p.w_ideology * std::abs(m.reformism - target.reformism));
      if (m.patron == t) f -= p.w_patronage;
      if (f <= 0) continue;
      coalition.push_back(ji);
      fear.push_back(f);
      pw += power(w, p, ji);
    }
    if (coalition.empty()) continue;
    const double p_true = pw / (pw + p.security_threat * power(w, p, t));
    int organiser = -1;
    double best = 0;
    for (size_t i = 0; i < coalition.size(); ++i) {
      // The marshals lend force; the move is organised by a member of the Presidium.
      if (st.members[static_cast<size_t>(coalition[i])].rank != Rank::Full) continue;
      auto d = w.draws(rng::stream_id("elite.arrest"), static_cast<uint64_t>(coalition[i]));
      const double est = logistic(logit(p_true) + dist::normal(d, 0.0, p.estimate_sd));
      const double eu = est * fear[i] - (1 - est) * p.arrest_cost;
      if (eu > best) best = eu, organiser = coalition[i];
    }
    if (organiser < 0) continue;
    remove_member(st, t, Rank::Arrested);
    ++st.arrests;
    std::vector<int> joined;
    for (int j : coalition)
      if (st.members[static_cast<size_t>(j)].rank == Rank::Full) joined.push_back(j);
    give_credit(st, joined);
    const auto army = std::count_if(coalition.begin(), coalition.end(),
                                    [&](int j) { return st.members[static_cast<size_t>(j)].base == Base::Army; });
    w.add_event("elite.arrest", Severity::Major,
                fmt::format("{} is arrested at a session of the Presidium in a move organised by {}; {} members{} stand together against him",
                            target.name, st.members[static_cast<size_t>(organiser)].name, joined.size(),
                            army > 0 ? " and the army" : ""),
                {{"coalition", static_cast<double>(joined.size())}, {"army", static_cast<double>(army)}, {"threat", threat}},
                target.name);
    return true;
  }
  return false;
}

// The First Secretary fills empty seats from the candidates and the risers, his clients first.
void promote(World& w, const Params& p) {
  auto& st = w.elite;
  if (st.leader < 0) return;
  if (static_cast<int64_t>(full_members(st).size()) >= p.presidium_target) return;
  const double x = st.members[static_cast<size_t>(st.leader)].reformism;
  int best = -1;
  double best_score = -1e300;
  for (size_t i = 0; i < st.members.size(); ++i) {
    const auto& m = st.members[i];
    if (m.rank != Rank::Candidate && m.rank != Rank::Pool) continue;
    double score = m.standing - p.w_ideology * std::abs(m.reformism - x) + (m.rank == Rank::Candidate ? 0.2 : 0.0);
    if (m.patron == st.leader) score += p.w_patronage;
    if (!m.credit.empty() && m.credit[static_cast<size_t>(st.leader)]) score += p.w_credit;
    if (score > best_score) best_score = score, best = static_cast<int>(i);
  }
  if (best < 0) return;
  auto& m = st.members[static_cast<size_t>(best)];
  m.rank = Rank::Full;
  if (m.patron < 0) m.patron = st.leader;
  w.add_event("elite.promotion", Severity::Notable,
              fmt::format("{} is promoted to full membership of the Presidium", m.name),
              {{"presidium_size", static_cast<double>(full_members(st).size())}}, m.name);
}

void appointments(World& w, const Params& p) {
  auto& st = w.elite;
  const int by = appointer(st);
  const double d = decentralisation(w);
  for (size_t s = 0; s < st.cc.size(); ++s) {
    auto draws = w.draws(rng::stream_id("elite.appoint"), s);
    const double h = seat_hazard(w, p, static_cast<int>(s));
    if (draws.chance(h)) {
      refill(w, s, by, p.client_chance, draws);
      continue;
    }
    // The regional councils make the regional secretary master of his economy, beholden to the
    // man who gave it to him rather than to his old patron in the ministries (ELI-01).
    auto& seat = st.cc[s];
    if (st.leader >= 0 && seat.regional && seat.patron != st.leader && d > 0) {
      const bool ministerial = seat.patron >= 0 && st.members[static_cast<size_t>(seat.patron)].base == Base::Ministries;
      if (draws.chance(d * p.appointment_rate * (ministerial ? 2.0 : 1.0))) seat.patron = st.leader;
    }
  }
}

void publish(World& w, const Params& p) {
  auto& st = w.elite;
  auto& sig = w.signals;
  sig.leader = name_of(st, st.leader);
  sig.secretariat = st.secretariat >= 0 ? name_of(st, st.secretariat) : std::string();
  sig.leader_reformism = leader_position(w, p, st.leader);
  double back = 0, insec = 0;
  for (size_t s = 0; s < st.cc.size(); ++s) {
    back += backing(w, p, static_cast<int>(s), st.leader);
    insec += insecurity(w, p, static_cast<int>(s));
  }
  const double n = std::max<double>(1, static_cast<double>(st.cc.size()));
  st.support = back / n;
  st.insecurity = insec / n;
  sig.leader_security = st.support;
  // Pressure to tighten up: hardliners' weight in the Presidium, stronger the more they have to
  // fear from revelations, plus the leader's weakness in the CC.
  const double x = sig.leader_reformism;
  double num = 0, den = 0;
  for (int m : full_members(st)) {
    if (m == st.leader) continue;
    const auto& me = st.members[static_cast<size_t>(m)];
    const double pw = power(w, p, m);
    num += pw * std::max(0.0, x - me.reformism) * (1 + me.complicity * revelation(w));
    den += pw;
  }
  st.conservative_pressure = std::clamp((den > 0 ? num / den : 0.0) + 0.5 * (1 - st.support), 0.0, 1.0);
  sig.conservative_pressure = st.conservative_pressure;
}

// ---------------------------------------------------------------------------------------------
// Decisions

int member_or_throw(const World& w, const Decision& d, std::string_view field) {
  const int m = find_member(w.elite, d.text(field));
  if (m < 0) throw std::runtime_error(fmt::format("decision {} ({}): no member named '{}'", d.id, d.kind, d.text(field)));
  return m;
}

void apply_rotation(World& w, const Decision& d) {
  auto& st = w.elite;
  st.rotation_cc = d.number("cc_share");
  st.rotation_regional = d.number("regional_share");
  st.rotation_term = d.number("term_months");
  st.rotation_regional_term = d.number("regional_term_months");
}

void apply_purge(World& w, const Decision& d) {
  auto& st = w.elite;
  const int m = member_or_throw(w, d, "member");
  if (m == st.leader || st.members[static_cast<size_t>(m)].rank >= Rank::Expelled) return;
  remove_member(st, m, Rank::Expelled);
  ++st.expulsions;
  w.add_event("elite.expulsion", Severity::Notable, fmt::format("{} is dropped from the Presidium", st.members[static_cast<size_t>(m)].name),
              {{"members", 1}}, st.members[static_cast<size_t>(m)].name);
}

void apply_promote(World& w, const Decision& d) {
  auto& st = w.elite;
  const int m = member_or_throw(w, d, "member");
  auto& me = st.members[static_cast<size_t>(m)];
  if (me.rank >= Rank::Expelled) return;
  me.rank = d.text("rank") == "candidate" ? Rank::Candidate : Rank::Full;
  if (me.patron < 0 && st.leader >= 0 && st.leader != m) me.patron = st.leader;
}

void apply_succession(World& w, const Decision& d) {
  auto& st = w.elite;
  if (!d.text("secretariat").empty()) st.secretariat = member_or_throw(w, d, "secretariat");
  if (d.text("policy") != "hardliner") return;
  // A hardline settlement: the favoured men get weight and the unattached part of the CC.
  std::vector<int> favoured;
  const std::string& list = d.text("favoured");
  size_t start = 0;
  while (start <= list.size()) {
    size_t end = list.find(',', start);
    if (end == std::string::npos) end = list.size();
    std::string name = list.substr(start, end - start);
    name.erase(0, name.find_first_not_of(' '));
    name.erase(name.find_last_not_of(' ') + 1);
    if (!name.empty()) {
      const int m = find_member(st, name);
      if (m < 0) throw std::runtime_error(fmt::format("decision {} ({}): no member named '{}'", d.id, d.kind, name));
      favoured.push_back(m);
    }
    start = end + 1;
  }
  if (favoured.empty()) return;
  const double boost = d.number("standing_boost");
  for (int m : favoured) {
    auto& me = st.members[static_cast<size_t>(m)];
    me.standing = std::min(1.0, me.standing + boost);
  }
  size_t k = 0;
  for (auto& s : st.cc)
    if (s.patron < 0) s.patron = favoured[k++ % favoured.size()];
}

void apply_party_reform(World& w, const Decision& d) {
  auto& st = w.elite;
  const bool split = d.number("split") > 0;
  if (split && !st.party_split)
    for (auto& s : st.cc)
      if (s.regional) s.grievance += static_cast<float>(d.number("grievance"));
  st.party_split = split;
}

// A congress elects a new CC: some members are not re-elected (at least the rotation share), new
// seats and vacated ones go to the Secretariat's clients.
void apply_congress(World& w, const Decision& d) {
  auto& st = w.elite;
  const auto size = static_cast<size_t>(d.number("cc_size"));
  const double renewal = std::max(d.number("renewal"), st.rotation_cc);
  const int by = appointer(st);
  const double regional = d.number("regional_share");
  for (size_t s = 0; s < st.cc.size(); ++s) {
    auto draws = w.draws(rng::stream_id("elite.congress"), s);
    if (draws.chance(renewal)) refill(w, s, by, d.number("client_chance"), draws);
  }
  while (st.cc.size() > size) st.cc.pop_back();
  while (st.cc.size() < size) {
    const size_t s = st.cc.size();
    auto draws = w.draws(rng::stream_id("elite.congress"), s);
    Seat seat;
    seat.regional = draws.chance(regional);
    seat.base = seat.regional ? Base::Apparatus : static_cast<Base>(draws.below(kBases));
    st.cc.push_back(seat);
    refill(w, s, by, d.number("client_chance"), draws);
  }
}

constexpr std::string_view kPolicies[] = {"collective", "hardliner"};
constexpr std::string_view kPromoteRanks[] = {"full", "candidate"};

const DecisionKind kKinds[] = {
    {"rotation_rule", "elite",
     "the Party Rules require a share of every elected party body to be renewed at each election",
     {{"cc_share", 0.25, {.doc = "share of the CC and Presidium renewed each term", .min = 0, .max = 1, .source = "ELI-09"}},
      {"regional_share", 1.0 / 3, {.doc = "share of republic, krai and oblast committees renewed each term", .min = 0, .max = 1, .source = "ELI-09"}},
      {"term_months", 48, {.doc = "months between regular elections of the CC", .unit = "months", .min = 6, .max = 120}},
      {"regional_term_months", 24, {.doc = "months between elections of regional committees", .unit = "months", .min = 6, .max = 120}}},
     {},
     apply_rotation},
    {"purge", "elite", "the leadership drops a member from the Presidium", {},
     {{"member", "", {.doc = "his name", .required = true}}},
     apply_purge},
    {"promote", "elite", "the leadership promotes a man to the Presidium", {},
     {{"member", "", {.doc = "his name", .required = true}}, {"rank", "full", {.doc = "full or candidate", .choices = kPromoteRanks}}},
     apply_promote},
    {"leadership_succession_policy", "elite",
     "how the heirs share power: who runs the Secretariat and, in a hardline settlement, whom it favours",
     {{"standing_boost", 0.2, {.doc = "added to the favoured men's standing (hardliner)", .min = 0, .max = 1}}},
     {{"policy", "collective", {.doc = "collective: offices shared; hardliner: the favoured men get the upper hand", .choices = kPolicies}},
      {"secretariat", "", {.doc = "who runs the Secretariat from now on (empty: unchanged)", .source = "SUC-02"}},
      {"favoured", "Malenkov, Molotov, Beria", {.doc = "comma-separated names favoured by a hardline settlement", .source = "SUC-02, DSC-13"}}},
     apply_succession},
    {"party_reform", "elite",
     "the party apparatus below the republics is split into industrial and agricultural branches (or rejoined)",
     {{"split", 1, {.doc = "1 split, 0 rejoin", .min = 0, .max = 1, .source = "ELI-11"}},
      {"grievance", 0.8, {.doc = "resentment it causes each regional secretary", .unit = "utility", .min = 0, .max = 10, .source = "ELI-11"}}},
     {},
     apply_party_reform},
    {"party_congress", "elite", "a Party Congress elects a new Central Committee",
     {{"cc_size", 133, {.doc = "full members elected", .unit = "members", .min = 5, .max = 1000, .source = "ELI-10"}},
      {"renewal", 0.35, {.doc = "share of sitting members not re-elected (at least the rotation share)", .min = 0, .max = 1, .source = "Hough & Fainsod 1979; calibrate"}},
      {"regional_share", 0.45, {.doc = "regional secretaries among new seats", .min = 0, .max = 1}},
      {"client_chance", 0.5, {.doc = "chance that a newly elected member is the Secretariat's client", .min = 0, .max = 1}}},
     {},
     apply_congress},
};

}  // namespace

std::span<const DecisionKind> decision_kinds() { return kKinds; }

// ---------------------------------------------------------------------------------------------
// Init, step, record

void init(World& w, const Params& p) {
  auto& st = w.elite;
  st = State{};
  for (const auto& def : p.members) {
    Member m;
    m.name = def.name;
    m.base = base_of(def.base);
    m.rank = rank_of(def.rank);
    m.reformism = def.reformism;
    m.complicity = def.complicity;
    m.ambition = def.ambition;
    m.standing = def.standing;
    st.members.push_back(std::move(m));
  }
  for (size_t i = 0; i < p.members.size(); ++i) {
    st.members[i].credit.assign(st.members.size(), 0);
    if (!p.members[i].patron.empty()) st.members[i].patron = find_member(st, p.members[i].patron);
  }
  st.secretariat = find_member(st, p.secretariat);

  // The CC of 1952: seats handed out to patrons by their 1953 client shares, in member order;
  // the rest are nobody's clients. Outlook and complicity vary by seat.
  const auto n = static_cast<size_t>(p.cc_size);
  st.cc.resize(n);
  size_t next = 0;
  for (size_t i = 0; i < p.members.size(); ++i) {
    const auto k = static_cast<size_t>(std::llround(p.members[i].clients * static_cast<double>(n)));
    for (size_t j = 0; j < k && next < n; ++j, ++next) st.cc[next].patron = static_cast<int>(i);
  }
  for (size_t s = 0; s < n; ++s) {
    auto d = w.draws(rng::stream_id("elite.init"), s);
    auto& seat = st.cc[s];
    seat.regional = d.chance(p.regional_share);
    const Base patron_base = seat.patron >= 0 ? st.members[static_cast<size_t>(seat.patron)].base : Base::Apparatus;
    seat.base = seat.regional ? Base::Apparatus : seat.patron >= 0 ? patron_base : static_cast<Base>(d.below(kBases));
    const double x = seat.patron >= 0 ? st.members[static_cast<size_t>(seat.patron)].reformism : 0.35;
    seat.reformism = static_cast<float>(std::clamp(0.5 * x + 0.5 * d.uniform() * 0.8, 0.0, 1.0));
    // Stalin's CC: most had signed or carried out something.
    seat.complicity = static_cast<float>(0.2 + 0.6 * d.uniform());
    seat.since = -static_cast<int32_t>(d.below(120));
  }
  publish(w, p);
}

void step(World& w, const Params& p) {
  auto& st = w.elite;
  // The leader's record of failures: bad harvests, riots, humiliations abroad (ELI-13).
  const auto& sig = w.signals;
  // Unrest counts as failure beyond what the leadership has come to expect (adaptive expectations,
  // so that a chronic level is blamed less than a new outbreak).
  const double unrest = static_cast<double>(sig.unrest_localities);
  if (st.unrest_expected < 0) st.unrest_expected = unrest;
  const double ekeep = det::pow(0.5, 1 / p.expectation_half_life);
  st.unrest_expected = ekeep * st.unrest_expected + (1 - ekeep) * unrest;
  const double now = std::max(0.0, -sig.harvest_shortfall) / p.harvest_scale +
                     std::max(0.0, unrest - st.unrest_expected) / p.unrest_scale + std::max(0.0, -sig.prestige);
  const double keep = det::pow(0.5, 1 / p.failure_half_life);
  st.failure = keep * st.failure + (1 - keep) * now;
  const float gkeep = static_cast<float>(det::pow(0.5, 1 / p.grievance_half_life));
  for (auto& s : st.cc) s.grievance *= gkeep;

  appointments(w, p);
  publish(w, p);

  auto occasion = w.draws(rng::stream_id("elite.occasion"));
  if (occasion.chance(p.move_chance)) {
    if (!try_arrest(w, p)) {
      const Move m = best_move(w, p);
      if (m.ringleader >= 0 && m.utility > 0) run_move(w, p, m);
    }
  }
  promote(w, p);
  publish(w, p);
}

void record(const World& w, IndicatorRow& row) {
  const auto& st = w.elite;
  size_t full = 0, loyal = 0;
  for (const auto& m : st.members) full += m.rank == Rank::Full;
  for (const auto& s : st.cc) loyal += st.leader >= 0 && s.patron == st.leader;
  row.add("elite.leader_security", st.support);
  row.add("elite.cc_loyal_share", st.cc.empty() ? 0.0 : static_cast<double>(loyal) / static_cast<double>(st.cc.size()));
  row.add("elite.cc_size", static_cast<double>(st.cc.size()));
  row.add("elite.cc_insecurity", st.insecurity);
  row.add("elite.presidium_size", static_cast<double>(full));
  row.add("elite.collective", st.leader < 0 ? 1.0 : 0.0);
  row.add("elite.leader_reformism", w.signals.leader_reformism);
  row.add("elite.conservative_pressure", st.conservative_pressure);
  row.add("elite.failure", st.failure);
  row.add("elite.challenges", st.challenges);
  row.add("elite.removals", st.removals);
  row.add("elite.expulsions", st.expulsions);
  row.add("elite.arrests", st.arrests);
}

}  // namespace thaw::model::elite
