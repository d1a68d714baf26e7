#pragma once
// /v2/webhooks/endpoints: one handler class per operation.
#include "platform/handler.h"
#include "platform/services.h"

namespace conduit::api {

using platform::Outcome;
using platform::RequestContext;
using platform::Services;

CONDUIT_HANDLER(CreateWebhookEndpoint);
CONDUIT_HANDLER(ListWebhookEndpoints);
CONDUIT_HANDLER(GetWebhookEndpoint);
CONDUIT_HANDLER(UpdateWebhookEndpoint);
CONDUIT_HANDLER(DeleteWebhookEndpoint);

}  // namespace conduit::api
