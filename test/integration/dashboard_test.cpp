// The dashboard's management API over real HTTP: sessions, CSRF, keys, environments, the
// request log, invitations and sign-in throttling.
#include "integration/fixture.h"

namespace conduit::test {
namespace {

class DashboardApi : public ::testing::Test {
 protected:
  ServerProcess server;
  std::unique_ptr<HttpClient> c = server.sandbox_client();
  std::string cookie, csrf;

  boost::json::object sign_up(const std::string& email, const std::string& extra = R"("organizationName":"Acme")") {
    auto r = c->request("POST", "/dashboard/api/signup", {{"Content-Type", "application/json"}},
                        R"({"email":")" + email + R"(","password":"correct horse battery",)" + extra + "}");
    EXPECT_EQ(r.status, 201) << r.body;
    take_session(r);
    return body_of(r);
  }
  void take_session(const HttpResponse& r) {
    auto set = r.header("set-cookie").value_or("");
    cookie = set.substr(0, set.find(';'));
    csrf = std::string(body_of(r)["csrfToken"].as_string());
  }
  Headers session(bool with_csrf = true) {
    Headers h = {{"Cookie", cookie}, {"Content-Type", "application/json"}};
    if (with_csrf) h.emplace_back("X-CSRF-Token", csrf);
    return h;
  }
};

TEST_F(DashboardApi, PageIsServedWithAStrictPolicy) {
  auto page = c->request("GET", "/dashboard");
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.header("content-type").value_or(""), "text/html; charset=utf-8");
  EXPECT_NE(page.header("content-security-policy").value_or("").find("default-src 'self'"), std::string::npos);
  EXPECT_NE(page.body.find("/dashboard/assets/"), std::string::npos);
  EXPECT_EQ(c->request("GET", "/dashboard/assets/app.js").status, 200);
  expect_problem(c->request("GET", "/dashboard/assets/nope.js"), 404, "NOT_FOUND");
  expect_problem(c->request("GET", "/dashboard/api/session"), 401, "SESSION_REQUIRED");
}

TEST_F(DashboardApi, KeysCreatedAndRevokedFromTheDashboardWorkOnTheApi) {
  auto s = sign_up("owner@example.com");
  auto set_cookie = c->request("POST", "/dashboard/api/signin", {{"Content-Type", "application/json"}},
                               R"({"email":"OWNER@example.com","password":"correct horse battery"})");
  ASSERT_EQ(set_cookie.status, 200);
  auto attributes = set_cookie.header("set-cookie").value_or("");
  EXPECT_NE(attributes.find("HttpOnly"), std::string::npos);
  EXPECT_NE(attributes.find("SameSite=Strict"), std::string::npos);
  take_session(set_cookie);

  // CSRF: the same request without the token is refused and creates nothing.
  expect_problem(c->request("POST", "/dashboard/api/keys", session(false), R"({"label":"forged","access":"read_write"})"), 403,
                 "CSRF_TOKEN_INVALID");
  auto h = session(false);
  h.emplace_back("X-CSRF-Token", std::string(64, '0'));
  expect_problem(c->request("POST", "/dashboard/api/keys", h, "{}"), 403, "CSRF_TOKEN_INVALID");
  auto created = c->request("POST", "/dashboard/api/keys", session(), R"({"label":"ci","access":"read_write"})");
  ASSERT_EQ(created.status, 201) << created.body;
  auto k = body_of(created);
  std::string key(k["key"].as_string()), id(k["id"].as_string());
  EXPECT_EQ(k["access"], "read_write");
  auto list = body_of(c->request("GET", "/dashboard/api/keys", session()));
  ASSERT_EQ(list["data"].as_array().size(), 1u);
  EXPECT_EQ(list["data"].as_array()[0].as_object()["keyPrefix"], key.substr(0, 12).c_str());
  EXPECT_EQ(c->request("GET", "/dashboard/api/keys", session()).body.find(key), std::string::npos);
  auto read_only = body_of(c->request("POST", "/dashboard/api/keys", session(), R"({"label":"ro"})"));
  EXPECT_EQ(read_only["access"], "read_only");  // the default

  // The key works on the API; a failing call is found in the request log by its correlation id.
  EXPECT_EQ(c->request("GET", "/v2/customers", key_header(key)).status, 200);
  auto failing = c->request("GET", "/v2/customers/cus_0000000000000000000000", {{"x-api-key", key}, {"x-client-correlation-id", "trace-77"}});
  ASSERT_EQ(failing.status, 404);
  std::string correlation = *failing.header("x-correlation-id");
  auto found = body_of(c->request("GET", "/dashboard/api/requests?status=4xx&correlationId=" + correlation, session()));
  ASSERT_EQ(found["data"].as_array().size(), 1u);
  auto entry = found["data"].as_array()[0].as_object();
  EXPECT_EQ(entry["status"], 404);
  EXPECT_EQ(entry["keyLabel"], "ci");
  EXPECT_EQ(entry["clientCorrelationId"], "trace-77");
  EXPECT_EQ(body_of(c->request("GET", "/dashboard/api/requests?correlationId=trace-77", session()))["data"].as_array().size(), 1u);

  // Revoked from the dashboard: refused by the API on the next request.
  auto revoked = c->request("POST", "/dashboard/api/keys/" + id + "/revoke", session(), "");
  ASSERT_EQ(revoked.status, 200) << revoked.body;
  EXPECT_FALSE(body_of(revoked)["revokedAt"].is_null());
  expect_problem(c->request("GET", "/v2/customers", key_header(key)), 401, "API_KEY_INVALID");
  // Another organization's key cannot be revoked from this session.
  expect_problem(c->request("POST", "/dashboard/api/keys/key_0000000000000000000000/revoke", session(), ""), 404, "API_KEY_NOT_FOUND");
}

TEST_F(DashboardApi, LiveIsAvailableOnlyAfterActivation) {
  auto s = sign_up("live@example.com");
  std::string org(s["organization"].as_object()["id"].as_string());
  EXPECT_EQ(s["organization"].as_object()["production"].as_object()["status"], "inactive");
  expect_problem(c->request("PUT", "/dashboard/api/session/environment", session(), R"({"environment":"production"})"), 409,
                 "ENVIRONMENT_NOT_ACTIVATED");
  ASSERT_EQ(server.cli({"org", "activate", org}).exit_code, 0);
  auto now = c->request("GET", "/dashboard/api/session", session());
  EXPECT_EQ(body_of(now)["organization"].as_object()["production"].as_object()["status"], "active");
  auto switched = c->request("PUT", "/dashboard/api/session/environment", session(), R"({"environment":"production"})");
  ASSERT_EQ(switched.status, 200) << switched.body;
  EXPECT_EQ(body_of(switched)["environment"], "production");
  auto live = body_of(c->request("POST", "/dashboard/api/keys", session(), R"({"access":"read_write"})"));
  EXPECT_TRUE(std::string(live["key"].as_string()).starts_with("ck_live_"));
}

TEST_F(DashboardApi, SignInIsGenericAndThrottled) {
  sign_up("user@example.com");
  auto wrong = c->request("POST", "/dashboard/api/signin", {{"Content-Type", "application/json"}},
                          R"({"email":"user@example.com","password":"wrong password!!"})");
  auto unknown = c->request("POST", "/dashboard/api/signin", {{"Content-Type", "application/json"}},
                            R"({"email":"nobody@example.com","password":"wrong password!!"})");
  expect_problem(wrong, 401, "INVALID_CREDENTIALS");
  expect_problem(unknown, 401, "INVALID_CREDENTIALS");
  EXPECT_EQ(body_of(wrong)["detail"], body_of(unknown)["detail"]);  // no hint about which emails exist
  int limited = 0;
  for (int i = 0; i < 6; ++i) {
    auto r = c->request("POST", "/dashboard/api/signin", {{"Content-Type", "application/json"}},
                        R"({"email":"user@example.com","password":"guess number )" + std::to_string(i) + "\"}");
    if (r.status == 429) ++limited;
  }
  EXPECT_GE(limited, 3);
  expect_problem(c->request("POST", "/dashboard/api/signup", {{"Content-Type", "application/json"}},
                            R"({"email":"user@example.com","password":"another long password","organizationName":"X"})"),
                 409, "SIGNUP_REFUSED");
  expect_problem(c->request("POST", "/dashboard/api/signup", {{"Content-Type", "application/json"}},
                            R"({"email":"x@example.com","password":"short","organizationName":"X"})"),
                 400, "VALIDATION_ERROR");
}

TEST_F(DashboardApi, InvitedUsersJoinTheOrganizationAndSignOutEndsTheSession) {
  auto owner = sign_up("owner2@example.com");
  auto invited = c->request("POST", "/dashboard/api/invitations", session(), R"({"email":"second@example.com"})");
  ASSERT_EQ(invited.status, 201) << invited.body;
  std::string token(body_of(invited)["invitationToken"].as_string());
  auto owner_cookie = cookie, owner_csrf = csrf;
  auto second = sign_up("second@example.com", R"("invitationToken":")" + token + "\"");
  EXPECT_EQ(second["organization"].as_object()["id"], owner["organization"].as_object()["id"]);
  // The token works once.
  expect_problem(c->request("POST", "/dashboard/api/signup", {{"Content-Type", "application/json"}},
                            R"({"email":"second@example.com","password":"correct horse battery","invitationToken":")" + token + "\"}"),
                 409, "SIGNUP_REFUSED");
  EXPECT_EQ(c->request("POST", "/dashboard/api/signout", session(), "").status, 204);
  expect_problem(c->request("GET", "/dashboard/api/session", session()), 401, "SESSION_REQUIRED");
  cookie = owner_cookie;
  csrf = owner_csrf;
  EXPECT_EQ(c->request("GET", "/dashboard/api/session", session()).status, 200);  // other sessions unaffected
}

}  // namespace
}  // namespace conduit::test
