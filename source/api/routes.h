#pragma once
#include "platform/pipeline.h"

namespace conduit::api {

// The route table: every endpoint with its handler, authentication, body kind and
// idempotency policy (platform.md section 6) in one place. The OpenAPI document mirrors it.
platform::RouteTable build_routes(platform::Services& services);

}  // namespace conduit::api
