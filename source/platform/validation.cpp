#include "platform/validation.h"

#include <algorithm>

#include "common/ids.h"
#include "common/json_strict.h"

namespace conduit::platform {

ObjectReader::ObjectReader(const boost::json::value* v, std::string pointer, std::vector<FieldError>& errors,
                           std::initializer_list<std::string_view> allowed)
    : pointer_(std::move(pointer)), errors_(errors) {
  if (!v || !v->is_object()) {
    errors_.push_back({pointer_.empty() ? "/" : pointer_, "Must be a JSON object.", {}, {}});
    return;
  }
  obj_ = &v->get_object();
  for (const auto& kv : *obj_) {
    std::string_view k(kv.key().data(), kv.key().size());
    if (std::find(allowed.begin(), allowed.end(), k) == allowed.end())
      errors_.push_back({pointer_ + "/" + json::pointer_token(k), "Unrecognized key.", {}, {}});
  }
}

bool ObjectReader::has(std::string_view key) const { return obj_ && obj_->contains(key); }

std::string ObjectReader::pointer(std::string_view key) const { return pointer_ + "/" + json::pointer_token(key); }

const boost::json::value* ObjectReader::raw(std::string_view key) const { return obj_ ? obj_->if_contains(key) : nullptr; }

bool ObjectReader::is_null(std::string_view key) const {
  auto* v = raw(key);
  return v && v->is_null();
}

std::optional<std::string> ObjectReader::string(std::string_view key, bool required, size_t max_length) {
  auto* v = raw(key);
  if (!v || v->is_null()) {
    if (required && obj_) errors_.push_back({pointer(key), "Required.", {}, {}});
    return std::nullopt;
  }
  if (!v->is_string()) {
    errors_.push_back({pointer(key), "Must be a string.", {}, {}});
    return std::nullopt;
  }
  const auto& s = v->get_string();
  if (s.size() > max_length) {
    errors_.push_back({pointer(key), "Must be at most " + std::to_string(max_length) + " characters.", {}, {}});
    return std::nullopt;
  }
  return std::string(s.data(), s.size());
}

std::optional<bool> ObjectReader::boolean(std::string_view key, bool required) {
  auto* v = raw(key);
  if (!v || v->is_null()) {
    if (required && obj_) errors_.push_back({pointer(key), "Required.", {}, {}});
    return std::nullopt;
  }
  if (!v->is_bool()) {
    errors_.push_back({pointer(key), "Must be a boolean.", {}, {}});
    return std::nullopt;
  }
  return v->get_bool();
}

std::optional<ApiError> check_path_id(const RequestContext& ctx, std::string_view name, std::string_view prefix) {
  const std::string& id = ctx.param(name);
  if (ids::is_valid(prefix, id)) return std::nullopt;
  ApiError e{"INVALID_OID_FORMAT", "The " + std::string(name) + " is not a valid " + std::string(prefix) + "_ identifier.", {}, {}, {}, {}};
  e.errors.push_back({"/path/" + std::string(name),
                      "Must be '" + std::string(prefix) + "_' followed by 22 characters [0-9A-Za-z].", {}, {}});
  return e;
}

}  // namespace conduit::platform
