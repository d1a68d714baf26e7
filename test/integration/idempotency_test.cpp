// platform.md section 6 over real HTTP, including 50 concurrent identical requests and a
// crash between the claim and the commit.
#include <atomic>
#include <thread>

#include "integration/fixture.h"

namespace conduit::test {

class IdempotencyTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server = new ServerProcess({"--rate-limit", "100000"}); }
  static void TearDownTestSuite() { delete server; }
  void SetUp() override { c = server->sandbox_client(); }
  const std::string& key() { return server->bootstrap_key(); }
  Headers with_key(const std::string& idem) {
    auto h = json_headers(key());
    h.emplace_back("idempotency-key", idem);
    return h;
  }
  int64_t count_endpoints() {
    auto r = c->request("GET", "/v2/webhooks/endpoints?limit=1", key_header(key()));
    return body_of(r)["meta"].as_object()["total"].as_int64();
  }
  static ServerProcess* server;
  std::unique_ptr<HttpClient> c;
};
ServerProcess* IdempotencyTest::server;

TEST_F(IdempotencyTest, ReplaysTheFirstResponseByteForByte) {
  std::string body = R"({"url":"https://example.com/replay"})";
  int64_t before = count_endpoints();
  auto first = c->request("POST", "/v2/webhooks/endpoints", with_key("replay-1"), body);
  ASSERT_EQ(first.status, 201);
  EXPECT_FALSE(first.header("idempotent-replayed"));
  // Same JSON, different spelling: the canonical body is what counts.
  auto again = c->request("POST", "/v2/webhooks/endpoints", with_key("replay-1"), "{ \"url\" : \"https://example.com/replay\" }");
  EXPECT_EQ(again.status, 201);
  EXPECT_EQ(again.body, first.body);
  EXPECT_EQ(again.header("idempotent-replayed").value_or(""), "true");
  EXPECT_EQ(again.header("content-type"), first.header("content-type"));
  EXPECT_NE(again.header("x-correlation-id"), first.header("x-correlation-id"));
  EXPECT_EQ(count_endpoints(), before + 1);
}

TEST_F(IdempotencyTest, ErrorsAreStoredAndReplayedWithTheirCorrelationId) {
  auto first = c->request("POST", "/v2/webhooks/endpoints", with_key("bad-body-1"), R"({"url":"ftp://x"})");
  expect_problem(first, 400, "VALIDATION_ERROR");
  auto again = c->request("POST", "/v2/webhooks/endpoints", with_key("bad-body-1"), R"({"url":"ftp://x"})");
  EXPECT_EQ(again.status, 400);
  EXPECT_EQ(again.body, first.body);  // the stored correlationId, not this request's
  EXPECT_EQ(again.header("idempotent-replayed").value_or(""), "true");
  EXPECT_NE(*again.header("x-correlation-id"), std::string(body_of(again)["correlationId"].as_string()));
}

TEST_F(IdempotencyTest, SameKeyDifferentRequestConflicts) {
  ASSERT_EQ(c->request("POST", "/v2/webhooks/endpoints", with_key("conflict-1"), R"({"url":"https://example.com/a"})").status, 201);
  expect_problem(c->request("POST", "/v2/webhooks/endpoints", with_key("conflict-1"), R"({"url":"https://example.com/b"})"),
                 409, "IDEMPOTENCY_KEY_CONFLICT");
}

TEST_F(IdempotencyTest, KeysAreScopedToOrganizationAndEnvironment) {
  auto [org, other] = make_org_key(*server, "sandbox", "read_write", true);
  auto live = server->cli({"keys", "create", "--org", org, "--env", "production", "--access", "read_write"}).json().as_object();
  std::string body = R"({"url":"https://example.com/scoped"})";
  auto mine = c->request("POST", "/v2/webhooks/endpoints", with_key("shared-key"), body);
  auto h = json_headers(other);
  h.emplace_back("idempotency-key", "shared-key");
  auto theirs = c->request("POST", "/v2/webhooks/endpoints", h, body);
  EXPECT_EQ(theirs.status, 201);
  EXPECT_FALSE(theirs.header("idempotent-replayed"));
  EXPECT_NE(body_of(theirs)["id"], body_of(mine)["id"]);
  auto lh = json_headers(std::string(live["key"].as_string()));
  lh.emplace_back("idempotency-key", "shared-key");
  auto in_live = server->production_client()->request("POST", "/v2/webhooks/endpoints", lh, body);
  EXPECT_EQ(in_live.status, 201);
  EXPECT_FALSE(in_live.header("idempotent-replayed"));
}

TEST_F(IdempotencyTest, KeyFormatAndWhereItApplies) {
  for (std::string bad : {std::string(""), std::string(129, 'a'), std::string("has space"), std::string("slash/no")})
    expect_problem(c->request("POST", "/v2/webhooks/endpoints", with_key(bad), R"({"url":"https://example.com/f"})"), 400,
                   "IDEMPOTENCY_KEY_INVALID");
  EXPECT_EQ(c->request("POST", "/v2/webhooks/endpoints", with_key(std::string(128, 'a')), R"({"url":"https://example.com/f"})").status, 201);
  EXPECT_EQ(c->request("POST", "/v2/webhooks/endpoints", with_key("A-z_0.9:ok"), R"({"url":"https://example.com/g"})").status, 201);
  // Ignored on GET/PATCH/DELETE, even when malformed.
  auto h = key_header(key());
  h.emplace_back("idempotency-key", "bad key!");
  EXPECT_EQ(c->request("GET", "/v2/webhooks/endpoints", h).status, 200);
  // The key is checked (step 8) after the access level (step 6) and before the body (step 9).
  auto ro = server->cli({"keys", "create", "--org", server->bootstrap_org(), "--env", "sandbox"}).json().as_object();
  Headers roh = json_headers(std::string(ro["key"].as_string()));
  roh.emplace_back("idempotency-key", "bad key!");
  expect_problem(c->request("POST", "/v2/webhooks/endpoints", roh, "{"), 403, "API_KEY_READ_ONLY");
  expect_problem(c->request("POST", "/v2/webhooks/endpoints", with_key("bad key!"), "{"), 400, "IDEMPOTENCY_KEY_INVALID");
  // Requests refused before the handler are not stored: fixing the body with the same key works.
  expect_problem(c->request("POST", "/v2/webhooks/endpoints", with_key("after-malformed"), "{"), 400, "MALFORMED_JSON");
  EXPECT_EQ(c->request("POST", "/v2/webhooks/endpoints", with_key("after-malformed"), R"({"url":"https://example.com/h"})").status, 201);
}

TEST_F(IdempotencyTest, FiftyConcurrentIdenticalRequestsCreateOneResource) {
  int64_t before = count_endpoints();
  std::string body = R"({"url":"https://example.com/fifty"})";
  constexpr int kClients = 50;
  std::vector<HttpResponse> responses(kClients);
  std::atomic<int> ready{0};
  std::vector<std::thread> threads;
  auto [host, port] = split_host_port(server->sandbox());
  for (int i = 0; i < kClients; ++i)
    threads.emplace_back([&, i, host = host, port = port] {
      HttpClient client(host, port);
      client.request("GET", "/healthz");  // connect first, so the POSTs start together
      ++ready;
      while (ready.load() < kClients) std::this_thread::yield();
      responses[i] = client.request("POST", "/v2/webhooks/endpoints", with_key("fifty-way"), body);
    });
  for (auto& t : threads) t.join();
  std::string created_body;
  int created = 0, replayed = 0, in_progress = 0;
  for (const auto& r : responses) {
    if (r.status == 201) {
      if (r.header("idempotent-replayed")) ++replayed;
      else ++created;
      if (created_body.empty()) created_body = r.body;
      EXPECT_EQ(r.body, created_body);  // every success is the one result
    } else {
      expect_problem(r, 409, "IDEMPOTENCY_KEY_REQUEST_IN_PROGRESS");
      ++in_progress;
    }
  }
  EXPECT_EQ(created, 1);
  EXPECT_EQ(created + replayed + in_progress, kClients);
  EXPECT_EQ(count_endpoints(), before + 1);
}

TEST_F(IdempotencyTest, ServerErrorsAreNotStored) {
  auto first = c->request("POST", "/v2/test/fail", with_key("five-hundred"), "{}");
  expect_problem(first, 500, "INTERNAL_ERROR");
  auto again = c->request("POST", "/v2/test/fail", with_key("five-hundred"), "{}");
  expect_problem(again, 500, "INTERNAL_ERROR");
  EXPECT_FALSE(again.header("idempotent-replayed"));  // ran again
  EXPECT_NE(again.body, first.body);
}

TEST(IdempotencyCrash, KillBetweenClaimAndCommitLeavesNothingOrEverything) {
  TempDir dir;
  std::string body = R"({"url":"https://example.com/crash"})";
  std::string key;
  for (const char* point : {"crash-after-claim", "crash-before-commit"}) {
    SCOPED_TRACE(point);
    ServerProcess server({}, dir.path());
    if (key.empty()) key = server.bootstrap_key();
    auto h = json_headers(key);
    h.emplace_back("idempotency-key", std::string("crash-") + point);
    auto doomed = h;
    doomed.emplace_back("x-test-fault", point);
    auto c = server.sandbox_client();
    EXPECT_THROW(c->request("POST", "/v2/webhooks/endpoints", doomed, body), std::exception);  // the process died
    server.stop(SIGKILL);
    server.start();  // same data directory
    auto c2 = server.sandbox_client();
    auto retry = c2->request("POST", "/v2/webhooks/endpoints", h, body);
    EXPECT_EQ(retry.status, 201);
    EXPECT_FALSE(retry.header("idempotent-replayed"));  // nothing was left behind: it ran fresh
    auto replay = c2->request("POST", "/v2/webhooks/endpoints", h, body);
    EXPECT_EQ(replay.header("idempotent-replayed").value_or(""), "true");
    EXPECT_EQ(replay.body, retry.body);
    // Exactly one endpoint per key, never a resource without its record.
    auto list = body_of(c2->request("GET", "/v2/webhooks/endpoints?limit=100", key_header(key)));
    int with_url = 0;
    for (auto& e : list["data"].as_array()) with_url += e.as_object()["url"] == "https://example.com/crash";
    EXPECT_EQ(with_url, point == std::string("crash-after-claim") ? 1 : 2);
  }
}

TEST(IdempotencyRestart, RecordsSurviveARestart) {
  TempDir dir;
  std::string first_body, key;
  {
    ServerProcess server({}, dir.path());
    key = server.bootstrap_key();
    auto h = json_headers(key);
    h.emplace_back("idempotency-key", "survives");
    first_body = server.sandbox_client()->request("POST", "/v2/webhooks/endpoints", h, R"({"url":"https://example.com/r"})").body;
    server.stop(SIGTERM);
  }
  ServerProcess again({}, dir.path());
  auto h = json_headers(key);
  h.emplace_back("idempotency-key", "survives");
  auto r = again.sandbox_client()->request("POST", "/v2/webhooks/endpoints", h, R"({"url":"https://example.com/r"})");
  EXPECT_EQ(r.header("idempotent-replayed").value_or(""), "true");
  EXPECT_EQ(r.body, first_body);
}

}  // namespace conduit::test
