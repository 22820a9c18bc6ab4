// A parameter that may change over the course of a run.
//
//   Schedule s = 0.8;                                  // constant
//   Schedule t({{0, 0.8}, {35, 0.6}});                 // 0.8 until step 35, then 0.6
//   Schedule u({{0, 0.0}, {12, 1.0}}, Schedule::Linear) // ramps from 0 to 1 over a year
//   t.at(40) == 0.6
//
// In a scenario file the points may be written with dates ("1956-02") where the model has a
// calendar; the loader turns them into steps.
#pragma once

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

namespace thaw {

class Schedule {
 public:
  enum Interpolation { Step, Linear };
  struct Point {
    int64_t step;
    double value;
  };

  Schedule(double constant = 0.0) : points_{{0, constant}} {}  // NOLINT: a number is a schedule
  explicit Schedule(std::vector<Point> points, Interpolation mode = Step)
      : points_(std::move(points)), mode_(mode) {
    std::stable_sort(points_.begin(), points_.end(),
                     [](const Point& a, const Point& b) { return a.step < b.step; });
    if (points_.empty()) points_.push_back({0, 0.0});
  }

  // Before the first point the first value holds; after the last, the last value.
  double at(int64_t step) const {
    if (step <= points_.front().step) return points_.front().value;
    auto next = std::upper_bound(points_.begin(), points_.end(), step,
                                 [](int64_t s, const Point& p) { return s < p.step; });
    if (next == points_.end()) return points_.back().value;
    const Point& prev = *(next - 1);
    if (mode_ == Step || next->step == prev.step) return prev.value;
    const double f = static_cast<double>(step - prev.step) / static_cast<double>(next->step - prev.step);
    return prev.value + f * (next->value - prev.value);
  }

  bool is_constant() const { return points_.size() == 1; }
  const std::vector<Point>& points() const { return points_; }
  Interpolation interpolation() const { return mode_; }

 private:
  std::vector<Point> points_;
  Interpolation mode_ = Step;
};

}  // namespace thaw
