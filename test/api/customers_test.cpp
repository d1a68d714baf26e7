// GET /v2/customers and /v2/customers/{id}, driven in-process over customers inserted
// directly (v2 has no POST /customers; onboarding approval creates them).
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "common/ids.h"
#include "support/in_process.h"

namespace conduit::test {
namespace {

class CustomersApi : public ::testing::Test {
 protected:
  InProcessApi api;
  std::string org;
  std::string key = api.create_key(Environment::sandbox, storage::Access::read_only, &org);

  storage::Customer insert(const std::string& ref, const std::string& type = "business", int64_t updated = 0) {
    storage::Customer c;
    api.clock.advance_ms(1);
    c.id = ids::generate("cus", api.clock.now_ms());
    c.scope = {org, Environment::sandbox};
    c.customer_type = type;
    c.legal_name = "Acme " + ref;
    c.client_reference_id = ref;
    c.registered_country = "USA";
    c.created_at = api.clock.now_ms();
    c.updated_at = updated ? updated : c.created_at;
    api.store().write([&](storage::WriteTx& tx) {
      tx.insert_customer(c);
      return true;
    });
    return c;
  }
  boost::json::object get(const std::string& target, int expect = 200) {
    auto r = api.call("GET", target, {{"x-api-key", key}});
    EXPECT_EQ(r.status, expect) << r.body;
    return boost::json::parse(r.body).as_object();
  }
  static std::vector<std::string> ids_of(boost::json::object& page) {
    std::vector<std::string> out;
    for (auto& d : page["data"].as_array()) out.emplace_back(d.as_object()["id"].as_string());
    return out;
  }
};

TEST_F(CustomersApi, EmptyListHasTheEnvelope) {
  auto page = get("/v2/customers");
  EXPECT_TRUE(page["data"].as_array().empty());
  auto& meta = page["meta"].as_object();
  EXPECT_EQ(meta["mode"], "cursor");
  EXPECT_TRUE(meta["nextCursor"].is_null());
  EXPECT_TRUE(meta["previousCursor"].is_null());
  EXPECT_EQ(meta["total"], 0);
}

TEST_F(CustomersApi, GetHasEveryMemberWithNulls) {
  auto c = insert("ref-1");
  auto body = get("/v2/customers/" + c.id);
  const char* members[] = {"id", "applicationId", "customerType", "status", "legalName", "tradeName", "taxId",
                           "registrationNumber", "dateOfIncorporation", "website", "contactEmail", "contactPhone",
                           "registeredStreet1", "registeredStreet2", "registeredCity", "registeredState",
                           "registeredZipCode", "registeredCountry", "legalStructure", "coreIndustry", "features",
                           "clientReferenceId", "createdAt", "updatedAt"};
  ASSERT_EQ(body.size(), std::size(members));
  size_t i = 0;
  for (auto& kv : body) EXPECT_EQ(kv.key(), members[i++]);
  EXPECT_TRUE(body["tradeName"].is_null());
  EXPECT_EQ(body["registeredCountry"], "USA");
  EXPECT_TRUE(body["features"].as_array().empty());
  EXPECT_EQ(get("/v2/customers/cus_0000000000000000000000", 404)["type"], "CUSTOMER_NOT_FOUND");
  EXPECT_EQ(get("/v2/customers/wep_0000000000000000000000", 400)["type"], "INVALID_OID_FORMAT");
}

TEST_F(CustomersApi, FiltersAndSorting) {
  auto a = insert("alpha", "business", 9'000'000'000'000);
  auto b = insert("beta");
  auto c = insert("gamma", "individual");
  auto by_ref = get("/v2/customers?clientReferenceId=beta");
  EXPECT_EQ(ids_of(by_ref), std::vector<std::string>{b.id});
  EXPECT_EQ(by_ref["meta"].as_object()["total"], 1);
  auto business = get("/v2/customers?type=BUSINESS");
  EXPECT_EQ(ids_of(business), (std::vector<std::string>{b.id, a.id}));
  auto both = get("/v2/customers?type=business,individual");
  EXPECT_EQ(ids_of(both).size(), 3u);
  auto updated = get("/v2/customers?sortBy=updatedAt&limit=1");
  EXPECT_EQ(ids_of(updated), std::vector<std::string>{a.id});  // most recently updated first
  auto next = get("/v2/customers?sortBy=updatedAt&limit=1&cursor=" +
                  std::string(updated["meta"].as_object()["nextCursor"].as_string()));
  EXPECT_EQ(ids_of(next), std::vector<std::string>{c.id});
  // A cursor from one filter set is refused on another.
  EXPECT_EQ(get("/v2/customers?limit=1&cursor=" + std::string(updated["meta"].as_object()["nextCursor"].as_string()), 400)["type"],
            "INVALID_CURSOR");
  auto bad = get("/v2/customers?type=robot&sortBy=name&clientReferenceId=has%20space", 400);
  EXPECT_EQ(bad["errors"].as_array().size(), 3u);
}

TEST_F(CustomersApi, PagingCostsTheSameAtAnyDepth) {
  std::vector<std::string> all;
  for (int i = 0; i < 45; ++i) all.push_back(insert("r" + std::to_string(i)).id);
  std::vector<std::string> walked;
  std::string cursor;
  for (int pages = 0; pages < 10; ++pages) {
    auto page = get("/v2/customers?limit=10" + (cursor.empty() ? "" : "&cursor=" + cursor));
    for (auto& id : ids_of(page)) walked.push_back(id);
    auto& next = page["meta"].as_object()["nextCursor"];
    if (next.is_null()) break;
    cursor = std::string(next.as_string());
  }
  std::reverse(all.begin(), all.end());
  EXPECT_EQ(walked, all);
}

TEST_F(CustomersApi, InvisibleToOtherOrganizationsAndEnvironments) {
  auto c = insert("mine");
  std::string other_key = api.create_key(Environment::sandbox, storage::Access::read_write);
  std::string live_key = api.create_key(Environment::production, storage::Access::read_write, nullptr, org);
  auto r = api.call("GET", "/v2/customers/" + c.id, {{"x-api-key", other_key}});
  EXPECT_EQ(r.status, 404);
  auto live = api.call("GET", "/v2/customers/" + c.id, {{"x-api-key", live_key}}, "", Environment::production);
  EXPECT_EQ(live.status, 404);
  auto list = api.call("GET", "/v2/customers", {{"x-api-key", other_key}});
  EXPECT_EQ(boost::json::parse(list.body).as_object()["meta"].as_object()["total"], 0);
}

}  // namespace
}  // namespace conduit::test
