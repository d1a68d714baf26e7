// Query-string parsing. Checks: the parameter bound, UTF-8 in every decoded name and value, and
// that re-encoding the parameters gives a query string that parses to the same parameters.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/json_strict.h"
#include "fuzz_check.h"
#include "platform/query.h"

namespace {

std::string encode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_' || c == '.') {
      out += char(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  auto q = conduit::platform::parse_query(in);
  if (!q) return 0;
  FUZZ_CHECK(q->size() <= conduit::platform::kMaxQueryParams);
  std::string again;
  for (const auto& [k, v] : *q) {
    FUZZ_CHECK(conduit::json::is_valid_utf8(k));
    FUZZ_CHECK(conduit::json::is_valid_utf8(v));
    if (!again.empty()) again += '&';
    again += encode(k) + "=" + encode(v);
  }
  auto q2 = conduit::platform::parse_query(again);
  FUZZ_CHECK(q2.has_value());
  FUZZ_CHECK(*q2 == *q);
  return 0;
}
