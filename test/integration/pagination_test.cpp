// platform.md section 9 over HTTP: envelope, keyset paging both ways, bound cursors.
#include "integration/fixture.h"

namespace conduit::test {

TEST(Pagination, WalksForwardAndBackAndRefusesForeignCursors) {
  ServerProcess server;
  auto c = server.sandbox_client();
  const auto& key = server.bootstrap_key();
  std::vector<std::string> created;
  for (int i = 0; i < 7; ++i) created.push_back(create_endpoint(*c, key, "https://example.com/" + std::to_string(i)));

  auto page = [&](const std::string& query) {
    auto r = c->request("GET", "/v2/webhooks/endpoints" + query, key_header(key));
    EXPECT_EQ(r.status, 200) << r.body;
    return body_of(r);
  };
  auto ids = [](boost::json::object& p) {
    std::vector<std::string> out;
    for (auto& d : p["data"].as_array()) out.emplace_back(d.as_object()["id"].as_string());
    return out;
  };
  auto p1 = page("?limit=3");
  EXPECT_EQ(p1["meta"].as_object()["mode"], "cursor");
  EXPECT_EQ(p1["meta"].as_object()["total"], 7);
  EXPECT_TRUE(p1["meta"].as_object()["previousCursor"].is_null());
  EXPECT_EQ(ids(p1), (std::vector<std::string>{created[6], created[5], created[4]}));
  std::string next(p1["meta"].as_object()["nextCursor"].as_string());
  auto p2 = page("?limit=3&cursor=" + next);
  EXPECT_EQ(ids(p2), (std::vector<std::string>{created[3], created[2], created[1]}));
  auto p3 = page("?limit=3&cursor=" + std::string(p2["meta"].as_object()["nextCursor"].as_string()));
  EXPECT_EQ(ids(p3), (std::vector<std::string>{created[0]}));
  EXPECT_TRUE(p3["meta"].as_object()["nextCursor"].is_null());
  std::string prev(p3["meta"].as_object()["previousCursor"].as_string());
  auto back = page("?limit=3&direction=backward&cursor=" + prev);
  EXPECT_EQ(ids(back), ids(p2));
  auto asc = page("?sortOrder=asc&limit=2");
  EXPECT_EQ(ids(asc), (std::vector<std::string>{created[0], created[1]}));

  // A cursor is bound to its list, sort order, direction and organization.
  expect_problem(c->request("GET", "/v2/webhooks/endpoints?sortOrder=asc&cursor=" + next, key_header(key)), 400, "INVALID_CURSOR");
  expect_problem(c->request("GET", "/v2/webhooks/endpoints?direction=backward&cursor=" + next, key_header(key)), 400, "INVALID_CURSOR");
  expect_problem(c->request("GET", "/v2/webhooks/endpoints?cursor=" + next + "x", key_header(key)), 400, "INVALID_CURSOR");
  expect_problem(c->request("GET", "/v2/webhooks/endpoints?cursor=eyJpZCI6ImN1c18yeFBxTjhSIn0", key_header(key)), 400, "INVALID_CURSOR");
  auto [org, other] = make_org_key(server);
  expect_problem(c->request("GET", "/v2/webhooks/endpoints?cursor=" + next, key_header(other)), 400, "INVALID_CURSOR");

  // Bad parameters: every problem at once, with /query pointers.
  auto bad = c->request("GET", "/v2/webhooks/endpoints?limit=0&direction=sideways&bogus=1", key_header(key));
  expect_problem(bad, 400, "VALIDATION_ERROR");
  EXPECT_EQ(body_of(bad)["errors"].as_array().size(), 3u);
  expect_problem(c->request("GET", "/v2/webhooks/endpoints?limit=101", key_header(key)), 400, "VALIDATION_ERROR");
  EXPECT_EQ(c->request("GET", "/v2/webhooks/endpoints?limit=100", key_header(key)).status, 200);
}

}  // namespace conduit::test
