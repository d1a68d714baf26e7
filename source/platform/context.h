#pragma once
// Everything the filter chain learns about one request, handed along to the handler.
#include <boost/json/value.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "http/message.h"
#include "http/router.h"
#include "storage/records.h"

namespace conduit::platform {

struct RouteSpec;

struct Principal {
  std::string key_id;
  std::optional<std::string> key_label;
  storage::Scope scope;  // organization and environment every query is bound to
  storage::Access access = storage::Access::read_only;
  int64_t rate_limit = 0;  // requests per second for this organization
};

// The signed-in dashboard user, when the route is session-authenticated.
struct SessionContext {
  storage::User user;
  storage::Organization organization;
  storage::DashboardSession session;
};

struct RequestContext {
  const http::Request& request;
  const RouteSpec* route = nullptr;
  std::string route_pattern;  // e.g. /v2/webhooks/endpoints/{id}, for metrics and logs
  http::PathParams params;
  std::string correlation_id;                    // server-generated UUID v4
  std::optional<std::string> client_correlation_id;  // echoed only once validated
  std::optional<Principal> principal;         // whose data: set by the API key or the session
  std::optional<SessionContext> session;      // dashboard routes only
  std::optional<std::string> idempotency_key;
  std::optional<boost::json::value> body;        // parsed JSON body, when the route takes one
  std::vector<http::Header> response_headers;    // added by filters to whatever response goes out
  bool replayed = false;
  int64_t started_ns = 0;
  int64_t now_ms = 0;                            // one timestamp for the whole request

  explicit RequestContext(const http::Request& r) : request(r) {}

  const std::string& param(std::string_view name) const {
    static const std::string empty;
    for (const auto& [k, v] : params)
      if (k == name) return v;
    return empty;
  }
  const storage::Scope& scope() const { return principal->scope; }
};

}  // namespace conduit::platform
