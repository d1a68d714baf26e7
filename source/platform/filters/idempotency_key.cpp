#include "platform/filters/filter.h"

namespace conduit::platform {
namespace {
bool valid_key(const std::string& k) {
  if (k.empty() || k.size() > 128) return false;
  for (char c : k) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
              c == ':' || c == '-';
    if (!ok) return false;
  }
  return true;
}
}  // namespace

std::optional<ApiError> IdempotencyKeyFilter::apply(RequestContext& ctx) {
  // Applies to POST only; ignored on GET, HEAD, DELETE and PATCH.
  if (ctx.request.method != "POST") return std::nullopt;
  size_t count = ctx.request.header_count("idempotency-key");
  auto policy = ctx.route->idempotency;
  if (count == 0) {
    if (policy == Idempotency::required)
      return ApiError{"IDEMPOTENCY_KEY_REQUIRED", "This endpoint requires an idempotency-key header.", {}, {}, {}, {}};
    return std::nullopt;
  }
  if (policy == Idempotency::refused)
    return validation_error("Idempotency-Key is not supported on this endpoint.",
                            {{"/header/idempotency-key", "Not supported on this endpoint.", {}, {}}});
  if (policy == Idempotency::ignored) return std::nullopt;
  const std::string& key = *ctx.request.header("idempotency-key");
  if (count != 1 || !valid_key(key))
    return ApiError{"IDEMPOTENCY_KEY_INVALID",
                    "The idempotency-key header must be sent once and match ^[A-Za-z0-9_.:-]{1,128}$.", {}, {}, {}, {}};
  ctx.idempotency_key = key;
  return std::nullopt;
}

}  // namespace conduit::platform
