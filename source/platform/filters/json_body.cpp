#include "common/json_strict.h"
#include "platform/filters/filter.h"

namespace conduit::platform {

std::optional<ApiError> JsonBodyFilter::apply(RequestContext& ctx) {
  if (ctx.route->body != BodyKind::json) return std::nullopt;
  const auto& m = ctx.request.method;
  if (m != "POST" && m != "PATCH" && m != "PUT") return std::nullopt;
  auto parsed = json::parse_strict(ctx.request.body);
  if (!parsed.value) return ApiError{"MALFORMED_JSON", parsed.error, {}, {}, {}, {}};
  ctx.body = std::move(parsed.value);
  return std::nullopt;
}

}  // namespace conduit::platform
