#pragma once
// Strict JSON parsing for request bodies: the rules of platform.md section 5 that a
// general-purpose parser does not enforce (duplicate keys, depth 32, UTF-8, empty body).
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace conduit::json {

inline constexpr size_t kMaxDepth = 32;

struct ParseResult {
  std::optional<boost::json::value> value;
  std::string error;  // set when value is empty: names the problem for the client
};

ParseResult parse_strict(std::string_view body);
bool is_valid_utf8(std::string_view s);
// RFC 6901: escape one reference token ("~" -> "~0", "/" -> "~1").
std::string pointer_token(std::string_view key);

}  // namespace conduit::json
