// One month's indicators, gathered from every mechanism in a fixed order.
//
//   void record(const World& w, IndicatorRow& row) { row.add("gulag.prisoners", w.signals.prisoners); }
//
// Names are dotted, mechanism first; values are people, shares (0..1) or indices, as the ODD says.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace thaw::model {

struct IndicatorRow {
  std::vector<std::string> names;
  std::vector<double> values;
  void add(std::string_view name, double value) {
    names.emplace_back(name);
    values.push_back(value);
  }
};

}  // namespace thaw::model
