#include "common/money.h"

#include <cassert>
#include <limits>

namespace conduit::money {

std::string format(int64_t minor, int precision) {
  assert(precision >= 0 && precision <= 18);
  bool negative = minor < 0;
  // Work in unsigned so INT64_MIN does not overflow on negation.
  uint64_t v = negative ? uint64_t(0) - uint64_t(minor) : uint64_t(minor);
  std::string digits = std::to_string(v);
  if (digits.size() <= size_t(precision)) digits.insert(0, size_t(precision) + 1 - digits.size(), '0');
  std::string out = negative ? "-" : "";
  out += digits.substr(0, digits.size() - precision);
  if (precision > 0) {
    out += '.';
    out += digits.substr(digits.size() - precision);
  }
  return out;
}

std::optional<int64_t> parse(std::string_view text, int precision) {
  if (text.empty() || text.size() > 40) return std::nullopt;
  auto dot = text.find('.');
  std::string_view whole = text.substr(0, dot);
  std::string_view frac = dot == std::string_view::npos ? std::string_view{} : text.substr(dot + 1);
  if (whole.empty() || (dot != std::string_view::npos && frac.empty())) return std::nullopt;
  if (frac.size() > size_t(precision)) return std::nullopt;
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  int64_t v = 0;
  auto push = [&](char c) {
    if (c < '0' || c > '9') return false;
    if (v > (kMax - (c - '0')) / 10) return false;
    v = v * 10 + (c - '0');
    return true;
  };
  for (char c : whole)
    if (!push(c)) return std::nullopt;
  for (char c : frac)
    if (!push(c)) return std::nullopt;
  for (size_t i = frac.size(); i < size_t(precision); ++i)
    if (!push('0')) return std::nullopt;
  return v;
}

}  // namespace conduit::money
