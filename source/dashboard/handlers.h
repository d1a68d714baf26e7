#pragma once
// The dashboard: its page and assets, and the session-authenticated management API
// (docs/dashboard-api.md). One handler class per operation.
#include "platform/handler.h"
#include "platform/services.h"

namespace conduit::dashboard {

CONDUIT_HANDLER(Page);
CONDUIT_HANDLER(Asset);
CONDUIT_HANDLER(SignUp);
CONDUIT_HANDLER(SignIn);
CONDUIT_HANDLER(SignOut);
CONDUIT_HANDLER(GetSession);
CONDUIT_HANDLER(SetEnvironment);
CONDUIT_HANDLER(CreateInvitation);
CONDUIT_HANDLER(ListKeys);
CONDUIT_HANDLER(CreateKey);
CONDUIT_HANDLER(RevokeKey);
CONDUIT_HANDLER(ListRequests);

}  // namespace conduit::dashboard
