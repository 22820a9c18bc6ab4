// A thin RAII layer over SQLite for the sweep database (docs/sweeps.md gives the schema).
//
//   sqlite::Db db("runs/sweep.db");          // WAL, synchronous=NORMAL, foreign keys on
//   db.exec("CREATE TABLE IF NOT EXISTS t(a INTEGER, b TEXT)");
//   auto ins = db.prepare("INSERT INTO t VALUES (?, ?)");
//   { sqlite::Transaction tx(db); ins.bind(1, 7).bind(2, "x").run(); tx.commit(); }
//   auto q = db.prepare("SELECT a, b FROM t ORDER BY a");
//   while (q.step()) use(q.i64(0), q.text(1));
//
// One connection, used by one thread at a time: the sweep has a single writer by design, so that
// a crash can only lose the transaction in flight, never half a run.
#pragma once

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace thaw::sqlite {

struct Error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class Stmt {
 public:
  Stmt(sqlite3* db, std::string_view sql);
  Stmt(Stmt&& o) noexcept : db_(o.db_), s_(o.s_) { o.s_ = nullptr; }
  Stmt(const Stmt&) = delete;
  ~Stmt();

  Stmt& bind(int i, int64_t v);
  Stmt& bind(int i, int v) { return bind(i, static_cast<int64_t>(v)); }
  Stmt& bind(int i, uint64_t v) { return bind(i, static_cast<int64_t>(v)); }
  Stmt& bind(int i, double v);  // NaN is stored as NULL
  Stmt& bind(int i, std::string_view v);
  Stmt& bind(int i, const char* v) { return bind(i, std::string_view(v)); }
  Stmt& bind(int i, const std::string& v) { return bind(i, std::string_view(v)); }
  Stmt& bind_null(int i);

  bool step();  // true while a row is available
  void run();   // step to completion, then reset for reuse
  void reset();

  int64_t i64(int col) const;
  double f64(int col) const;  // NULL reads as NaN
  bool is_null(int col) const;
  std::string text(int col) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* s_;
};

class Db {
 public:
  explicit Db(const std::filesystem::path& path, bool read_only = false);
  Db(const Db&) = delete;
  ~Db();
  void exec(std::string_view sql);
  Stmt prepare(std::string_view sql) { return Stmt(db_, sql); }
  int64_t scalar_i64(std::string_view sql);
  sqlite3* handle() { return db_; }

 private:
  sqlite3* db_ = nullptr;
};

class Transaction {
 public:
  explicit Transaction(Db& db) : db_(db) { db_.exec("BEGIN IMMEDIATE"); }
  void commit() {
    db_.exec("COMMIT");
    done_ = true;
  }
  ~Transaction() {
    if (!done_) try {
        db_.exec("ROLLBACK");
      } catch (...) {
      }
  }

 private:
  Db& db_;
  bool done_ = false;
};

}  // namespace thaw::sqlite
