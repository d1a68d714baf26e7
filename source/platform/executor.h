#pragma once
#include <functional>

#include "http/message.h"
#include "platform/context.h"
#include "platform/services.h"

namespace conduit::platform {

// Steps 10 and 11 of the order of checks: the idempotency claim (replay, conflict, in
// progress), then the handler, whose writes commit in one transaction with the stored
// response. Never throws: anything unexpected becomes a 500 that names only the correlation id.
// `respond` is called exactly once, on this thread or on the store's writer thread.
void execute(RequestContext& ctx, Services& services, std::function<void(http::Response)> respond);

// SHA-256 over method, path and the canonical body (JSON with sorted keys, no whitespace).
std::string request_fingerprint(const RequestContext& ctx);

}  // namespace conduit::platform
