// The OpenAPI document served by the server and the route table agree, path by path.
#include <set>

#include "api/routes.h"
#include "integration/fixture.h"
#include "support/in_process.h"

namespace conduit::test {

std::set<std::string> documented_operations(const HttpResponse& r) {
  auto doc = body_of(r);
  EXPECT_TRUE(std::string(doc["openapi"].as_string()).starts_with("3.1"));
  std::set<std::string> documented;
  for (auto& [path, item] : doc["paths"].as_object())
    for (auto& [method, op] : item.as_object()) {
      std::string m(method);
      if (m == "parameters" || m == "summary" || m == "description") continue;
      for (auto& ch : m) ch = char(std::toupper(ch));
      documented.insert(m + " " + std::string(path));
    }
  return documented;
}

TEST(OpenApi, DocumentMatchesTheRouteTableOnEachListener) {
  ServerProcess server;
  auto sandbox = server.sandbox_client()->request("GET", "/v2/api-docs/openapi.json");
  auto production = server.production_client()->request("GET", "/v2/api-docs/openapi.json");
  ASSERT_EQ(sandbox.status, 200);
  ASSERT_EQ(production.status, 200);
  std::set<std::string> sandbox_routes, production_routes;
  InProcessApi api;
  for (const auto* route : api.routes().routes()) {
    if (route->pattern.starts_with("/v2/test/")) continue;  // test-build fault routes
    if (route->pattern.starts_with("/dashboard")) continue;  // not the Conduit API (docs/dashboard-api.md)
    sandbox_routes.insert(route->method + " " + route->pattern);
    if (!route->value.sandbox_only) production_routes.insert(route->method + " " + route->pattern);
  }
  EXPECT_EQ(documented_operations(sandbox), sandbox_routes);
  EXPECT_EQ(documented_operations(production), production_routes);
}

TEST(OpenApi, IdempotencyPolicyIsDocumentedPerPost) {
  ServerProcess server;
  auto doc = body_of(server.sandbox_client()->request("GET", "/v2/api-docs/openapi.json"));
  InProcessApi api;
  for (const auto* route : api.routes().routes()) {
    if (route->method != "POST" || route->pattern.starts_with("/v2/test/") || route->pattern.starts_with("/dashboard")) continue;
    auto& op = doc["paths"].as_object()[route->pattern].as_object()["post"].as_object();
    const char* want = route->value.idempotency == platform::Idempotency::required   ? "required"
                       : route->value.idempotency == platform::Idempotency::refused  ? "refused"
                       : route->value.idempotency == platform::Idempotency::optional ? "optional"
                                                                                      : "ignored";
    EXPECT_EQ(op["x-idempotency"], want) << route->pattern;
  }
}

}  // namespace conduit::test
