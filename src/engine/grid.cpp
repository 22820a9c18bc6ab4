#include "engine/grid.hpp"

#include <algorithm>
#include <cstdlib>
#include <stdexcept>

#include <fmt/format.h>

namespace thaw::grid {

namespace {
struct MetricName {
  Metric metric;
  std::string_view name;
};
constexpr MetricName kMetricNames[] = {{Metric::VonNeumann, "von_neumann"},
                                       {Metric::Moore, "moore"},
                                       {Metric::Euclidean, "euclidean"},
                                       {Metric::Cross, "cross"}};

bool within(Metric metric, int64_t dx, int64_t dy, int64_t r) {
  const int64_t ax = dx < 0 ? -dx : dx;
  const int64_t ay = dy < 0 ? -dy : dy;
  switch (metric) {
    case Metric::VonNeumann: return ax + ay <= r;
    case Metric::Moore: return ax <= r && ay <= r;
    case Metric::Euclidean: return ax * ax + ay * ay <= r * r;
    case Metric::Cross: return (ax == 0 && ay <= r) || (ay == 0 && ax <= r);
  }
  return false;
}

uint32_t wrap(int64_t v, uint32_t n) {
  const int64_t m = v % static_cast<int64_t>(n);
  return static_cast<uint32_t>(m < 0 ? m + n : m);
}
}  // namespace

std::optional<Metric> parse_metric(std::string_view name) {
  for (const auto& m : kMetricNames)
    if (m.name == name) return m.metric;
  return std::nullopt;
}

std::string_view metric_name(Metric metric) {
  for (const auto& m : kMetricNames)
    if (m.metric == metric) return m.name;
  return "?";
}

std::vector<Offset> offsets(Metric metric, int radius) {
  std::vector<Offset> out;
  for (int dy = -radius; dy <= radius; ++dy)
    for (int dx = -radius; dx <= radius; ++dx)
      if ((dx != 0 || dy != 0) && within(metric, dx, dy, radius)) out.push_back({dx, dy});
  return out;
}

Torus::Torus(uint32_t width, uint32_t height) : width_(width), height_(height) {
  if (width == 0 || height == 0) throw std::invalid_argument("a torus needs at least one cell");
  if (static_cast<uint64_t>(width) * height > UINT32_MAX)
    throw std::invalid_argument(fmt::format("a {}x{} torus has more cells than 32-bit cell ids can name", width,
                                            height));
}

Cell Torus::shifted(Cell c, int64_t dx, int64_t dy) const {
  return cell(wrap(static_cast<int64_t>(x_of(c)) + dx, width_), wrap(static_cast<int64_t>(y_of(c)) + dy, height_));
}

namespace {
int64_t shortest(int64_t d, uint32_t n) {
  const auto len = static_cast<int64_t>(n);
  d %= len;
  if (d < 0) d += len;
  return d * 2 > len ? d - len : d;
}
}  // namespace

int64_t Torus::dx(Cell from, Cell to) const {
  return shortest(static_cast<int64_t>(x_of(to)) - x_of(from), width_);
}

int64_t Torus::dy(Cell from, Cell to) const {
  return shortest(static_cast<int64_t>(y_of(to)) - y_of(from), height_);
}

Neighbourhood::Neighbourhood(const Torus& torus, Metric metric, int radius)
    : torus_(torus), width_(torus.width()), height_(torus.height()), metric_(metric), radius_(radius) {
  if (radius < 1) throw std::invalid_argument("a neighbourhood radius must be at least 1");
  // Fold the plane offsets onto the torus, keeping each distinct cell once and never the centre.
  std::vector<std::pair<uint32_t, uint32_t>> folded;  // (dy, dx), wrapped
  for (const Offset& o : offsets(metric, radius)) {
    const uint32_t dx = wrap(o.dx, width_);
    const uint32_t dy = wrap(o.dy, height_);
    if (dx == 0 && dy == 0) continue;
    folded.emplace_back(dy, dx);
  }
  std::sort(folded.begin(), folded.end());
  folded.erase(std::unique(folded.begin(), folded.end()), folded.end());
  dx_.reserve(folded.size());
  dy_.reserve(folded.size());
  for (const auto& [dy, dx] : folded) {
    dy_.push_back(dy);
    dx_.push_back(dx);
    // Merge consecutive dx of one row into runs (sorted by dy, then dx).
    if (!runs_.empty() && runs_.back().dy == dy && runs_.back().dx + runs_.back().length == dx) {
      ++runs_.back().length;
    } else {
      runs_.push_back({dy, dx, 1});
    }
  }
}

bool Neighbourhood::contains(Cell centre, Cell other) const {
  if (centre == other) return false;
  // On a torus narrower than the neighbourhood a cell can be reached by several plane offsets:
  // it belongs if any of them is within range.
  const int64_t bx = torus_.dx(centre, other);
  const int64_t by = torus_.dy(centre, other);
  for (int64_t kx = -(radius_ / static_cast<int64_t>(width_)) - 1; kx <= radius_ / static_cast<int64_t>(width_) + 1; ++kx)
    for (int64_t ky = -(radius_ / static_cast<int64_t>(height_)) - 1; ky <= radius_ / static_cast<int64_t>(height_) + 1;
         ++ky)
      if (within(metric_, bx + kx * width_, by + ky * height_, radius_)) return true;
  return false;
}

CountField::CountField(const Neighbourhood& nb) : nb_(&nb), counts_(nb.torus().cells()) {
  if (nb.size() > UINT16_MAX)
    throw std::invalid_argument(fmt::format("a count field holds at most {} per cell; this neighbourhood has {} cells",
                                            UINT16_MAX, nb.size()));
  counts_.fill(0);
}

Occupancy::Occupancy(const Torus& torus) : occupant_(torus.cells()) { occupant_.fill(kEmpty); }

Cell Occupancy::nth_empty(const Neighbourhood::Around& around, uint32_t j) const {
  std::optional<Cell> found;
  around.for_each_run([&](Cell first, uint32_t length) {
    if (found) return;
    for (uint32_t i = 0; i < length; ++i) {
      if (!empty(first + i)) continue;
      if (j == 0) {
        found = first + i;
        return;
      }
      --j;
    }
  });
  if (!found) throw std::logic_error("nth_empty: fewer empty cells than asked for");
  return *found;
}

}  // namespace thaw::grid
