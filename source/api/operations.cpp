#include "api/operations.h"

#include <boost/json/object.hpp>

namespace conduit::embedded {
std::string_view openapi_document();
}

namespace conduit::api {

platform::Outcome Healthz::handle(platform::RequestContext&) const {
  return platform::json_reply(200, boost::json::object{{"status", "ok"}});
}

platform::Outcome Readyz::handle(platform::RequestContext&) const {
  bool ok = false;
  auto st = s_.store.read([&](storage::ReadTx& tx) { ok = tx.ping(); });
  if (!st.ok || !ok)
    return platform::ApiError{"SERVICE_UNAVAILABLE", "The database is not reachable.", {}, {}, {}, {}};
  return platform::json_reply(200, boost::json::object{{"status", "ok"}});
}

platform::Outcome MetricsEndpoint::handle(platform::RequestContext&) const {
  return platform::Reply{200, "text/plain; version=0.0.4; charset=utf-8", s_.metrics.render(), {}};
}

platform::Outcome OpenApiDocument::handle(platform::RequestContext&) const {
  return platform::Reply{200, "application/json; charset=utf-8", std::string(embedded::openapi_document()), {}};
}

}  // namespace conduit::api
