// Webhooks end to end: the real server, a real receiver on loopback, real signatures.
#include <fstream>
#include <thread>

#include "domain/webhook_signature.h"
#include "integration/fixture.h"
#include "support/receiver.h"
#include "support/submission_builder.h"

namespace conduit::test {
namespace {

const std::string kPdf = "%PDF-1.4\n%%EOF\n";

class WebhooksE2E : public ::testing::Test {
 protected:
  ServerProcess server{{"--webhook-retry-base-ms", "20", "--rate-limit", "100000"}};
  std::unique_ptr<HttpClient> c = server.sandbox_client();
  const std::string& key() { return server.bootstrap_key(); }

  std::pair<std::string, std::string> create_endpoint_for(const std::string& url, const std::string& subscription = "") {
    std::string body = R"({"url":")" + url + "\"" + (subscription.empty() ? "" : ",\"subscription\":" + subscription) + "}";
    auto r = c->request("POST", "/v2/webhooks/endpoints", json_headers(key()), body);
    EXPECT_EQ(r.status, 201) << r.body;
    auto o = body_of(r);
    return {std::string(o["id"].as_string()), std::string(o["secret"].as_string())};
  }

  // Onboards and approves one business: three events (application.approved, customer.created,
  // customer.activated). Returns the application id.
  std::string approve_one(const std::string& tax_suffix) {
    auto requirements = body_of(c->request("GET", "/v2/onboarding/requirements?country=US", key_header(key())));
    auto sub = build_submission(requirements, [&] {
      auto r = c->request("POST", "/v2/documents", {{"x-api-key", key()}, {"Content-Type", "multipart/form-data; boundary=B"}},
                          "--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n" + kPdf + "\r\n--B--\r\n");
      return std::string(body_of(r)["id"].as_string());
    });
    sub["businessInfo"].as_object()["taxId"] = "12-34567" + tax_suffix;
    auto h = json_headers(key());
    h.emplace_back("idempotency-key", "onboard-" + tax_suffix);
    auto app = c->request("POST", "/v2/onboarding", h, boost::json::serialize(sub));
    EXPECT_EQ(app.status, 202) << app.body;
    std::string id(body_of(app)["id"].as_string());
    EXPECT_EQ(c->request("POST", "/v2/sandbox/applications/" + id + "/simulate/decision", json_headers(key()),
                         R"({"outcome":"approved"})").status, 200);
    return id;
  }

  boost::json::object delivery_of(const Received& r) {
    auto got = c->request("GET", "/v2/webhooks/deliveries/" + r.headers.at("x-conduit-delivery-id"), key_header(key()));
    EXPECT_EQ(got.status, 200) << got.body;
    return body_of(got);
  }

  // Waits (bounded) until the delivery reaches `status`.
  boost::json::object wait_status(const std::string& delivery_id, const std::string& status) {
    boost::json::object d;
    for (int i = 0; i < 400; ++i) {
      d = body_of(c->request("GET", "/v2/webhooks/deliveries/" + delivery_id, key_header(key())));
      if (d["status"] == status.c_str()) return d;
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    ADD_FAILURE() << "delivery " << delivery_id << " never became " << status << ": " << boost::json::serialize(d);
    return d;
  }
};

TEST_F(WebhooksE2E, ApprovalDeliversSignedEvents) {
  Receiver receiver;
  auto [endpoint_id, secret] = create_endpoint_for(receiver.url());
  std::string app_id = approve_one("01");
  ASSERT_TRUE(receiver.wait_for(3));
  std::map<std::string, boost::json::object> by_type;
  for (const auto& r : receiver.received()) {
    EXPECT_TRUE(domain::verify_signature(r.headers.at("x-conduit-signature"), secret, r.body, std::time(nullptr)));
    EXPECT_EQ(r.headers.at("content-type"), "application/json");
    auto env = boost::json::parse(r.body).as_object();
    EXPECT_EQ(r.headers.at("x-conduit-event"), std::string(env["type"].as_string()));
    EXPECT_EQ(env["mode"], "sandbox");
    by_type[std::string(env["type"].as_string())] = env;
  }
  ASSERT_TRUE(by_type.count("application.approved"));
  ASSERT_TRUE(by_type.count("customer.created"));
  EXPECT_EQ(by_type["application.approved"]["data"].as_object()["applicationId"], app_id.c_str());
  // The receiver-side check documented in the README works on a real delivery.
  auto first = receiver.received()[0];
  TempDir tmp;
  std::ofstream(tmp.path() + "/body") << first.body;
  EXPECT_EQ(run_conduit({"webhooks", "verify", "--secret", secret, "--header", first.headers.at("x-conduit-signature"),
                         "--body-file", tmp.path() + "/body"}).exit_code, 0);
  EXPECT_EQ(run_conduit({"webhooks", "verify", "--secret", domain::new_webhook_secret(), "--header",
                         first.headers.at("x-conduit-signature"), "--body-file", tmp.path() + "/body"}).exit_code, 1);
  // The deliveries API shows them.
  auto list = body_of(c->request("GET", "/v2/webhooks/deliveries?endpointId=" + endpoint_id, key_header(key())));
  EXPECT_EQ(list["meta"].as_object()["total"], 3);
  auto filtered = body_of(c->request("GET", "/v2/webhooks/deliveries?eventType=customer.created", key_header(key())));
  EXPECT_EQ(filtered["meta"].as_object()["total"], 1);
  EXPECT_EQ(body_of(c->request("GET", "/v2/webhooks/deliveries?eventType=no.such", key_header(key())))["meta"].as_object()["total"], 0);
  expect_problem(c->request("GET", "/v2/webhooks/deliveries?status=lost", key_header(key())), 400, "VALIDATION_ERROR");
}

TEST_F(WebhooksE2E, FailingThreeTimesThenSucceeding) {
  Receiver receiver([](size_t n) { return n < 3 ? 503 : 200; });
  create_endpoint_for(receiver.url(), R"({"mode":"selected","eventTypes":["customer.activated"]})");
  approve_one("02");
  ASSERT_TRUE(receiver.wait_for(4));
  auto d = wait_status(receiver.received()[0].headers.at("x-conduit-delivery-id"), "succeeded");
  EXPECT_EQ(d["attempts"], 4);
  auto attempts = d["deliveryAttempts"].as_array();
  ASSERT_EQ(attempts.size(), 4u);
  EXPECT_EQ(attempts[0].as_object()["statusCode"], 503);
  EXPECT_EQ(attempts[3].as_object()["statusCode"], 200);
  EXPECT_EQ(attempts[3].as_object()["responseBody"], "{\"received\":true}");
  for (const auto& r : receiver.received())  // the same delivery id on every attempt
    EXPECT_EQ(r.headers.at("x-conduit-delivery-id"), std::string(d["id"].as_string()));
}

TEST_F(WebhooksE2E, AlwaysFailingEndsFailedAndRetryRedrivesIt) {
  Receiver receiver([](size_t n) { return n < 5 ? 500 : 200; });
  create_endpoint_for(receiver.url(), R"({"mode":"selected","eventTypes":["customer.created"]})");
  approve_one("03");
  ASSERT_TRUE(receiver.wait_for(5));
  std::string id = receiver.received()[0].headers.at("x-conduit-delivery-id");
  auto failed = wait_status(id, "failed");
  EXPECT_EQ(failed["attempts"], 5);
  EXPECT_FALSE(failed["completedAt"].is_null());
  auto retried = c->request("POST", "/v2/webhooks/deliveries/" + id + "/retry", key_header(key()));
  ASSERT_EQ(retried.status, 202) << retried.body;
  EXPECT_EQ(body_of(retried)["status"], "pending");
  auto done = wait_status(id, "succeeded");
  EXPECT_EQ(done["attempts"], 6);
  expect_problem(c->request("POST", "/v2/webhooks/deliveries/" + id + "/retry", key_header(key())), 409,
                 "WEBHOOK_DELIVERY_NOT_RETRYABLE");
}

TEST_F(WebhooksE2E, RotationInactiveEndpointsAndSelectedSubscriptions) {
  Receiver main_receiver, inactive_receiver, selected_receiver;
  auto [main_id, old_secret] = create_endpoint_for(main_receiver.url());
  auto [inactive_id, s2] = create_endpoint_for(inactive_receiver.url());
  create_endpoint_for(selected_receiver.url(), R"({"mode":"selected","eventTypes":["application.approved"]})");
  EXPECT_EQ(c->request("PATCH", "/v2/webhooks/endpoints/" + inactive_id, json_headers(key()), R"({"active":false})").status, 200);
  expect_problem(c->request("POST", "/v2/webhooks/endpoints/" + main_id + "/rotate", key_header(key())), 400,
                 "IDEMPOTENCY_KEY_REQUIRED");
  auto h = key_header(key());
  h.emplace_back("idempotency-key", "rotate-1");
  auto rotated = c->request("POST", "/v2/webhooks/endpoints/" + main_id + "/rotate", h);
  ASSERT_EQ(rotated.status, 200) << rotated.body;
  std::string new_secret(body_of(rotated)["secret"].as_string());
  EXPECT_NE(new_secret, old_secret);
  approve_one("04");
  ASSERT_TRUE(main_receiver.wait_for(3));
  ASSERT_TRUE(selected_receiver.wait_for(1));
  for (const auto& r : main_receiver.received()) {
    const auto& sig = r.headers.at("x-conduit-signature");
    EXPECT_EQ(std::count(sig.begin(), sig.end(), 'v'), 2);  // two v1 values
    EXPECT_TRUE(domain::verify_signature(sig, new_secret, r.body, std::time(nullptr)));
    EXPECT_TRUE(domain::verify_signature(sig, old_secret, r.body, std::time(nullptr)));
  }
  // Everything the main endpoint got is also settled for the others by now: the inactive one
  // received nothing, the selected one only application.approved.
  auto all = body_of(c->request("GET", "/v2/webhooks/deliveries?endpointId=" + inactive_id, key_header(key())));
  EXPECT_EQ(all["meta"].as_object()["total"], 0);
  EXPECT_EQ(inactive_receiver.count(), 0u);
  EXPECT_EQ(selected_receiver.count(), 1u);
  EXPECT_EQ(selected_receiver.received()[0].headers.at("x-conduit-event"), "application.approved");
}

TEST_F(WebhooksE2E, AReceiverThatNeverAnswersDoesNotDelayAnother) {
  Receiver hanging([](size_t) { return 0; }), healthy;
  create_endpoint_for(hanging.url());
  create_endpoint_for(healthy.url());
  auto start = std::chrono::steady_clock::now();
  approve_one("05");
  ASSERT_TRUE(healthy.wait_for(3, std::chrono::seconds(8)));  // well before the 10 s timeout ends
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(8));
  EXPECT_TRUE(hanging.wait_for(1));
}

TEST(WebhookUrls, ProductionRefusesPrivateTargets) {
  ServerProcess server;
  server.cli({"org", "activate", server.bootstrap_org()});
  auto live = server.cli({"keys", "create", "--org", server.bootstrap_org(), "--env", "production", "--access", "read_write"});
  std::string key(live.json().as_object()["key"].as_string());
  auto c = server.production_client();
  for (const char* url : {"https://127.0.0.1/hook", "https://10.0.0.1/hook", "http://hooks.example.com/x", "https://localhost/x"})
    expect_problem(c->request("POST", "/v2/webhooks/endpoints", json_headers(key), std::string(R"({"url":")") + url + "\"}"),
                   400, "VALIDATION_ERROR");
  EXPECT_EQ(c->request("POST", "/v2/webhooks/endpoints", json_headers(key), R"({"url":"https://hooks.example.com/x"})").status, 201);
  auto types = body_of(c->request("GET", "/v2/webhooks/event-types", key_header(key)));
  EXPECT_EQ(types["data"].as_array().size(), 4u);
  EXPECT_EQ(types["signature"].as_object()["headerName"], "X-Conduit-Signature");
}

}  // namespace
}  // namespace conduit::test
