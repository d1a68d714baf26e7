// The idempotency TTL with the injected clock: no sleeping.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "support/in_process.h"

namespace conduit::test {

TEST(IdempotencyTtl, ReplayedWithinTheTtlForgottenAfter) {
  platform::Config config;
  config.idempotency_ttl_ms = 300'000;
  InProcessApi api(config);
  std::string key = api.create_key();
  std::vector<http::Header> h = {{"x-api-key", key}, {"content-type", "application/json"}, {"idempotency-key", "ttl-1"}};
  std::string body = R"({"url":"https://example.com/ttl"})";
  auto first = api.call("POST", "/v2/webhooks/endpoints", h, body);
  ASSERT_EQ(first.status, 201);
  api.clock.advance_ms(299'999);
  auto replay = api.call("POST", "/v2/webhooks/endpoints", h, body);
  EXPECT_EQ(replay.body, first.body);
  ASSERT_TRUE(replay.header("Idempotent-Replayed"));
  // A different body within the TTL conflicts...
  EXPECT_EQ(api.call("POST", "/v2/webhooks/endpoints", h, R"({"url":"https://example.com/other"})").status, 409);
  api.clock.advance_ms(1);
  // ...and once the TTL is over the key is forgotten: the request runs as new.
  auto fresh = api.call("POST", "/v2/webhooks/endpoints", h, body);
  EXPECT_EQ(fresh.status, 201);
  EXPECT_FALSE(fresh.header("Idempotent-Replayed"));
  EXPECT_NE(boost::json::parse(fresh.body).as_object()["id"], boost::json::parse(first.body).as_object()["id"]);
}

TEST(IdempotencyTtl, ExpiredRecordsArePurgedInBoundedBatches) {
  InProcessApi api;
  std::string key = api.create_key();
  for (int i = 0; i < 25; ++i) {
    std::vector<http::Header> h = {{"x-api-key", key}, {"idempotency-key", "p" + std::to_string(i)}};
    ASSERT_EQ(api.call("POST", "/v2/webhooks/endpoints", h, R"({"url":"https://example.com/p"})").status, 201);
  }
  api.clock.advance_ms(300'000);
  int64_t purged = 0;
  api.store().write([&](storage::WriteTx& tx) {
    purged = tx.purge_idempotency(api.clock.now_ms(), 10);
    return true;
  });
  EXPECT_EQ(purged, 10);
}

TEST(RateLimitFilter, RefusedRequestsHaveNoEffectAndRefillWithTime) {
  platform::Config config;
  config.rate_limit = 2;  // burst 4
  InProcessApi api(config);
  std::string key = api.create_key();
  std::vector<http::Header> h = {{"x-api-key", key}};
  for (int i = 0; i < 4; ++i) {
    auto r = api.call("POST", "/v2/webhooks/endpoints", h, R"({"url":"https://example.com/rl"})");
    EXPECT_EQ(r.status, 201);
    EXPECT_EQ(*r.header("X-RateLimit-Remaining"), std::to_string(3 - i));
  }
  auto refused = api.call("POST", "/v2/webhooks/endpoints", h, R"({"url":"https://example.com/rl"})");
  EXPECT_EQ(refused.status, 429);
  EXPECT_EQ(*refused.header("Retry-After"), "1");
  EXPECT_EQ(boost::json::parse(refused.body).as_object()["retryAfterSeconds"], 1);
  EXPECT_EQ(*refused.header("X-RateLimit-Limit"), "4");
  EXPECT_EQ(*refused.header("X-RateLimit-Remaining"), "0");
  api.clock.advance_ms(500);  // one token back at 2/s
  auto list = api.call("GET", "/v2/webhooks/endpoints", h);
  EXPECT_EQ(list.status, 200);
  EXPECT_EQ(boost::json::parse(list.body).as_object()["meta"].as_object()["total"], 4);  // the 429 created nothing
}

TEST(RateLimitFilter, FailedAuthenticationDrawsFromTheIpBucket) {
  platform::Config config;
  config.ip_rate_limit = 1;  // burst 2
  InProcessApi api(config);
  std::string key = api.create_key();
  std::vector<http::Header> bad = {{"x-api-key", "ck_sandbox_" + std::string(64, '0')}};
  EXPECT_EQ(api.call("GET", "/v2/webhooks/endpoints", bad, "", Environment::sandbox, "192.0.2.1").status, 401);
  EXPECT_EQ(api.call("GET", "/v2/webhooks/endpoints", {}, "", Environment::sandbox, "192.0.2.1").status, 401);
  auto limited = api.call("GET", "/v2/webhooks/endpoints", bad, "", Environment::sandbox, "192.0.2.1");
  EXPECT_EQ(limited.status, 429);
  EXPECT_TRUE(limited.header("Retry-After"));
  // Another address is unaffected, and a valid key from the throttled address still works.
  EXPECT_EQ(api.call("GET", "/v2/webhooks/endpoints", bad, "", Environment::sandbox, "192.0.2.2").status, 401);
  EXPECT_EQ(api.call("GET", "/v2/webhooks/endpoints", {{"x-api-key", key}}, "", Environment::sandbox, "192.0.2.1").status, 200);
  api.clock.advance_ms(1000);
  EXPECT_EQ(api.call("GET", "/v2/webhooks/endpoints", bad, "", Environment::sandbox, "192.0.2.1").status, 401);
}

TEST(RateLimitFilter, OrganizationOverrideAndSeparateEnvironments) {
  InProcessApi api;
  std::string org;
  std::string sandbox = api.create_key(Environment::sandbox, storage::Access::read_write, &org);
  std::string live = api.create_key(Environment::production, storage::Access::read_write, nullptr, org);
  api.store().write([&](storage::WriteTx& tx) {
    auto o = tx.organization(org);
    o->rate_limit = 1;
    tx.update_organization(*o);
    return true;
  });
  EXPECT_EQ(api.call("GET", "/v2/customers", {{"x-api-key", sandbox}}).status, 200);
  EXPECT_EQ(api.call("GET", "/v2/customers", {{"x-api-key", sandbox}}).status, 200);
  EXPECT_EQ(api.call("GET", "/v2/customers", {{"x-api-key", sandbox}}).status, 429);
  auto r = api.call("GET", "/v2/customers", {{"x-api-key", live}}, "", Environment::production);
  EXPECT_EQ(r.status, 200);  // the other environment has its own bucket
  EXPECT_EQ(*r.header("X-RateLimit-Limit"), "2");
  // Health and the OpenAPI document are never limited.
  for (int i = 0; i < 10; ++i) EXPECT_EQ(api.call("GET", "/healthz").status, 200);
}

}  // namespace conduit::test
