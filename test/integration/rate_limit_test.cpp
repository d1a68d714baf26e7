// Rate limits over real HTTP, and the CLI override reaching a running server.
#include "integration/fixture.h"

namespace conduit::test {

TEST(RateLimits, CliOverrideAppliesToTheRunningServer) {
  ServerProcess server({"--rate-limit", "1000"});
  auto c = server.sandbox_client();
  const auto& key = server.bootstrap_key();
  EXPECT_EQ(c->request("GET", "/v2/customers", key_header(key)).header("x-ratelimit-limit").value_or(""), "2000");
  auto updated = server.cli({"org", "update", server.bootstrap_org(), "--rate-limit", "1"});
  ASSERT_EQ(updated.exit_code, 0) << updated.err;
  // Applied from the next request on (the limit is read with the key on every request).
  auto r = c->request("GET", "/v2/customers", key_header(key));
  EXPECT_EQ(r.header("x-ratelimit-limit").value_or(""), "2");
  int refused = 0;
  for (int i = 0; i < 5; ++i) {
    auto x = c->request("GET", "/v2/customers", key_header(key));
    if (x.status == 429) {
      ++refused;
      expect_problem(x, 429, "RATE_LIMITED");
      EXPECT_GE(std::stoi(x.header("retry-after").value_or("0")), 1);
      EXPECT_GE(body_of(x)["retryAfterSeconds"].as_int64(), 1);
    }
  }
  EXPECT_GE(refused, 3);
  EXPECT_EQ(c->request("GET", "/healthz").status, 200);
}

TEST(RateLimits, KeyGuessingIsThrottledPerAddress) {
  ServerProcess server({"--ip-rate-limit", "2"});
  auto c = server.sandbox_client();
  int limited = 0;
  for (int i = 0; i < 10; ++i) {
    auto r = c->request("GET", "/v2/customers", key_header("ck_sandbox_" + std::string(64, 'b')));
    if (r.status == 429) ++limited;
    else expect_problem(r, 401, "API_KEY_INVALID");
  }
  EXPECT_GE(limited, 5);
}

}  // namespace conduit::test
