#pragma once
// Strict reading of JSON request bodies: unknown keys, wrong types and bounds become field
// errors with RFC 6901 pointers, all collected so the client sees every problem at once.
#include <boost/json/value.hpp>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/api_error.h"
#include "platform/context.h"

namespace conduit::platform {

class ObjectReader {
 public:
  // Records an error (and reads nothing) unless `v` is an object; refuses keys not in `allowed`.
  ObjectReader(const boost::json::value* v, std::string pointer, std::vector<FieldError>& errors,
               std::initializer_list<std::string_view> allowed);

  bool valid() const { return obj_ != nullptr; }
  bool has(std::string_view key) const;
  std::string pointer(std::string_view key) const;
  const boost::json::value* raw(std::string_view key) const;

  // Each returns nullopt when absent (an error if `required`) or wrong; `null` counts as absent.
  std::optional<std::string> string(std::string_view key, bool required, size_t max_length);
  std::optional<bool> boolean(std::string_view key, bool required);
  bool is_null(std::string_view key) const;

  std::vector<FieldError>& errors() { return errors_; }

 private:
  const boost::json::object* obj_ = nullptr;
  std::string pointer_;
  std::vector<FieldError>& errors_;
};

// A path id of the wrong prefix or shape: 400 INVALID_OID_FORMAT, pointer /path/<name>.
std::optional<ApiError> check_path_id(const RequestContext& ctx, std::string_view name, std::string_view prefix);

}  // namespace conduit::platform
