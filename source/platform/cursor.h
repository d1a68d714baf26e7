#pragma once
// Opaque, tamper-evident list cursors. A cursor names the boundary row of a page and which
// way it points, and carries a MAC over that plus everything the page was bound to
// (organization, environment, list, filters, sort order): used anywhere else, it fails.
#include <optional>
#include <string>
#include <string_view>

namespace conduit::platform {

inline constexpr size_t kMaxCursorLength = 500;

struct CursorPosition {
  std::string boundary_id;
  bool backward = false;  // a previousCursor (to be sent with direction=backward)
};

std::string encode_cursor(const CursorPosition& pos, std::string_view binding, std::string_view secret);
std::optional<CursorPosition> decode_cursor(std::string_view cursor, std::string_view binding, std::string_view secret);

}  // namespace conduit::platform
