#include "engine/params.hpp"

#include <fmt/format.h>

#include <cmath>

namespace thaw {

namespace {

std::string range_text(const ParamSpec& spec) {
  const bool has_min = std::isfinite(spec.min);
  const bool has_max = std::isfinite(spec.max);
  if (!spec.choices.empty()) {
    std::string s;
    for (auto c : spec.choices) {
      if (!s.empty()) s += " | ";
      s += c;
    }
    return s;
  }
  if (has_min && has_max) return fmt::format("[{}, {}]", spec.min, spec.max);
  if (has_min) return fmt::format(">= {}", spec.min);
  if (has_max) return fmt::format("<= {}", spec.max);
  return "";
}

std::string schedule_text(const Schedule& s) {
  if (s.is_constant()) return fmt::format("{}", s.points().front().value);
  std::string out = "[";
  for (const auto& p : s.points()) {
    if (out.size() > 1) out += ", ";
    out += fmt::format("[{}, {}]", p.step, p.value);
  }
  return out + "]";
}

std::string texts_text(const std::vector<std::string>& v) {
  std::string out = "[";
  for (const auto& x : v) out += fmt::format("{}\"{}\"", out.size() > 1 ? ", " : "", x);
  return out + "]";
}

std::string literals_text(const std::vector<Literal>& v) {
  std::string out = "[";
  for (const auto& x : v) out += fmt::format("{}{}", out.size() > 1 ? ", " : "", x.text);
  return out + "]";
}

class Lister final : public ParamVisitor {
 public:
  explicit Lister(std::vector<ParamInfo>& out, std::string prefix = "")
      : out_(out), prefix_(std::move(prefix)) {}

  void value(std::string_view key, double& v, const ParamSpec& s) override {
    add(key, "number", fmt::format("{}", v), s);
  }
  void value(std::string_view key, int64_t& v, const ParamSpec& s) override {
    add(key, "integer", fmt::format("{}", v), s);
  }
  void value(std::string_view key, bool& v, const ParamSpec& s) override {
    add(key, "bool", v ? "true" : "false", s);
  }
  void value(std::string_view key, std::string& v, const ParamSpec& s) override {
    add(key, "text", fmt::format("\"{}\"", v), s);
  }
  void value(std::string_view key, Month& v, const ParamSpec& s) override {
    add(key, "month", v.str(), s);
  }
  void value(std::string_view key, Schedule& v, const ParamSpec& s) override {
    add(key, "schedule", schedule_text(v), s);
  }
  void value(std::string_view key, std::optional<double>& v, const ParamSpec& s) override {
    add(key, "number", v ? fmt::format("{}", *v) : "", s);
  }
  void value(std::string_view key, std::vector<std::string>& v, const ParamSpec& s) override {
    add(key, "texts", texts_text(v), s);
  }
  void value(std::string_view key, std::vector<Literal>& v, const ParamSpec& s) override {
    add(key, "values", literals_text(v), s);
  }
  void section(std::string_view key, std::string_view, const std::function<void(ParamVisitor&)>& body) override {
    Lister inner(out_, path(key));
    body(inner);
  }

 protected:
  void list_impl(std::string_view key, std::string_view, size_t, const std::function<void(size_t)>&,
                 const std::function<void(size_t, ParamVisitor&)>&,
                 const std::function<void(ParamVisitor&)>& prototype) override {
    Lister inner(out_, path(key) + "[]");
    prototype(inner);
  }

 private:
  std::string path(std::string_view key) const {
    return prefix_.empty() ? std::string(key) : prefix_ + "." + std::string(key);
  }
  void add(std::string_view key, const char* type, std::string def, const ParamSpec& s) {
    out_.push_back({path(key), type, std::move(def), std::string(s.unit), range_text(s),
                    std::string(s.doc), std::string(s.source)});
  }

  std::vector<ParamInfo>& out_;
  std::string prefix_;
};

// Collects the fields of one item of a list as text.
class FieldCollector final : public ParamVisitor {
 public:
  explicit FieldCollector(ParamItem& out, std::string prefix = "") : out_(out), prefix_(std::move(prefix)) {}

  void value(std::string_view key, double& v, const ParamSpec&) override { add(key, fmt::format("{}", v)); }
  void value(std::string_view key, int64_t& v, const ParamSpec&) override { add(key, fmt::format("{}", v)); }
  void value(std::string_view key, bool& v, const ParamSpec&) override { add(key, v ? "true" : "false"); }
  void value(std::string_view key, std::string& v, const ParamSpec&) override { add(key, v); }
  void value(std::string_view key, Month& v, const ParamSpec&) override { add(key, v.str()); }
  void value(std::string_view key, Schedule& v, const ParamSpec&) override { add(key, schedule_text(v)); }
  void value(std::string_view key, std::optional<double>& v, const ParamSpec&) override {
    add(key, v ? fmt::format("{}", *v) : "");
  }
  void value(std::string_view key, std::vector<std::string>& v, const ParamSpec&) override { add(key, texts_text(v)); }
  void value(std::string_view key, std::vector<Literal>& v, const ParamSpec&) override { add(key, literals_text(v)); }
  void section(std::string_view key, std::string_view, const std::function<void(ParamVisitor&)>& body) override {
    FieldCollector inner(out_, path(key));
    body(inner);
  }

 protected:
  void list_impl(std::string_view, std::string_view, size_t, const std::function<void(size_t)>&,
                 const std::function<void(size_t, ParamVisitor&)>&, const std::function<void(ParamVisitor&)>&) override {}

 private:
  std::string path(std::string_view key) const {
    return prefix_.empty() ? std::string(key) : prefix_ + "." + std::string(key);
  }
  void add(std::string_view key, std::string text) { out_.fields.emplace_back(path(key), std::move(text)); }

  ParamItem& out_;
  std::string prefix_;
};

// Walks sections to the list at `target` and collects its items; every value elsewhere is
// passed over.
class ItemFinder final : public ParamVisitor {
 public:
  ItemFinder(std::vector<ParamItem>& out, std::string_view target, std::string prefix = "")
      : out_(out), target_(target), prefix_(std::move(prefix)) {}

  void value(std::string_view, double&, const ParamSpec&) override {}
  void value(std::string_view, int64_t&, const ParamSpec&) override {}
  void value(std::string_view, bool&, const ParamSpec&) override {}
  void value(std::string_view, std::string&, const ParamSpec&) override {}
  void value(std::string_view, Month&, const ParamSpec&) override {}
  void value(std::string_view, Schedule&, const ParamSpec&) override {}
  void value(std::string_view, std::optional<double>&, const ParamSpec&) override {}
  void value(std::string_view, std::vector<std::string>&, const ParamSpec&) override {}
  void value(std::string_view, std::vector<Literal>&, const ParamSpec&) override {}
  void section(std::string_view key, std::string_view, const std::function<void(ParamVisitor&)>& body) override {
    ItemFinder inner(out_, target_, path(key));
    body(inner);
  }

 protected:
  void list_impl(std::string_view key, std::string_view, size_t size, const std::function<void(size_t)>&,
                 const std::function<void(size_t, ParamVisitor&)>& item, const std::function<void(ParamVisitor&)>&) override {
    if (path(key) != target_) return;
    for (size_t i = 0; i < size; ++i) {
      ParamItem found;
      FieldCollector c(found);
      item(i, c);
      out_.push_back(std::move(found));
    }
  }

 private:
  std::string path(std::string_view key) const {
    return prefix_.empty() ? std::string(key) : prefix_ + "." + std::string(key);
  }
  std::vector<ParamItem>& out_;
  std::string_view target_;
  std::string prefix_;
};

}  // namespace

const std::string& ParamItem::get(std::string_view field) const {
  static const std::string empty;
  for (const auto& [k, v] : fields)
    if (k == field) return v;
  return empty;
}

std::vector<ParamItem> list_items(const std::function<void(ParamVisitor&)>& describe, std::string_view path) {
  std::vector<ParamItem> out;
  ItemFinder finder(out, path);
  describe(finder);
  return out;
}

std::vector<ParamInfo> list_params(const std::function<void(ParamVisitor&)>& describe) {
  std::vector<ParamInfo> out;
  Lister lister(out);
  describe(lister);
  return out;
}

}  // namespace thaw
