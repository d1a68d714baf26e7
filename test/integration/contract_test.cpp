// platform.md sections 4 and 5 over real HTTP: headers on every response and the error body
// for every status the server can produce.
#include "integration/fixture.h"

namespace conduit::test {

// Every test runs on both listeners: the sandbox one with a sandbox key, the production one
// with a live key of an activated organization.
class ContractTest : public ::testing::TestWithParam<bool> {
 protected:
  static void SetUpTestSuite() {
    server = new ServerProcess();
    auto org = server->cli({"org", "activate", server->bootstrap_org()});
    auto live = server->cli({"keys", "create", "--org", server->bootstrap_org(), "--env", "production", "--access", "read_write"});
    live_key = new std::string(live.json().as_object()["key"].as_string());
  }
  static void TearDownTestSuite() {
    delete server;
    delete live_key;
  }
  void SetUp() override { c = GetParam() ? server->production_client() : server->sandbox_client(); }
  const std::string& key() { return GetParam() ? *live_key : server->bootstrap_key(); }
  static ServerProcess* server;
  static std::string* live_key;
  std::unique_ptr<HttpClient> c;
};
ServerProcess* ContractTest::server;
std::string* ContractTest::live_key;
INSTANTIATE_TEST_SUITE_P(BothListeners, ContractTest, ::testing::Values(false, true),
                         [](const auto& info) { return info.param ? "production" : "sandbox"; });

TEST_P(ContractTest, EveryStatusHasTheProblemShapeAndACorrelationId) {
  expect_problem(c->request("POST", "/v2/webhooks/endpoints", json_headers(key()), "{"), 400, "MALFORMED_JSON");
  expect_problem(c->request("GET", "/v2/webhooks/endpoints"), 401, "API_KEY_MISSING");
  expect_problem(c->request("GET", "/v2/nothing-here"), 404, "NOT_FOUND");
  auto not_allowed = c->request("PUT", "/v2/webhooks/endpoints");
  expect_problem(not_allowed, 405, "METHOD_NOT_ALLOWED");
  EXPECT_EQ(not_allowed.header("allow").value_or(""), "POST, GET, HEAD");
  expect_problem(c->request("POST", "/v2/webhooks/endpoints", {{"x-api-key", key()}, {"Content-Type", "text/plain"}}, "x"),
                 415, "UNSUPPORTED_MEDIA_TYPE");
  expect_problem(c->request("POST", "/v2/webhooks/endpoints", json_headers(key()), std::string(1024 * 1024 + 1, ' ')),
                 413, "PAYLOAD_TOO_LARGE");
}

TEST_P(ContractTest, InternalErrorsLeakNothing) {
  auto r = c->request("GET", "/v2/test/fail", key_header(key()));
  expect_problem(r, 500, "INTERNAL_ERROR");
  EXPECT_EQ(r.body.find("deliberate"), std::string::npos);
  EXPECT_EQ(r.body.find("sqlite"), std::string::npos);
  EXPECT_EQ(r.body.find("/var/lib"), std::string::npos);
  // The log has the cause, tied to the correlation id, for the operator.
  EXPECT_NE(server->log().find(*r.header("x-correlation-id")), std::string::npos);
}

TEST_P(ContractTest, RoutingAnswersBeforeCredentials) {
  expect_problem(c->request("GET", "/v2/unknown", key_header("bad")), 404, "NOT_FOUND");
  expect_problem(c->request("DELETE", "/v2/webhooks/endpoints"), 405, "METHOD_NOT_ALLOWED");
}

TEST_P(ContractTest, ValidationReportsEveryFieldAtOnce) {
  auto r = c->request("POST", "/v2/webhooks/endpoints", json_headers(key()),
                      R"({"url":42,"description":"d","extra":1,"subscription":{"mode":"selected","eventTypes":["nope"]}})");
  expect_problem(r, 400, "VALIDATION_ERROR");
  auto errors = body_of(r)["errors"].as_array();
  std::set<std::string> pointers;
  for (const auto& e : errors) pointers.insert(std::string(e.as_object().at("pointer").as_string()));
  EXPECT_EQ(pointers, (std::set<std::string>{"/url", "/extra", "/subscription/eventTypes/0"}));
  auto missing = c->request("POST", "/v2/webhooks/endpoints", json_headers(key()), "{}");
  expect_problem(missing, 400, "VALIDATION_ERROR");
  EXPECT_EQ(body_of(missing)["errors"].as_array()[0].as_object()["pointer"], "/url");
  expect_problem(c->request("POST", "/v2/webhooks/endpoints", json_headers(key()), "[]"), 400, "VALIDATION_ERROR");
}

TEST_P(ContractTest, MalformedBodiesNameTheProblem) {
  auto dup = c->request("POST", "/v2/webhooks/endpoints", json_headers(key()), R"({"url":"https://a.example","url":"x"})");
  expect_problem(dup, 400, "MALFORMED_JSON");
  EXPECT_NE(std::string(body_of(dup)["detail"].as_string()).find("more than once"), std::string::npos);
  expect_problem(c->request("POST", "/v2/webhooks/endpoints", json_headers(key()), ""), 400, "MALFORMED_JSON");
  expect_problem(c->request("POST", "/v2/webhooks/endpoints", json_headers(key()), "{\"url\":\"\xff\"}"), 400, "MALFORMED_JSON");
  std::string deep = std::string(33, '[') + std::string(33, ']');
  expect_problem(c->request("POST", "/v2/webhooks/endpoints", json_headers(key()), deep), 400, "MALFORMED_JSON");
  std::string ok_depth = R"({"url":"https://a.example","subscription":)" + std::string(30, '[') + std::string(30, ']') + "}";
  expect_problem(c->request("POST", "/v2/webhooks/endpoints", json_headers(key()), ok_depth), 400, "VALIDATION_ERROR");
}

TEST_P(ContractTest, InvalidPathIdsAreRefusedWithAPointer) {
  auto r = c->request("GET", "/v2/webhooks/endpoints/cus_0000000000000000000000", key_header(key()));
  expect_problem(r, 400, "INVALID_OID_FORMAT");
  EXPECT_EQ(body_of(r)["errors"].as_array()[0].as_object()["pointer"], "/path/id");
  expect_problem(c->request("GET", "/v2/webhooks/endpoints/wep_short", key_header(key())), 400, "INVALID_OID_FORMAT");
  expect_problem(c->request("GET", "/v2/webhooks/endpoints/wep_0000000000000000000000", key_header(key())), 404,
                 "WEBHOOK_ENDPOINT_NOT_FOUND");
}

TEST_P(ContractTest, ContentTypeRules) {
  auto with = [&](const std::string& ct) {
    return c->request("POST", "/v2/webhooks/endpoints", {{"x-api-key", key()}, {"Content-Type", ct}},
                      R"({"url":"https://example.com/ct"})");
  };
  EXPECT_EQ(with("application/json").status, 201);
  EXPECT_EQ(with("application/json; charset=utf-8").status, 201);
  EXPECT_EQ(with("Application/JSON").status, 201);
  expect_problem(with("multipart/form-data; boundary=x"), 415, "UNSUPPORTED_MEDIA_TYPE");
  expect_problem(with("application/xml"), 415, "UNSUPPORTED_MEDIA_TYPE");
  // No Content-Type at all: treated as JSON.
  EXPECT_EQ(c->request("POST", "/v2/webhooks/endpoints", key_header(key()), R"({"url":"https://example.com/none"})").status, 201);
}

TEST_P(ContractTest, CorrelationIdsOnEveryResponse) {
  std::set<std::string> seen;
  for (auto r : {c->request("GET", "/healthz"), c->request("GET", "/v2/x"), c->request("GET", "/v2/webhooks/endpoints", key_header(key())),
                 c->request("GET", "/v2/api-docs/openapi.json")}) {
    auto id = r.header("x-correlation-id");
    ASSERT_TRUE(id);
    EXPECT_TRUE(is_uuid_v4(*id));
    EXPECT_TRUE(seen.insert(*id).second);
    EXPECT_EQ(r.header_count("x-correlation-id"), 1u);
  }
}

TEST_P(ContractTest, ClientCorrelationIdIsEchoedOrRefused) {
  auto ok = c->request("GET", "/v2/webhooks/endpoints", {{"x-api-key", key()}, {"x-client-correlation-id", "trace-123:abc"}});
  EXPECT_EQ(ok.status, 200);
  EXPECT_EQ(ok.header("x-client-correlation-id").value_or(""), "trace-123:abc");
  std::string max(128, 'x');
  EXPECT_EQ(c->request("GET", "/healthz", {{"x-client-correlation-id", max}}).header("x-client-correlation-id"), max);
  for (std::string bad : {std::string(""), std::string(129, 'x'), std::string("has space"), std::string("caf\xc3\xa9")}) {
    auto r = c->request("GET", "/v2/webhooks/endpoints", {{"x-api-key", key()}, {"x-client-correlation-id", bad}});
    expect_problem(r, 400, "VALIDATION_ERROR");
    EXPECT_FALSE(r.header("x-client-correlation-id"));
  }
  // Checked before authentication (step 3 before step 4).
  expect_problem(c->request("GET", "/v2/webhooks/endpoints", {{"x-client-correlation-id", ""}}), 400, "VALIDATION_ERROR");
  auto twice = c->request("GET", "/healthz", {{"x-client-correlation-id", "a"}, {"x-client-correlation-id", "b"}});
  expect_problem(twice, 400, "VALIDATION_ERROR");
}

TEST_P(ContractTest, RateLimitHeadersOnAuthenticatedResponses) {
  auto r = c->request("GET", "/v2/webhooks/endpoints", key_header(key()));
  EXPECT_EQ(r.header("x-ratelimit-limit").value_or(""), "200");
  int remaining = std::stoi(r.header("x-ratelimit-remaining").value_or("-1"));
  EXPECT_GE(remaining, 0);
  EXPECT_LT(remaining, 200);
  EXPECT_GE(std::stoi(r.header("x-ratelimit-reset").value_or("-1")), 0);
  EXPECT_FALSE(c->request("GET", "/healthz").header("x-ratelimit-limit"));
}

TEST_P(ContractTest, LargeResponsesAreGzippedWhenAsked) {
  auto plain = c->request("GET", "/v2/api-docs/openapi.json");
  auto zipped = c->request("GET", "/v2/api-docs/openapi.json", {{"Accept-Encoding", "gzip, deflate"}});
  EXPECT_FALSE(plain.header("content-encoding"));
  EXPECT_EQ(zipped.header("content-encoding").value_or(""), "gzip");
  EXPECT_LT(zipped.body.size(), plain.body.size());
  EXPECT_EQ(static_cast<unsigned char>(zipped.body[0]), 0x1f);
  EXPECT_FALSE(c->request("GET", "/v2/api-docs/openapi.json", {{"Accept-Encoding", "gzip;q=0"}}).header("content-encoding"));
  EXPECT_FALSE(c->request("GET", "/healthz", {{"Accept-Encoding", "gzip"}}).header("content-encoding"));  // small
}

TEST_P(ContractTest, SuccessBodiesAreJsonWithEveryFieldPresent) {
  auto created = c->request("POST", "/v2/webhooks/endpoints", json_headers(key()), R"({"url":"https://hooks.example.com/h"})");
  ASSERT_EQ(created.status, 201);
  EXPECT_EQ(created.header("content-type").value_or(""), "application/json; charset=utf-8");
  auto body = body_of(created);
  for (const char* k : {"id", "url", "description", "active", "subscription", "createdAt", "updatedAt", "secret"})
    EXPECT_TRUE(body.contains(k)) << k;
  EXPECT_TRUE(body["description"].is_null());
  EXPECT_EQ(body["subscription"].as_object()["mode"], "all");
  std::string secret(body["secret"].as_string());
  EXPECT_TRUE(std::regex_match(secret, std::regex("^whsec_[0-9a-f]{64}$")));
  auto got = c->request("GET", "/v2/webhooks/endpoints/" + std::string(body["id"].as_string()), key_header(key()));
  EXPECT_FALSE(body_of(got).contains("secret"));
  EXPECT_EQ(got.body.find(secret), std::string::npos);
}

}  // namespace conduit::test
