#pragma once
// Small helpers shared by the resource representations and query filters.
#include <algorithm>
#include <boost/json/value.hpp>
#include <cstdint>
#include <optional>
#include <string>

#include "common/time_format.h"

namespace conduit::api {

// Every documented member is present; an absent value is null (platform.md section 10).
inline boost::json::value nullable(const std::optional<std::string>& v) {
  return v ? boost::json::value(*v) : boost::json::value(nullptr);
}
inline boost::json::value nullable_time(const std::optional<int64_t>& ms) {
  return ms ? boost::json::value(format_timestamp(*ms)) : boost::json::value(nullptr);
}
// Enum values are accepted in any case on input.
inline std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  return s;
}

}  // namespace conduit::api
