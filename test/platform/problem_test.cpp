#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "platform/problem.h"

namespace conduit::platform {

std::vector<std::string> keys_of(const std::string& body) {
  std::vector<std::string> out;
  auto value = boost::json::parse(body);  // keep the parsed document alive while iterating
  for (const auto& kv : value.as_object()) out.emplace_back(kv.key());
  return out;
}

TEST(Problem, ExactMembersInOrder) {
  auto r = render_problem({"NOT_FOUND", "No route.", {}, {}, {}, {}}, "/v2/x", "corr-1", 1768469400000);
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.content_type, "application/problem+json");
  EXPECT_EQ(keys_of(r.body), (std::vector<std::string>{"type", "title", "status", "detail", "resolution", "instance",
                                                       "timestamp", "correlationId"}));
  auto v = boost::json::parse(r.body).as_object();
  EXPECT_EQ(v["instance"], "/v2/x");
  EXPECT_EQ(v["timestamp"], "2026-01-15T09:30:00.000Z");
}

TEST(Problem, ExtensionsAfterTheEightAndOnlyWhenPresent) {
  ApiError e = validation_error("bad", {{"/a", "Required", std::string("field"), std::vector<std::string>{"x"}}});
  auto keys = keys_of(render_problem(e, "/", "c", 0).body);
  EXPECT_EQ(keys.size(), 9u);
  EXPECT_EQ(keys.back(), "errors");
  ApiError limited{"RATE_LIMITED", "slow down", {}, {}, 3, {}};
  auto body = boost::json::parse(render_problem(limited, "/", "c", 0).body).as_object();
  EXPECT_EQ(body["retryAfterSeconds"], 3);
  EXPECT_EQ(body["status"], 429);
}

TEST(Problem, EveryCatalogueCodeHasAStatusTitleAndResolution) {
  for (const char* code : {"VALIDATION_ERROR", "MALFORMED_JSON", "INVALID_OID_FORMAT", "INVALID_CURSOR", "API_KEY_MISSING",
                           "API_KEY_INVALID", "API_KEY_READ_ONLY", "NOT_FOUND", "METHOD_NOT_ALLOWED", "CONFLICT",
                           "PAYLOAD_TOO_LARGE", "UNSUPPORTED_MEDIA_TYPE", "UNPROCESSABLE_ENTITY", "RATE_LIMITED",
                           "INTERNAL_ERROR", "SERVICE_UNAVAILABLE", "IDEMPOTENCY_KEY_CONFLICT",
                           "IDEMPOTENCY_KEY_REQUEST_IN_PROGRESS", "IDEMPOTENCY_KEY_REQUIRED", "IDEMPOTENCY_KEY_INVALID"}) {
    const auto& k = error_kind(code);
    EXPECT_EQ(k.code, code);
    EXPECT_FALSE(k.title.empty());
    EXPECT_FALSE(k.resolution.empty());
  }
}

}  // namespace conduit::platform
