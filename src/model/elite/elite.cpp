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
constexpr int kSoundings = 3;             // rounds of soundings before a plenum votes
constexpr double kSovnarkhozFull = 105;  // councils at the start of the reform (ELI-01)
constexpr std::string_view kOfficeNames[] = {"premier", "head_of_state", "defence", "interior", "kgb"};
constexpr std::string_view kOfficeTitles[] = {"Chairman of the Council of Ministers", "Chairman of the Presidium of the Supreme Soviet",
                                              "Minister of Defence", "Minister of Internal Affairs", "Chairman of the KGB"};

bool out_of_politics(Rank r) { return r >= Rank::Expelled; }

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

std::vector<std::string> split_list(const std::string& list, char separator = ',') {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= list.size()) {
    size_t end = list.find(separator, start);
    if (end == std::string::npos) end = list.size();
    std::string name = list.substr(start, end - start);
    name.erase(0, name.find_first_not_of(' '));
    name.erase(name.find_last_not_of(' ') + 1);
    if (!name.empty()) out.push_back(std::move(name));
    start = end + 1;
  }
  return out;
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
void refill(World& w, size_t seat, int appointer, double client_chance, double secretary_patronage, rng::Draws& d) {
  auto& st = w.elite;
  auto& s = st.cc[seat];
  const double x = appointer >= 0 ? st.members[static_cast<size_t>(appointer)].reformism : 0.5;
  // Not every appointee is the appointer's man: many come with networks of their own, and the
  // secretaries who run the CC's departments place their own men (Willerton 1992, ch. 2).
  s.patron = d.chance(client_chance) ? appointer : -1;
  if (s.patron < 0 && d.chance(secretary_patronage)) {
    std::vector<int> secs;
    for (size_t i = 0; i < st.members.size(); ++i)
      if (st.members[i].secretary && !out_of_politics(st.members[i].rank) && static_cast<int>(i) != appointer)
        secs.push_back(static_cast<int>(i));
    if (!secs.empty()) s.patron = secs[d.below(static_cast<uint64_t>(secs.size()))];
  }
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
  auto& me = st.members[static_cast<size_t>(m)];
  me.rank = how;
  me.secretary = false;
  orphan_clients(st, m);
  if (st.secretariat == m) st.secretariat = -1;
  for (int& holder : st.office)
    if (holder == m) holder = -1;
}

void publish(World& w, const Params& p);
int army_sided(const World& w, const Params& p, int from, int to);

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
  v.value("industry", industry, {.doc = "0 heavy industry and defence first .. 1 consumer goods first", .min = 0, .max = 1, .source = "data/elite/members.csv"});
  v.value("born", born, {.doc = "year of birth", .unit = "year", .min = 1850, .max = 1940, .source = "data/elite/members.csv"});
  v.value("frailty", frailty, {.doc = "multiplies the hazard of death at his age (known illnesses)", .min = 0, .max = 20, .source = "data/elite/members.csv"});
  v.value("offices", offices, {.doc = "offices of state held at the start, joined by '+': premier, head_of_state, defence, interior, kgb"});
  v.value("secretary", secretary, {.doc = "a secretary of the Central Committee at the start"});
}

std::vector<MemberDef> default_members() {
  // name, base, rank, patron, reformism, complicity, ambition, standing, clients, industry, born,
  // frailty, offices, secretary: data/elite/members.csv, which gives each row's sources; the
  // judgements are uncertain to +-0.2 (docs/odd/elite.md). A test keeps the two the same.
  return {
      {"Malenkov", "ministries", "full", "", 0.55, 0.7, 0.8, 0.9, 0.16, 0.85, 1902, 1, "premier", false},
      {"Beria", "security", "full", "", 0.6, 1.0, 0.95, 0.9, 0.07, 0.6, 1899, 1, "interior+kgb", false},
      {"Molotov", "ministries", "full", "", 0.1, 0.8, 0.6, 0.8, 0.05, 0.15, 1890, 1, "", false},
      {"Khrushchev", "apparatus", "full", "", 0.75, 0.5, 0.9, 0.6, 0.15, 0.35, 1894, 1, "", true},
      {"Bulganin", "ministries", "full", "", 0.45, 0.3, 0.4, 0.6, 0.05, 0.2, 1895, 1, "defence", false},
      {"Kaganovich", "ministries", "full", "", 0.1, 0.9, 0.5, 0.6, 0.05, 0.15, 1893, 1, "", false},
      {"Voroshilov", "ministries", "full", "", 0.2, 0.7, 0.2, 0.5, 0.03, 0.3, 1881, 1, "head_of_state", false},
      {"Mikoyan", "ministries", "full", "", 0.7, 0.4, 0.3, 0.6, 0.03, 0.7, 1895, 1, "", false},
      {"Saburov", "ministries", "full", "", 0.4, 0.1, 0.3, 0.4, 0.03, 0.3, 1900, 1, "", false},
      {"Pervukhin", "ministries", "full", "", 0.4, 0.1, 0.3, 0.4, 0.03, 0.3, 1904, 1, "", false},
      {"Shvernik", "apparatus", "candidate", "", 0.5, 0.3, 0.2, 0.3, 0, 0.5, 1888, 1, "", false},
      {"Ponomarenko", "apparatus", "candidate", "", 0.4, 0.3, 0.3, 0.3, 0, 0.4, 1902, 1, "", false},
      {"Bagirov", "security", "candidate", "Beria", 0.2, 0.9, 0.4, 0.3, 0, 0.4, 1896, 1, "", false},
      {"Zhukov", "army", "pool", "", 0.65, 0.1, 0.6, 0.8, 0, 0.1, 1896, 1, "", false},
      {"Suslov", "apparatus", "pool", "", 0.15, 0.5, 0.3, 0.6, 0, 0.3, 1902, 1, "", true},
      {"Kirichenko", "apparatus", "pool", "Khrushchev", 0.55, 0.2, 0.6, 0.5, 0, 0.4, 1908, 1, "", false},
      {"Shepilov", "apparatus", "pool", "Khrushchev", 0.5, 0.1, 0.5, 0.4, 0, 0.2, 1905, 1, "", false},
      {"Furtseva", "apparatus", "pool", "Khrushchev", 0.6, 0.1, 0.4, 0.4, 0, 0.5, 1910, 1, "", false},
      {"Brezhnev", "apparatus", "pool", "Khrushchev", 0.4, 0.1, 0.6, 0.4, 0, 0.3, 1906, 1, "", false},
      {"Kozlov", "apparatus", "pool", "Khrushchev", 0.3, 0.2, 0.6, 0.4, 0, 0.3, 1908, 2.5, "", false},
      {"Podgorny", "apparatus", "pool", "Khrushchev", 0.45, 0.1, 0.5, 0.4, 0, 0.4, 1903, 1, "", false},
      {"Polyansky", "apparatus", "pool", "Khrushchev", 0.4, 0.05, 0.6, 0.3, 0, 0.4, 1917, 1, "", false},
      {"Aristov", "apparatus", "pool", "Khrushchev", 0.5, 0.2, 0.3, 0.3, 0, 0.4, 1903, 1, "", false},
      {"Kosygin", "ministries", "pool", "", 0.6, 0.2, 0.3, 0.5, 0, 0.7, 1904, 1, "", false},
      {"Kuusinen", "apparatus", "pool", "", 0.6, 0.4, 0.1, 0.3, 0, 0.5, 1881, 1, "", false},
      {"Shelepin", "apparatus", "pool", "", 0.2, 0.1, 0.8, 0.4, 0, 0.3, 1918, 1, "", false},
      {"Serov", "security", "pool", "Khrushchev", 0.4, 0.8, 0.3, 0.4, 0, 0.3, 1905, 1, "", false},
      {"Kruglov", "security", "pool", "", 0.3, 0.7, 0.2, 0.3, 0, 0.3, 1907, 1, "", false},
      {"Malinovsky", "army", "pool", "Khrushchev", 0.35, 0.1, 0.2, 0.6, 0, 0.1, 1898, 1, "", false},
      {"Semichastny", "security", "pool", "Shelepin", 0.2, 0.0, 0.4, 0.3, 0, 0.3, 1924, 1, "", false},
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
  v.value("reform_months", reform_months, {.doc = "months over which a reorganisation of the party committees (the split) is carried out and its grievance felt", .unit = "months", .min = 0, .max = 60, .source = "Tompson 1995 ch. 12; Taubman 2003 ch. 18 (the split carried out over the winter of 1962-63); judgement"});
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
  v.value("power_premier", power_premier, {.doc = "power the premiership gives (the ministries' apparatus)", .unit = "standing", .min = 0, .max = 2, .source = "Hough & Fainsod 1979 ch. 10; judgement"});
  v.value("power_head_of_state", power_head_of_state, {.doc = "power the chairmanship of the Presidium of the Supreme Soviet gives", .unit = "standing", .min = 0, .max = 2, .source = "Hough & Fainsod 1979 ch. 10 (a dignity more than a power); judgement"});
  v.value("power_defence", power_defence, {.doc = "power the ministry of defence gives (the army)", .unit = "standing", .min = 0, .max = 2, .source = "Colton 1979, Commissars, Commanders and Civilian Authority; judgement"});
  v.value("power_interior", power_interior, {.doc = "power the ministry of internal affairs gives once the political police is apart from it", .unit = "standing", .min = 0, .max = 2});
  v.value("power_kgb", power_kgb, {.doc = "power the political police gives", .unit = "standing", .min = 0, .max = 2, .source = "Knight 1988, The KGB; judgement"});
  v.value("power_secretary", power_secretary, {.doc = "power a CC secretaryship gives (a department of cadres)", .unit = "standing", .min = 0, .max = 2, .source = "Hough & Fainsod 1979 ch. 11"});
  v.value("secretaries", secretaries, {.doc = "named CC secretaries a First Secretary keeps, himself included", .unit = "members", .min = 1, .max = 15, .source = "Fursenko 2004 (five to ten secretaries 1953-64; the named ones)"});
  v.value("secretary_patronage", secretary_patronage, {.doc = "share of the posts not going to the appointer's client that go to a secretary's", .min = 0, .max = 1, .source = "Willerton 1992 ch. 2; calibrate"});
  v.value("w_industry", w_industry, {.doc = "cost of distance on heavy industry vs consumer goods", .unit = "utility", .min = 0, .max = 10, .source = "Breslauer 1982 ch. 3-4 (the 1954-55 dispute)"});
  v.value("w_rival", w_rival, {.doc = "a First Secretary's gain from removing a rival from an office, times the rival's power", .unit = "utility", .min = 0, .max = 10, .source = "Breslauer 1982 ch. 2 (authority building)"});
  v.value("w_disgrace", w_disgrace, {.doc = "his gain from taking an office from a man who moved against him", .unit = "utility", .min = 0, .max = 10, .source = "Taubman 2003 ch. 13 (Bulganin 1958)"});
  v.value("office_move_cost", office_move_cost, {.doc = "cost to him of a failed motion to dismiss an office-holder", .unit = "utility", .min = 0, .max = 10});
  v.value("office_move_chance", office_move_chance, {.doc = "monthly chance of a plenum or a Supreme Soviet session at which an office-holder can be changed", .unit = "1/month", .min = 0, .max = 1, .source = "Fursenko 2004 (two to four plenums a year); uncertain by half"});
  v.value("w_secretariat", w_secretariat, {.doc = "a CC secretary's advantage as the successor a coalition rallies to", .unit = "power", .min = 0, .max = 10, .source = "Hough & Fainsod 1979 ch. 11 (the First Secretary comes from the Secretariat); judgement"});
  v.value("w_network", w_network, {.doc = "share of his loyalty premium a client of the leader expects to keep under a successor from the same network", .min = 0, .max = 1, .source = "Willerton 1992 ch. 3 (Brezhnev inherited the Ukrainian network); judgement"});
  v.value("cumulation_share", cumulation_share, {.doc = "share of the CC his clients must hold before a First Secretary takes the premiership himself", .min = 0, .max = 1, .source = "Roeder 1993 ch. 3 (the leader's reciprocal accountability weakens as the selectorate fills with his men); calibrate"});
  v.value("bandwagon", bandwagon, {.doc = "logit shift of a CC member's vote towards the side the plenum is expected to take, per unit of 2E-1", .unit = "logit", .min = 0, .max = 20, .source = "Roeder 1993 ch. 3; the near-unanimous plenums of 1953, 1957 and 1964 (ELI-03, ELI-12)"});
  v.value("sound_floor", sound_floor, {.doc = "a plotter sounds out only a colleague at least this likely to agree", .min = 0, .max = 1, .source = "Taubman 2003 ch. 18 (the 1964 plotters approached Khrushchev's loyalists last); judgement"});
  v.value("leak_chance", leak_chance, {.doc = "chance that a member who refuses to join a plot tells the leader", .min = 0, .max = 1, .source = "Taubman 2003 ch. 18 (the plot of 1964 leaked through Ignatov's bodyguard); judgement"});
  v.value("sounding_months", sounding_months, {.doc = "months of soundings that halve the variance of the plotters' estimate of their odds", .unit = "months", .min = 0.1, .max = 120, .source = "Taubman 2003 ch. 18; Tompson 1995 ch. 13 (months of soundings in 1964); judgement"});
  v.value("plot_patience", plot_patience, {.doc = "months after which a plot that has not struck is dropped", .unit = "months", .min = 1, .max = 240, .source = "judgement"});
  v.value("faction_core", faction_core, {.doc = "gain from the move above which a yes-voter of a failed move leads the faction and is expelled", .unit = "utility", .min = 0, .max = 10, .source = "ELI-03 (four expelled, the others recanted)"});
  v.value("recant_cost", recant_cost, {.doc = "standing lost by a yes-voter who recants", .unit = "standing", .min = 0, .max = 1});
  v.value("w_army", w_army, {.doc = "weight of the defence minister's side in a plenum", .unit = "utility", .min = 0, .max = 10, .source = "Colton 1979 ch. 8 (June 1957: the army flew the CC in)"});
  v.value("army_tolerance", army_tolerance, {.doc = "a marshal's threat (ambition x power, doubled once he has decided a crisis) that his colleagues tolerate", .min = 0, .max = 10, .source = "Colton 1979 ch. 8 (Zhukov, October 1957); judgement"});
  v.value("dismissal_cost", dismissal_cost, {.doc = "cost of a failed dismissal of a marshal", .unit = "utility", .min = 0, .max = 20});
  v.value("record_half_life", record_half_life, {.doc = "half-life of the selectorate's account of the leader's failures", .unit = "months", .min = 1, .max = 1000, .source = "Breslauer 1982 ch. 6 (the failures of 1962-64 weighed together)"});
  v.value("w_record", w_record, {.doc = "weight of that account in a CC member's backing", .unit = "utility", .min = 0, .max = 10, .source = "ELI-13; calibrate"});
  v.value("ownership_months", ownership_months, {.doc = "months in office over which a First Secretary's share of the blame for failures rises to 1 (before, they are his predecessors' legacy and the collective's)", .unit = "months", .min = 0, .max = 240, .source = "Breslauer 1982 ch. 2 (authority building: the new leader indicts the legacy); Bunce 1981 (the succession honeymoon); Tompson 1995 ch. 6; calibrate"});
  v.value("mortality_60", mortality_60, {.doc = "yearly chance of death at 60", .unit = "1/year", .min = 0, .max = 1, .source = "Soviet male life tables of the 1960s (about 2% at 60); uncertain by a third"});
  v.value("mortality_doubling", mortality_doubling, {.doc = "years over which the hazard of death doubles (Gompertz)", .unit = "years", .min = 1, .max = 30, .source = "Gompertz law, adult men: 7-9 years"});
  v.value("retire_age", retire_age, {.doc = "age from which a member may retire", .unit = "years", .min = 40, .max = 120, .source = "Fursenko 2004 (Voroshilov at 79, Kuusinen served to 82); judgement"});
  v.value("retire_rate", retire_rate, {.doc = "monthly chance of retiring from retire_age", .unit = "1/month", .min = 0, .max = 1});
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
  const auto& me = st.members[static_cast<size_t>(member)];
  const double resource[kOffices] = {p.power_premier, p.power_head_of_state, p.power_defence, p.power_interior, p.power_kgb};
  double office = me.secretary ? p.power_secretary : 0.0;
  for (int o = 0; o < kOffices; ++o)
    if (st.office[o] == member) office += resource[o];
  return me.standing + p.w_clients * share + office;
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
    // A network outlives its head if one of its own takes over (Willerton 1992, ch. 3).
    if (!incumbent && st.leader >= 0 && me.patron == st.leader && st.members[static_cast<size_t>(leader)].patron == st.leader)
      u += p.w_network * loyalty_premium(p, p.appointment_rate);
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
  if (leader >= 0) u -= p.w_industry * std::abs(me.industry - st.members[static_cast<size_t>(leader)].industry);
  u -= p.w_complicity * me.complicity * revelation(w) * reform_drive(x);
  if (incumbent) {
    u -= p.w_failure * st.failure + p.w_record * st.record;
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
    if (!incumbent && st.leader >= 0 && s.patron == st.leader && st.members[static_cast<size_t>(leader)].patron == st.leader)
      u += p.w_network * loyalty_premium(p, p.appointment_rate);
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
    u -= p.w_failure * st.failure + p.w_record * st.record;
    u -= s.grievance;
  }
  u -= p.w_ideology * std::abs(s.reformism - x);
  u -= p.w_complicity * s.complicity * revelation(w) * reform_drive(x);
  return u;
}

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
}  // namespace

std::vector<double> plenum_chances(const World& w, const Params& p, int from, int to) {
  const auto& st = w.elite;
  // Each patron's stance is worked out once: his clients follow it.
  std::vector<double> stance(st.members.size(), 0.0);
  for (size_t m = 0; m < st.members.size(); ++m) {
    const int mi = static_cast<int>(m);
    if (st.members[m].rank != Rank::Full || mi == from || mi == to) continue;
    stance[m] = p.w_follow * det::tanh(member_utility(w, p, mi, to) - member_utility(w, p, mi, from));
  }
  // The army's side: whom the defence minister backs is known before the plenum votes, and the
  // officials weigh it (June 1957: the marshals flew the CC members in).
  const double army = p.w_army * army_sided(w, p, from, to);
  std::vector<double> z(st.cc.size());
  double expected = 0;
  for (size_t s = 0; s < st.cc.size(); ++s) {
    const int si = static_cast<int>(s);
    const int patron = st.cc[s].patron;
    z[s] = p.vote_sharpness * (seat_utility(w, p, si, to) - seat_utility(w, p, si, from) + (patron >= 0 ? stance[static_cast<size_t>(patron)] : 0.0) + army);
    expected += logistic(z[s]);
  }
  // The bandwagon: nobody wants to be on the losing side of a plenum, so each man's sincere
  // leaning is shifted towards the side the others are expected to take (Roeder 1993, ch. 3).
  // Expectations feed on themselves: each round of soundings (Roeder's "reciprocal
  // accountability" in the corridors before a plenum) moves the expected share, which moves the
  // votes again; a few rounds reach the side the sincere majority favoured.
  const double n = st.cc.empty() ? 1.0 : static_cast<double>(st.cc.size());
  std::vector<double> q(st.cc.size());
  double share = expected / n;
  for (int round = 0; round < kSoundings; ++round) {
    const double shift = p.bandwagon * (2 * share - 1);
    double next = 0;
    for (size_t s = 0; s < st.cc.size(); ++s) next += q[s] = logistic(z[s] + shift);
    share = next / n;
  }
  return q;
}

namespace {

// The chance a move from `from` to `to` led by `ringleader` carries both the Presidium and the plenum.
bool is_sworn(const State& st, int j) {
  return st.plot_ringleader >= 0 && j >= 0 && static_cast<size_t>(j) < st.sworn.size() && st.sworn[static_cast<size_t>(j)];
}

double true_success(const World& w, const Params& p, int ringleader, int from, int to) {
  const auto& st = w.elite;
  const auto full = full_members(st);
  double mean = 0, var = 0;
  for (int j : full) {
    double q = j == ringleader || j == to || is_sworn(st, j) ? 1.0 : j == from ? 0.0 : vote_for(w, p, j, from, to);
    mean += q;
    var += q * (1 - q);
  }
  const double presidium = majority_chance(mean, var, static_cast<int>(full.size()));
  mean = var = 0;
  for (double q : plenum_chances(w, p, from, to)) {
    mean += q;
    var += q * (1 - q);
  }
  const double plenum = majority_chance(mean, var, static_cast<int>(st.cc.size()));
  // The Presidium was used to deciding for the CC: its members weigh the plenum's verdict only
  // partly (bounded foresight; the June 1957 majority did not expect an appeal, ELI-02/03).
  // Once a plenum has overturned the Presidium, nobody can forget that the CC decides.
  const double foresight = st.plenum_overturned ? 1.0 : p.plenum_foresight;
  return presidium * (1 - foresight * (1 - plenum));
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
    // The party's First Secretary is never a marshal or a policeman (Colton 1979; Knight 1988).
    if (st.members[static_cast<size_t>(k)].base == Base::Army || st.members[static_cast<size_t>(k)].base == Base::Security) continue;
    // The First Secretary heads the Secretariat: a man already in it has its departments behind him.
    double score = power(w, p, k) + (st.members[static_cast<size_t>(k)].secretary ? p.w_secretariat : 0.0);
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
      const Base b = st.members[static_cast<size_t>(to)].base;
      if (b == Base::Army || b == Base::Security) continue;
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
  if (leader >= 0) st.secretariat = leader, st.members[static_cast<size_t>(leader)].secretary = true;
  st.failure = st.record = 0;  // a new man starts with a clean record
  st.leader_since = static_cast<int>(w.step);
  publish(w, p);
}

void give_credit(State& st, const std::vector<int>& group) {
  for (int a : group)
    for (int b : group)
      if (a != b) st.members[static_cast<size_t>(a)].credit[static_cast<size_t>(b)] = 1;
}

// +1 if the defence minister backs `to`, -1 if `from`, 0 if there is none or he is indifferent.
int army_sided(const World& w, const Params& p, int from, int to) {
  const auto& st = w.elite;
  const int d = st.office[static_cast<int>(Office::Defence)];
  if (d < 0 || out_of_politics(st.members[static_cast<size_t>(d)].rank)) return 0;
  const double lean = d == to ? 1.0 : d == from ? -1.0 : member_utility(w, p, d, to) - member_utility(w, p, d, from);
  return lean > 0 ? 1 : lean < 0 ? -1 : 0;
}

Tally plenum_vote(World& w, const Params& p, int from, int to, std::vector<uint8_t>* for_to = nullptr) {
  Tally t;
  const auto& st = w.elite;
  if (for_to) for_to->assign(st.cc.size(), 0);
  const auto chances = plenum_chances(w, p, from, to);
  for (size_t s = 0; s < st.cc.size(); ++s) {
    auto d = w.draws(rng::stream_id("elite.plenum"), s);
    if (d.chance(p.absence)) continue;
    ++t.present;
    const bool yes = d.chance(chances[s]);
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
  std::vector<double> stake;  // each aye's gain from the move, judged before the vote
  for (int j : full) {
    auto d = w.draws(rng::stream_id("elite.vote"), static_cast<uint64_t>(j));
    // The plotters make sure of their own attendance, and of their votes.
    const bool sworn = j != from && is_sworn(st, j);
    const bool must = j == move.ringleader || j == from || j == to || sworn;
    if (!must && d.chance(p.absence)) continue;
    ++out.presidium.present;
    const bool yes = j == from ? false : (j == move.ringleader || j == to || sworn) ? true : d.chance(vote_for(w, p, j, from, to));
    if (yes) ayes.push_back(j), stake.push_back(member_utility(w, p, j, to) - member_utility(w, p, j, from));
    out.presidium.yes += yes;
    out.presidium.no += !yes;
  }
  out.presidium_carried = 2 * out.presidium.yes > out.presidium.present;
  const std::string& from_name = name_of(st, from);
  const std::string& to_name = name_of(st, to);
  std::vector<std::pair<std::string, double>> pres_data = {
      {"for", out.presidium.yes}, {"against", out.presidium.no}, {"present", out.presidium.present}};
  // Why the move came (io/events.hpp's drivers): the leader's failures as the selectorate counts
  // them, the Central Committee's backing and its fear for its posts, how long the plot was
  // prepared, and what its voters expected to gain.
  double gain = 0;
  for (double g : stake) gain += g;
  const std::vector<std::pair<std::string, double>> drivers = {
      {"driver.failures", st.record},
      {"driver.cc_support", st.support},
      {"driver.cc_insecurity", st.insecurity},
      {"driver.plot_months", st.plot_ringleader >= 0 ? static_cast<double>(w.step - st.plot_since) : 0.0},
      {"driver.ayes_gain", stake.empty() ? 0.0 : gain / static_cast<double>(stake.size())}};
  if (from >= 0) pres_data.insert(pres_data.end(), drivers.begin(), drivers.end());

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
  std::vector<std::pair<std::string, double>> plen_data = {
      {"for", out.plenum.yes}, {"against", out.plenum.no}, {"present", out.plenum.present}};
  plen_data.insert(plen_data.end(), drivers.begin(), drivers.end());
  if (out.presidium_carried && plenum_removes) {
    out.removed = true;
    ++st.removals;
    w.add_event("elite.plenum", Severity::Major,
                fmt::format("the Central Committee plenum confirms it, {} votes to {}, and relieves {} of his posts",
                            out.plenum.yes, out.plenum.no, from_name),
                plen_data, from_name);
    give_credit(st, ayes);
    const bool protege = st.members[static_cast<size_t>(to)].patron == from;
    const bool army = army_sided(w, p, from, to) > 0;
    remove_member(st, from, Rank::Expelled);
    set_leader(w, p, to);
    if (army) st.members[static_cast<size_t>(st.office[static_cast<int>(Office::Defence)])].kingmaker = true;
    std::vector<std::pair<std::string, double>> removal_data = {
        {"presidium_for", out.presidium.yes}, {"presidium_against", out.presidium.no}, {"plenum_for", out.plenum.yes},
        {"plenum_against", out.plenum.no}, {"successor_was_client", protege ? 1.0 : 0.0}};
    removal_data.insert(removal_data.end(), drivers.begin(), drivers.end());
    w.add_event("elite.removal", Severity::Major,
                fmt::format("{} is removed; {}{} becomes First Secretary", from_name, protege ? "his own protégé " : "", to_name),
                std::move(removal_data), from_name);
    w.add_event("elite.succession", Severity::Notable, fmt::format("{} succeeds {} as First Secretary", to_name, from_name),
                {{"successor_was_client", protege ? 1.0 : 0.0}}, to_name);
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
    // Its leaders — the ringleader, the man they would have put in, and those with most to gain —
    // are expelled as a faction; the others recant, lose standing and are marked (ELI-03: four
    // expelled as the "anti-party group", Bulganin, Pervukhin, Saburov and Voroshilov demoted
    // later).
    st.plenum_overturned = st.plenum_overturned || out.presidium_carried;
    if (out.presidium_carried) st.victor = from;
    const int defence = st.office[static_cast<int>(Office::Defence)];
    if (army_sided(w, p, from, to) < 0) st.members[static_cast<size_t>(defence)].kingmaker = true;
    std::vector<int> expelled, recanted;
    for (size_t i = 0; i < ayes.size(); ++i) {
      const int j = ayes[i];
      if (j == from) continue;
      if (j == move.ringleader || j == to || stake[i] >= p.faction_core) expelled.push_back(j);
      else recanted.push_back(j);
    }
    for (int j : recanted) {
      auto& me = st.members[static_cast<size_t>(j)];
      me.standing = std::max(0.0, me.standing - p.recant_cost);
      me.disgraced = static_cast<int>(w.step);
    }
    for (int j : expelled) remove_member(st, j, Rank::Expelled);
    st.expulsions += static_cast<int>(expelled.size());
    if (!expelled.empty())
      w.add_event("elite.expulsion", Severity::Major,
                  fmt::format("{} {} expelled from the Presidium as an \"anti-party group\"{}", list_names(st, expelled),
                              expelled.size() == 1 ? "is" : "are",
                              recanted.empty() ? std::string() : fmt::format("; {} recant", list_names(st, recanted))),
                  {{"members", static_cast<double>(expelled.size())}, {"recanted", static_cast<double>(recanted.size())}},
                  list_names(st, expelled));
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

// ---------------------------------------------------------------------------------------------
// The conspiracy (submodel 4b). Neither challenge of a sitting First Secretary was launched on the
// spur of the moment: in 1957 the old guard agreed among themselves over the spring and moved only
// once they were sure of a Presidium majority (Taubman 2003, ch. 13; Fursenko (ed.) 2004, the
// protocols of 18-21 June 1957); in 1964 Brezhnev and Podgorny, with Shelepin, Semichastny and
// Ignatov, spent months sounding out the members one by one, and the Presidium met only when
// nearly all of it was sworn (Taubman 2003, ch. 18; Tompson 1995, ch. 13). A plot can leak: in
// 1964 Ignatov's former bodyguard warned the leader's son.

namespace {

void end_plot(State& st) {
  st.plot_ringleader = st.plot_successor = st.plot_target = -1;
  std::fill(st.sworn.begin(), st.sworn.end(), uint8_t{0});
}

int sworn_count(const State& st, const std::vector<int>& full) {
  int n = 0;
  for (int j : full) n += is_sworn(st, j);
  return n;
}

// The plot is off if its men or its target are no longer where they were, or if the ringleader no
// longer stands to gain.
bool plot_alive(const World& w, const Params& p) {
  const auto& st = w.elite;
  const int r = st.plot_ringleader, to = st.plot_successor;
  if (r < 0 || to < 0 || st.leader < 0 || st.leader != st.plot_target) return false;
  if (st.members[static_cast<size_t>(r)].rank != Rank::Full || st.members[static_cast<size_t>(to)].rank != Rank::Full) return false;
  if (r == st.leader || to == st.leader) return false;
  return member_utility(w, p, r, to) - member_utility(w, p, r, st.leader) > 0;
}

}  // namespace

void begin_plot(World& w, const Params& p, const Move& move) {
  auto& st = w.elite;
  (void)p;
  st.sworn.assign(st.members.size(), 0);
  st.plot_ringleader = move.ringleader;
  st.plot_successor = move.successor;
  st.plot_target = st.leader;
  st.plot_since = static_cast<int>(w.step);
  st.sworn[static_cast<size_t>(move.ringleader)] = 1;
  st.sworn[static_cast<size_t>(move.successor)] = 1;
  ++st.plots;
  w.add_event("elite.plot", Severity::Minor,
              move.ringleader == move.successor
                  ? fmt::format("{} begins to sound out colleagues, in secret, against the First Secretary, {}", name_of(st, move.ringleader),
                                name_of(st, st.leader))
                  : fmt::format("{} begins to sound out colleagues, in secret, for putting {} in the place of the First Secretary, {}",
                                name_of(st, move.ringleader), name_of(st, move.successor), name_of(st, st.leader)),
              {{"success", move.success}, {"utility", move.utility}}, name_of(st, move.ringleader));
}

void conspire(World& w, const Params& p) {
  auto& st = w.elite;
  if (st.plot_ringleader < 0) return;
  const int months = static_cast<int>(w.step) - st.plot_since;
  if (!plot_alive(w, p) || months > p.plot_patience) {
    end_plot(st);
    return;
  }
  // Each sworn man talks to one colleague a month, the likeliest to agree first (of two equally
  // likely, the later in the members' order), and only to a man likely enough to agree: the plot snowballs (Brezhnev and Podgorny, then Shelepin, Suslov and
  // the others in 1964; Taubman 2003, ch. 18).
  const int from = st.leader, to = st.plot_successor;
  const auto full = full_members(st);
  const int talkers = sworn_count(st, full);
  std::vector<uint8_t> sounded(st.members.size(), 0);
  for (int t = 0; t < talkers; ++t) {
    int best = -1;
    double best_q = p.sound_floor;
    for (int j : full) {
      if (j == from || is_sworn(st, j) || sounded[static_cast<size_t>(j)]) continue;
      const double q = vote_for(w, p, j, from, to);
      if (q >= best_q) best_q = q, best = j;
    }
    if (best < 0) return;
    sounded[static_cast<size_t>(best)] = 1;
    auto d = w.draws(rng::stream_id("elite.sound"), static_cast<uint64_t>(best));
    if (d.chance(best_q)) {
      st.sworn[static_cast<size_t>(best)] = 1;
      continue;
    }
    if (!d.chance(p.leak_chance)) continue;
    // He tells the leader: the plot is off, and its organiser is a marked man.
    auto& r = st.members[static_cast<size_t>(st.plot_ringleader)];
    r.standing = std::max(0.0, r.standing - p.recant_cost);
    r.disgraced = static_cast<int>(w.step);
    ++st.plots_exposed;
    w.add_event("elite.plot_exposed", Severity::Notable,
                fmt::format("{} tells the First Secretary, {}, that {} has been sounding out colleagues against him; the plot is dropped",
                            st.members[static_cast<size_t>(best)].name, name_of(st, from), r.name),
                {{"sworn", static_cast<double>(sworn_count(st, full))}}, r.name);
    end_plot(st);
    return;
  }
}

bool strike(World& w, const Params& p) {
  auto& st = w.elite;
  if (st.plot_ringleader < 0 || !plot_alive(w, p)) return false;
  const auto full = full_members(st);
  // Only with a Presidium majority sworn.
  if (2 * sworn_count(st, full) <= static_cast<int>(full.size())) return false;
  const int r = st.plot_ringleader, from = st.leader, to = st.plot_successor;
  const auto& me = st.members[static_cast<size_t>(r)];
  const double gain = member_utility(w, p, r, to) - member_utility(w, p, r, from);
  // The soundings have taught them their odds: the error of the estimate shrinks with their months.
  const double months = static_cast<double>(w.step) - st.plot_since;
  const double sd = p.estimate_sd * std::sqrt(p.sounding_months / (p.sounding_months + months));
  auto d = w.draws(rng::stream_id("elite.strike"), static_cast<uint64_t>(r));
  const double success = logistic(logit(true_success(w, p, r, from, to)) + dist::normal(d, 0.0, sd));
  const double eu = success * gain - (1 - success) * p.expulsion_cost * (1 + me.standing);
  if (eu <= 0) return false;
  run_move(w, p, {r, to, success, eu});
  end_plot(st);
  return true;
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
    // After Beria the party kept the police out of the Presidium; a marshal sits in it only as
    // minister of defence (Knight 1988; Colton 1979).
    if (m.base == Base::Security) continue;
    if (m.base == Base::Army && st.office[static_cast<int>(Office::Defence)] != static_cast<int>(i)) continue;
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
      refill(w, s, by, p.client_chance, p.secretary_patronage, draws);
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
  for (const auto& name : split_list(d.text("favoured"))) {
    const int m = find_member(st, name);
    if (m < 0) throw std::runtime_error(fmt::format("decision {} ({}): no member named '{}'", d.id, d.kind, name));
    favoured.push_back(m);
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
  // The resentment comes as the committees are split, region by region, over the months the
  // reorganisation takes (step), not on the day of the decree.
  if (split && !st.party_split) st.split_pending = st.split_total = d.number("grievance");
  if (!split) st.split_pending = 0;
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
    if (draws.chance(renewal)) refill(w, s, by, d.number("client_chance"), 0.4, draws);
  }
  while (st.cc.size() > size) st.cc.pop_back();
  while (st.cc.size() < size) {
    const size_t s = st.cc.size();
    auto draws = w.draws(rng::stream_id("elite.congress"), s);
    Seat seat;
    seat.regional = draws.chance(regional);
    seat.base = seat.regional ? Base::Apparatus : static_cast<Base>(draws.below(kBases));
    st.cc.push_back(seat);
    refill(w, s, by, d.number("client_chance"), 0.4, draws);
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
// Offices and ageing

// A marshal whose side decided a crisis of the leadership is a danger to the party's control of
// the army: the First Secretary dismisses him when his expected utility of it is positive (Colton
// 1979, ch. 8: Zhukov, October 1957).
bool dismiss_marshal(World& w, const Params& p) {
  auto& st = w.elite;
  const int t = st.office[static_cast<int>(Office::Defence)];
  if (st.leader < 0 || t < 0 || t == st.leader) return false;
  auto& target = st.members[static_cast<size_t>(t)];
  if (target.base != Base::Army) return false;
  const double threat = target.ambition * power(w, p, t) * (target.kingmaker ? 2.0 : 1.0);
  if (threat <= p.army_tolerance) return false;
  double pw = 0;
  for (int j : full_members(st))
    if (j != t && st.members[static_cast<size_t>(j)].patron != t) pw += power(w, p, j);
  const double p_true = pw / (pw + power(w, p, t));
  auto d = w.draws(rng::stream_id("elite.dismiss"), static_cast<uint64_t>(t));
  const double est = logistic(logit(p_true) + dist::normal(d, 0.0, p.estimate_sd));
  const double fear = p.w_fear * (threat - p.army_tolerance);
  if (est * fear - (1 - est) * p.dismissal_cost <= 0) return false;
  const bool sat = target.rank == Rank::Full;
  remove_member(st, t, Rank::Expelled);
  ++st.dismissals;
  w.add_event("elite.dismissal", Severity::Major,
              fmt::format("{} is dismissed as Minister of Defence{} for \"Bonapartism\", on {}'s motion", target.name,
                          sat ? " and dropped from the Presidium" : "", name_of(st, st.leader)),
              {{"office", static_cast<double>(Office::Defence)}, {"threat", threat}}, target.name);
  return true;
}


double responsibility(const World& w, const Params& p) {
  const auto& st = w.elite;
  // The collective leadership answers for everything as one (it is what a bid for the office
  // promises to mend).
  if (st.leader < 0 || p.ownership_months <= 0) return 1;
  return std::clamp((static_cast<double>(w.step) - st.leader_since) / p.ownership_months, 0.0, 1.0);
}

void age_members(World& w, const Params& p) {
  auto& st = w.elite;
  for (size_t i = 0; i < st.members.size(); ++i) {
    auto& m = st.members[i];
    if (out_of_politics(m.rank)) continue;
    const int mi = static_cast<int>(i);
    const double age = w.year() - m.born + (w.month.month() - 0.5) / 12.0;
    // Gompertz: the yearly hazard doubles every `mortality_doubling` years.
    const double yearly = std::min(1.0, p.mortality_60 * m.frailty * det::pow(2.0, (age - 60) / p.mortality_doubling));
    auto d = w.draws(rng::stream_id("elite.age"), i);
    const bool dies = d.chance(1 - det::pow(1 - yearly, 1.0 / 12));
    const bool retires = !dies && mi != st.leader && age >= p.retire_age && d.chance(p.retire_rate);
    if (!dies && !retires) continue;
    const bool was_leader = mi == st.leader;
    const bool sat = m.rank == Rank::Full;
    remove_member(st, mi, dies ? Rank::Dead : Rank::Retired);
    dies ? ++st.deaths : ++st.retirements;
    if (sat || was_leader)
      w.add_event(dies ? "elite.death" : "elite.retirement", was_leader ? Severity::Major : Severity::Notable,
                  dies ? fmt::format("{} dies, aged {}{}", m.name, static_cast<int>(age), was_leader ? "; the office of First Secretary is vacant" : "")
                       : fmt::format("{} retires from the Presidium, aged {}", m.name, static_cast<int>(age)),
                  {{"age", age}}, m.name);
    if (was_leader) {
      st.leader = -1;
      publish(w, p);
    }
  }
}

namespace {

bool dominant(const State& st, const Params& p);

// Who may hold an office: a premier from the state administration (the chairmen of the Council of
// Ministers came from it, the First Secretary's own cumulation apart; Hough & Fainsod 1979,
// ch. 10), the head of state from
// the full members, the defence minister from the army, the police chiefs from the security men.
bool eligible(const Member& m, Office o) {
  if (out_of_politics(m.rank)) return false;
  switch (o) {
    case Office::Premier: return m.rank == Rank::Full && m.base == Base::Ministries;
    case Office::HeadOfState: return m.rank == Rank::Full && m.base != Base::Security;
    case Office::Defence: return m.base == Base::Army;
    case Office::Interior:
    case Office::Kgb: return m.base == Base::Security;
  }
  return false;
}

// The appointer's choice for an office. The Presidium must approve it: until he dominates it, a
// First Secretary (or, without one, its strongest man) proposes a man his colleagues can accept
// -- standing in his own base and closeness to the members' outlook on both axes, his own view
// counting as one of theirs (Bulganin, the compromise premier of 1955; Zhukov, the army's most
// eminent marshal, at Defence: Taubman 2003, ch. 11; Colton 1979, ch. 8). Once he dominates, his
// own men first (Malinovsky after Zhukov). The head of state's chair goes to the least ambitious.
// The premiership may be taken by the holder of another office, who leaves it.
int nominee(const World& w, const Params& p, Office o, int by, int exclude) {
  const auto& st = w.elite;
  const bool own_men = by >= 0 && by == st.leader && dominant(st, p);
  const auto full = full_members(st);
  int best = -1;
  double best_score = -1e300;
  for (size_t i = 0; i < st.members.size(); ++i) {
    const auto& m = st.members[i];
    const int mi = static_cast<int>(i);
    if (mi == exclude || mi == by || !eligible(m, o) || m.disgraced >= 0) continue;
    int held = -1;
    for (int k = 0; k < kOffices; ++k)
      if (st.office[k] == mi) held = k;
    if (held >= 0 && (o != Office::Premier || held == static_cast<int>(Office::Premier))) continue;
    double score = m.standing;
    if (own_men) {
      const auto& b = st.members[static_cast<size_t>(by)];
      if (m.patron == by) score += p.w_patronage;
      if (!m.credit.empty() && m.credit[static_cast<size_t>(by)]) score += p.w_credit;
      score -= p.w_ideology * std::abs(m.reformism - b.reformism) + p.w_industry * std::abs(m.industry - b.industry);
    } else {
      double acc = 0;
      int n = 0;
      for (int j : full) {
        if (j == mi) continue;
        const auto& o_j = st.members[static_cast<size_t>(j)];
        acc -= p.w_ideology * std::abs(m.reformism - o_j.reformism) + p.w_industry * std::abs(m.industry - o_j.industry);
        ++n;
      }
      if (n > 0) score += acc / n;
    }
    if (o == Office::HeadOfState) score -= 2 * m.ambition;
    if (score > best_score) best_score = score, best = mi;
  }
  return best;
}

void appoint(World& w, Office o, int holder) {
  auto& st = w.elite;
  // One office of state a man, the First Secretary's cumulation apart: a minister made premier
  // leaves his ministry (Bulganin, 1955).
  if (holder >= 0 && holder != st.leader)
    for (int& h : st.office)
      if (h == holder) h = -1;
  st.office[static_cast<int>(o)] = holder;
  if (holder < 0) return;
  const auto& m = st.members[static_cast<size_t>(holder)];
  const bool leader = holder == st.leader;
  w.add_event(o == Office::Premier ? "elite.premier" : "elite.office", leader || o == Office::Premier ? Severity::Major : Severity::Notable,
              leader ? fmt::format("the First Secretary, {}, becomes {} as well", m.name, kOfficeTitles[static_cast<int>(o)])
                     : fmt::format("{} becomes {}", m.name, kOfficeTitles[static_cast<int>(o)]),
              {{"office", static_cast<double>(o)}, {"first_secretary", leader ? 1.0 : 0.0}}, m.name);
}

// Nobody can make the First Secretary share power once his men hold the CC (Roeder 1993, ch. 3),
// or once he has beaten a Presidium majority before the plenum: the defeated rivals are gone and
// the survivors recanted (Breslauer 1982, ch. 4; Tompson 1995, ch. 8: Khrushchev's ascendancy
// after June 1957).
bool dominant(const State& st, const Params& p) {
  return st.leader >= 0 && (loyal_share(st, st.leader) >= p.cumulation_share || st.victor == st.leader);
}

// The leader takes the premiership himself once his clients hold enough of the CC that nobody
// can make him share power (Roeder 1993, ch. 3).
bool leader_takes_premiership(const World& w, const Params& p) {
  const auto& st = w.elite;
  return st.leader >= 0 && st.office[static_cast<int>(Office::Premier)] != st.leader && dominant(st, p);
}

}  // namespace

void fill_offices(World& w, const Params& p) {
  auto& st = w.elite;
  // Without a First Secretary the Presidium's strongest man proposes (the premier in 1953).
  int by = st.leader;
  if (by < 0) {
    double best = -1e300;
    for (int m : full_members(st))
      if (power(w, p, m) > best) best = power(w, p, m), by = m;
  }
  for (int o = 0; o < kOffices; ++o) {
    if (st.office[o] >= 0) continue;
    const auto office = static_cast<Office>(o);
    if (office == Office::Premier && leader_takes_premiership(w, p)) {
      appoint(w, office, st.leader);
      continue;
    }
    appoint(w, office, nominee(w, p, office, by, -1));
  }
  if (st.leader < 0) return;
  // The First Secretary keeps his secretariat filled with men of the apparatus, his own first.
  int secs = 0;
  for (const auto& m : st.members) secs += m.secretary && !out_of_politics(m.rank);
  while (secs < p.secretaries) {
    const auto& l = st.members[static_cast<size_t>(st.leader)];
    int best = -1;
    double best_score = -1e300;
    for (size_t i = 0; i < st.members.size(); ++i) {
      const auto& m = st.members[i];
      if (m.secretary || out_of_politics(m.rank) || m.base != Base::Apparatus || m.disgraced >= 0) continue;
      double score = m.standing - p.w_ideology * std::abs(m.reformism - l.reformism);
      if (m.patron == st.leader) score += p.w_patronage;
      if (score > best_score) best_score = score, best = static_cast<int>(i);
    }
    if (best < 0) break;
    st.members[static_cast<size_t>(best)].secretary = true;
    ++secs;
    w.add_event("elite.secretary", Severity::Minor, fmt::format("{} becomes a secretary of the Central Committee", st.members[static_cast<size_t>(best)].name),
                {}, st.members[static_cast<size_t>(best)].name);
  }
}

namespace {

// What member j thinks of `holder` in an office: outlook on both axes, his own ambition, his
// patron, his comrades; the leader's men follow the leader's wish.
double office_utility(const World& w, const Params& p, int j, int holder) {
  const auto& st = w.elite;
  const auto& me = st.members[static_cast<size_t>(j)];
  const auto& h = st.members[static_cast<size_t>(holder)];
  double u = -p.w_ideology * std::abs(me.reformism - h.reformism) - p.w_industry * std::abs(me.industry - h.industry);
  if (holder == j) u += p.w_office * me.ambition;
  if (me.patron == holder) u += p.w_patronage;
  if (!me.credit.empty() && me.credit[static_cast<size_t>(holder)]) u += p.w_credit;
  // An implicated man in high office is a liability once the past is talked about (ELI-03:
  // the Leningrad affair against Malenkov).
  u -= p.w_complicity * h.complicity * revelation(w);
  return u;
}

}  // namespace

namespace {

// How far a man is a second centre of power to the First Secretary: his personal power (standing
// and CC clients, not the office he would hold), nothing if he is the leader or his client.
double rivalry(const World& w, const Params& p, int m) {
  const auto& st = w.elite;
  const auto& me = st.members[static_cast<size_t>(m)];
  if (m == st.leader || me.patron == st.leader || me.rank != Rank::Full) return 0;
  size_t clients = 0;
  for (const auto& s : st.cc) clients += s.patron == m;
  return me.standing + p.w_clients * (st.cc.empty() ? 0.0 : static_cast<double>(clients) / static_cast<double>(st.cc.size()));
}

}  // namespace

bool office_move(World& w, const Params& p) {
  auto& st = w.elite;
  const int leader = st.leader;
  if (leader < 0) return false;
  const auto full = full_members(st);
  // The office whose holder the leader would most gain by replacing.
  int target_office = -1, target = -1, replacement = -1;
  double best_gain = 0;
  for (int o = 0; o < kOffices; ++o) {
    const int h = st.office[o];
    if (h < 0 || h == leader) continue;
    const auto& hm = st.members[static_cast<size_t>(h)];
    // Once his men hold the CC, the premiership is his for the taking.
    const bool cumulate = o == static_cast<int>(Office::Premier) && dominant(st, p);
    const auto office = static_cast<Office>(o);
    const int n = cumulate ? leader : nominee(w, p, office, leader, h);
    if (n < 0) continue;
    double gain = 0;
    // A premier who is not his man is a second centre of power (Breslauer 1982, ch. 2): what he
    // gains is the difference between the rival he removes and the one he puts in.
    if (o == static_cast<int>(Office::Premier)) gain += p.w_rival * (rivalry(w, p, h) - rivalry(w, p, n));
    if (hm.disgraced >= 0) gain += p.w_disgrace;
    if (cumulate) gain += p.w_office * st.members[static_cast<size_t>(leader)].ambition;
    if (gain <= best_gain) continue;
    best_gain = gain, target_office = o, target = h, replacement = n;
  }
  if (target < 0) return false;
  // The Presidium decides: each member prefers the holder or the replacement in that office; the
  // leader's clients follow him.
  double mean = 0, var = 0;
  std::vector<double> q;
  for (int j : full) {
    double pj;
    if (j == leader || j == replacement) pj = 1;
    else if (j == target) pj = 0;
    else {
      double z = office_utility(w, p, j, replacement) - office_utility(w, p, j, target);
      if (st.members[static_cast<size_t>(j)].patron == leader) z += p.w_follow;
      if (!st.members[static_cast<size_t>(j)].credit.empty() && st.members[static_cast<size_t>(j)].credit[static_cast<size_t>(leader)]) z += p.w_credit;
      pj = logistic(p.vote_sharpness * z);
    }
    q.push_back(pj);
    mean += pj, var += pj * (1 - pj);
  }
  auto est_draw = w.draws(rng::stream_id("elite.office_estimate"), static_cast<uint64_t>(leader));
  const double chance = majority_chance(mean, var, static_cast<int>(full.size()));
  const double est = logistic(logit(chance) + dist::normal(est_draw, 0.0, p.estimate_sd));
  if (est * best_gain - (1 - est) * p.office_move_cost <= 0) return false;
  int yes = 0, present = 0;
  for (size_t i = 0; i < full.size(); ++i) {
    auto d = w.draws(rng::stream_id("elite.office_vote"), static_cast<uint64_t>(full[i]));
    ++present;
    yes += d.chance(q[i]);
  }
  const auto office = static_cast<Office>(target_office);
  const std::string& holder_name = st.members[static_cast<size_t>(target)].name;
  if (2 * yes <= present) {
    w.add_event("elite.office_vote", Severity::Notable,
                fmt::format("a motion by {} to relieve {} as {} fails in the Presidium, {}–{}", name_of(st, leader), holder_name,
                            kOfficeTitles[target_office], yes, present - yes),
                {{"for", static_cast<double>(yes)}, {"against", static_cast<double>(present - yes)}, {"office", static_cast<double>(target_office)}},
                holder_name);
    return true;
  }
  ++st.dismissals;
  st.office[target_office] = -1;
  // A man relieved by a vote has been judged (Malenkov "admitted his guilt", February 1955): he is
  // not proposed for office again.
  auto& relieved = st.members[static_cast<size_t>(target)];
  const bool recanter = relieved.disgraced >= 0;
  if (!recanter) relieved.disgraced = static_cast<int>(w.step);
  w.add_event("elite.dismissal", Severity::Major,
              fmt::format("the Presidium votes {}–{} to relieve {} as {}", yes, present - yes, holder_name, kOfficeTitles[target_office]),
              {{"for", static_cast<double>(yes)}, {"against", static_cast<double>(present - yes)}, {"office", static_cast<double>(target_office)}},
              holder_name);
  // A recanter who loses his office loses his seat with it (Bulganin, 1958).
  if (recanter && relieved.rank == Rank::Full) {
    remove_member(st, target, Rank::Expelled);
    ++st.expulsions;
  }
  appoint(w, office, replacement);
  return true;
}

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
    m.industry = def.industry;
    m.born = static_cast<int>(def.born);
    m.frailty = def.frailty;
    m.secretary = def.secretary;
    st.members.push_back(std::move(m));
  }
  for (size_t i = 0; i < p.members.size(); ++i)
    for (const auto& office : split_list(p.members[i].offices, '+')) {
      const auto* it = std::find(std::begin(kOfficeNames), std::end(kOfficeNames), office);
      if (it == std::end(kOfficeNames))
        throw std::runtime_error(fmt::format("elite.member '{}': unknown office '{}' (premier, head_of_state, defence, interior, kgb)",
                                             p.members[i].name, office));
      st.office[it - std::begin(kOfficeNames)] = static_cast<int>(i);
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
  double now = std::max(0.0, -sig.harvest_shortfall) / p.harvest_scale +
                     std::max(0.0, unrest - st.unrest_expected) / p.unrest_scale + std::max(0.0, -sig.prestige);
  // Only the part he answers for: in his first years a First Secretary's failures are weighed
  // against the legacy he inherited (Breslauer 1982, ch. 2; Tompson 1995, ch. 6).
  now *= responsibility(w, p);
  const double keep = det::pow(0.5, 1 / p.failure_half_life);
  st.failure = keep * st.failure + (1 - keep) * now;
  // The selectorate's longer account: what his policies have cost them, not just this season's news.
  const double rkeep = det::pow(0.5, 1 / p.record_half_life);
  st.record = rkeep * st.record + (1 - rkeep) * now;
  const float gkeep = static_cast<float>(det::pow(0.5, 1 / p.grievance_half_life));
  // The split reaches the regional committees one after another (Tompson 1995, ch. 12): each
  // month of the reorganisation adds its part of the grievance.
  const double split_now = std::min(st.split_pending, st.split_total / std::max(1.0, p.reform_months));
  st.split_pending -= split_now;
  for (auto& s : st.cc) s.grievance = s.grievance * gkeep + (s.regional ? static_cast<float>(split_now) : 0.0f);

  age_members(w, p);
  appointments(w, p);
  publish(w, p);

  conspire(w, p);
  // A sworn majority does not wait for an occasion: it convenes the Presidium itself (June 1957:
  // the majority called the session; October 1964: the Presidium summoned the leader from his
  // holiday).
  const bool struck = strike(w, p);
  auto occasion = w.draws(rng::stream_id("elite.occasion"));
  if (!struck && occasion.chance(p.move_chance)) {
    if (!try_arrest(w, p) && !dismiss_marshal(w, p)) {
      bool acted = false;
      if (st.plot_ringleader < 0) {
        const Move m = best_move(w, p);
        if (m.ringleader >= 0 && m.utility > 0) {
          // A bid for the vacant office is made openly; a move against a sitting leader begins as
          // a plot.
          if (st.leader < 0) run_move(w, p, m);
          else begin_plot(w, p, m);
          acted = true;
        }
      }
      if (!acted && occasion.chance(p.office_move_chance / p.move_chance)) office_move(w, p);
    }
  }
  promote(w, p);
  fill_offices(w, p);
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
  row.add("elite.dismissals", st.dismissals);
  row.add("elite.deaths", st.deaths);
  row.add("elite.retirements", st.retirements);
  row.add("elite.record", st.record);
  row.add("elite.leader_premier", st.leader >= 0 && st.office[static_cast<int>(Office::Premier)] == st.leader ? 1.0 : 0.0);
}

}  // namespace thaw::model::elite
