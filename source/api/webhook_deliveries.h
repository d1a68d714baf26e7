#pragma once
// Webhook event types, secret rotation and the deliveries API.
#include "platform/handler.h"
#include "platform/services.h"

namespace conduit::api {

#define CONDUIT_HANDLER(Name)                                              \
  class Name final : public platform::Handler {                            \
   public:                                                                 \
    explicit Name(platform::Services& s) : s_(s) {}                        \
    platform::Outcome handle(platform::RequestContext& ctx) const override; \
                                                                           \
   private:                                                                \
    platform::Services& s_;                                                \
  };

CONDUIT_HANDLER(ListWebhookEventTypes)
CONDUIT_HANDLER(RotateWebhookSecret)
CONDUIT_HANDLER(ListWebhookDeliveries)
CONDUIT_HANDLER(GetWebhookDelivery)
CONDUIT_HANDLER(RetryWebhookDelivery)

#undef CONDUIT_HANDLER

}  // namespace conduit::api
