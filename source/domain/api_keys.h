#pragma once
// API key rules (platform.md section 2): format, minting, what may be shown.
#include <optional>
#include <string>
#include <string_view>

#include "common/crypto.h"
#include "common/environment.h"
#include "storage/records.h"

namespace conduit::domain {

inline constexpr size_t kKeySecretHexLength = 64;

std::string_view key_prefix_for(Environment env);  // "ck_sandbox_" or "ck_live_"
// `ck_sandbox_` / `ck_live_` (matching `env`) followed by exactly 64 lowercase hex characters.
bool is_well_formed_key(std::string_view key, Environment env);

struct MintedKey {
  std::string plaintext;  // shown once, never stored
  crypto::Digest hash{};  // what is stored
  storage::ApiKey record;
};

MintedKey mint_key(const std::string& organization_id, Environment env, storage::Access access,
                   std::optional<std::string> label, int64_t now_ms);

}  // namespace conduit::domain
