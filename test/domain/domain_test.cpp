#include <gtest/gtest.h>

#include "common/crypto.h"
#include "domain/api_keys.h"
#include "domain/destination.h"
#include "domain/organizations.h"

namespace conduit::domain {

TEST(ApiKeys, MintedKeysHaveTheContractFormat) {
  auto k = mint_key("org_x", Environment::sandbox, storage::Access::read_only, std::nullopt, 1000);
  EXPECT_TRUE(k.plaintext.starts_with("ck_sandbox_"));
  EXPECT_EQ(k.plaintext.size(), 11u + 64u);
  EXPECT_TRUE(is_well_formed_key(k.plaintext, Environment::sandbox));
  EXPECT_FALSE(is_well_formed_key(k.plaintext, Environment::production));
  EXPECT_EQ(k.hash, crypto::sha256(k.plaintext));
  EXPECT_EQ(k.record.key_prefix, k.plaintext.substr(0, 12));
  EXPECT_EQ(k.record.key_last4, k.plaintext.substr(k.plaintext.size() - 4));
  auto live = mint_key("org_x", Environment::production, storage::Access::read_write, std::nullopt, 1000);
  EXPECT_TRUE(live.plaintext.starts_with("ck_live_"));
  EXPECT_NE(live.plaintext, k.plaintext);
}

TEST(ApiKeys, MalformedKeysAreRefused) {
  std::string hex64(64, 'a');
  EXPECT_TRUE(is_well_formed_key("ck_sandbox_" + hex64, Environment::sandbox));
  EXPECT_FALSE(is_well_formed_key("ck_sandbox_" + std::string(64, 'A'), Environment::sandbox));  // upper case
  EXPECT_FALSE(is_well_formed_key("ck_sandbox_" + std::string(63, 'a'), Environment::sandbox));
  EXPECT_FALSE(is_well_formed_key("ck_sandbox_" + hex64 + "a", Environment::sandbox));
  EXPECT_FALSE(is_well_formed_key("ck_sandbox_" + std::string(63, 'a') + "g", Environment::sandbox));
  EXPECT_FALSE(is_well_formed_key("", Environment::sandbox));
}

TEST(Organizations, NameRules) {
  EXPECT_FALSE(check_organization_name("Acme"));
  EXPECT_TRUE(check_organization_name(""));
  EXPECT_TRUE(check_organization_name("   "));
  EXPECT_TRUE(check_organization_name(std::string(201, 'a')));
  EXPECT_TRUE(check_organization_name("a\nb"));
  auto o = new_organization("Acme", false, 5);
  EXPECT_TRUE(o.id.starts_with("org_"));
  EXPECT_FALSE(o.production_active);
}

TEST(Destination, ForbiddenAddresses) {
  for (const char* ip : {"127.0.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254",
                         "0.0.0.0", "100.64.0.1", "224.0.0.1", "255.255.255.255", "::1", "::", "fe80::1", "fc00::1",
                         "fd12::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "2001:db8::1", "ff02::1"})
    EXPECT_TRUE(is_forbidden_address(ip)) << ip;
  for (const char* ip : {"8.8.8.8", "172.32.0.1", "1.1.1.1", "2606:4700::1111", "::ffff:8.8.8.8"})
    EXPECT_FALSE(is_forbidden_address(ip)) << ip;
}

TEST(Destination, WebhookUrlRulesPerEnvironment) {
  EXPECT_FALSE(check_webhook_url("https://hooks.example.com/conduit", Environment::production));
  EXPECT_TRUE(check_webhook_url("http://hooks.example.com/x", Environment::production));
  EXPECT_TRUE(check_webhook_url("https://127.0.0.1/x", Environment::production));
  EXPECT_TRUE(check_webhook_url("https://[::1]:8443/x", Environment::production));
  EXPECT_TRUE(check_webhook_url("https://localhost/x", Environment::production));
  EXPECT_TRUE(check_webhook_url("https://169.254.169.254/latest", Environment::production));
  EXPECT_TRUE(check_webhook_url("https://user:pw@example.com/", Environment::production));
  EXPECT_FALSE(check_webhook_url("http://127.0.0.1:9000/hook", Environment::sandbox));
  EXPECT_FALSE(check_webhook_url("http://localhost:3000/hook", Environment::sandbox));
  EXPECT_TRUE(check_webhook_url("ftp://example.com/", Environment::sandbox));
  EXPECT_TRUE(check_webhook_url("not a url", Environment::sandbox));
  EXPECT_TRUE(check_webhook_url("https://", Environment::sandbox));
  EXPECT_TRUE(check_webhook_url("https://example.com:99999/", Environment::sandbox));
  EXPECT_TRUE(check_webhook_url("https://exa mple.com/", Environment::sandbox));
  EXPECT_TRUE(check_webhook_url("https://example.com/" + std::string(2048, 'a'), Environment::sandbox));
}

}  // namespace conduit::domain
