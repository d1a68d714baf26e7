#pragma once
// The list contract of platform.md section 9, shared by every list endpoint: query parsing
// (limit, cursor, direction, sortOrder, plus the list's own filters) and the envelope.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <map>
#include <string>
#include <variant>
#include <vector>

#include "platform/api_error.h"
#include "platform/context.h"
#include "platform/cursor.h"
#include "storage/records.h"

namespace conduit::platform {

struct ListRequest {
  storage::KeysetQuery keyset;
  std::map<std::string, std::string> filters;  // the list's own query parameters, as given
  std::string binding;                         // what cursors of this list are bound to
};

// `filter_names` are the list's own parameters besides the standard four; any other
// parameter is refused so that a typo never silently returns the unfiltered list.
std::variant<ListRequest, ApiError> parse_list_request(const RequestContext& ctx, std::string_view list_name,
                                                       const std::vector<std::string>& filter_names,
                                                       std::string_view secret);

// A filter naming an id (e.g. customerId): sets `out`; a malformed id is INVALID_OID_FORMAT.
std::optional<ApiError> id_filter(const ListRequest& req, const std::string& name, std::string_view prefix,
                                  std::optional<std::string>& out);
// A filter with a closed set of values, matched case-insensitively; sets `out` (lower case) or
// records a field error with the allowed values.
void enum_filter(const ListRequest& req, const std::string& name, const std::vector<std::string>& allowed,
                 std::optional<std::string>& out, std::vector<FieldError>& errors);

template <class T, class ToJson>
boost::json::object list_envelope(const ListRequest& req, const storage::Page<T>& page, ToJson to_json,
                                  std::string_view secret) {
  boost::json::array data;
  for (const auto& item : page.items) data.push_back(to_json(item));
  boost::json::object meta;
  meta["mode"] = "cursor";
  if (page.more_after && !page.items.empty())
    meta["nextCursor"] = encode_cursor({page.items.back().id, false}, req.binding, secret);
  else
    meta["nextCursor"] = nullptr;
  if (page.more_before && !page.items.empty())
    meta["previousCursor"] = encode_cursor({page.items.front().id, true}, req.binding, secret);
  else
    meta["previousCursor"] = nullptr;
  meta["total"] = page.total;
  boost::json::object out;
  out["data"] = std::move(data);
  out["meta"] = std::move(meta);
  return out;
}

}  // namespace conduit::platform
