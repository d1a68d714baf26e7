#pragma once
#include <cstdint>
#include <memory>

#include "platform/handler.h"

namespace conduit::platform {

// api_key: the Conduit API; session: the dashboard's management API (cookie + CSRF token).
enum class Auth { none, api_key, session };
enum class BodyKind { none, json, multipart };
// platform.md section 6: each POST declares how it treats the idempotency-key header.
enum class Idempotency { ignored, optional, required, refused };

inline constexpr uint64_t kJsonBodyLimit = 1024 * 1024;
inline constexpr uint64_t kUploadBodyLimit = 10 * 1024 * 1024 + 64 * 1024;

struct RouteSpec {
  std::shared_ptr<const Handler> handler;
  Auth auth = Auth::api_key;
  BodyKind body = BodyKind::none;
  Idempotency idempotency = Idempotency::ignored;
  bool rate_limited = true;
  bool sandbox_only = false;  // simulators: unknown (404) on the production listener
  bool session_optional = false;  // dashboard sign-up and sign-in: no session yet, no CSRF token

  uint64_t body_limit() const { return body == BodyKind::multipart ? kUploadBodyLimit : kJsonBodyLimit; }
};

}  // namespace conduit::platform
