// The whole sandbox journey over real HTTP, for every catalogue country: discover the
// requirements, upload documents, submit, simulate the decision, read the customer back.
#include "integration/fixture.h"
#include "support/submission_builder.h"

namespace conduit::test {
namespace {

std::string multipart(const std::string& boundary, const std::string& filename, const std::string& bytes,
                      const std::string& purpose = "organization_onboarding") {
  std::string b = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename +
                  "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + bytes + "\r\n";
  if (!purpose.empty())
    b += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\n" + purpose + "\r\n";
  return b + "--" + boundary + "--\r\n";
}

const std::string kPdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

std::string upload(HttpClient& c, const std::string& key) {
  auto r = c.request("POST", "/v2/documents",
                     {{"x-api-key", key}, {"Content-Type", "multipart/form-data; boundary=XyZ"}},
                     multipart("XyZ", "certificate.pdf", kPdf));
  EXPECT_EQ(r.status, 201) << r.body;
  return std::string(body_of(r)["id"].as_string());
}

Headers idem(const std::string& key, const std::string& k) {
  auto h = json_headers(key);
  h.emplace_back("idempotency-key", k);
  return h;
}

}  // namespace

TEST(OnboardingJourney, EveryCountryFromDiscoveryToCustomer) {
  ServerProcess server({"--rate-limit", "100000"});
  auto c = server.sandbox_client();
  const auto& key = server.bootstrap_key();
  for (std::string alpha2 : {"US", "GB", "DE", "BR", "SG"}) {
    SCOPED_TRACE(alpha2);
    auto req = c->request("GET", "/v2/onboarding/requirements?country=" + alpha2, key_header(key));
    ASSERT_EQ(req.status, 200) << req.body;
    auto requirements = body_of(req);
    EXPECT_EQ(requirements["schemaVersion"], "3");
    std::string country(requirements["country"].as_string());
    EXPECT_EQ(country.size(), 3u);
    auto submission = build_submission(requirements, [&] { return upload(*c, key); });
    auto submitted = c->request("POST", "/v2/onboarding", idem(key, "journey-" + alpha2), boost::json::serialize(submission));
    ASSERT_EQ(submitted.status, 202) << submitted.body;
    auto app = body_of(submitted);
    EXPECT_EQ(app["status"], "pending");
    EXPECT_EQ(app["type"], "customer_onboarding");
    std::string app_id(app["id"].as_string());
    // A retry with the same key replays; a second submission with the same tax id is refused.
    auto replay = c->request("POST", "/v2/onboarding", idem(key, "journey-" + alpha2), boost::json::serialize(submission));
    EXPECT_EQ(replay.body, submitted.body);
    expect_problem(c->request("POST", "/v2/onboarding", idem(key, "journey-again-" + alpha2), boost::json::serialize(submission)),
                   409, "ONBOARDING_ALREADY_SUBMITTED");

    auto decided = c->request("POST", "/v2/sandbox/applications/" + app_id + "/simulate/decision", json_headers(key),
                              R"({"outcome":"approved"})");
    ASSERT_EQ(decided.status, 200) << decided.body;
    std::string customer_id(body_of(decided)["customerId"].as_string());
    auto customer = c->request("GET", "/v2/customers/" + customer_id, key_header(key));
    ASSERT_EQ(customer.status, 200);
    auto cust = body_of(customer);
    EXPECT_EQ(cust["applicationId"], app_id.c_str());
    EXPECT_EQ(cust["registeredCountry"], country.c_str());
    EXPECT_EQ(cust["taxId"], submission["businessInfo"].as_object()["taxId"]);
    EXPECT_EQ(cust["clientReferenceId"], submission["clientReferenceId"]);
    auto dup = c->request("POST", "/v2/onboarding", idem(key, "journey-dup-" + alpha2), boost::json::serialize(submission));
    expect_problem(dup, 409, "CUSTOMER_ALREADY_ONBOARDED");
    EXPECT_EQ(body_of(dup)["details"].as_object()["customerId"], customer_id.c_str());
  }
  auto list = body_of(c->request("GET", "/v2/customers?limit=100", key_header(key)));
  EXPECT_EQ(list["meta"].as_object()["total"], 5);
}

TEST(OnboardingJourney, RejectionByTheOperatorCommand) {
  ServerProcess server;
  auto c = server.sandbox_client();
  const auto& key = server.bootstrap_key();
  auto requirements = body_of(c->request("GET", "/v2/onboarding/requirements?country=usa", key_header(key)));
  auto submission = build_submission(requirements, [&] { return upload(*c, key); });
  auto submitted = c->request("POST", "/v2/onboarding", idem(key, "reject-me"), boost::json::serialize(submission));
  ASSERT_EQ(submitted.status, 202) << submitted.body;
  std::string app_id(body_of(submitted)["id"].as_string());
  auto decided = server.cli({"applications", "decide", app_id, "--outcome", "rejected", "--reason", "Documents unreadable"});
  ASSERT_EQ(decided.exit_code, 0) << decided.err;
  auto app = body_of(c->request("GET", "/v2/applications/" + app_id, key_header(key)));
  EXPECT_EQ(app["status"], "rejected");
  EXPECT_EQ(app["failureMessage"], "Documents unreadable");
  EXPECT_EQ(app["resubmittable"], true);
  EXPECT_EQ(server.cli({"applications", "decide", app_id, "--outcome", "approved"}).exit_code, 1);  // decided once
  // After a rejection the same business may submit again.
  EXPECT_EQ(c->request("POST", "/v2/onboarding", idem(key, "resubmit"), boost::json::serialize(submission)).status, 202);
}

TEST(OnboardingJourney, ValidationProblemsAreReportedAtOnce) {
  ServerProcess server;
  auto c = server.sandbox_client();
  const auto& key = server.bootstrap_key();
  expect_problem(c->request("POST", "/v2/onboarding", json_headers(key), "{}"), 400, "IDEMPOTENCY_KEY_REQUIRED");
  auto shape = c->request("POST", "/v2/onboarding", idem(key, "shape"), R"({"businessInfo":{"taxId":5},"unknown":true})");
  expect_problem(shape, 400, "VALIDATION_ERROR");
  EXPECT_GE(body_of(shape)["errors"].as_array().size(), 2u);
  auto empty = c->request("POST", "/v2/onboarding", idem(key, "empty"), R"({"registeredAddress":{"country":"US"}})");
  expect_problem(empty, 422, "ONBOARDING_NOT_READY");
  auto errors = body_of(empty)["errors"].as_array();
  EXPECT_GT(errors.size(), 5u);
  std::set<std::string> categories;
  for (auto& e : errors) categories.insert(std::string(e.as_object()["category"].as_string()));
  EXPECT_TRUE(categories.count("field"));
  EXPECT_TRUE(categories.count("document"));
  EXPECT_TRUE(categories.count("individual"));
  // Documents of another organization do not count: 422 DOCUMENT_IDS_NOT_FOUND pointing at them.
  auto [org, other] = make_org_key(server);
  auto requirements = body_of(c->request("GET", "/v2/onboarding/requirements?country=US", key_header(key)));
  auto submission = build_submission(requirements, [&] { return upload(*c, other); });
  auto foreign = c->request("POST", "/v2/onboarding", idem(key, "foreign-docs"), boost::json::serialize(submission));
  expect_problem(foreign, 422, "DOCUMENT_IDS_NOT_FOUND");
  EXPECT_EQ(std::string(body_of(foreign)["errors"].as_array()[0].as_object()["pointer"].as_string()).substr(0, 12), "/documentIds");
  expect_problem(c->request("GET", "/v2/onboarding/requirements?country=FRA", key_header(key)), 400, "VALIDATION_ERROR");
  expect_problem(c->request("GET", "/v2/onboarding/requirements", key_header(key)), 400, "VALIDATION_ERROR");
}

TEST(Documents, UploadRules) {
  ServerProcess server;
  auto c = server.sandbox_client();
  const auto& key = server.bootstrap_key();
  auto send = [&](const std::string& filename, const std::string& bytes, const std::string& purpose = "kyc") {
    return c->request("POST", "/v2/documents", {{"x-api-key", key}, {"Content-Type", "multipart/form-data; boundary=b0undary"}},
                      multipart("b0undary", filename, bytes, purpose));
  };
  auto ok = send("../../etc/My Report!.pdf", kPdf, "KYC");
  ASSERT_EQ(ok.status, 201) << ok.body;
  auto doc = body_of(ok);
  EXPECT_EQ(doc["fileName"], "My Report.pdf");
  EXPECT_EQ(doc["mimeType"], "application/pdf");
  EXPECT_EQ(doc["purpose"], "kyc");
  EXPECT_TRUE(doc["name"].is_null());
  EXPECT_EQ(doc["fileSize"], int64_t(kPdf.size()));
  EXPECT_EQ(std::string(doc["sha256"].as_string()).size(), 64u);
  EXPECT_TRUE(doc["classifiedTypes"].as_array().empty());
  std::string png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
  EXPECT_EQ(body_of(send("scan.pdf", png))["mimeType"], "image/png");  // content decides, not the name
  expect_problem(send("evil.pdf", "<html><script>alert(1)</script>"), 400, "UNSUPPORTED_FILE_TYPE");
  expect_problem(send("///", kPdf), 400, "INVALID_FILE_NAME");
  expect_problem(send("a.pdf", kPdf, "holiday"), 400, "VALIDATION_ERROR");
  expect_problem(c->request("POST", "/v2/documents", json_headers(key), "{}"), 415, "UNSUPPORTED_MEDIA_TYPE");
  expect_problem(c->request("POST", "/v2/documents", key_header(key), "{}"), 415, "UNSUPPORTED_MEDIA_TYPE");
  std::string big = kPdf + std::string(10 * 1024 * 1024, 'a');
  expect_problem(send("big.pdf", big), 413, "FILE_TOO_LARGE");
}

}  // namespace conduit::test
