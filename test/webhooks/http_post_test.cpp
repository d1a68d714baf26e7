#include "webhooks/http_post.h"

#include <gtest/gtest.h>

#include "support/receiver.h"

namespace conduit::webhooks {

TEST(HttpPost, PostsAndReadsABoundedResponse) {
  test::Receiver receiver;
  PostOptions o;
  o.max_body = 5;
  auto r = http_post(receiver.url("/in?x=1"), {{"X-Test", "yes"}}, R"({"a":1})", o);
  ASSERT_TRUE(r.status) << r.error;
  EXPECT_EQ(*r.status, 200);
  EXPECT_EQ(r.body, "{\"rec");  // first max_body bytes only
  ASSERT_TRUE(receiver.wait_for(1));
  auto got = receiver.received()[0];
  EXPECT_EQ(got.body, R"({"a":1})");
  EXPECT_EQ(got.headers["x-test"], "yes");
}

TEST(HttpPost, ProductionRefusesPrivateAddressesAtDeliveryTime) {
  test::Receiver receiver;
  PostOptions o;
  o.refuse_private_addresses = true;
  auto r = http_post(receiver.url(), {}, "{}", o);
  EXPECT_FALSE(r.status);
  EXPECT_NE(r.error.find("forbidden"), std::string::npos);
  EXPECT_EQ(receiver.count(), 0u);
  // "localhost" resolves to loopback: refused the same way, whatever the name says.
  std::string port = receiver.url().substr(receiver.url().rfind(":") + 1);
  auto by_name = http_post("http://localhost:" + port.substr(0, port.find("/")) + "/hooks", {}, "{}", o);
  EXPECT_FALSE(by_name.status);
}

TEST(HttpPost, TimesOutOnASilentReceiver) {
  test::Receiver silent([](size_t) { return 0; });
  PostOptions o;
  o.timeout = std::chrono::milliseconds(300);
  auto r = http_post(silent.url(), {}, "{}", o);
  EXPECT_FALSE(r.status);
  EXPECT_NE(r.error.find("timed out"), std::string::npos);
  EXPECT_GE(r.duration_ms, 250);
  EXPECT_LT(r.duration_ms, 5000);
}

TEST(HttpPost, ConnectionRefusedAndBadUrls) {
  auto refused = http_post("http://127.0.0.1:1/x", {}, "{}", {});
  EXPECT_FALSE(refused.status);
  EXPECT_FALSE(refused.error.empty());
  EXPECT_EQ(http_post("ftp://x/y", {}, "{}", {}).error, "invalid url");
}

}  // namespace conduit::webhooks
