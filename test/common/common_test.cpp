#include <gtest/gtest.h>

#include <set>

#include "common/crypto.h"
#include "common/ids.h"
#include "common/json_strict.h"
#include "common/money.h"
#include "common/secret_box.h"
#include "common/time_format.h"
#include "common/uuid.h"

namespace conduit {

TEST(Crypto, Sha256KnownVector) {
  EXPECT_EQ(crypto::to_hex(crypto::sha256("abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Crypto, HmacKnownVector) {  // RFC 4231 test case 2
  EXPECT_EQ(crypto::to_hex(crypto::hmac_sha256("Jefe", "what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(Crypto, Base64UrlRoundTripAndRejectsNonCanonical) {
  for (const std::string& s : std::vector<std::string>{"", "a", "ab", "abc", "abcd", std::string("\0\xff\x10", 3)}) {
    auto enc = crypto::base64url_encode(s);
    EXPECT_EQ(enc.find('='), std::string::npos);
    EXPECT_EQ(crypto::base64url_decode(enc), s);
  }
  EXPECT_FALSE(crypto::base64url_decode("YR"));   // trailing bits set
  EXPECT_FALSE(crypto::base64url_decode("a+b/"));  // standard alphabet
  EXPECT_FALSE(crypto::base64url_decode("a"));
}

TEST(Ids, ShapeAndPrefix) {
  auto id = ids::generate("cus", 1'767'225'600'000);
  EXPECT_EQ(id.size(), 4u + 22u);
  EXPECT_TRUE(ids::is_valid("cus", id));
  EXPECT_FALSE(ids::is_valid("app", id));
  EXPECT_FALSE(ids::is_valid("cus", id + "x"));
  EXPECT_FALSE(ids::is_valid("cus", "cus_" + std::string(21, 'a') + "-"));
  EXPECT_FALSE(ids::is_valid("cus", "cus-" + std::string(22, 'a')));
  EXPECT_EQ(ids::timestamp_ms(id), 1'767'225'600'000);
}

TEST(Ids, SortByCreationTimeAndAreUnique) {
  std::set<std::string> seen;
  std::string previous;
  for (int64_t t = 1'700'000'000'000; t < 1'700'000'000'000 + 2000; t += 7) {
    auto id = ids::generate("evt", t);
    EXPECT_LT(previous, id);
    previous = id;
    EXPECT_TRUE(seen.insert(id).second);
  }
  for (int i = 0; i < 10000; ++i) EXPECT_TRUE(seen.insert(ids::generate("evt", 5)).second);
}

TEST(TimeFormat, MillisecondsUtc) {
  EXPECT_EQ(format_timestamp(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(format_timestamp(1768469400123), "2026-01-15T09:30:00.123Z");
  EXPECT_EQ(format_timestamp(951782400000), "2000-02-29T00:00:00.000Z");
}

TEST(TimeFormat, StrictDates) {
  EXPECT_TRUE(parse_date("2024-02-29"));
  EXPECT_FALSE(parse_date("2023-02-29"));
  EXPECT_FALSE(parse_date("2023-13-01"));
  EXPECT_FALSE(parse_date("2023-1-01"));
  EXPECT_FALSE(parse_date("2023-01-01T00"));
  EXPECT_EQ(*parse_date("1970-01-02"), 1);
}

TEST(Money, FormatsWithAssetPrecision) {
  EXPECT_EQ(money::format(100000, 2), "1000.00");
  EXPECT_EQ(money::format(1000000000, 6), "1000.000000");
  EXPECT_EQ(money::format(5, 2), "0.05");
  EXPECT_EQ(money::format(-5, 2), "-0.05");
  EXPECT_EQ(money::format(7, 0), "7");
  EXPECT_EQ(money::format(INT64_MIN, 2), "-92233720368547758.08");
}

TEST(Money, ParsesExactlyOrRefuses) {
  EXPECT_EQ(money::parse("1000.00", 2), 100000);
  EXPECT_EQ(money::parse("1000", 2), 100000);
  EXPECT_EQ(money::parse("0.1", 6), 100000);
  EXPECT_FALSE(money::parse("0.001", 2));  // more precision than the asset has
  EXPECT_FALSE(money::parse("-1", 2));
  EXPECT_FALSE(money::parse("1e3", 2));
  EXPECT_FALSE(money::parse("1.", 2));
  EXPECT_FALSE(money::parse(".5", 2));
  EXPECT_FALSE(money::parse(" 1", 2));
  EXPECT_FALSE(money::parse("99999999999999999999", 2));  // overflow
}

TEST(JsonStrict, AcceptsWellFormed) {
  auto r = json::parse_strict(R"({"a":[1,2,{"b":null}],"c":"\u00e9"})");
  ASSERT_TRUE(r.value);
  EXPECT_TRUE(r.value->is_object());
}

TEST(JsonStrict, RefusesWithReasons) {
  EXPECT_NE(json::parse_strict("").error.find("empty"), std::string::npos);
  EXPECT_NE(json::parse_strict("  \n").error.find("empty"), std::string::npos);
  EXPECT_NE(json::parse_strict(R"({"a":1,"a":2})").error.find("'a'"), std::string::npos);
  EXPECT_NE(json::parse_strict(R"({"x":{"a":1,"a":2}})").error.find("more than once"), std::string::npos);
  EXPECT_NE(json::parse_strict("{\"a\":\"\xff\"}").error.find("UTF-8"), std::string::npos);
  EXPECT_NE(json::parse_strict("{\"a\":\"\xc0\x80\"}").error.find("UTF-8"), std::string::npos);  // overlong
  EXPECT_FALSE(json::parse_strict("{").value);
  EXPECT_FALSE(json::parse_strict("{} extra").value);
  EXPECT_FALSE(json::parse_strict("{'a':1}").value);
}

TEST(JsonStrict, DepthThirtyTwoAcceptedThirtyThreeRefused) {
  auto nest = [](int depth) { return std::string(depth, '[') + std::string(depth, ']'); };
  EXPECT_TRUE(json::parse_strict(nest(32)).value);
  auto r = json::parse_strict(nest(33));
  EXPECT_FALSE(r.value);
  EXPECT_NE(r.error.find("32"), std::string::npos);
}

TEST(JsonStrict, NumbersBeyondADoubleAreRefused) {
  // Found by the json fuzzer: 1e999 parsed to infinity and serialized as Infinity.
  auto r = json::parse_strict(R"({"a":1e999})");
  EXPECT_FALSE(r.value);
  EXPECT_NE(r.error.find("too large"), std::string::npos);
  EXPECT_FALSE(json::parse_strict("-1e400").value);
  EXPECT_TRUE(json::parse_strict("1e300").value);
}

TEST(JsonStrict, SameKeyInSiblingObjectsIsFine) {
  EXPECT_TRUE(json::parse_strict(R"([{"a":1},{"a":2}])").value);
}

TEST(JsonStrict, PointerTokenEscaping) {
  EXPECT_EQ(json::pointer_token("a/b~c"), "a~1b~0c");
}

TEST(Uuid, Version4Shape) {
  auto u = uuid_v4();
  ASSERT_EQ(u.size(), 36u);
  EXPECT_EQ(u[14], '4');
  EXPECT_TRUE(u[19] == '8' || u[19] == '9' || u[19] == 'a' || u[19] == 'b');
  EXPECT_NE(uuid_v4(), u);
}

TEST(SecretBox, SealsAndDetectsTampering) {
  SecretBox box(std::string(32, 'x'));
  auto sealed = box.seal("whsec_abc");
  EXPECT_EQ(sealed.find("whsec_abc"), std::string::npos);
  EXPECT_EQ(box.open(sealed), "whsec_abc");
  sealed.back() ^= 1;
  EXPECT_FALSE(box.open(sealed));
  EXPECT_FALSE(SecretBox(std::string(32, 'y')).open(box.seal("s")));
}

}  // namespace conduit

namespace conduit {
TEST(Ids, SameMillisecondStillSortsInCreationOrder) {
  std::string previous = ids::generate("wep", 42);
  for (int i = 0; i < 5000; ++i) {
    auto id = ids::generate("wep", 42);
    ASSERT_LT(previous, id);
    EXPECT_EQ(ids::timestamp_ms(id), 42);
    previous = id;
  }
}
}  // namespace conduit
