#pragma once
// Thin, allocation-light wrappers over OpenSSL for the few primitives the server needs.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace conduit::crypto {

using Digest = std::array<uint8_t, 32>;

Digest sha256(std::string_view data);
Digest hmac_sha256(std::string_view key, std::string_view data);
// Bytes from the operating system's CSPRNG (OpenSSL RAND_bytes). Aborts if it fails:
// a server that cannot get randomness must not mint keys.
void random_bytes(uint8_t* out, size_t n);
std::string random_hex(size_t bytes);
// Constant-time comparison of equal-length buffers (CRYPTO_memcmp).
bool equal_constant_time(const Digest& a, const Digest& b);

std::string to_hex(const uint8_t* data, size_t n);
inline std::string to_hex(const Digest& d) { return to_hex(d.data(), d.size()); }
std::string base64url_encode(std::string_view data);
std::optional<std::string> base64url_decode(std::string_view text);

}  // namespace conduit::crypto
