// The event log as files and JSON: every event's fields, and text that survives a CSV reader.
#include "io/csv.hpp"
#include "io/events.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace thaw::io {
namespace {

EventLog sample_log() {
  EventLog log;
  log.add(Month::of(1956, 2), "decision.speech", Severity::Notable, "the First Secretary speaks, \"in secret\"");
  log.add(Month::of(1957, 6), "elite.vote", Severity::Major, "the Presidium votes 7-4", {{"for", 7}, {"against", 4}},
          "Presidium");
  return log;
}

TEST(EventFiles, CsvAndJsonCarryEveryField) {
  const auto dir = std::filesystem::path(::testing::TempDir()) / "thaw-event-files";
  std::filesystem::create_directories(dir);
  const auto written = write_event_files(sample_log(), dir);
  ASSERT_EQ(written.size(), 2u);
  const auto csv = read_csv(dir / "events.csv");
  ASSERT_EQ(csv.rows.size(), 2u);
  EXPECT_EQ(csv.header, (std::vector<std::string>{"date", "code", "severity", "subject", "text", "data"}));
  EXPECT_EQ(csv.get(csv.rows[0], "text"), "the First Secretary speaks, \"in secret\"");
  EXPECT_EQ(csv.get(csv.rows[1], "date"), "1957-06");
  EXPECT_EQ(csv.get(csv.rows[1], "severity"), "major");
  EXPECT_EQ(csv.get(csv.rows[1], "subject"), "Presidium");
  EXPECT_EQ(csv.get(csv.rows[1], "data"), "for=7;against=4");

  std::ifstream f(dir / "events.json");
  std::stringstream s;
  s << f.rdbuf();
  const auto json = nlohmann::json::parse(s.str());
  ASSERT_EQ(json.size(), 2u);
  EXPECT_EQ(json[1]["code"], "elite.vote");
  EXPECT_EQ(json[1]["data"]["against"], 4);
  EXPECT_EQ(json[1], event_json(sample_log().all()[1]));
  EXPECT_EQ(json, events_json(sample_log().all()));
}

}  // namespace
}  // namespace thaw::io
