#include "platform/filters/filter.h"

namespace conduit::platform {

ApiError rate_limited(int64_t retry_after_seconds, std::vector<http::Header> headers) {
  headers.push_back({"Retry-After", std::to_string(retry_after_seconds)});
  ApiError e{"RATE_LIMITED", "Too many requests; the rate limit is exceeded.", {}, {}, int(retry_after_seconds), {}};
  e.headers = std::move(headers);
  return e;
}

std::optional<ApiError> RateLimitFilter::apply(RequestContext& ctx) {
  if (!s_.config.rate_limits_enabled || !ctx.principal) return std::nullopt;
  const auto& scope = ctx.principal->scope;
  auto d = s_.limiter.take("org:" + scope.organization_id + ":" + std::string(to_string(scope.environment)),
                           ctx.principal->rate_limit);
  std::vector<http::Header> headers = {{"X-RateLimit-Limit", std::to_string(d.limit)},
                                       {"X-RateLimit-Remaining", std::to_string(d.remaining)},
                                       {"X-RateLimit-Reset", std::to_string(d.reset_seconds)}};
  if (!d.allowed) {
    s_.metrics.record_rate_limited("organization");
    return rate_limited(d.retry_after_seconds, std::move(headers));
  }
  for (auto& h : headers) ctx.response_headers.push_back(std::move(h));
  return std::nullopt;
}

}  // namespace conduit::platform
