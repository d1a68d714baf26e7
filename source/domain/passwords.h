#pragma once
// Dashboard passwords: Argon2id (libsodium's crypto_pwhash_str, interactive limits).
#include <optional>
#include <string>
#include <string_view>

namespace conduit::domain {

inline constexpr size_t kMinPasswordLength = 12;
inline constexpr size_t kMaxPasswordLength = 128;

std::optional<std::string> check_password(std::string_view password);  // the reason, if refused
std::string hash_password(std::string_view password);
bool verify_password(std::string_view encoded_hash, std::string_view password);
// Spends the same time as a real verification, for unknown emails (no timing oracle).
void verify_dummy_password(std::string_view password);

// A loose but bounded shape check: local@domain, at most 254 characters, no spaces.
bool is_email(std::string_view email);

}  // namespace conduit::domain
