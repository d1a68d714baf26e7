#pragma once
#include <optional>
#include <string_view>

namespace conduit {

// Every listener, key and customer-facing row belongs to exactly one environment.
enum class Environment { sandbox, production };

inline std::string_view to_string(Environment e) {
  return e == Environment::sandbox ? "sandbox" : "production";
}
inline std::optional<Environment> parse_environment(std::string_view s) {
  if (s == "sandbox") return Environment::sandbox;
  if (s == "production") return Environment::production;
  return std::nullopt;
}

}  // namespace conduit
