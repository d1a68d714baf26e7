#pragma once
// Shared by the SQLite query files: environment text and keyset pagination.
#include <algorithm>
#include <string>
#include <vector>

#include "storage/sqlite.h"
#include "storage/store.h"

namespace conduit::storage {

inline Environment env_of(const std::string& s) { return s == "production" ? Environment::production : Environment::sandbox; }
inline std::string_view env_text(Environment e) { return to_string(e); }

// Extra conditions of a list: SQL fragments using ?5, ?6, … and the texts bound to them.
struct Filters {
  std::string sql;
  std::vector<std::string> values;
};

// Keyset pagination over `table`, ordered by (`sort_column`, id); ids sort by creation time.
// The boundary row's sort value is looked up by id, so a cursor only needs to carry the id.
template <class T, class ReadRow>
inline Page<T> keyset_page(Connection& c, const std::string& table, const std::string& columns, const Scope& scope,
                    const KeysetQuery& q, ReadRow read_row, const Filters& filters = {},
                    const std::string& sort_column = "id") {
  const std::string where = " WHERE organization_id = ?1 AND environment = ?2" + filters.sql;
  auto bind_filters = [&](Statement& s) {
    for (size_t i = 0; i < filters.values.size(); ++i) s.bind(int(5 + i), filters.values[i]);
  };
  Page<T> page;
  {
    auto& count = c.prepare("SELECT COUNT(*) FROM " + table + where);
    count.bind(1, scope.organization_id).bind(2, env_text(scope.environment));
    bind_filters(count);
    if (count.step()) page.total = count.integer(0);
    count.reset();
  }
  // Walking backward means fetching in reverse display order, then flipping the result.
  bool fetch_ascending = q.ascending != q.backward;
  const char* op = fetch_ascending ? ">" : "<";
  const char* dir = fetch_ascending ? " ASC" : " DESC";
  std::string sql = "SELECT " + columns + " FROM " + table + where;
  if (q.boundary) {
    if (sort_column == "id")
      sql += std::string(" AND id ") + op + " ?3";
    else
      sql += " AND (" + sort_column + ", id) " + op + " ((SELECT " + sort_column + " FROM " + table +
             " WHERE id = ?3), ?3)";
  }
  sql += " ORDER BY " + (sort_column == "id" ? std::string("id") + dir : sort_column + dir + ", id" + dir);
  sql += " LIMIT ?4";
  auto& s = c.prepare(sql);
  s.bind(1, scope.organization_id).bind(2, env_text(scope.environment));
  if (q.boundary) s.bind(3, *q.boundary);
  s.bind(4, int64_t(q.limit) + 1);
  bind_filters(s);
  while (s.step()) page.items.push_back(read_row(s));
  s.reset();
  bool more = page.items.size() > size_t(q.limit);
  if (more) page.items.pop_back();
  if (q.backward) {
    std::reverse(page.items.begin(), page.items.end());
    page.more_before = more;
    page.more_after = q.boundary.has_value();
  } else {
    page.more_after = more;
    page.more_before = q.boundary.has_value();
  }
  return page;
}

}  // namespace conduit::storage
