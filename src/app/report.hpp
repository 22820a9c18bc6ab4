// The report a teacher can show: one self-contained HTML file per run (no scripts, no network),
// with the indicators as charts (the record's figures marked on them), the run's emergent
// timeline beside the record's, and a debrief of where this run departed from history, with
// the record's sources.
//
//   std::string html = report_html({sim.get(), &scenario, seed, &targets, &record});
//
// It is written for a run that keeps an event log and a calendar (the Thaw model); the charts
// are those of the Thaw's indicators that the run has.
#pragma once

#include "app/record.hpp"
#include "app/scenario.hpp"
#include "app/validate.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace thaw::app {

// A line on a chart, optionally with a band (an ensemble's 5%-95% range).
struct ChartSeries {
  std::string name;
  std::vector<double> values;
  std::vector<double> band_low, band_high;
  std::string colour;
};

// A figure of the record drawn on a chart: a bar from low to high at a month.
struct ChartMarker {
  int64_t index = 0;  // position along the x axis (row)
  double low = 0, high = 0;
  std::string label;
};

struct Chart {
  std::string title;
  std::string unit;  // "people", "share", "index", "Mt"...
  std::vector<std::string> x_labels;  // one per row ("1956-02")
  std::vector<ChartSeries> series;
  std::vector<ChartMarker> markers;
};

std::string svg_chart(const Chart& chart, int width = 460, int height = 230);

// What a run changed against the scenario file as written: the decisions switched on or off,
// the parameters given another value, and in play the choices made. A report or page that
// shows a run says so, so that an altered run cannot be taken for the scenario (issue 17).
struct RunChanges {
  struct Decision {
    std::string id, date, note;
    bool enabled = false;  // as run
  };
  struct Param {
    std::string path, written, run, unit;  // the file's value, the run's
  };
  struct Pick {
    std::string month, title, option;
    bool history = false;
    std::vector<std::string> discuss;  // questions for a class about this decision point
    std::string by;                    // who chose (class mode: the factions); empty in a game alone
  };
  std::vector<Decision> decisions;
  std::vector<Param> params;
  std::vector<Pick> choices;  // play: every choice made, in order
  bool altered() const;       // anything that departs from the file (a historical pick does not)
};

// `as_written`: the scenario file bound with no overrides but the server's own settings;
// `as_run`: bound with the run's. run.scale is not a change (the report states it anyway).
RunChanges changes_between(const Scenario& as_written, const Scenario& as_run);

struct ReportInputs {
  const Simulation* sim = nullptr;
  const Scenario* scenario = nullptr;
  uint64_t seed = 0;
  const TargetFile* targets = nullptr;        // may be null: no debrief
  const std::vector<RecordEntry>* record = nullptr;  // may be null: no record timeline
  const RunChanges* changes = nullptr;               // may be null: not known (as written)
  const std::vector<Work>* works = nullptr;          // may be null: sources as the record has them
  const std::vector<GlossaryTerm>* glossary = nullptr;  // may be null: no glossary
};

// "Dobson 2009; Applebaum 2003" for record ids "REP-02, REP-03": what a reader is shown instead of
// the ids (ids without works, or not in the record, are left out).
std::string cite_rows(const std::string& ids, const std::vector<RecordEntry>& record, const std::vector<Work>& works);

std::string report_html(const ReportInputs& in);

}  // namespace thaw::app
