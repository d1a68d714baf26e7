// Applications, cancel and the sandbox decision simulator, in-process over applications
// inserted directly (POST /v2/onboarding has its own tests).
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "common/ids.h"
#include "support/in_process.h"

namespace conduit::test {
namespace {

class ApplicationsApi : public ::testing::Test {
 protected:
  InProcessApi api;
  std::string org;
  std::string key = api.create_key(Environment::sandbox, storage::Access::read_write, &org);

  storage::Application insert(const std::string& tax_id = "12-3456789") {
    storage::Application a;
    api.clock.advance_ms(1);
    a.id = ids::generate("app", api.clock.now_ms());
    a.scope = {org, Environment::sandbox};
    a.tax_id = tax_id;
    a.country = "USA";
    a.submission = R"({"businessInfo":{"legalName":"Acme","taxId":")" + tax_id + R"("},"registeredAddress":{"country":"USA"}})";
    a.persons = R"([{"referenceId":"person-1","name":"Ada Lovelace"}])";
    a.submitted_at = a.created_at = a.updated_at = api.clock.now_ms();
    api.store().write([&](storage::WriteTx& tx) {
      tx.insert_application(a);
      return true;
    });
    return a;
  }
  std::pair<int, boost::json::object> call(const std::string& method, const std::string& target, const std::string& body = "",
                                           Environment env = Environment::sandbox, const std::string& k = "") {
    std::vector<http::Header> h = {{"x-api-key", k.empty() ? key : k}};
    if (!body.empty()) h.push_back({"content-type", "application/json"});
    auto r = api.call(method, target, h, body, env);
    return {r.status, r.body.empty() ? boost::json::object{} : boost::json::parse(r.body).as_object()};
  }
};

TEST_F(ApplicationsApi, GetHasEveryMember) {
  auto a = insert();
  auto [status, body] = call("GET", "/v2/applications/" + a.id);
  ASSERT_EQ(status, 200);
  std::vector<std::string> keys;
  for (auto& kv : body) keys.emplace_back(kv.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"id", "type", "status", "clientReferenceId", "customerId", "submittedAt", "failureCode",
                                            "failureMessage", "resubmittable", "persons", "createdAt", "updatedAt"}));
  EXPECT_EQ(body["type"], "customer_onboarding");
  EXPECT_EQ(body["status"], "pending");
  EXPECT_TRUE(body["customerId"].is_null());
  EXPECT_EQ(body["persons"].as_array()[0].as_object()["name"], "Ada Lovelace");
  EXPECT_EQ(call("GET", "/v2/applications/app_0000000000000000000000").first, 404);
  EXPECT_EQ(call("GET", "/v2/applications/cus_0000000000000000000000").first, 400);
}

TEST_F(ApplicationsApi, ApprovalCreatesTheCustomerAndEvents) {
  auto a = insert();
  auto [status, app] = call("POST", "/v2/sandbox/applications/" + a.id + "/simulate/decision", R"({"outcome":"approved"})");
  ASSERT_EQ(status, 200);
  EXPECT_EQ(app["status"], "approved");
  std::string customer_id(app["customerId"].as_string());
  auto [cs, customer] = call("GET", "/v2/customers/" + customer_id);
  ASSERT_EQ(cs, 200);
  EXPECT_EQ(customer["applicationId"], a.id.c_str());
  EXPECT_EQ(customer["legalName"], "Acme");
  std::vector<std::string> types;
  api.store().read([&](storage::ReadTx& tx) {
    for (auto& e : tx.events_since({org, Environment::sandbox}, "", 100)) types.push_back(e.type);
  });
  EXPECT_EQ(types, (std::vector<std::string>{"application.approved", "customer.created", "customer.activated"}));
  auto [again, err] = call("POST", "/v2/sandbox/applications/" + a.id + "/simulate/decision", R"({"outcome":"rejected"})");
  EXPECT_EQ(again, 409);
  EXPECT_EQ(err["type"], "APPLICATION_ALREADY_DECIDED");
  auto [cancel, cerr] = call("POST", "/v2/applications/" + a.id + "/cancel");
  EXPECT_EQ(cancel, 409);
  EXPECT_EQ(cerr["type"], "APPLICATION_INVALID_STATUS");
}

TEST_F(ApplicationsApi, RejectionAndSimulatorValidation) {
  auto a = insert();
  auto [bad, err] = call("POST", "/v2/sandbox/applications/" + a.id + "/simulate/decision",
                         R"({"outcome":"maybe","category":"nope","reason":"x"})");
  EXPECT_EQ(bad, 400);
  EXPECT_EQ(err["errors"].as_array().size(), 3u);
  EXPECT_EQ(call("POST", "/v2/sandbox/applications/" + a.id + "/simulate/decision", R"({"outcome":"approved","category":"compliance"})").first, 400);
  auto [status, app] = call("POST", "/v2/sandbox/applications/" + a.id + "/simulate/decision",
                            R"({"outcome":"REJECTED","category":"data_sourcing_mismatch","field":"business_name"})");
  ASSERT_EQ(status, 200);
  EXPECT_EQ(app["status"], "rejected");
  EXPECT_EQ(app["failureCode"], "rejected_by_ops");
  EXPECT_EQ(app["resubmittable"], true);
  EXPECT_TRUE(app["customerId"].is_null());
}

TEST_F(ApplicationsApi, SimulatorIsSandboxOnly) {
  auto live = api.create_key(Environment::production, storage::Access::read_write, nullptr, org);
  auto [status, body] = call("POST", "/v2/sandbox/applications/app_0000000000000000000000/simulate/decision",
                             R"({"outcome":"approved"})", Environment::production, live);
  EXPECT_EQ(status, 404);
  EXPECT_EQ(body["type"], "NOT_FOUND");
}

TEST_F(ApplicationsApi, CancelAndListFilters) {
  auto a = insert("11-1111111");
  auto b = insert("22-2222222");
  auto [status, cancelled] = call("POST", "/v2/applications/" + a.id + "/cancel");
  ASSERT_EQ(status, 200);
  EXPECT_EQ(cancelled["status"], "cancelled");
  auto [s1, pending] = call("GET", "/v2/applications?status=pending");
  ASSERT_EQ(s1, 200);
  ASSERT_EQ(pending["data"].as_array().size(), 1u);
  EXPECT_EQ(pending["data"].as_array()[0].as_object()["id"], b.id.c_str());
  auto [s2, all] = call("GET", "/v2/applications?type=customer_onboarding");
  EXPECT_EQ(all["meta"].as_object()["total"], 2);
  EXPECT_EQ(call("GET", "/v2/applications?status=lost").first, 400);
  EXPECT_EQ(call("GET", "/v2/applications?customerId=nope").first, 400);
  auto other = api.create_key();
  EXPECT_EQ(call("GET", "/v2/applications/" + b.id, "", Environment::sandbox, other).first, 404);
  EXPECT_EQ(call("POST", "/v2/applications/" + b.id + "/cancel", "", Environment::sandbox, other).first, 404);
}

}  // namespace
}  // namespace conduit::test
