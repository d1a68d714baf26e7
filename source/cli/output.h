#pragma once
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <memory>
#include <string>

#include "storage/records.h"
#include "storage/store.h"

namespace conduit::cli {

struct StoreFlags;

// Opens the store named by the flags; prints the reason and returns null on failure.
std::unique_ptr<storage::Store> open_store(const StoreFlags& flags);
void print_json(const boost::json::value& v);  // one line on stdout
int fail(const std::string& reason);          // one line on stderr, exit status 1

boost::json::object organization_json(const storage::Organization& o);
boost::json::object key_json(const storage::ApiKey& k);

}  // namespace conduit::cli
