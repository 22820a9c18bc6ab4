// What a sweep keeps of one run, and the wire format it travels in: the same bytes go through the
// local queue and over MPI, so a run computed on another machine is stored exactly as one
// computed here.
//
//   const RecordPlan plan(spec, targets);
//   RunRecord r = record_run(plan, sim);    // outcomes, targets, series, events, checksum
//   r.run = id; ...;  std::string bytes = encode(r);  RunRecord back = decode(bytes);
#pragma once

#include "app/sweep_spec.hpp"
#include "app/validate.hpp"

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace thaw::app {

struct EventRow {
  int32_t month = 0;
  std::string code, subject;
};

struct RunRecord {
  int64_t run = 0, point = 0, replicate = 0;
  uint64_t seed = 0, checksum = 0;
  double seconds = 0;
  int32_t rank = 0;
  std::vector<double> outcomes;
  std::vector<double> target_values;
  std::vector<double> target_passed;
  std::vector<std::string> columns;
  std::vector<std::string> dates;
  std::vector<double> values;  // dates.size() x columns.size(), row-major
  std::vector<EventRow> events;
};

std::string encode(const RunRecord& r);
RunRecord decode(std::string_view bytes);  // throws std::runtime_error on a truncated message

// What each run of a sweep keeps, worked out once from the spec.
struct RecordPlan {
  RecordPlan(const SweepSpec& spec, const TargetFile* targets);
  std::vector<Target> outcomes;  // the spec's outcomes, judged as targets
  const TargetFile* targets = nullptr;
  bool store_series = true;
  std::set<std::string> indicators;  // empty: all
  std::vector<std::string> event_prefixes;
};

// The run's checksum, outcomes, targets, series and events (run id, seed, timing and rank are the
// caller's to fill in).
RunRecord record_run(const RecordPlan& plan, const Simulation& sim);

}  // namespace thaw::app
