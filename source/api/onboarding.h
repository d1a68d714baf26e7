#pragma once
// /v2/onboarding: requirements discovery and submission, both from the same catalogue.
#include "platform/handler.h"
#include "platform/services.h"

namespace conduit::api {

class GetOnboardingRequirements final : public platform::Handler {
 public:
  platform::Outcome handle(platform::RequestContext& ctx) const override;
};

CONDUIT_HANDLER(SubmitOnboarding);

}  // namespace conduit::api
