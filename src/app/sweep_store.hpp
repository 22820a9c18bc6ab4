// The sweep's database (schema in docs/sweeps.md): the design written once, then one
// transaction per run, whose last row is its `runs` row, so that a run is stored entirely or not
// at all and a killed sweep resumes from the ids in `runs`. One writer: the main thread of rank 0.
//
//   SweepStore store(db_path);
//   store.initialise(spec, points, fingerprint, point_overrides, targets);  // throws on another sweep's db
//   for (int64_t run : store.done_runs()) ...;
//   store.write(record);
#pragma once

#include "app/sqlite_store.hpp"
#include "app/sweep_record.hpp"
#include "app/sweep_spec.hpp"
#include "app/validate.hpp"

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace thaw::app {

// Throws, naming the file, unless every table of the schema is there and meta.schema_version is
// the one this build writes.
void check_sweep_schema(sqlite::Db& db, const std::filesystem::path& path);

class SweepStore {
 public:
  // Locks `<path>.lock` for as long as it lives (a second sweep on the same database is refused;
  // the lock goes with the process, so a killed sweep resumes).
  explicit SweepStore(const std::filesystem::path& path);

  sqlite::Db& db() { return db_; }

  // The first invocation records the design; later ones must find the same fingerprint.
  void initialise(const SweepSpec& spec, const std::vector<std::vector<std::string>>& points, const std::string& fingerprint,
                  const std::vector<std::string>& point_overrides, const TargetFile* targets);

  std::vector<int64_t> done_runs();

  // One run, all of it or nothing: the runs row is what marks it done.
  void write(const RunRecord& r);

 private:
  int64_t indicator_id(const std::string& name);

  std::filesystem::path path_;
  struct Lock {
    int fd = -1;
    explicit Lock(const std::filesystem::path& db);
    ~Lock();
    Lock(const Lock&) = delete;
    Lock& operator=(const Lock&) = delete;
  } lock_;  // before db_: taken before the database is opened, released even if the constructor throws
  sqlite::Db db_;
  std::unique_ptr<sqlite::Stmt> ins_run_, ins_info_, ins_outcome_, ins_target_, ins_series_, ins_event_, ins_month_,
      ins_indicator_;
  std::map<std::string, int64_t> indicator_ids_;
  size_t months_known_ = 0;
};

}  // namespace thaw::app
