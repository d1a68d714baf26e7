#include "platform/filters/filter.h"

namespace conduit::platform {

std::optional<ApiError> AccessLevelFilter::apply(RequestContext& ctx) {
  if (!ctx.principal || ctx.principal->access == storage::Access::read_write) return std::nullopt;
  const auto& m = ctx.request.method;
  if (m == "GET" || m == "HEAD" || m == "OPTIONS") return std::nullopt;
  return ApiError{"API_KEY_READ_ONLY", "This API key is read-only; " + m + " requests need a read-write key.", {}, {}, {}, {}};
}

}  // namespace conduit::platform
