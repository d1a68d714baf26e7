#pragma once
// Unauthenticated operations endpoints: health, readiness, metrics, the OpenAPI document.
#include <string>

#include "platform/handler.h"
#include "platform/services.h"

namespace conduit::api {

class Healthz final : public platform::Handler {
 public:
  platform::Outcome handle(platform::RequestContext& ctx) const override;
};

CONDUIT_HANDLER(Readyz);

CONDUIT_HANDLER(MetricsEndpoint);

// The production listener's copy leaves out the /v2/sandbox/ simulators, as Conduit's does.
class OpenApiDocument final : public platform::Handler {
 public:
  OpenApiDocument();
  platform::Outcome handle(platform::RequestContext& ctx) const override;

 private:
  std::string sandbox_;
  std::string production_;
};

}  // namespace conduit::api
