#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace conduit::platform {

using QueryParams = std::vector<std::pair<std::string, std::string>>;
inline constexpr size_t kMaxQueryParams = 64;

// Splits and percent-decodes a query string ('+' is a space). nullopt on a bad escape,
// on invalid UTF-8, or on more than kMaxQueryParams parameters.
std::optional<QueryParams> parse_query(std::string_view query);

}  // namespace conduit::platform
