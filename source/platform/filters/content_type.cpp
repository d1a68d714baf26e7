#include <algorithm>

#include "platform/filters/filter.h"

namespace conduit::platform {
namespace {
// The media type without parameters, lower case and trimmed.
std::string media_type(const std::string& value) {
  std::string t = value.substr(0, value.find(';'));
  auto not_space = [](char c) { return c != ' ' && c != '\t'; };
  t.erase(t.begin(), std::find_if(t.begin(), t.end(), not_space));
  t.erase(std::find_if(t.rbegin(), t.rend(), not_space).base(), t.end());
  std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  return t;
}
}  // namespace

std::optional<ApiError> ContentTypeFilter::apply(RequestContext& ctx) {
  const auto& m = ctx.request.method;
  if (m != "POST" && m != "PATCH" && m != "PUT") return std::nullopt;
  if (ctx.route->body == BodyKind::none) return std::nullopt;
  const std::string* ct = ctx.request.header("content-type");
  bool multipart_route = ctx.route->body == BodyKind::multipart;
  if (!ct) {
    // A body without a Content-Type is treated as JSON, which an upload endpoint refuses.
    if (!multipart_route) return std::nullopt;
  } else {
    std::string type = media_type(*ct);
    if (multipart_route ? type == "multipart/form-data" : type == "application/json") return std::nullopt;
  }
  return ApiError{"UNSUPPORTED_MEDIA_TYPE",
                  multipart_route ? "This endpoint accepts multipart/form-data only."
                                  : "This endpoint accepts application/json only.",
                  {}, {}, {}, {}};
}

}  // namespace conduit::platform
