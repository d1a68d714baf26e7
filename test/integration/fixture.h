#pragma once
// Helpers shared by the tests that talk to a real `conduit serve` over HTTP.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <regex>
#include <string>
#include <vector>

#include "support/http_client.h"
#include "support/server_process.h"

namespace conduit::test {

using Headers = std::vector<std::pair<std::string, std::string>>;

inline Headers key_header(const std::string& key) { return {{"x-api-key", key}}; }
inline Headers json_headers(const std::string& key) {
  return {{"x-api-key", key}, {"Content-Type", "application/json"}};
}
inline boost::json::object body_of(const HttpResponse& r) { return boost::json::parse(r.body).as_object(); }

inline bool is_uuid_v4(const std::string& s) {
  static const std::regex re("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
  return std::regex_match(s, re);
}

// Checks the whole error contract of platform.md section 5 on one response.
inline void expect_problem(const HttpResponse& r, int status, const std::string& type) {
  EXPECT_EQ(r.status, status) << r.body;
  EXPECT_EQ(r.header("content-type").value_or(""), "application/problem+json");
  auto body = boost::json::parse(r.body).as_object();
  std::vector<std::string> keys;
  for (const auto& kv : body) keys.emplace_back(kv.key());
  std::vector<std::string> first(keys.begin(), keys.begin() + std::min<size_t>(8, keys.size()));
  EXPECT_EQ(first, (std::vector<std::string>{"type", "title", "status", "detail", "resolution", "instance", "timestamp",
                                             "correlationId"}));
  for (size_t i = 8; i < keys.size(); ++i)
    EXPECT_TRUE(keys[i] == "errors" || keys[i] == "details" || keys[i] == "retryAfterSeconds") << keys[i];
  EXPECT_EQ(body["type"], type.c_str()) << r.body;
  EXPECT_EQ(body["status"], status);
  auto corr = r.header("x-correlation-id");
  ASSERT_TRUE(corr);
  EXPECT_TRUE(is_uuid_v4(*corr)) << *corr;
  EXPECT_EQ(body["correlationId"], corr->c_str());
  static const std::regex ts("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$");
  EXPECT_TRUE(std::regex_match(std::string(body["timestamp"].as_string()), ts));
}

// Creates an organization (optionally activated) and a key with the CLI; returns {org id, key}.
inline std::pair<std::string, std::string> make_org_key(const ServerProcess& s, const std::string& env = "sandbox",
                                                        const std::string& access = "read_write", bool activate = true) {
  std::vector<std::string> args = {"org", "create", "--name", "Org"};
  if (activate) args.push_back("--activate");
  auto org = s.cli(args);
  EXPECT_EQ(org.exit_code, 0) << org.err;
  std::string org_id(org.json().as_object()["id"].as_string());
  auto key = s.cli({"keys", "create", "--org", org_id, "--env", env, "--access", access});
  EXPECT_EQ(key.exit_code, 0) << key.err;
  return {org_id, std::string(key.json().as_object()["key"].as_string())};
}

inline std::string create_endpoint(HttpClient& c, const std::string& key, const std::string& url = "https://example.com/hook") {
  auto r = c.request("POST", "/v2/webhooks/endpoints", json_headers(key), R"({"url":")" + url + R"("})");
  EXPECT_EQ(r.status, 201) << r.body;
  return std::string(body_of(r)["id"].as_string());
}

}  // namespace conduit::test
