#include "api/operations.h"

#include <boost/json.hpp>

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

OpenApiDocument::OpenApiDocument() : sandbox_(embedded::openapi_document()) {
  auto doc = boost::json::parse(sandbox_);
  if (auto* paths = doc.as_object().if_contains("paths"); paths && paths->is_object()) {
    auto& p = paths->as_object();
    for (auto it = p.begin(); it != p.end();) {
      if (std::string_view(it->key()).starts_with("/v2/sandbox/")) it = p.erase(it);
      else ++it;
    }
  }
  production_ = boost::json::serialize(doc);
}

platform::Outcome OpenApiDocument::handle(platform::RequestContext& ctx) const {
  bool production = ctx.request.environment == Environment::production;
  return platform::Reply{200, "application/json; charset=utf-8", production ? production_ : sandbox_, {}};
}

}  // namespace conduit::api
