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

}  // namespace

std::vector<ParamInfo> list_params(const std::function<void(ParamVisitor&)>& describe) {
  std::vector<ParamInfo> out;
  Lister lister(out);
  describe(lister);
  return out;
}

}  // namespace thaw
