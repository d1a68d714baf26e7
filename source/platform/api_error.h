#pragma once
// Typed errors. Handlers and filters return an ApiError naming a code from the catalogue;
// problem.cpp is the one place that turns it into an RFC 9457 response.
#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.h"

namespace conduit::platform {

struct FieldError {
  std::string pointer;  // RFC 6901 into the body, or /query/<name>, /path/<name>
  std::string detail;
  std::optional<std::string> category;
  std::optional<std::vector<std::string>> allowed_values;
};

struct ApiError {
  std::string code;  // SCREAMING_SNAKE, must be in the catalogue
  std::string detail;
  std::vector<FieldError> errors;
  std::optional<boost::json::object> details;
  std::optional<int> retry_after_seconds;
  std::vector<http::Header> headers;  // e.g. Allow on 405, Retry-After on 429
};

struct ErrorKind {
  std::string_view code;
  int status;
  std::string_view title;
  std::string_view resolution;
};

// The catalogue entry for `code`; INTERNAL_ERROR for an unknown code (a bug, asserted in debug).
const ErrorKind& error_kind(std::string_view code);
int status_of(const ApiError& e);

// Shorthands for the generic codes.
ApiError validation_error(std::string detail, std::vector<FieldError> errors);
ApiError not_found(std::string code, std::string detail);
ApiError internal_error();

}  // namespace conduit::platform
