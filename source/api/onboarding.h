#pragma once
// /v2/onboarding: requirements discovery and submission, both from the same catalogue.
#include "platform/handler.h"
#include "platform/services.h"

namespace conduit::api {

class GetOnboardingRequirements final : public platform::Handler {
 public:
  platform::Outcome handle(platform::RequestContext& ctx) const override;
};

class SubmitOnboarding final : public platform::Handler {
 public:
  explicit SubmitOnboarding(platform::Services& s) : s_(s) {}
  platform::Outcome handle(platform::RequestContext& ctx) const override;

 private:
  platform::Services& s_;
};

}  // namespace conduit::api
