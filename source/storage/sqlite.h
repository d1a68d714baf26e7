#pragma once
// A minimal RAII layer over the SQLite C API: one connection, cached prepared statements.
// Errors throw `SqliteError`; the store turns them into a failed Status at its boundary.
#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>

namespace conduit::storage {

struct SqliteError : std::runtime_error {
  int code;
  SqliteError(int c, const std::string& what) : std::runtime_error(what), code(c) {}
};

class Statement {
 public:
  explicit Statement(sqlite3_stmt* s) : stmt_(s) {}
  Statement& bind(int i, std::string_view v);
  Statement& bind(int i, const std::string& v) { return bind(i, std::string_view(v)); }
  Statement& bind(int i, const char* v) { return bind(i, std::string_view(v)); }
  Statement& bind(int i, int64_t v);
  Statement& bind(int i, const std::optional<std::string>& v);
  Statement& bind(int i, const std::optional<int64_t>& v);
  Statement& bind_blob(int i, const void* data, size_t n);
  Statement& bind_null(int i);
  // Steps once: true when a row is available.
  bool step();
  void run() { while (step()) {} }
  std::string text(int col) const;
  std::optional<std::string> optional_text(int col) const;
  int64_t integer(int col) const { return sqlite3_column_int64(stmt_, col); }
  std::optional<int64_t> optional_integer(int col) const;
  std::string blob(int col) const;
  bool is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  void reset();

 private:
  sqlite3_stmt* stmt_;
};

class Connection {
 public:
  explicit Connection(const std::string& path);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  void exec(const char* sql);
  // Prepared once per connection and reused; the returned statement is reset and unbound.
  Statement& prepare(const std::string& sql);
  int64_t changes() const { return sqlite3_changes64(db_); }
  sqlite3* handle() { return db_; }

 private:
  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, std::unique_ptr<Statement>> cache_;
  std::unordered_map<std::string, sqlite3_stmt*> raw_;
};

}  // namespace conduit::storage
