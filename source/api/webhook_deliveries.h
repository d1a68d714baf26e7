#pragma once
// Webhook event types, secret rotation and the deliveries API.
#include "platform/handler.h"
#include "platform/services.h"

namespace conduit::api {

CONDUIT_HANDLER(ListWebhookEventTypes);
CONDUIT_HANDLER(RotateWebhookSecret);
CONDUIT_HANDLER(ListWebhookDeliveries);
CONDUIT_HANDLER(GetWebhookDelivery);
CONDUIT_HANDLER(RetryWebhookDelivery);

}  // namespace conduit::api
