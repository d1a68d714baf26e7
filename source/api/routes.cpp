#include "api/routes.h"

#include <stdexcept>

#include "api/applications.h"
#include "api/customers.h"
#include "api/documents.h"
#include "api/onboarding.h"
#include "api/operations.h"
#include "api/webhook_deliveries.h"
#include "api/webhook_endpoints.h"
#include "dashboard/handlers.h"

namespace conduit::api {
namespace {

using platform::Auth;
using platform::BodyKind;
using platform::Idempotency;
using platform::RouteSpec;

#ifdef CONDUIT_TEST_HOOKS
// Test builds only: a handler that fails, to show what a 500 looks like from outside.
class FailingHandler final : public platform::Handler {
 public:
  platform::Outcome handle(platform::RequestContext&) const override {
    throw std::runtime_error("deliberate failure: secret internals /var/lib/conduit sqlite");
  }
};
#endif

template <class H, class... Args>
std::shared_ptr<const platform::Handler> make(Args&... args) {
  return std::make_shared<const H>(args...);
}

}  // namespace

platform::RouteTable build_routes(platform::Services& s) {
  platform::RouteTable t;
  auto open = [](std::shared_ptr<const platform::Handler> h) {
    return RouteSpec{std::move(h), Auth::none, BodyKind::none, Idempotency::ignored, false, false};
  };
  auto read = [](std::shared_ptr<const platform::Handler> h) {
    return RouteSpec{std::move(h), Auth::api_key, BodyKind::none, Idempotency::ignored, true, false};
  };
  auto write = [](std::shared_ptr<const platform::Handler> h, BodyKind body, Idempotency idem) {
    return RouteSpec{std::move(h), Auth::api_key, body, idem, true, false};
  };

  // Operations (unauthenticated, not rate limited).
  t.add("GET", "/healthz", open(make<Healthz>()));
  t.add("GET", "/readyz", open(make<Readyz>(s)));
  t.add("GET", "/metrics", open(make<MetricsEndpoint>(s)));
  t.add("GET", "/v2/api-docs/openapi.json", open(make<OpenApiDocument>()));

  // Customers (created by approved onboarding; no POST in v2).
  t.add("GET", "/v2/customers", read(make<ListCustomers>(s)));
  t.add("GET", "/v2/customers/{id}", read(make<GetCustomer>(s)));

  // Onboarding: discovery and submission from one catalogue.
  t.add("GET", "/v2/onboarding/requirements", read(make<GetOnboardingRequirements>()));
  t.add("POST", "/v2/onboarding", write(make<SubmitOnboarding>(s), BodyKind::json, Idempotency::required));

  // Documents (multipart upload).
  t.add("POST", "/v2/documents", write(make<UploadDocument>(s), BodyKind::multipart, Idempotency::optional));

  // Applications and the sandbox decision simulator.
  t.add("GET", "/v2/applications", read(make<ListApplications>(s)));
  t.add("GET", "/v2/applications/{id}", read(make<GetApplication>(s)));
  t.add("POST", "/v2/applications/{id}/cancel", write(make<CancelApplication>(s), BodyKind::none, Idempotency::optional));
  {
    auto simulate = write(make<SimulateApplicationDecision>(s), BodyKind::json, Idempotency::optional);
    simulate.sandbox_only = true;
    t.add("POST", "/v2/sandbox/applications/{id}/simulate/decision", simulate);
  }

  // Webhook endpoints.
  t.add("POST", "/v2/webhooks/endpoints", write(make<CreateWebhookEndpoint>(s), BodyKind::json, Idempotency::optional));
  t.add("GET", "/v2/webhooks/endpoints", read(make<ListWebhookEndpoints>(s)));
  t.add("GET", "/v2/webhooks/endpoints/{id}", read(make<GetWebhookEndpoint>(s)));
  t.add("PATCH", "/v2/webhooks/endpoints/{id}", write(make<UpdateWebhookEndpoint>(s), BodyKind::json, Idempotency::ignored));
  t.add("DELETE", "/v2/webhooks/endpoints/{id}", write(make<DeleteWebhookEndpoint>(s), BodyKind::none, Idempotency::ignored));
  t.add("POST", "/v2/webhooks/endpoints/{id}/rotate", write(make<RotateWebhookSecret>(s), BodyKind::none, Idempotency::required));
  t.add("GET", "/v2/webhooks/event-types", read(make<ListWebhookEventTypes>(s)));
  t.add("GET", "/v2/webhooks/deliveries", read(make<ListWebhookDeliveries>(s)));
  t.add("GET", "/v2/webhooks/deliveries/{id}", read(make<GetWebhookDelivery>(s)));
  t.add("POST", "/v2/webhooks/deliveries/{id}/retry", write(make<RetryWebhookDelivery>(s), BodyKind::none, Idempotency::optional));

  // The dashboard: its page, and the session-authenticated management API (docs/dashboard-api.md).
  {
    using namespace dashboard;
    auto session = [](std::shared_ptr<const platform::Handler> h, BodyKind body = BodyKind::none) {
      return RouteSpec{std::move(h), Auth::session, body, Idempotency::ignored, false, false};
    };
    auto no_session = [&](std::shared_ptr<const platform::Handler> h) {
      auto r = session(std::move(h), BodyKind::json);
      r.session_optional = true;
      return r;
    };
    t.add("GET", "/dashboard", open(make<Page>(s)));
    t.add("GET", "/dashboard/assets/{name}", open(make<Asset>(s)));
    t.add("POST", "/dashboard/api/signup", no_session(make<SignUp>(s)));
    t.add("POST", "/dashboard/api/signin", no_session(make<SignIn>(s)));
    t.add("POST", "/dashboard/api/signout", session(make<SignOut>(s)));
    t.add("GET", "/dashboard/api/session", session(make<GetSession>(s)));
    t.add("PUT", "/dashboard/api/session/environment", session(make<SetEnvironment>(s), BodyKind::json));
    t.add("POST", "/dashboard/api/invitations", session(make<CreateInvitation>(s), BodyKind::json));
    t.add("GET", "/dashboard/api/keys", session(make<ListKeys>(s)));
    t.add("POST", "/dashboard/api/keys", session(make<CreateKey>(s), BodyKind::json));
    t.add("POST", "/dashboard/api/keys/{id}/revoke", session(make<RevokeKey>(s)));
    t.add("GET", "/dashboard/api/requests", session(make<ListRequests>(s)));
    // The webhook views reuse the API's handlers, scoped to the session's organization and environment.
    t.add("GET", "/dashboard/api/webhooks/endpoints", session(make<api::ListWebhookEndpoints>(s)));
    t.add("GET", "/dashboard/api/webhooks/deliveries", session(make<api::ListWebhookDeliveries>(s)));
    t.add("GET", "/dashboard/api/webhooks/deliveries/{id}", session(make<api::GetWebhookDelivery>(s)));
    t.add("POST", "/dashboard/api/webhooks/deliveries/{id}/retry", session(make<api::RetryWebhookDelivery>(s)));
  }

#ifdef CONDUIT_TEST_HOOKS
  t.add("GET", "/v2/test/fail", read(make<FailingHandler>()));
  t.add("POST", "/v2/test/fail", write(make<FailingHandler>(), BodyKind::json, Idempotency::optional));
#endif
  return t;
}

}  // namespace conduit::api
