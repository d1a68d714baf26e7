#include "domain/webhook_signature.h"

#include <charconv>
#include <optional>

#include "common/crypto.h"

namespace conduit::domain {

std::string new_webhook_secret() { return "whsec_" + crypto::random_hex(32); }

bool is_webhook_secret(std::string_view s) {
  if (s.size() != 6 + 64 || s.substr(0, 6) != "whsec_") return false;
  for (char c : s.substr(6))
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

std::string signature_v1(std::string_view secret, int64_t t, std::string_view body) {
  std::string message = std::to_string(t);
  message += '.';
  message.append(body);
  return crypto::to_hex(crypto::hmac_sha256(secret, message));
}

std::string signature_header(const std::vector<std::string>& secrets, int64_t t, std::string_view body) {
  std::string h = "t=" + std::to_string(t);
  for (const auto& s : secrets) h += ",v1=" + signature_v1(s, t, body);
  return h;
}

bool verify_signature(std::string_view header, std::string_view secret, std::string_view body, int64_t now,
                      int64_t tolerance) {
  if (header.size() > 4096) return false;
  std::optional<int64_t> t;
  std::vector<std::string_view> candidates;
  size_t start = 0;
  while (start <= header.size()) {
    size_t comma = header.find(',', start);
    std::string_view item = header.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    if (item.starts_with("t=")) {
      int64_t v = 0;
      auto digits = item.substr(2);
      auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
      if (ec != std::errc() || p != digits.data() + digits.size() || t) return false;
      t = v;
    } else if (item.starts_with("v1=")) {
      if (candidates.size() < 8) candidates.push_back(item.substr(3));
    }
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  if (!t || candidates.empty()) return false;
  if (*t < now - tolerance || *t > now + tolerance) return false;
  std::string expected_hex = signature_v1(secret, *t, body);
  crypto::Digest expected = crypto::sha256(expected_hex);
  bool any = false;
  for (auto c : candidates) any |= crypto::equal_constant_time(crypto::sha256(c), expected);  // fixed-length compare
  return any;
}

}  // namespace conduit::domain
