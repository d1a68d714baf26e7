#include "http/router.h"

#include <gtest/gtest.h>

namespace conduit::http {

TEST(Router, MatchesParamsMethodsAndHead) {
  Router<int> r;
  r.add("GET", "/v2/things", 1);
  r.add("POST", "/v2/things", 2);
  r.add("GET", "/v2/things/{id}", 3);
  r.add("DELETE", "/v2/things/{id}", 4);
  auto m = r.match("GET", "/v2/things/abc");
  ASSERT_TRUE(m.route);
  EXPECT_EQ(m.route->value, 3);
  EXPECT_EQ(m.params[0], (std::pair<std::string, std::string>{"id", "abc"}));
  EXPECT_EQ(r.match("HEAD", "/v2/things").route->value, 1);
  auto wrong = r.match("PUT", "/v2/things/abc");
  EXPECT_FALSE(wrong.route);
  EXPECT_TRUE(wrong.path_known);
  EXPECT_EQ(wrong.allow, "GET, HEAD, DELETE");
  auto unknown = r.match("GET", "/v2/nothing");
  EXPECT_FALSE(unknown.path_known);
  EXPECT_FALSE(r.match("GET", "/v2/things/").path_known);  // empty segment is not an id
  EXPECT_FALSE(r.match("GET", "/v2/things/a/b").path_known);
  EXPECT_FALSE(r.match("GET", "v2/things").path_known);
  EXPECT_FALSE(r.match("GET", "").path_known);
}

}  // namespace conduit::http
