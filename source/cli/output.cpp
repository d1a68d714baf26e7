#include "cli/output.h"

#include <boost/json/serialize.hpp>
#include <iostream>

#include "cli/commands.h"
#include "common/time_format.h"

namespace conduit::cli {

std::unique_ptr<storage::Store> open_store(const StoreFlags& flags) {
  if (!flags.database_url.empty()) {
    fail("PostgreSQL storage (--database-url) is not available in this build yet; use --data-dir");
    return nullptr;
  }
  try {
    return storage::open_sqlite_store({flags.data_dir});
  } catch (const std::exception& e) {
    fail(std::string("cannot open the data directory: ") + e.what());
    return nullptr;
  }
}

void print_json(const boost::json::value& v) {
  std::cout << boost::json::serialize(v) << std::endl;  // flushed: scripts read it line by line
}

int fail(const std::string& reason) {
  std::cerr << "error: " << reason << std::endl;
  return 1;
}

boost::json::object organization_json(const storage::Organization& o) {
  boost::json::object j;
  j["id"] = o.id;
  j["name"] = o.name;
  j["production"] = boost::json::object{{"status", o.production_active ? "active" : "inactive"}};
  j["rateLimit"] = o.rate_limit ? boost::json::value(*o.rate_limit) : nullptr;
  j["createdAt"] = format_timestamp(o.created_at);
  return j;
}

boost::json::object key_json(const storage::ApiKey& k) {
  boost::json::object j;
  j["id"] = k.id;
  j["organizationId"] = k.organization_id;
  j["environment"] = to_string(k.environment);
  j["access"] = to_string(k.access);
  j["label"] = k.label ? boost::json::value(*k.label) : nullptr;
  j["keyPrefix"] = k.key_prefix;
  j["keyLast4"] = k.key_last4;
  j["createdAt"] = format_timestamp(k.created_at);
  j["lastUsedAt"] = k.last_used_at ? boost::json::value(format_timestamp(*k.last_used_at)) : nullptr;
  j["revokedAt"] = k.revoked_at ? boost::json::value(format_timestamp(*k.revoked_at)) : nullptr;
  return j;
}

}  // namespace conduit::cli
