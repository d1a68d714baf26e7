#pragma once
// Cross-cutting concerns as filters: each one looks at the request, and either answers early
// with an ApiError or passes on (possibly enriching the context). The chain order is the
// order of checks in platform.md section 5.1; see pipeline.cpp.
#include <optional>

#include "platform/api_error.h"
#include "platform/context.h"
#include "platform/route_spec.h"
#include "platform/services.h"

namespace conduit::platform {

class Filter {
 public:
  virtual ~Filter() = default;
  virtual std::optional<ApiError> apply(RequestContext& ctx) = 0;
  // Which kinds of route the filter runs on (most only guard the API-key routes).
  virtual bool applies_to(Auth auth) const { return auth == Auth::api_key; }
};

// 3. x-client-correlation-id: 1-128 visible ASCII characters, echoed once valid.
class ClientCorrelationFilter final : public Filter {
 public:
  std::optional<ApiError> apply(RequestContext& ctx) override;
  bool applies_to(Auth) const override { return true; }
};

// 4'. Dashboard routes: the session cookie, and the CSRF token on state-changing methods.
class SessionFilter final : public Filter {
 public:
  explicit SessionFilter(Services& s) : s_(s) {}
  std::optional<ApiError> apply(RequestContext& ctx) override;
  bool applies_to(Auth auth) const override { return auth == Auth::session; }

 private:
  Services& s_;
};

// 4. x-api-key: present, well-formed, known, active, of this listener's environment.
class AuthenticationFilter final : public Filter {
 public:
  explicit AuthenticationFilter(Services& s) : s_(s) {}
  std::optional<ApiError> apply(RequestContext& ctx) override;

 private:
  Services& s_;
};

// 5. Token bucket of the organization and environment.
class RateLimitFilter final : public Filter {
 public:
  explicit RateLimitFilter(Services& s) : s_(s) {}
  std::optional<ApiError> apply(RequestContext& ctx) override;

 private:
  Services& s_;
};

// 6. Read-only keys may only read.
class AccessLevelFilter final : public Filter {
 public:
  std::optional<ApiError> apply(RequestContext& ctx) override;
};

// 7. JSON (or multipart on uploads), else 415.
class ContentTypeFilter final : public Filter {
 public:
  std::optional<ApiError> apply(RequestContext& ctx) override;
  bool applies_to(Auth auth) const override { return auth != Auth::none; }
};

// 8. idempotency-key format, and presence where the route requires it.
class IdempotencyKeyFilter final : public Filter {
 public:
  std::optional<ApiError> apply(RequestContext& ctx) override;
};

// 9. Strict JSON parse of the body.
class JsonBodyFilter final : public Filter {
 public:
  std::optional<ApiError> apply(RequestContext& ctx) override;
  bool applies_to(Auth auth) const override { return auth != Auth::none; }
};

// A 429 with Retry-After and retryAfterSeconds; `headers` also carries X-RateLimit-*.
ApiError rate_limited(int64_t retry_after_seconds, std::vector<http::Header> headers);

}  // namespace conduit::platform
