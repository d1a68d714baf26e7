#include "platform/pagination.h"

#include <algorithm>

#include "common/ids.h"
#include "platform/query.h"

namespace conduit::platform {
namespace {
bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}
}  // namespace

std::variant<ListRequest, ApiError> parse_list_request(const RequestContext& ctx, std::string_view list_name,
                                                       const std::vector<std::string>& filter_names,
                                                       std::string_view secret) {
  auto params = parse_query(ctx.request.query);
  if (!params)
    return validation_error("The query string is malformed.", {{"/query", "Invalid percent-encoding, invalid UTF-8 or too many parameters.", {}, {}}});
  ListRequest out;
  std::vector<FieldError> errors;
  std::optional<std::string> cursor;
  bool backward = false;
  std::map<std::string, int> seen;
  for (const auto& [name, value] : *params) {
    std::string pointer = "/query/" + name;
    if (++seen[name] > 1) {
      errors.push_back({pointer, "Give this parameter once.", {}, {}});
      continue;
    }
    if (name == "limit") {
      bool digits = !value.empty() && value.size() <= 3 &&
                    std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
      int n = digits ? std::stoi(value) : 0;
      if (n < 1 || n > 100) errors.push_back({pointer, "Must be an integer from 1 to 100.", {}, {}});
      else out.keyset.limit = n;
    } else if (name == "cursor") {
      cursor = value;
    } else if (name == "direction") {
      if (iequals(value, "forward")) backward = false;
      else if (iequals(value, "backward")) backward = true;
      else errors.push_back({pointer, "Must be forward or backward.", {}, std::vector<std::string>{"forward", "backward"}});
    } else if (name == "sortOrder") {
      if (iequals(value, "asc")) out.keyset.ascending = true;
      else if (iequals(value, "desc")) out.keyset.ascending = false;
      else errors.push_back({pointer, "Must be asc or desc.", {}, std::vector<std::string>{"asc", "desc"}});
    } else if (std::find(filter_names.begin(), filter_names.end(), name) != filter_names.end()) {
      out.filters[name] = value;
    } else {
      errors.push_back({pointer, "Unknown query parameter.", {}, {}});
    }
  }
  if (!errors.empty()) return validation_error("The query parameters are invalid.", std::move(errors));

  // Bound to who asked, which list, which filters and which order.
  out.binding = ctx.scope().organization_id + "|" + std::string(to_string(ctx.scope().environment)) + "|" +
                std::string(list_name) + "|" + (out.keyset.ascending ? "asc" : "desc");
  for (const auto& [k, v] : out.filters) out.binding += "|" + k + "=" + v;

  if (cursor) {
    auto pos = decode_cursor(*cursor, out.binding, secret);
    if (!pos || pos->backward != backward) {
      std::string detail = pos ? "This cursor must be sent with direction=" +
                                     std::string(pos->backward ? "backward" : "forward") + "."
                               : "The cursor is not valid for this list, its filters and its sort order.";
      ApiError e{"INVALID_CURSOR", detail, {}, {}, {}, {}};
      return e;
    }
    out.keyset.boundary = pos->boundary_id;
    out.keyset.backward = backward;
  } else if (backward) {
    // No cursor means the first page, whichever the direction.
    out.keyset.backward = false;
  }
  return out;
}

std::optional<ApiError> id_filter(const ListRequest& req, const std::string& name, std::string_view prefix,
                                  std::optional<std::string>& out) {
  auto it = req.filters.find(name);
  if (it == req.filters.end()) return std::nullopt;
  if (!ids::is_valid(prefix, it->second)) {
    ApiError e{"INVALID_OID_FORMAT", name + " is not a valid " + std::string(prefix) + "_ identifier.", {}, {}, {}, {}};
    e.errors.push_back({"/query/" + name, "Must be '" + std::string(prefix) + "_' followed by 22 characters [0-9A-Za-z].", {}, {}});
    return e;
  }
  out = it->second;
  return std::nullopt;
}

void enum_filter(const ListRequest& req, const std::string& name, const std::vector<std::string>& allowed,
                 std::optional<std::string>& out, std::vector<FieldError>& errors) {
  auto it = req.filters.find(name);
  if (it == req.filters.end()) return;
  std::string v = it->second;
  std::transform(v.begin(), v.end(), v.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  if (std::find(allowed.begin(), allowed.end(), v) == allowed.end())
    errors.push_back({"/query/" + name, "Must be one of the allowed values.", {}, allowed});
  out = v;
}

}  // namespace conduit::platform
