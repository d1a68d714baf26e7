#pragma once
#include <vector>

namespace conduit::storage {

struct Migration {
  int version;
  const char* name;
  const char* sql;
};

// Versioned schema changes, applied in order, each once (recorded in schema_migrations).
// Append only: never edit a migration that has shipped.
const std::vector<Migration>& migrations();

}  // namespace conduit::storage
