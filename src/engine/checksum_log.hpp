// Checksums of a run, phase by phase and step by step, to find where two runs part (OpenTTD's
// desync logs are the model): two builds, two machines, one thread against two.
//
//   ChecksumLog log({"indicators", "events", "state"});
//   log.add(0, "1953-03", "economy", {a, b, c});        // after each phase of each step
//   log.write_csv("runs/x/checksums.csv");
//   auto d = first_divergence(ChecksumLog::read_csv(x), ChecksumLog::read_csv(y));
//   if (d) fmt::print("{} {}: {}\n", d->date, d->phase, fmt::join(d->parts, ", "));
//
// The CSV: step,date,phase,<part>... with every checksum as 16 hexadecimal digits.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace thaw {

class ChecksumLog {
 public:
  struct Row {
    int64_t step = 0;
    std::string date;   // "1956-10", or a year in a yearly log
    std::string phase;  // "society"
    std::vector<uint64_t> parts;
  };

  ChecksumLog() = default;
  explicit ChecksumLog(std::vector<std::string> part_names) : part_names_(std::move(part_names)) {}

  void add(int64_t step, std::string date, std::string phase, std::vector<uint64_t> parts);
  const std::vector<std::string>& part_names() const { return part_names_; }
  const std::vector<Row>& rows() const { return rows_; }

  // The same log folded by year (the first four characters of the date), phase by phase: one row
  // per year and phase, each part the fold of that part's monthly checksums in step order.
  ChecksumLog yearly() const;

  std::string to_csv() const;
  void write_csv(const std::filesystem::path& path) const;
  // Throws std::runtime_error naming the file and line of a malformed row.
  static ChecksumLog read_csv(const std::filesystem::path& path);
  static ChecksumLog parse_csv(const std::string& text, const std::string& where);

 private:
  std::vector<std::string> part_names_;
  std::vector<Row> rows_;
};

struct Divergence {
  size_t row = 0;                  // index of the first row that differs
  int64_t step = 0;
  std::string date, phase;
  std::vector<std::string> parts;  // the parts that differ there (all of them if the rows do not match up)
  std::string note;                // why the rows do not match up (a log shorter, phases in another order)
};

// The first row at which two logs differ, or nothing if they are the same. Logs with different
// parts cannot be compared: std::runtime_error.
std::optional<Divergence> first_divergence(const ChecksumLog& a, const ChecksumLog& b);

}  // namespace thaw
