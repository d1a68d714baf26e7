#pragma once
// Money is carried as integer minor units and rendered as decimal strings with the asset's
// precision ("1000.00" for USD, "1000.000000" for USDC). No binary floating point anywhere.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace conduit::money {

// Renders `minor` units with `precision` decimals: format(100000, 2) == "1000.00".
std::string format(int64_t minor, int precision);
// Parses a non-negative decimal string with at most `precision` decimals into minor units.
// Refuses signs, exponents, spaces, overflow and excess precision.
std::optional<int64_t> parse(std::string_view text, int precision);

}  // namespace conduit::money
