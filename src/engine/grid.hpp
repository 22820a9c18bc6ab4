// Toroidal 2-D lattices: neighbourhoods, occupancy and count fields.
//
//   grid::Torus torus(400, 400);
//   grid::Neighbourhood vision(torus, grid::Metric::VonNeumann, 7);  // 112 cells, centre excluded
//   grid::CountField cops_seen(vision);          // per cell: how many cops lie in its neighbourhood
//   cops_seen.add_around(cop_cell, +1);          // a cop arrives: O(r^2), once per change
//   cops_seen[cell];                             // how many cops does `cell` see: O(1), per query
//   grid::Occupancy occupancy(torus);            // at most one occupant per cell
//   auto target = occupancy.random_empty(vision.around(cell), draws);  // uniform over empty cells
//
// Count fields invert the usual question. Instead of scanning r^2 cells every time an agent asks
// "how many X can I see?", each X, when it appears, leaves or moves, adds +/-1 to every cell from
// which it is visible. That is exact for symmetric neighbourhoods (all four metrics here are), and
// pays off whenever queries outnumber changes, as they do in Epstein's model where every citizen
// asks every step but only cops and the few actives move the counts.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "engine/column.hpp"

namespace thaw::grid {

using Cell = uint32_t;  // row-major index y * width + x

enum class Metric : uint8_t {
  VonNeumann,  // diamond |dx| + |dy| <= r (Mesa's OrthogonalVonNeumannGrid)
  Moore,       // square max(|dx|, |dy|) <= r
  Euclidean,   // disc dx^2 + dy^2 <= r^2 (NetLogo's in-radius between patch centres)
  Cross,       // the four lines N, S, E, W of length r (Epstein 2002 and Sugarscape "vision")
};

std::optional<Metric> parse_metric(std::string_view name);  // "von_neumann", "moore", ...
std::string_view metric_name(Metric m);

struct Offset {
  int32_t dx;
  int32_t dy;
  bool operator==(const Offset&) const = default;
};

// The offsets within distance `radius` under `metric`, centre excluded, ordered by dy then dx.
// On an unbounded plane; a Neighbourhood folds them onto a torus.
std::vector<Offset> offsets(Metric metric, int radius);

class Torus {
 public:
  Torus(uint32_t width, uint32_t height);

  uint32_t width() const { return width_; }
  uint32_t height() const { return height_; }
  size_t cells() const { return static_cast<size_t>(width_) * height_; }
  Cell cell(uint32_t x, uint32_t y) const { return y * width_ + x; }
  uint32_t x_of(Cell c) const { return c % width_; }
  uint32_t y_of(Cell c) const { return c / width_; }
  // The cell at (x + dx, y + dy), wrapping any offset.
  Cell shifted(Cell c, int64_t dx, int64_t dy) const;
  // The shortest signed displacement from a to b along each axis.
  int64_t dx(Cell from, Cell to) const;
  int64_t dy(Cell from, Cell to) const;

 private:
  uint32_t width_;
  uint32_t height_;
};

// One metric and radius folded onto one torus. When the torus is narrower than the neighbourhood
// (2r + 1 > width), offsets that land on the same cell count once and an offset that lands on the
// centre is dropped: the neighbourhood is a set of distinct cells, as in Mesa's cell spaces.
class Neighbourhood {
 public:
  Neighbourhood(const Torus& torus, Metric metric, int radius);

  const Torus& torus() const { return torus_; }
  Metric metric() const { return metric_; }
  int radius() const { return radius_; }
  // Number of distinct cells, centre excluded.
  uint32_t size() const { return static_cast<uint32_t>(dx_.size()); }

  // The neighbourhood of one centre, with its coordinates decoded once for many look-ups.
  class Around {
   public:
    uint32_t size() const { return nb_->size(); }
    Cell centre() const { return centre_; }

    // The k-th cell, 0 <= k < size(): the order is fixed, so a uniform k is a uniform cell.
    Cell cell(uint32_t k) const {
      uint32_t x = x_ + nb_->dx_[k];
      uint32_t y = y_ + nb_->dy_[k];
      if (x >= nb_->width_) x -= nb_->width_;
      if (y >= nb_->height_) y -= nb_->height_;
      return y * nb_->width_ + x;
    }

    // Calls f(first, length) for runs of consecutive cells of one row that together make up the
    // neighbourhood: the shape for loops that touch every cell (count fields, enumeration).
    template <class F>
    void for_each_run(F&& f) const {
      const uint32_t w = nb_->width_;
      for (const Run& r : nb_->runs_) {
        uint32_t y = y_ + r.dy;
        if (y >= nb_->height_) y -= nb_->height_;
        uint32_t x = x_ + r.dx;
        if (x >= w) x -= w;
        const Cell row = y * w;
        if (x + r.length <= w) {
          f(row + x, r.length);
        } else {
          f(row + x, w - x);
          f(row, x + r.length - w);
        }
      }
    }

    template <class F>
    void for_each(F&& f) const {
      for_each_run([&](Cell first, uint32_t length) {
        for (uint32_t i = 0; i < length; ++i) f(first + i);
      });
    }

   private:
    friend class Neighbourhood;
    Around(const Neighbourhood* nb, Cell centre, uint32_t x, uint32_t y)
        : nb_(nb), centre_(centre), x_(x), y_(y) {}
    const Neighbourhood* nb_;
    Cell centre_;
    uint32_t x_;
    uint32_t y_;
  };

  Around around(Cell centre) const { return Around(this, centre, torus_.x_of(centre), torus_.y_of(centre)); }

  // Whether `other` lies in the neighbourhood of `centre` (by a direct test of the metric; for
  // checks and tests, not hot loops).
  bool contains(Cell centre, Cell other) const;

 private:
  // Offsets are stored already wrapped into [0, width) x [0, height), so that finding a cell
  // costs two additions and two compares, never a modulo.
  struct Run {
    uint32_t dy;
    uint32_t dx;
    uint32_t length;
  };
  Torus torus_;
  uint32_t width_;
  uint32_t height_;
  Metric metric_;
  int radius_;
  std::vector<uint32_t> dx_;
  std::vector<uint32_t> dy_;
  std::vector<Run> runs_;
};

// For every cell, how many counted things lie in its neighbourhood (the thing on the cell itself
// does not count, as the neighbourhood excludes its centre). 16 bits a cell: a neighbourhood of up
// to 65,535 cells, far above any vision in use.
class CountField {
 public:
  explicit CountField(const Neighbourhood& nb);

  uint16_t operator[](Cell c) const { return counts_[c]; }
  const Neighbourhood& neighbourhood() const { return *nb_; }

  // A counted thing at `at` appears (+1) or leaves (-1): every cell that can see `at` changes.
  // The neighbourhood is symmetric, so the cells that see `at` are the neighbourhood of `at`.
  void add_around(Cell at, int delta) {
    const auto d = static_cast<uint16_t>(delta);  // modular arithmetic: -1 wraps and adds back
    nb_->around(at).for_each_run([&](Cell first, uint32_t length) {
      uint16_t* p = counts_.data() + first;
      for (uint32_t i = 0; i < length; ++i) p[i] = static_cast<uint16_t>(p[i] + d);
    });
  }
  void move(Cell from, Cell to) {
    add_around(from, -1);
    add_around(to, +1);
  }
  void clear() { counts_.fill(0); }

  std::span<const uint16_t> values() const { return counts_.span(); }
  size_t bytes() const { return counts_.bytes(); }

 private:
  const Neighbourhood* nb_;
  Column<uint16_t> counts_;
};

// At most one occupant per cell, named by a 32-bit id.
class Occupancy {
 public:
  static constexpr uint32_t kEmpty = UINT32_MAX;

  explicit Occupancy(const Torus& torus);

  bool empty(Cell c) const { return occupant_[c] == kEmpty; }
  uint32_t occupant(Cell c) const { return occupant_[c]; }
  void place(Cell c, uint32_t id) { occupant_[c] = id; }
  void clear(Cell c) { occupant_[c] = kEmpty; }
  void move(Cell from, Cell to) {
    occupant_[to] = occupant_[from];
    occupant_[from] = kEmpty;
  }

  // A uniformly random empty cell of the neighbourhood, or nothing if all are taken. Tries
  // `tries` uniform cells first: conditional on success, the first empty one hit is uniform over
  // the empty cells; on failure an exact count and pick is just as uniform, so the mixture is
  // exactly uniform whatever the occupancy. `G` needs below(n) (rng::Draws).
  template <class G>
  std::optional<Cell> random_empty(const Neighbourhood::Around& around, G& g, int tries = 24) const {
    const uint32_t n = around.size();
    if (n == 0) return std::nullopt;
    for (int t = 0; t < tries; ++t) {
      const Cell c = around.cell(g.below(n));
      if (empty(c)) return c;
    }
    uint32_t free = 0;
    around.for_each_run([&](Cell first, uint32_t length) {
      for (uint32_t i = 0; i < length; ++i) free += empty(first + i) ? 1u : 0u;
    });
    if (free == 0) return std::nullopt;
    return nth_empty(around, g.below(free));
  }

  // The j-th empty cell of the neighbourhood in its fixed visiting order.
  Cell nth_empty(const Neighbourhood::Around& around, uint32_t j) const;

  std::span<const uint32_t> values() const { return occupant_.span(); }
  size_t bytes() const { return occupant_.bytes(); }

 private:
  Column<uint32_t> occupant_;
};

}  // namespace thaw::grid
