// platform.md section 3: every row of the authentication table, on both listeners.
#include "integration/fixture.h"

namespace conduit::test {

class AuthTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server = new ServerProcess();
    auto [org, sandbox_rw] = make_org_key(*server, "sandbox", "read_write");
    org_id = new std::string(org);
    sandbox_key = new std::string(sandbox_rw);
    live_key = new std::string(std::string(server->cli({"keys", "create", "--org", org, "--env", "production", "--access",
                                                       "read_write"}).json().as_object()["key"].as_string()));
    sandbox_ro = new std::string(std::string(server->cli({"keys", "create", "--org", org, "--env", "sandbox"}).json().as_object()["key"].as_string()));
    live_ro = new std::string(std::string(server->cli({"keys", "create", "--org", org, "--env", "production"}).json().as_object()["key"].as_string()));
  }
  static void TearDownTestSuite() {
    delete server;
    delete org_id;
    delete sandbox_key;
    delete live_key;
    delete sandbox_ro;
    delete live_ro;
  }
  std::unique_ptr<HttpClient> client(bool production) {
    return production ? server->production_client() : server->sandbox_client();
  }
  const std::string& rw(bool production) { return production ? *live_key : *sandbox_key; }
  const std::string& ro(bool production) { return production ? *live_ro : *sandbox_ro; }
  const std::string& other_env_key(bool production) { return production ? *sandbox_key : *live_key; }

  static ServerProcess* server;
  static std::string *org_id, *sandbox_key, *live_key, *sandbox_ro, *live_ro;
};
ServerProcess* AuthTest::server;
std::string *AuthTest::org_id, *AuthTest::sandbox_key, *AuthTest::live_key, *AuthTest::sandbox_ro, *AuthTest::live_ro;

TEST_F(AuthTest, EveryRowOnBothListeners) {
  for (bool production : {false, true}) {
    SCOPED_TRACE(production ? "production listener" : "sandbox listener");
    auto c = client(production);
    // No key.
    expect_problem(c->request("GET", "/v2/webhooks/endpoints"), 401, "API_KEY_MISSING");
    // Unknown, malformed, other environment's key.
    std::string prefix = production ? "ck_live_" : "ck_sandbox_";
    expect_problem(c->request("GET", "/v2/webhooks/endpoints", key_header(prefix + std::string(64, 'a'))), 401,
                   "API_KEY_INVALID");
    expect_problem(c->request("GET", "/v2/webhooks/endpoints", key_header("not-a-key")), 401, "API_KEY_INVALID");
    expect_problem(c->request("GET", "/v2/webhooks/endpoints", key_header(rw(production) + "0")), 401, "API_KEY_INVALID");
    std::string upper = rw(production);
    for (auto& ch : upper) ch = char(std::toupper(ch));
    expect_problem(c->request("GET", "/v2/webhooks/endpoints", key_header(upper)), 401, "API_KEY_INVALID");
    expect_problem(c->request("GET", "/v2/webhooks/endpoints", key_header(other_env_key(production))), 401,
                   "API_KEY_INVALID");
    // A valid key works, and both GET and HEAD work with a read-only key.
    EXPECT_EQ(c->request("GET", "/v2/webhooks/endpoints", key_header(rw(production))).status, 200);
    EXPECT_EQ(c->request("GET", "/v2/webhooks/endpoints", key_header(ro(production))).status, 200);
    auto head = c->request("HEAD", "/v2/webhooks/endpoints", key_header(ro(production)));
    EXPECT_EQ(head.status, 200);
    EXPECT_TRUE(head.body.empty());
    EXPECT_GT(std::stoul(head.header("content-length").value_or("0")), 0u);
    // Read-only key on every other method.
    expect_problem(c->request("POST", "/v2/webhooks/endpoints", json_headers(ro(production)), R"({"url":"https://example.com"})"),
                   403, "API_KEY_READ_ONLY");
    std::string id = create_endpoint(*c, rw(production));
    expect_problem(c->request("PATCH", "/v2/webhooks/endpoints/" + id, json_headers(ro(production)), R"({"active":false})"),
                   403, "API_KEY_READ_ONLY");
    expect_problem(c->request("DELETE", "/v2/webhooks/endpoints/" + id, key_header(ro(production))), 403,
                   "API_KEY_READ_ONLY");
    EXPECT_EQ(c->request("GET", "/v2/webhooks/endpoints/" + id, key_header(ro(production))).status, 200);
  }
}

TEST_F(AuthTest, RevokedKeyIsRefusedOnTheNextRequest) {
  auto c = client(false);
  auto created = server->cli({"keys", "create", "--org", *org_id, "--env", "sandbox"}).json().as_object();
  std::string key(created["key"].as_string()), id(created["id"].as_string());
  EXPECT_EQ(c->request("GET", "/v2/webhooks/endpoints", key_header(key)).status, 200);
  auto revoked = server->cli({"keys", "revoke", id});
  ASSERT_EQ(revoked.exit_code, 0) << revoked.err;
  EXPECT_FALSE(revoked.json().as_object()["revokedAt"].is_null());
  // Revocation must take effect within 1 s; this server checks the store on every request,
  // so the very next request is refused.
  expect_problem(c->request("GET", "/v2/webhooks/endpoints", key_header(key)), 401, "API_KEY_INVALID");
}

TEST_F(AuthTest, UnauthenticatedRoutesNeedNoKey) {
  auto c = client(true);
  EXPECT_EQ(c->request("GET", "/healthz").status, 200);
  EXPECT_EQ(c->request("GET", "/readyz").status, 200);
  EXPECT_EQ(c->request("GET", "/metrics").status, 200);
  EXPECT_EQ(c->request("GET", "/v2/api-docs/openapi.json").status, 200);
  EXPECT_EQ(c->request("GET", "/healthz", key_header("garbage")).status, 200);
}

TEST_F(AuthTest, OtherOrganizationsAndEnvironmentsSeeNothing) {
  auto sandbox = client(false), live = client(true);
  std::string mine = create_endpoint(*sandbox, *sandbox_key);
  std::string mine_live = create_endpoint(*live, *live_key);
  auto [other_org, other_key] = make_org_key(*server, "sandbox", "read_write");
  for (const auto& id : {mine, mine_live}) {
    expect_problem(sandbox->request("GET", "/v2/webhooks/endpoints/" + id, key_header(other_key)), 404,
                   "WEBHOOK_ENDPOINT_NOT_FOUND");
    expect_problem(sandbox->request("PATCH", "/v2/webhooks/endpoints/" + id, json_headers(other_key), R"({"active":false})"),
                   404, "WEBHOOK_ENDPOINT_NOT_FOUND");
    expect_problem(sandbox->request("DELETE", "/v2/webhooks/endpoints/" + id, key_header(other_key)), 404,
                   "WEBHOOK_ENDPOINT_NOT_FOUND");
  }
  // The other environment of the same organization: 404 as well.
  expect_problem(live->request("GET", "/v2/webhooks/endpoints/" + mine, key_header(*live_key)), 404,
                 "WEBHOOK_ENDPOINT_NOT_FOUND");
  expect_problem(sandbox->request("GET", "/v2/webhooks/endpoints/" + mine_live, key_header(*sandbox_key)), 404,
                 "WEBHOOK_ENDPOINT_NOT_FOUND");
  auto list = body_of(sandbox->request("GET", "/v2/webhooks/endpoints?limit=100", key_header(other_key)));
  EXPECT_EQ(list["data"].as_array().size(), 0u);
  EXPECT_EQ(list["meta"].as_object()["total"], 0);
  // And the owner still has it, untouched.
  auto still = sandbox->request("GET", "/v2/webhooks/endpoints/" + mine, key_header(*sandbox_key));
  EXPECT_EQ(still.status, 200);
  EXPECT_EQ(body_of(still)["active"], true);
}

TEST_F(AuthTest, ProductionKeysNeedAnActivatedOrganization) {
  auto org = server->cli({"org", "create", "--name", "Inactive"}).json().as_object();
  std::string id(org["id"].as_string());
  EXPECT_EQ(org["production"].as_object()["status"], "inactive");
  auto refused = server->cli({"keys", "create", "--org", id, "--env", "production"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_TRUE(refused.out.empty());
  auto activated = server->cli({"org", "activate", id});
  EXPECT_EQ(activated.json().as_object()["production"].as_object()["status"], "active");
  auto key = server->cli({"keys", "create", "--org", id, "--env", "production", "--access", "read_write"});
  ASSERT_EQ(key.exit_code, 0);
  std::string plaintext(key.json().as_object()["key"].as_string());
  EXPECT_TRUE(plaintext.starts_with("ck_live_"));
  EXPECT_EQ(client(true)->request("GET", "/v2/webhooks/endpoints", key_header(plaintext)).status, 200);
}

}  // namespace conduit::test
