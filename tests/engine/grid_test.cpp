#include "engine/grid.hpp"

#include "engine/rng.hpp"
#include "support/stats.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

namespace thaw::grid {
namespace {

using ::testing::UnorderedElementsAre;

constexpr Metric kMetrics[] = {Metric::VonNeumann, Metric::Moore, Metric::Euclidean, Metric::Cross};

std::set<Cell> cells_of(const Neighbourhood& nb, Cell centre) {
  std::set<Cell> out;
  const auto around = nb.around(centre);
  for (uint32_t k = 0; k < around.size(); ++k) out.insert(around.cell(k));
  return out;
}

TEST(Offsets, CountsMatchTheClosedForms) {
  for (int r = 1; r <= 10; ++r) {
    EXPECT_EQ(offsets(Metric::VonNeumann, r).size(), static_cast<size_t>(2 * r * (r + 1))) << r;
    EXPECT_EQ(offsets(Metric::Moore, r).size(), static_cast<size_t>((2 * r + 1) * (2 * r + 1) - 1)) << r;
    EXPECT_EQ(offsets(Metric::Cross, r).size(), static_cast<size_t>(4 * r)) << r;
  }
  EXPECT_EQ(offsets(Metric::VonNeumann, 7).size(), 112u);  // Mesa's vision
  EXPECT_EQ(offsets(Metric::Moore, 7).size(), 224u);
  EXPECT_EQ(offsets(Metric::Cross, 7).size(), 28u);
  // Lattice points in a disc of radius r (Gauss's circle problem, OEIS A000328), minus the centre.
  const size_t gauss[] = {1, 5, 13, 29, 49, 81, 113, 149, 197, 253, 317};
  for (int r = 1; r <= 10; ++r) EXPECT_EQ(offsets(Metric::Euclidean, r).size(), gauss[r] - 1) << r;
}

TEST(Offsets, ExcludeTheCentreAndAreSymmetric) {
  for (Metric m : kMetrics) {
    const auto offs = offsets(m, 5);
    const std::set<std::pair<int, int>> set = [&] {
      std::set<std::pair<int, int>> s;
      for (auto o : offs) s.insert({o.dx, o.dy});
      return s;
    }();
    EXPECT_EQ(set.size(), offs.size()) << metric_name(m);
    EXPECT_EQ(set.count({0, 0}), 0u) << metric_name(m);
    for (auto o : offs) EXPECT_EQ(set.count({-o.dx, -o.dy}), 1u) << metric_name(m);
  }
}

TEST(Neighbourhood, WrapsAroundTheTorus) {
  Torus t(10, 8);
  Neighbourhood nb(t, Metric::VonNeumann, 1);
  EXPECT_THAT(cells_of(nb, t.cell(0, 0)), UnorderedElementsAre(t.cell(1, 0), t.cell(9, 0), t.cell(0, 1), t.cell(0, 7)));
  Neighbourhood moore(t, Metric::Moore, 1);
  EXPECT_THAT(cells_of(moore, t.cell(9, 7)),
              UnorderedElementsAre(t.cell(8, 6), t.cell(9, 6), t.cell(0, 6), t.cell(8, 7), t.cell(0, 7), t.cell(8, 0),
                                   t.cell(9, 0), t.cell(0, 0)));
}

TEST(Neighbourhood, OnATorusNarrowerThanTheRadiusEachCellCountsOnce) {
  // Mesa's cell spaces return sets of distinct cells: a radius-7 diamond on a 5 x 5 torus is
  // every cell but the centre.
  Torus t(5, 5);
  Neighbourhood nb(t, Metric::VonNeumann, 7);
  EXPECT_EQ(nb.size(), 24u);
  EXPECT_EQ(cells_of(nb, t.cell(2, 2)).size(), 24u);
  EXPECT_EQ(cells_of(nb, t.cell(2, 2)).count(t.cell(2, 2)), 0u);
  // On a 1-wide torus, east and west are the centre itself: only north and south remain.
  Torus line(1, 5);
  Neighbourhood nl(line, Metric::VonNeumann, 1);
  EXPECT_THAT(cells_of(nl, line.cell(0, 2)), UnorderedElementsAre(line.cell(0, 1), line.cell(0, 3)));
  Torus two(2, 2);
  EXPECT_EQ(Neighbourhood(two, Metric::VonNeumann, 1).size(), 2u);
  EXPECT_EQ(Neighbourhood(two, Metric::Moore, 1).size(), 3u);
}

TEST(Neighbourhood, IndexedCellsRunsAndMetricTestAgree) {
  // Three descriptions of the same set: cell(k), the runs behind for_each, and contains().
  for (auto [w, h] : {std::pair{23u, 17u}, std::pair{9u, 6u}, std::pair{3u, 40u}}) {
    Torus t(w, h);
    for (Metric m : kMetrics) {
      for (int r : {1, 3, 7}) {
        Neighbourhood nb(t, m, r);
        for (Cell c = 0; c < t.cells(); c += 7) {
          const auto indexed = cells_of(nb, c);
          std::multiset<Cell> visited;
          nb.around(c).for_each([&](Cell x) { visited.insert(x); });
          EXPECT_EQ(std::set<Cell>(visited.begin(), visited.end()), indexed);
          EXPECT_EQ(visited.size(), indexed.size()) << "a run visits a cell twice";
          EXPECT_EQ(indexed.size(), nb.size());
          for (Cell o = 0; o < t.cells(); ++o)
            ASSERT_EQ(nb.contains(c, o), indexed.count(o) == 1)
                << metric_name(m) << " r=" << r << " " << w << "x" << h << " centre " << c << " other " << o;
        }
      }
    }
  }
}

TEST(Neighbourhood, IsSymmetricSoCountFieldsAreExact) {
  Torus t(13, 11);
  for (Metric m : kMetrics) {
    Neighbourhood nb(t, m, 4);
    for (Cell a = 0; a < t.cells(); ++a)
      for (Cell b = 0; b < t.cells(); ++b) ASSERT_EQ(nb.contains(a, b), nb.contains(b, a)) << metric_name(m);
  }
}

// Brute-force count of the marked cells in the neighbourhood of every cell.
std::vector<uint32_t> brute_counts(const Neighbourhood& nb, const std::vector<uint8_t>& marked) {
  std::vector<uint32_t> out(marked.size(), 0);
  for (Cell c = 0; c < marked.size(); ++c)
    for (Cell o = 0; o < marked.size(); ++o) out[c] += (marked[o] && nb.contains(c, o)) ? 1 : 0;
  return out;
}

TEST(CountField, StaysEqualToABruteForceCountThroughRandomChanges) {
  for (auto [w, h, metric, r] : {std::tuple{30u, 20u, Metric::VonNeumann, 7}, std::tuple{12u, 9u, Metric::Euclidean, 7},
                                 std::tuple{25u, 25u, Metric::Moore, 3}, std::tuple{16u, 30u, Metric::Cross, 6}}) {
    Torus t(w, h);
    Neighbourhood nb(t, metric, r);
    CountField field(nb);
    std::vector<uint8_t> marked(t.cells(), 0);
    rng::Draws d(42, 7, w, h);
    for (int change = 0; change < 3000; ++change) {
      const Cell c = d.below(static_cast<uint32_t>(t.cells()));
      const Cell to = d.below(static_cast<uint32_t>(t.cells()));
      if (!marked[c]) {  // appear
        marked[c] = 1;
        field.add_around(c, +1);
      } else if (!marked[to] && d.chance(0.7)) {  // move
        marked[c] = 0;
        marked[to] = 1;
        field.move(c, to);
      } else {  // leave
        marked[c] = 0;
        field.add_around(c, -1);
      }
      if (change % 500 == 499) {
        const auto truth = brute_counts(nb, marked);
        for (Cell x = 0; x < t.cells(); ++x) ASSERT_EQ(field[x], truth[x]) << metric_name(metric) << " cell " << x;
      }
    }
  }
}

TEST(Occupancy, RandomEmptyIsUniformOverTheEmptyCellsOnly) {
  // Two regimes: most cells free (the rejection tries nearly always succeed) and only three free
  // out of 112 (the exact fallback does most of the work). Both must be uniform.
  Torus t(21, 21);
  Neighbourhood nb(t, Metric::VonNeumann, 7);
  const Cell centre = t.cell(10, 10);
  const auto around = nb.around(centre);
  for (double free_share : {0.6, 3.0 / 112.0}) {
    Occupancy occ(t);
    rng::Draws fill(3, 3, static_cast<uint64_t>(free_share * 1000), 0);
    for (Cell c = 0; c < t.cells(); ++c) occ.place(c, c);
    std::vector<Cell> free;
    for (uint32_t k = 0; k < around.size(); ++k) {
      if (free_share < 0.1 ? k % 40 == 5 : fill.chance(free_share)) {
        occ.clear(around.cell(k));
        free.push_back(around.cell(k));
      }
    }
    ASSERT_GE(free.size(), 3u);
    std::vector<double> hits(free.size(), 0);
    const int draws = 400 * static_cast<int>(free.size());
    for (int i = 0; i < draws; ++i) {
      rng::Draws d(11, 12, static_cast<uint64_t>(i), 0);
      const auto got = occ.random_empty(around, d);
      ASSERT_TRUE(got.has_value());
      const auto at = std::find(free.begin(), free.end(), *got);
      ASSERT_NE(at, free.end()) << "returned an occupied cell or one outside the neighbourhood";
      hits[static_cast<size_t>(at - free.begin())] += 1;
    }
    const std::vector<double> expected(free.size(), 400.0);
    EXPECT_LT(test::chi_square(hits, expected), test::chi_square_critical(static_cast<double>(free.size() - 1)))
        << free.size() << " free cells";
  }
}

TEST(Occupancy, RandomEmptyReportsAFullNeighbourhood) {
  Torus t(9, 9);
  Neighbourhood nb(t, Metric::Moore, 2);
  Occupancy occ(t);
  for (Cell c = 0; c < t.cells(); ++c) occ.place(c, c);
  occ.clear(t.cell(4, 4));  // the centre itself is not part of its neighbourhood
  rng::Draws d(1, 1, 1, 1);
  EXPECT_FALSE(occ.random_empty(nb.around(t.cell(4, 4)), d).has_value());
  occ.clear(t.cell(6, 6));
  EXPECT_EQ(occ.random_empty(nb.around(t.cell(4, 4)), d), t.cell(6, 6));
}

TEST(Torus, RefusesLatticesBeyondThirtyTwoBitCellIds) {
  EXPECT_THROW(Torus(70000, 70000), std::invalid_argument);
  EXPECT_THROW(Torus(0, 5), std::invalid_argument);
  EXPECT_NO_THROW(Torus(65535, 65535));
}

TEST(Metric, NamesRoundTrip) {
  for (Metric m : kMetrics) EXPECT_EQ(parse_metric(metric_name(m)), m);
  EXPECT_FALSE(parse_metric("hexagonal").has_value());
}

}  // namespace
}  // namespace thaw::grid
