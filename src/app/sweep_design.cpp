#include "app/sweep_design.hpp"

#include "engine/rng.hpp"

#include <fmt/format.h>

#include <cmath>

namespace thaw::app {

namespace {
std::string format_number(double x, bool integer) {
  if (integer) return fmt::format("{}", static_cast<int64_t>(std::llround(x)));
  // Twelve significant digits: 0.3 + 0.6 * 0.5 is written 0.6, not 0.6000000000000001, and the
  // text is exactly what the run is given.
  return fmt::format("{:.12g}", x);
}
}  // namespace

std::vector<std::vector<std::string>> design_points(const SweepSpec& spec) {
  auto range_value = [](const SweepParameter& p, double u) {
    const double lo = *p.low, hi = *p.high;
    return p.log ? std::exp(std::log(lo) + u * (std::log(hi) - std::log(lo))) : lo + u * (hi - lo);
  };
  std::vector<std::vector<std::string>> points;
  if (spec.design == "grid") {
    std::vector<std::vector<std::string>> levels;
    for (const auto& p : spec.parameters) {
      std::vector<std::string> l;
      for (const auto& v : p.values) l.push_back(v.text);
      if (l.empty()) {
        for (int64_t k = 0; k < p.steps; ++k) {
          const double u = p.steps == 1 ? 0.5 : static_cast<double>(k) / static_cast<double>(p.steps - 1);
          l.push_back(format_number(range_value(p, u), p.integer));
        }
      }
      levels.push_back(std::move(l));
    }
    points.push_back({});
    for (const auto& l : levels) {
      std::vector<std::vector<std::string>> next;
      for (const auto& partial : points)
        for (const auto& v : l) {
          auto q = partial;
          q.push_back(v);
          next.push_back(std::move(q));
        }
      points = std::move(next);
    }
  } else {
    for (int64_t i = 0; i < spec.points; ++i) {
      std::vector<std::string> point;
      for (size_t j = 0; j < spec.parameters.size(); ++j) {
        const auto& p = spec.parameters[j];
        rng::Draws d(spec.seed, rng::stream_id("sweep.design"), static_cast<uint64_t>(i), j);
        if (!p.values.empty()) point.push_back(p.values[d.below(static_cast<uint32_t>(p.values.size()))].text);
        else point.push_back(format_number(range_value(p, d.uniform()), p.integer));
      }
      points.push_back(std::move(point));
    }
  }
  return points;
}

std::string point_overrides_text(const SweepSpec& spec, const std::vector<std::string>& values) {
  std::string s;
  for (size_t j = 0; j < values.size(); ++j) s += (j ? "\n" : "") + spec.parameters[j].name + "=" + values[j];
  return s;
}

}  // namespace thaw::app
