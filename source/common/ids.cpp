#include "common/ids.h"

#include <algorithm>
#include <cassert>
#include <iterator>
#include <mutex>

#include "common/crypto.h"

namespace conduit::ids {
namespace {
constexpr char kAlphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

bool is_base62(char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}
int base62_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return c - 'a' + 36;
}
}  // namespace

std::string generate(std::string_view prefix, int64_t now_ms) {
  assert(now_ms >= 0);
  // Ids minted in the same millisecond by this process still sort in creation order: the
  // random part of the previous id is incremented by a random step (as ULID does).
  static std::mutex mutex;
  static int64_t last_ms = -1;
  static uint8_t last[kBodyLength - kTimeChars];
  uint8_t digits[kBodyLength - kTimeChars];
  {
    std::lock_guard lock(mutex);
    bool bumped = false;
    if (now_ms == last_ms) {
      uint32_t step;
      crypto::random_bytes(reinterpret_cast<uint8_t*>(&step), sizeof step);
      uint64_t carry = (step & 0xffffff) + 1;
      std::copy(std::begin(last), std::end(last), digits);
      for (int i = int(sizeof digits) - 1; i >= 0 && carry; --i) {
        uint64_t v = digits[i] + carry;
        digits[i] = uint8_t(v % 62);
        carry = v / 62;
      }
      bumped = carry == 0;  // on overflow (about never) fall back to fresh randomness
    }
    if (!bumped) {
      uint8_t random[sizeof digits];
      crypto::random_bytes(random, sizeof random);
      for (size_t i = 0; i < sizeof random; ++i) {
        uint8_t r = random[i];
        while (r >= 248) crypto::random_bytes(&r, 1);  // 248 = 4 * 62: no modulo bias
        digits[i] = r % 62;
      }
      digits[0] %= 31;  // headroom so same-millisecond increments rarely overflow
    }
    std::copy(std::begin(digits), std::end(digits), last);
    last_ms = now_ms;
  }
  std::string out(prefix);
  out += '_';
  char body[kBodyLength];
  uint64_t t = static_cast<uint64_t>(now_ms);
  for (int i = kTimeChars - 1; i >= 0; --i) {
    body[i] = kAlphabet[t % 62];
    t /= 62;
  }
  for (size_t i = 0; i < sizeof digits; ++i) body[kTimeChars + i] = kAlphabet[digits[i]];
  out.append(body, kBodyLength);
  return out;
}

bool is_valid(std::string_view prefix, std::string_view id) {
  if (id.size() != prefix.size() + 1 + kBodyLength) return false;
  if (id.substr(0, prefix.size()) != prefix || id[prefix.size()] != '_') return false;
  for (char c : id.substr(prefix.size() + 1))
    if (!is_base62(c)) return false;
  return true;
}

int64_t timestamp_ms(std::string_view id) {
  auto pos = id.find('_');
  if (pos == std::string_view::npos || id.size() < pos + 1 + kTimeChars) return 0;
  int64_t t = 0;
  for (size_t i = 0; i < kTimeChars; ++i) t = t * 62 + base62_value(id[pos + 1 + i]);
  return t;
}

}  // namespace conduit::ids
