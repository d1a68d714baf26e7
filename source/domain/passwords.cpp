#include "domain/passwords.h"

#include <sodium.h>

#include <stdexcept>

namespace conduit::domain {

std::optional<std::string> check_password(std::string_view p) {
  if (p.size() < kMinPasswordLength) return "Must be at least 12 characters.";
  if (p.size() > kMaxPasswordLength) return "Must be at most 128 characters.";
  return std::nullopt;
}

std::string hash_password(std::string_view password) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    throw std::runtime_error("out of memory hashing a password");
  return out;
}

bool verify_password(std::string_view encoded, std::string_view password) {
  std::string h(encoded);
  return crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
}

void verify_dummy_password(std::string_view password) {
  static const std::string dummy = hash_password("a dummy password nobody has");
  verify_password(dummy, password);
}

bool is_email(std::string_view e) {
  if (e.size() < 3 || e.size() > 254) return false;
  auto at = e.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= e.size() || e.find('@', at + 1) != std::string_view::npos)
    return false;
  for (unsigned char c : e)
    if (c <= 0x20 || c == 0x7f) return false;
  return e.find('.', at) != std::string_view::npos;
}

}  // namespace conduit::domain
