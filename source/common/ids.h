#pragma once
// Resource identifiers: `<prefix>_<22 base62>`. The first 9 characters encode the creation
// time in milliseconds, so ids sort by creation; the other 13 are CSPRNG randomness (~77 bits).
#include <cstdint>
#include <string>
#include <string_view>

namespace conduit::ids {

inline constexpr size_t kBodyLength = 22;
inline constexpr size_t kTimeChars = 9;

std::string generate(std::string_view prefix, int64_t now_ms);
// True when `id` is exactly `<prefix>_` followed by 22 characters of [0-9A-Za-z].
bool is_valid(std::string_view prefix, std::string_view id);
// Milliseconds encoded at the start of a valid id.
int64_t timestamp_ms(std::string_view id);

}  // namespace conduit::ids
