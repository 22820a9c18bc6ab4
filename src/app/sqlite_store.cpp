#include "app/sqlite_store.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <cmath>

namespace thaw::sqlite {

namespace {
[[noreturn]] void fail(sqlite3* db, std::string_view what) {
  throw Error(fmt::format("sqlite: {}: {}", what, db ? sqlite3_errmsg(db) : "out of memory"));
}
}  // namespace

Stmt::Stmt(sqlite3* db, std::string_view sql) : db_(db), s_(nullptr) {
  if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &s_, nullptr) != SQLITE_OK)
    fail(db, fmt::format("preparing \"{}\"", sql));
}

Stmt::~Stmt() {
  if (s_) sqlite3_finalize(s_);
}

Stmt& Stmt::bind(int i, int64_t v) {
  if (sqlite3_bind_int64(s_, i, v) != SQLITE_OK) fail(db_, "bind");
  return *this;
}
Stmt& Stmt::bind(int i, double v) {
  if (std::isnan(v)) return bind_null(i);
  if (sqlite3_bind_double(s_, i, v) != SQLITE_OK) fail(db_, "bind");
  return *this;
}
Stmt& Stmt::bind(int i, std::string_view v) {
  if (sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT) != SQLITE_OK) fail(db_, "bind");
  return *this;
}
Stmt& Stmt::bind_null(int i) {
  if (sqlite3_bind_null(s_, i) != SQLITE_OK) fail(db_, "bind");
  return *this;
}

bool Stmt::step() {
  const int rc = sqlite3_step(s_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  fail(db_, "step");
}

void Stmt::run() {
  while (step()) {
  }
  reset();
}

void Stmt::reset() {
  sqlite3_reset(s_);
  sqlite3_clear_bindings(s_);
}

int64_t Stmt::i64(int col) const { return sqlite3_column_int64(s_, col); }
double Stmt::f64(int col) const { return is_null(col) ? NAN : sqlite3_column_double(s_, col); }
bool Stmt::is_null(int col) const { return sqlite3_column_type(s_, col) == SQLITE_NULL; }
std::string Stmt::text(int col) const {
  const auto* p = sqlite3_column_text(s_, col);
  return p ? std::string(reinterpret_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(s_, col))) : "";
}

Db::Db(const std::filesystem::path& path, bool read_only) {
  const int flags = read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
    std::string msg = fmt::format("sqlite: cannot open {}: {}", path.string(), db_ ? sqlite3_errmsg(db_) : "?");
    sqlite3_close(db_);
    db_ = nullptr;
    throw Error(msg);
  }
  sqlite3_busy_timeout(db_, 10000);
  if (!read_only) {
    // WAL: readers (a user's sqlite3 shell) never block the writer; NORMAL sync keeps every
    // committed run through a process crash (only a power cut can lose the last commits).
    exec("PRAGMA journal_mode=WAL");
    exec("PRAGMA synchronous=NORMAL");
  }
}

Db::~Db() {
  if (db_) sqlite3_close(db_);
}

void Db::exec(std::string_view sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = fmt::format("sqlite: {}: {}", sql.substr(0, 60), err ? err : "?");
    sqlite3_free(err);
    throw Error(msg);
  }
}

int64_t Db::scalar_i64(std::string_view sql) {
  auto s = prepare(sql);
  return s.step() ? s.i64(0) : 0;
}

}  // namespace thaw::sqlite
