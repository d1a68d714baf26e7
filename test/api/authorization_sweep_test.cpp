// For every route in the router: a key of another organization and a key of the other
// environment get 404 for existing ids and never see them in lists; a read-only key is refused on
// every method other than GET/HEAD/OPTIONS. Routes are enumerated from the route table, so a new
// route is swept automatically (and fails here until its id kind and sample body are known).
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "common/ids.h"
#include "support/in_process.h"

namespace conduit::test {
namespace {

// The kind of id a {id} path parameter names, from the collection before it.
std::optional<std::string> id_prefix(const std::string& pattern) {
  static const std::vector<std::pair<std::string, std::string>> kinds = {
      {"/v2/customers/", "cus"}, {"/v2/applications/", "app"}, {"/v2/sandbox/applications/", "app"},
      {"/v2/webhooks/endpoints/", "wep"}, {"/v2/webhooks/deliveries/", "wdl"}, {"/v2/documents/", "doc"}};
  for (const auto& [collection, prefix] : kinds)
    if (pattern.starts_with(collection)) return prefix;
  return std::nullopt;
}

// A body the route's validation accepts, so that the answer is about the id, not the body.
std::string sample_body(const std::string& method, const std::string& pattern) {
  if (pattern.ends_with("/simulate/decision")) return R"({"outcome":"approved"})";
  if (method == "PATCH") return R"({"description":"swept"})";
  return "";
}

class AuthorizationSweep : public ::testing::Test {
 protected:
  InProcessApi api;
  std::string org;
  std::string owner = api.create_key(Environment::sandbox, storage::Access::read_write, &org);
  std::string read_only = api.create_key(Environment::sandbox, storage::Access::read_only, nullptr, org);
  std::string other_org = api.create_key(Environment::sandbox, storage::Access::read_write);
  std::string other_env = api.create_key(Environment::production, storage::Access::read_write, nullptr, org);
  std::map<std::string, std::string> existing;  // prefix -> an id owned by `org` in sandbox
  int calls_ = 0;

  void SetUp() override {
    storage::Scope scope{org, Environment::sandbox};
    int64_t now = api.clock.now_ms();
    storage::Customer c;
    c.id = existing["cus"] = ids::generate("cus", now);
    c.scope = scope;
    storage::Application a;
    a.id = existing["app"] = ids::generate("app", now);
    a.scope = scope;
    a.submission = "{}";
    a.persons = "[]";
    storage::WebhookEndpoint e;
    e.id = existing["wep"] = ids::generate("wep", now);
    e.scope = scope;
    e.url = "https://example.com";
    e.secret_sealed = "x";
    storage::WebhookDelivery d;
    d.id = existing["wdl"] = ids::generate("wdl", now);
    d.scope = scope;
    d.endpoint_id = e.id;
    d.event_id = ids::generate("evt", now);
    d.event_type = "customer.created";
    d.payload = "{}";
    d.status = "failed";
    storage::Document doc;
    doc.id = existing["doc"] = ids::generate("doc", now);
    doc.scope = scope;
    doc.file_name = "a.pdf";
    doc.mime_type = "application/pdf";
    doc.sha256 = std::string(64, '0');
    api.store().write([&](storage::WriteTx& tx) {
      tx.insert_customer(c);
      tx.insert_application(a);
      tx.insert_webhook_endpoint(e);
      tx.insert_delivery(d);
      tx.insert_document(doc);
      return true;
    });
  }

  http::Response call(const std::string& method, const std::string& path, const std::string& key, Environment env,
                      const std::string& body) {
    std::vector<http::Header> h = {{"x-api-key", key}, {"idempotency-key", "sweep-" + std::to_string(++calls_)}};
    if (!body.empty()) h.push_back({"content-type", "application/json"});
    return api.call(method, path, h, body, env);
  }
};

TEST_F(AuthorizationSweep, EveryRoute) {
  int swept = 0;
  for (const auto* route : api.routes().routes()) {
    const auto& pattern = route->pattern;
    const auto& method = route->method;
    if (route->value.auth != platform::Auth::api_key || pattern.starts_with("/v2/test/")) continue;
    SCOPED_TRACE(method + " " + pattern);
    std::string path = pattern;
    bool has_id = pattern.find("{id}") != std::string::npos;
    if (has_id) {
      auto prefix = id_prefix(pattern);
      ASSERT_TRUE(prefix) << "add this route's id kind to the sweep";
      ASSERT_TRUE(existing.count(*prefix));
      path.replace(path.find("{id}"), 4, existing[*prefix]);
    }
    std::string body = sample_body(method, pattern);
    bool writes = method != "GET" && method != "HEAD" && method != "OPTIONS";

    if (writes) {
      auto r = call(method, path, read_only, Environment::sandbox, body);
      EXPECT_EQ(r.status, 403) << r.body;
      EXPECT_NE(r.body.find("API_KEY_READ_ONLY"), std::string::npos);
    }
    if (has_id) {
      auto other = call(method, path, other_org, Environment::sandbox, body);
      EXPECT_EQ(other.status, 404) << other.body;
      if (!route->value.sandbox_only) {
        auto env = call(method, path, other_env, Environment::production, body);
        EXPECT_EQ(env.status, 404) << env.body;
      }
    } else if (method == "GET") {
      // Lists: the other organization's and the other environment's views hold none of ours.
      for (auto [key, env] : {std::pair{other_org, Environment::sandbox}, std::pair{other_env, Environment::production}}) {
        auto r = call(method, path, key, env, "");
        if (r.status != 200) continue;  // not a list (e.g. requirements needs ?country)
        for (const auto& [prefix, id] : existing) EXPECT_EQ(r.body.find(id), std::string::npos) << path;
      }
    }
    ++swept;
  }
  EXPECT_GE(swept, 15);
  // And the owner does see what the others could not (so the 404s above meant something).
  for (const auto& [prefix, path] : std::vector<std::pair<std::string, std::string>>{
           {"cus", "/v2/customers/"}, {"app", "/v2/applications/"}, {"wep", "/v2/webhooks/endpoints/"},
           {"wdl", "/v2/webhooks/deliveries/"}})
    EXPECT_EQ(call("GET", path + existing[prefix], owner, Environment::sandbox, "").status, 200) << prefix;
}

}  // namespace
}  // namespace conduit::test
