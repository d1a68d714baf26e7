#pragma once
#include <string_view>

#include "http/message.h"
#include "platform/api_error.h"

namespace conduit::platform {

// RFC 9457 body with exactly the members of platform.md section 5, in that order, followed
// by the extensions (errors, details, retryAfterSeconds) only where present.
http::Response render_problem(const ApiError& e, std::string_view instance, std::string_view correlation_id,
                              int64_t now_ms);

}  // namespace conduit::platform
