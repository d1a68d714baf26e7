#pragma once
// Authenticated encryption of small secrets at rest (webhook signing secrets), with a key
// kept outside the database: a database dump alone does not reveal them.
#include <optional>
#include <string>
#include <string_view>

namespace conduit {

class SecretBox {
 public:
  // Reads the 32-byte key from `path`, creating it (mode 0600) on first use. Throws on failure.
  static SecretBox from_key_file(const std::string& path);
  explicit SecretBox(std::string key);

  std::string seal(std::string_view plaintext) const;  // nonce || ciphertext
  std::optional<std::string> open(std::string_view sealed) const;

 private:
  std::string key_;
};

}  // namespace conduit
