// Resource ids and API key format. The input is tried as an id under every prefix the project mints
// (and under the prefix it claims), and as an API key for both environments.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/ids.h"
#include "domain/api_keys.h"
#include "fuzz_check.h"

namespace {

constexpr std::string_view kPrefixes[] = {"app", "cus", "doc", "evt", "key", "org", "wep"};
constexpr int64_t kMaxTimestamp = 13537086546263552;  // 62^9: nine base62 digits

bool is_base62(char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

void check_id(std::string_view prefix, std::string_view id) {
  bool valid = conduit::ids::is_valid(prefix, id);
  bool expect = id.size() == prefix.size() + 1 + conduit::ids::kBodyLength && id.starts_with(prefix) &&
                id[prefix.size()] == '_';
  if (expect)
    for (char c : id.substr(prefix.size() + 1)) expect = expect && is_base62(c);
  FUZZ_CHECK(valid == expect);
  if (!valid || prefix.find('_') != std::string_view::npos) return;

  int64_t t = conduit::ids::timestamp_ms(id);
  FUZZ_CHECK(t >= 0 && t < kMaxTimestamp);
  // An id minted at that time carries the same timestamp and sorts with ids of its millisecond.
  std::string minted = conduit::ids::generate(prefix, t);
  FUZZ_CHECK(conduit::ids::is_valid(prefix, minted));
  FUZZ_CHECK(conduit::ids::timestamp_ms(minted) == t);
  FUZZ_CHECK(minted.substr(0, prefix.size() + 1 + conduit::ids::kTimeChars) ==
             id.substr(0, prefix.size() + 1 + conduit::ids::kTimeChars));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);

  (void)conduit::ids::timestamp_ms(in);  // total on any input, valid or not
  for (auto prefix : kPrefixes) check_id(prefix, in);
  if (size_t us = in.find('_'); us != std::string_view::npos) check_id(in.substr(0, us), in);

  using conduit::Environment;
  bool sandbox = conduit::domain::is_well_formed_key(in, Environment::sandbox);
  bool live = conduit::domain::is_well_formed_key(in, Environment::production);
  FUZZ_CHECK(!(sandbox && live));
  if (sandbox || live) {
    auto prefix = conduit::domain::key_prefix_for(sandbox ? Environment::sandbox : Environment::production);
    FUZZ_CHECK(in.starts_with(prefix));
    FUZZ_CHECK(in.size() == prefix.size() + conduit::domain::kKeySecretHexLength);
    for (char c : in.substr(prefix.size())) FUZZ_CHECK((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
  }
  return 0;
}
