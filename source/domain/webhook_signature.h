#pragma once
// The webhook signature (resources.md): X-Conduit-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>]
// where v1 = hex(HMAC-SHA256(key = the whole secret including "whsec_", "<t>.<raw body>")).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace conduit::domain {

inline constexpr int64_t kSignatureToleranceSeconds = 300;
inline constexpr int64_t kRotationOverlapMs = 24 * 3600 * 1000;

std::string new_webhook_secret();  // whsec_ + 64 lowercase hex from the CSPRNG
bool is_webhook_secret(std::string_view s);

std::string signature_v1(std::string_view secret, int64_t unix_seconds, std::string_view body);
// One v1 per secret (current first), e.g. during the 24 h after a rotation.
std::string signature_header(const std::vector<std::string>& secrets, int64_t unix_seconds, std::string_view body);

// True when `header` has a t within the tolerance of `now_seconds` (past or future) and a v1
// that matches `secret` over `body`. Comparisons are constant time.
bool verify_signature(std::string_view header, std::string_view secret, std::string_view body, int64_t now_seconds,
                      int64_t tolerance_seconds = kSignatureToleranceSeconds);

}  // namespace conduit::domain
