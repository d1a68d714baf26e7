#include <gtest/gtest.h>

#include "platform/cursor.h"
#include "platform/query.h"

namespace conduit::platform {

TEST(Cursor, RoundTripsWhenBoundToTheSameList) {
  auto c = encode_cursor({"wep_abc", false}, "org|sandbox|list|desc", "secret");
  auto d = decode_cursor(c, "org|sandbox|list|desc", "secret");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->boundary_id, "wep_abc");
  EXPECT_FALSE(d->backward);
  auto p = decode_cursor(encode_cursor({"x", true}, "b", "s"), "b", "s");
  ASSERT_TRUE(p);
  EXPECT_TRUE(p->backward);
}

TEST(Cursor, RefusesOtherBindingsSecretsAndTampering) {
  auto c = encode_cursor({"wep_abc", false}, "org1|sandbox|list|desc", "secret");
  EXPECT_FALSE(decode_cursor(c, "org2|sandbox|list|desc", "secret"));
  EXPECT_FALSE(decode_cursor(c, "org1|production|list|desc", "secret"));
  EXPECT_FALSE(decode_cursor(c, "org1|sandbox|list|asc", "secret"));
  EXPECT_FALSE(decode_cursor(c, "org1|sandbox|list|desc", "other"));
  for (size_t i = 0; i < c.size(); ++i) {
    std::string t = c;
    t[i] = t[i] == 'A' ? 'B' : 'A';
    EXPECT_FALSE(decode_cursor(t, "org1|sandbox|list|desc", "secret")) << i;
  }
  EXPECT_FALSE(decode_cursor("", "b", "s"));
  EXPECT_FALSE(decode_cursor("garbage", "b", "s"));
  EXPECT_FALSE(decode_cursor(std::string(501, 'a'), "b", "s"));
}

TEST(Query, DecodesAndBounds) {
  auto q = parse_query("a=1&b=x%20y+z&empty=&flag");
  ASSERT_TRUE(q);
  ASSERT_EQ(q->size(), 4u);
  EXPECT_EQ((*q)[1].second, "x y z");
  EXPECT_EQ((*q)[3].first, "flag");
  EXPECT_FALSE(parse_query("a=%zz"));
  EXPECT_FALSE(parse_query("a=%4"));
  EXPECT_FALSE(parse_query("a=%ff"));  // invalid UTF-8
  std::string many;
  for (int i = 0; i < 65; ++i) many += "p" + std::to_string(i) + "=1&";
  EXPECT_FALSE(parse_query(many));
  EXPECT_TRUE(parse_query(""));
}

}  // namespace conduit::platform
