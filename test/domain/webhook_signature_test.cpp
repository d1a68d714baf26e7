#include "domain/webhook_signature.h"

#include <gtest/gtest.h>

namespace conduit::domain {

TEST(WebhookSignature, KnownAnswerAndRoundTrip) {
  std::string secret = "whsec_" + std::string(64, 'a');
  // Independent check: HMAC-SHA256(key=secret, "1700000000.{}") computed with openssl dgst.
  EXPECT_EQ(signature_v1(secret, 1700000000, "{}"), "0469355943b110959c58cffabe1559348b2a0e214082ff428b6d4dc488bf156e");
  auto header = signature_header({secret}, 1700000000, R"({"id":"evt_1"})");
  EXPECT_TRUE(header.starts_with("t=1700000000,v1="));
  EXPECT_TRUE(verify_signature(header, secret, R"({"id":"evt_1"})", 1700000000));
  EXPECT_TRUE(verify_signature(header, secret, R"({"id":"evt_1"})", 1700000300));   // 300 s old: still fresh
  EXPECT_FALSE(verify_signature(header, secret, R"({"id":"evt_1"})", 1700000301));  // too old
  EXPECT_TRUE(verify_signature(header, secret, R"({"id":"evt_1"})", 1699999700));   // clock skew the other way
  EXPECT_FALSE(verify_signature(header, secret, R"({"id":"evt_1"})", 1699999699));
  EXPECT_FALSE(verify_signature(header, secret, R"({"id":"evt_2"})", 1700000000));  // body changed
  EXPECT_FALSE(verify_signature(header, "whsec_" + std::string(64, 'b'), R"({"id":"evt_1"})", 1700000000));
}

TEST(WebhookSignature, TwoSecretsDuringRotation) {
  std::string old_secret = new_webhook_secret(), new_secret = new_webhook_secret();
  EXPECT_TRUE(is_webhook_secret(old_secret));
  EXPECT_NE(old_secret, new_secret);
  auto header = signature_header({new_secret, old_secret}, 100, "body");
  EXPECT_TRUE(verify_signature(header, new_secret, "body", 100));
  EXPECT_TRUE(verify_signature(header, old_secret, "body", 100));
}

TEST(WebhookSignature, MalformedHeadersAreRefused) {
  std::string s = "whsec_" + std::string(64, 'c');
  for (const char* h : {"", "t=abc,v1=00", "v1=00", "t=100", "t=100,t=100,v1=00", "t=1e3,v1=00", "garbage"})
    EXPECT_FALSE(verify_signature(h, s, "b", 100)) << h;
  EXPECT_FALSE(is_webhook_secret("whsec_" + std::string(64, 'G')));
  EXPECT_FALSE(is_webhook_secret("whsec_abc"));
}

}  // namespace conduit::domain
