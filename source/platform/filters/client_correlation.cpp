#include "platform/filters/filter.h"

namespace conduit::platform {

std::optional<ApiError> ClientCorrelationFilter::apply(RequestContext& ctx) {
  size_t count = ctx.request.header_count("x-client-correlation-id");
  if (count == 0) return std::nullopt;
  const std::string& value = *ctx.request.header("x-client-correlation-id");
  bool ok = count == 1 && !value.empty() && value.size() <= 128;
  for (char c : value) ok = ok && c >= 0x21 && c <= 0x7e;
  if (!ok)
    return validation_error("The x-client-correlation-id header is invalid.",
                            {{"/header/x-client-correlation-id", "Must be 1 to 128 visible ASCII characters, sent once.", {}, {}}});
  ctx.client_correlation_id = value;
  return std::nullopt;
}

}  // namespace conduit::platform
