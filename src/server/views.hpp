// What the API shows, as JSON: a run's indicators and an ensemble's bands, the record, and the
// report; the record and the targets are read once, on first use.
//
//   json j = {{"indicators", indicators_json(sim.indicators())}, {"events", io::events_json(log)}};
#pragma once

#include "app/record.hpp"
#include "app/report.hpp"
#include "app/scenario.hpp"
#include "app/validate.hpp"
#include "engine/series.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace thaw::server {

// {labels: ["1953-03", ...], columns: {name: [value or null, ...]}} (the step column left out).
nlohmann::json indicators_json(const SeriesTable& table);
// {low: {name: [...]}, median: {...}, high: {...}}: each indicator's 5%, 50% and 95% quantile
// over the runs, row by row (non-finite values left out).
nlohmann::json bands_json(const std::vector<SeriesTable>& tables);

// data/record/thaw_record.csv and data/targets.toml (empty / null if absent; a file that cannot
// be read throws its error, with the file and line).
const std::vector<app::RecordEntry>& record_entries();
const app::TargetFile* targets();
nlohmann::json record_json();
// data/record/works.csv (empty if absent; throws if it cannot be read).
const std::vector<app::Work>& works();

// Reads the three now: `thaw serve` calls it before it listens, so a broken data file stops it
// at start with the file's error instead of failing each page later.
void read_data_files();
// "Dobson 2009; Applebaum 2003" for record ids "REP-02, REP-03" (see app::cite_rows).
std::string cite_rows(const std::string& ids);
// GET /api/bibliography: [{key, kind, author, title, year, published, note, cited_by}], the
// scholarly works first, each with the number of record entries that cite it.
nlohmann::json bibliography_json();
// The record's figures that a chart can show: [{indicator, month, low, high, label}], one per
// target on an indicator's value at a month (the report's black bars).
nlohmann::json record_marks_json();

// The run's HTML report, with the debrief against the record and what the run changed.
std::string report_of(const Simulation& sim, const app::Scenario& scenario, uint64_t seed, const app::RunChanges& changes);

// {decisions: [{id, date, note, enabled}], params: [{path, written, run, unit}],
//  choices: [{month, title, option, history}], altered}: what a page shows beside a run.
nlohmann::json changes_json(const app::RunChanges& changes);

}  // namespace thaw::server
