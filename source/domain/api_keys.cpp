#include "domain/api_keys.h"

#include "common/ids.h"

namespace conduit::domain {

std::string_view key_prefix_for(Environment env) { return env == Environment::sandbox ? "ck_sandbox_" : "ck_live_"; }

bool is_well_formed_key(std::string_view key, Environment env) {
  auto prefix = key_prefix_for(env);
  if (key.size() != prefix.size() + kKeySecretHexLength || key.substr(0, prefix.size()) != prefix) return false;
  for (char c : key.substr(prefix.size()))
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

MintedKey mint_key(const std::string& organization_id, Environment env, storage::Access access,
                   std::optional<std::string> label, int64_t now_ms) {
  MintedKey k;
  k.plaintext = std::string(key_prefix_for(env)) + crypto::random_hex(32);
  k.hash = crypto::sha256(k.plaintext);
  k.record.id = ids::generate("key", now_ms);
  k.record.organization_id = organization_id;
  k.record.environment = env;
  k.record.access = access;
  k.record.label = std::move(label);
  k.record.key_prefix = k.plaintext.substr(0, 12);
  k.record.key_last4 = k.plaintext.substr(k.plaintext.size() - 4);
  k.record.created_at = now_ms;
  return k;
}

}  // namespace conduit::domain
