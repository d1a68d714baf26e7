// Webhook signature verification. Input: the X-Conduit-Signature header on the first line, the
// raw body after it; a fixed secret and clock. Checks: a header that verifies really carries the
// HMAC of its own t over the body (no forgery), and a freshly made header verifies.
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/webhook_signature.h"
#include "fuzz_check.h"

using namespace conduit::domain;

// Shared with fuzz/seeds.py, which signs the valid seed headers.
static constexpr std::string_view kSecret = "whsec_00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
static constexpr int64_t kNow = 1735689600;  // 2025-01-01T00:00:00Z

namespace {

// Independent of the parser under test: the v1 values given for the (single, valid) t.
bool carries_valid_v1(std::string_view header, std::string_view body) {
  std::optional<int64_t> t;
  std::vector<std::string_view> v1;
  size_t start = 0;
  while (true) {
    size_t comma = header.find(',', start);
    std::string_view item = header.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    if (item.starts_with("t=")) {
      int64_t v = 0;
      auto d = item.substr(2);
      auto [p, ec] = std::from_chars(d.data(), d.data() + d.size(), v);
      if (ec != std::errc() || p != d.data() + d.size() || t) return false;
      t = v;
    } else if (item.starts_with("v1=")) {
      v1.push_back(item.substr(3));
    }
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  if (!t) return false;
  std::string want = signature_v1(kSecret, *t, body);
  for (auto s : v1)
    if (s == want) return true;
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size), header, body;
  fuzz::split_first_line(in, header, body);

  if (verify_signature(header, kSecret, body, kNow)) {
    FUZZ_CHECK(carries_valid_v1(header, body));
    FUZZ_CHECK(!verify_signature(header, kSecret, body, kNow + 10 * 24 * 3600));  // stale a week later
  }
  // Whatever the body, a header we sign verifies, with the secret in any position, and not later.
  std::string other = "whsec_" + std::string(64, 'f');
  std::string h = signature_header({other, std::string(kSecret)}, kNow, body);
  FUZZ_CHECK(verify_signature(h, kSecret, body, kNow));
  FUZZ_CHECK(verify_signature(h, kSecret, body, kNow + kSignatureToleranceSeconds));
  FUZZ_CHECK(!verify_signature(h, kSecret, body, kNow + kSignatureToleranceSeconds + 1));
  FUZZ_CHECK(is_webhook_secret(kSecret));
  return 0;
}
