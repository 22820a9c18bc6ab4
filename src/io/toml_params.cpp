#include "io/toml_params.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

namespace thaw::io::detail {

namespace {

size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

const char* type_name(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::table: return "a table";
    case toml::node_type::array: return "an array";
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a number";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::date: return "a date";
    case toml::node_type::time: return "a time";
    case toml::node_type::date_time: return "a date-time";
    default: return "nothing";
  }
}

// A text as a TOML string literal: "say \"no\"".
std::string toml_string(std::string_view text) {
  std::string q = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') q += '\\';
    q += c;
  }
  return q + "\"";
}

std::string show(const toml::node& n) {
  std::ostringstream s;
  n.visit([&](auto&& v) {
    if constexpr (toml::is_string<decltype(v)>) {
      s << '"' << v.get() << '"';
    } else if constexpr (toml::is_table<decltype(v)> || toml::is_array<decltype(v)>) {
      s << (toml::is_table<decltype(v)> ? "a table" : "an array");
    } else {
      s << v;
    }
  });
  return s.str();
}

struct BindContext {
  std::string source;
  std::optional<Calendar> calendar;
  std::set<std::string> overridden;
  std::vector<std::string> problems;
};

class Binder final : public ParamVisitor {
 public:
  Binder(const toml::table* table, std::string prefix, BindContext& ctx)
      : table_(table), prefix_(std::move(prefix)), ctx_(ctx) {}

  void value(std::string_view key, double& v, const ParamSpec& spec) override {
    if (auto x = number(key, spec)) v = *x;
  }

  void value(std::string_view key, int64_t& v, const ParamSpec& spec) override {
    const toml::node* n = find(key, spec);
    if (!n) return;
    if (auto x = n->as_integer()) {
      if (in_range(key, *n, static_cast<double>(x->get()), spec)) v = x->get();
    } else {
      problem(*n, key, fmt::format("expected an integer, got {}", type_name(*n)));
    }
  }

  void value(std::string_view key, bool& v, const ParamSpec& spec) override {
    const toml::node* n = find(key, spec);
    if (!n) return;
    if (auto x = n->as_boolean()) {
      v = x->get();
    } else {
      problem(*n, key, fmt::format("expected true or false, got {}", type_name(*n)));
    }
  }

  void value(std::string_view key, std::string& v, const ParamSpec& spec) override {
    const toml::node* n = find(key, spec);
    if (!n) return;
    auto x = n->as_string();
    if (!x) {
      problem(*n, key, fmt::format("expected a string, got {}", type_name(*n)));
      return;
    }
    if (!spec.choices.empty() &&
        std::find(spec.choices.begin(), spec.choices.end(), x->get()) == spec.choices.end()) {
      std::string allowed;
      for (auto c : spec.choices) allowed += (allowed.empty() ? "" : ", ") + std::string(c);
      problem(*n, key, fmt::format("\"{}\" is not one of: {}", x->get(), allowed));
      return;
    }
    v = x->get();
  }

  void value(std::string_view key, Month& v, const ParamSpec& spec) override {
    const toml::node* n = find(key, spec);
    if (!n) return;
    if (auto m = as_month(*n, key)) v = *m;
  }

  void value(std::string_view key, Schedule& v, const ParamSpec& spec) override {
    const toml::node* n = find(key, spec);
    if (!n) return;
    if (auto x = as_number(*n)) {
      if (in_range(key, *n, *x, spec)) v = Schedule(*x);
      return;
    }
    const toml::array* points = n->as_array();
    Schedule::Interpolation mode = Schedule::Step;
    if (const toml::table* t = n->as_table()) {
      for (auto&& [k, node] : *t) {
        if (k.str() != "points" && k.str() != "interpolation")
          problem(node, std::string(key) + "." + std::string(k.str()),
                  "unknown key in a schedule (expected 'points' and optionally 'interpolation')");
      }
      if (const toml::node* interp = t->get("interpolation")) {
        const auto s = interp->value<std::string>();
        if (s == "linear") mode = Schedule::Linear;
        else if (s != "step") problem(*interp, key, "interpolation must be \"step\" or \"linear\"");
      }
      const toml::node* p = t->get("points");
      points = p ? p->as_array() : nullptr;
      if (!points) {
        problem(*n, key, "a schedule table needs 'points = [[when, value], ...]'");
        return;
      }
    }
    if (!points) {
      problem(*n, key, fmt::format("expected a number or a schedule [[when, value], ...], got {}", type_name(*n)));
      return;
    }
    std::vector<Schedule::Point> out;
    bool ok = true;
    for (const toml::node& item : *points) {
      const toml::array* pair = item.as_array();
      if (!pair || pair->size() != 2) {
        problem(item, key, "each schedule point must be [when, value], e.g. [\"1956-02\", 0.6] or [120, 0.6]");
        ok = false;
        continue;
      }
      const auto when = as_step((*pair)[0], key);
      const auto x = as_number(*pair->get(1));
      if (!x) {
        problem((*pair)[1], key, fmt::format("schedule value must be a number, got {}", type_name((*pair)[1])));
        ok = false;
        continue;
      }
      if (!when || !in_range(key, (*pair)[1], *x, spec)) {
        ok = false;
        continue;
      }
      // Two values for one step: which one holds would depend on the order of the points.
      if (std::any_of(out.begin(), out.end(), [&](const Schedule::Point& p) { return p.step == *when; })) {
        problem((*pair)[0], key, fmt::format("two points for the same step ({}{})", *when,
                                             ctx_.calendar ? ", " + ctx_.calendar->month_at(*when).str() : std::string()));
        ok = false;
        continue;
      }
      out.push_back({*when, *x});
    }
    if (ok && out.empty()) {
      problem(*n, key, "a schedule needs at least one point");
      ok = false;
    }
    if (ok) v = Schedule(std::move(out), mode);
  }

  void value(std::string_view key, std::optional<double>& v, const ParamSpec& spec) override {
    if (auto x = number(key, spec)) v = *x;
  }

  void value(std::string_view key, std::vector<std::string>& v, const ParamSpec& spec) override {
    const toml::node* n = find(key, spec);
    if (!n) return;
    const toml::array* arr = n->as_array();
    if (!arr) {
      problem(*n, key, fmt::format("expected a list of texts [\"...\", ...], got {}", type_name(*n)));
      return;
    }
    std::vector<std::string> out;
    for (const toml::node& item : *arr) {
      if (auto x = item.as_string()) out.push_back(x->get());
      else problem(item, key, fmt::format("expected a text, got {}", type_name(item)));
    }
    v = std::move(out);
  }

  void value(std::string_view key, std::vector<Literal>& v, const ParamSpec& spec) override {
    const toml::node* n = find(key, spec);
    if (!n) return;
    const toml::array* arr = n->as_array();
    if (!arr || arr->empty()) {
      problem(*n, key, fmt::format("expected a non-empty list of values, e.g. [0.3, 0.7], got {}", arr ? "[]" : type_name(*n)));
      return;
    }
    std::vector<Literal> out;
    for (const toml::node& item : *arr) {
      if (auto b = item.value_exact<bool>()) out.push_back({std::string(*b ? "true" : "false")});
      else if (auto i = item.value_exact<int64_t>()) out.push_back({fmt::format("{}", *i)});
      else if (auto d = item.value_exact<double>()) out.push_back({fmt::format("{}", *d)});
      else if (auto t = item.value_exact<std::string>()) out.push_back({toml_string(*t)});
      else problem(item, key, fmt::format("values must be numbers, booleans or texts, got {}", type_name(item)));
    }
    v = std::move(out);
  }

  void section(std::string_view key, std::string_view,
               const std::function<void(ParamVisitor&)>& body) override {
    known_.insert(std::string(key));
    static const toml::table empty;
    const toml::node* n = table_->get(key);
    const toml::table* t = &empty;
    if (n) {
      visited_.insert(std::string(key));
      t = n->as_table();
      if (!t) {
        problem(*n, key, fmt::format("expected a table ([{}]), got {}", path(key), type_name(*n)));
        return;
      }
    }
    Binder inner(t, path(key), ctx_);
    body(inner);
    inner.check_unknown();
  }

  void check_unknown() {
    for (auto&& [k, node] : *table_) {
      const std::string name(k.str());
      if (visited_.count(name)) continue;
      std::string hint;
      size_t best = 3;
      for (const auto& candidate : known_) {
        const size_t d = edit_distance(name, candidate);
        if (d < best) {
          best = d;
          hint = fmt::format(" (did you mean '{}'?)", candidate);
        }
      }
      if (hint.empty() && !known_.empty() && known_.size() <= 12) {
        std::string all;
        for (const auto& c : known_) all += (all.empty() ? "" : ", ") + c;
        hint = fmt::format(" (known here: {})", all);
      }
      problem_at(k.source(), path(name), "unknown key" + hint);
    }
  }

 protected:
  void list_impl(std::string_view key, std::string_view, size_t,
                 const std::function<void(size_t)>& resize,
                 const std::function<void(size_t, ParamVisitor&)>& item,
                 const std::function<void(ParamVisitor&)>&) override {
    known_.insert(std::string(key));
    const toml::node* n = table_->get(key);
    if (!n) return;  // absent: the defaults stand
    visited_.insert(std::string(key));
    const toml::array* arr = n->as_array();
    if (!arr || (!arr->empty() && !arr->is_array_of_tables())) {
      problem(*n, key, fmt::format("expected a list of tables ([[{}]]), got {}", path(key), type_name(*n)));
      return;
    }
    resize(arr->size());
    for (size_t i = 0; i < arr->size(); ++i) {
      Binder inner(arr->get(i)->as_table(), fmt::format("{}[{}]", path(key), i), ctx_);
      item(i, inner);
      inner.check_unknown();
    }
  }

 private:
  std::string path(std::string_view key) const {
    return prefix_.empty() ? std::string(key) : prefix_ + "." + std::string(key);
  }

  // The number at `key` if it is given, is a number and is in range (else the problem is noted).
  std::optional<double> number(std::string_view key, const ParamSpec& spec) {
    const toml::node* n = find(key, spec);
    if (!n) return std::nullopt;
    const auto x = as_number(*n);
    if (!x) {
      problem(*n, key, fmt::format("expected a number, got {}", type_name(*n)));
      return std::nullopt;
    }
    return in_range(key, *n, *x, spec) ? x : std::nullopt;
  }

  const toml::node* find(std::string_view key, const ParamSpec& spec) {
    known_.insert(std::string(key));
    const toml::node* n = table_->get(key);
    if (n) {
      visited_.insert(std::string(key));
    } else if (spec.required) {
      ctx_.problems.push_back(fmt::format("{}: {}: missing (required: {})", ctx_.source, path(key), spec.doc));
    }
    return n;
  }

  static std::optional<double> as_number(const toml::node& n) {
    if (auto i = n.as_integer()) return static_cast<double>(i->get());
    if (auto f = n.as_floating_point()) return f->get();
    return std::nullopt;
  }

  bool in_range(std::string_view key, const toml::node& n, double x, const ParamSpec& spec) {
    if (std::isnan(x)) {
      problem(n, key, "must be a number, got nan");
      return false;
    }
    if (x < spec.min || x > spec.max) {
      std::string range;
      if (std::isfinite(spec.min) && std::isfinite(spec.max)) range = fmt::format("between {} and {}", spec.min, spec.max);
      else if (std::isfinite(spec.min)) range = fmt::format("at least {}", spec.min);
      else range = fmt::format("at most {}", spec.max);
      problem(n, key, fmt::format("must be {}, got {}", range, show(n)));
      return false;
    }
    return true;
  }

  std::optional<Month> as_month(const toml::node& n, std::string_view key) {
    if (auto d = n.as_date()) {
      const toml::date& date = d->get();
      return Month::of(date.year, date.month);
    }
    if (auto s = n.as_string()) {
      if (auto m = Month::parse(s->get())) return m;
      problem(n, key, fmt::format("\"{}\" is not a date like \"1956-02\" or \"1956-02-25\"", s->get()));
      return std::nullopt;
    }
    problem(n, key, fmt::format("expected a date like \"1956-02\", got {}", type_name(n)));
    return std::nullopt;
  }

  std::optional<int64_t> as_step(const toml::node& n, std::string_view key) {
    if (auto i = n.as_integer()) {
      if (i->get() < 0) {
        problem(n, key, "a step must not be negative");
        return std::nullopt;
      }
      return i->get();
    }
    if (n.is_string() || n.is_date()) {
      if (!ctx_.calendar) {
        problem(n, key, "this model counts steps, not months: give the step as an integer");
        return std::nullopt;
      }
      if (auto m = as_month(n, key)) return ctx_.calendar->step_of(*m);
      return std::nullopt;
    }
    problem(n, key, fmt::format("expected a step (integer) or a date, got {}", type_name(n)));
    return std::nullopt;
  }

  void problem(const toml::node& n, std::string_view key, std::string message) {
    problem_at(n.source(), path(key), std::move(message));
  }

  void problem_at(const toml::source_region& where, const std::string& full_path, std::string message) {
    std::string location;
    for (const auto& o : ctx_.overridden) {
      if (full_path == o || full_path.rfind(o + ".", 0) == 0 || full_path.rfind(o + "[", 0) == 0) {
        location = fmt::format("--set {}", o);
        break;
      }
    }
    if (location.empty()) {
      // A node laid over from a base scenario names its own file.
      const std::string& file = where.path && !where.path->empty() ? *where.path : ctx_.source;
      location = where.begin.line == 0 ? ctx_.source
                                       : fmt::format("{}:{}:{}", file, where.begin.line, where.begin.column);
    }
    ctx_.problems.push_back(fmt::format("{}: {}: {}", location, full_path, message));
  }

  const toml::table* table_;
  std::string prefix_;
  BindContext& ctx_;
  std::set<std::string> visited_;
  std::set<std::string> known_;
};

// Turns values back into TOML, for the record of what a run used.
class Writer final : public ParamVisitor {
 public:
  Writer(toml::table& out, const std::optional<Calendar>& calendar) : out_(out), calendar_(calendar) {}

  void value(std::string_view key, double& v, const ParamSpec&) override { out_.insert_or_assign(key, v); }
  void value(std::string_view key, int64_t& v, const ParamSpec&) override { out_.insert_or_assign(key, v); }
  void value(std::string_view key, bool& v, const ParamSpec&) override { out_.insert_or_assign(key, v); }
  void value(std::string_view key, std::string& v, const ParamSpec&) override { out_.insert_or_assign(key, v); }
  void value(std::string_view key, Month& v, const ParamSpec&) override { out_.insert_or_assign(key, v.str()); }
  void value(std::string_view key, Schedule& v, const ParamSpec&) override {
    if (v.is_constant()) {
      out_.insert_or_assign(key, v.points().front().value);
      return;
    }
    toml::array points;
    for (const auto& p : v.points()) {
      toml::array pair;
      if (calendar_) pair.push_back(calendar_->month_at(p.step).str());
      else pair.push_back(p.step);
      pair.push_back(p.value);
      points.push_back(std::move(pair));
    }
    if (v.interpolation() == Schedule::Linear) {
      toml::table t;
      t.insert("points", std::move(points));
      t.insert("interpolation", "linear");
      out_.insert_or_assign(key, std::move(t));
    } else {
      out_.insert_or_assign(key, std::move(points));
    }
  }
  void value(std::string_view key, std::optional<double>& v, const ParamSpec&) override {
    if (v) out_.insert_or_assign(key, *v);
  }
  void value(std::string_view key, std::vector<std::string>& v, const ParamSpec&) override {
    toml::array arr;
    for (const auto& x : v) arr.push_back(x);
    out_.insert_or_assign(key, std::move(arr));
  }
  void value(std::string_view key, std::vector<Literal>& v, const ParamSpec&) override {
    toml::array arr;
    for (const auto& x : v) {
      toml::table parsed = toml::parse("v = " + x.text);
      arr.push_back(std::move(*parsed.get("v")));
    }
    out_.insert_or_assign(key, std::move(arr));
  }
  void section(std::string_view key, std::string_view, const std::function<void(ParamVisitor&)>& body) override {
    toml::table inner;
    Writer w(inner, calendar_);
    body(w);
    out_.insert_or_assign(key, std::move(inner));
  }

 protected:
  void list_impl(std::string_view key, std::string_view, size_t size, const std::function<void(size_t)>&,
                 const std::function<void(size_t, ParamVisitor&)>& item,
                 const std::function<void(ParamVisitor&)>&) override {
    toml::array arr;
    for (size_t i = 0; i < size; ++i) {
      toml::table t;
      Writer w(t, calendar_);
      item(i, w);
      arr.push_back(std::move(t));
    }
    out_.insert_or_assign(key, std::move(arr));
  }

 private:
  toml::table& out_;
  const std::optional<Calendar>& calendar_;
};

}  // namespace

std::vector<std::string> bind_table(const toml::table& root, const std::function<void(ParamVisitor&)>& describe,
                                    const std::string& source, std::optional<Calendar> calendar,
                                    const std::vector<std::string>& overridden) {
  BindContext ctx{source, calendar, {overridden.begin(), overridden.end()}, {}};
  Binder binder(&root, "", ctx);
  describe(binder);
  binder.check_unknown();
  return std::move(ctx.problems);
}

toml::table write_table(const std::function<void(ParamVisitor&)>& describe, std::optional<Calendar> calendar) {
  toml::table root;
  Writer w(root, calendar);
  describe(w);
  return root;
}

}  // namespace thaw::io::detail
