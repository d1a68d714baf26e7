#include "platform/cursor.h"

#include "common/crypto.h"

namespace conduit::platform {
namespace {
constexpr size_t kMacBytes = 16;  // 128-bit tag: ample against forgery, keeps cursors short

std::string tag(std::string_view payload, std::string_view binding, std::string_view secret) {
  std::string message;
  message.reserve(payload.size() + binding.size() + 1);
  message.append(payload).append(1, '\n').append(binding);
  auto mac = crypto::hmac_sha256(secret, message);
  return std::string(reinterpret_cast<const char*>(mac.data()), kMacBytes);
}
}  // namespace

std::string encode_cursor(const CursorPosition& pos, std::string_view binding, std::string_view secret) {
  std::string payload = (pos.backward ? "p:" : "n:") + pos.boundary_id;
  return crypto::base64url_encode(payload) + "." + crypto::base64url_encode(tag(payload, binding, secret));
}

std::optional<CursorPosition> decode_cursor(std::string_view cursor, std::string_view binding, std::string_view secret) {
  if (cursor.empty() || cursor.size() > kMaxCursorLength) return std::nullopt;
  auto dot = cursor.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  auto payload = crypto::base64url_decode(cursor.substr(0, dot));
  auto mac = crypto::base64url_decode(cursor.substr(dot + 1));
  if (!payload || !mac || mac->size() != kMacBytes || payload->size() < 3) return std::nullopt;
  crypto::Digest got{}, want{};
  std::copy(mac->begin(), mac->end(), got.begin());
  auto expected = tag(*payload, binding, secret);
  std::copy(expected.begin(), expected.end(), want.begin());
  if (!crypto::equal_constant_time(got, want)) return std::nullopt;
  char kind = (*payload)[0];
  if ((kind != 'n' && kind != 'p') || (*payload)[1] != ':') return std::nullopt;
  return CursorPosition{payload->substr(2), kind == 'p'};
}

}  // namespace conduit::platform
