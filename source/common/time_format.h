#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace conduit {

// `2026-01-15T09:30:00.000Z` (ISO 8601 UTC, milliseconds).
std::string format_timestamp(int64_t epoch_ms);
// Strict `YYYY-MM-DD` with a real calendar date; returns days since the epoch.
std::optional<int64_t> parse_date(std::string_view text);

}  // namespace conduit
