#pragma once
// /v2/webhooks/endpoints: one handler class per operation.
#include "platform/handler.h"
#include "platform/services.h"

namespace conduit::api {

using platform::Outcome;
using platform::RequestContext;
using platform::Services;

class CreateWebhookEndpoint final : public platform::Handler {
 public:
  explicit CreateWebhookEndpoint(Services& s) : s_(s) {}
  Outcome handle(RequestContext& ctx) const override;

 private:
  Services& s_;
};

class ListWebhookEndpoints final : public platform::Handler {
 public:
  explicit ListWebhookEndpoints(Services& s) : s_(s) {}
  Outcome handle(RequestContext& ctx) const override;

 private:
  Services& s_;
};

class GetWebhookEndpoint final : public platform::Handler {
 public:
  explicit GetWebhookEndpoint(Services& s) : s_(s) {}
  Outcome handle(RequestContext& ctx) const override;

 private:
  Services& s_;
};

class UpdateWebhookEndpoint final : public platform::Handler {
 public:
  explicit UpdateWebhookEndpoint(Services& s) : s_(s) {}
  Outcome handle(RequestContext& ctx) const override;

 private:
  Services& s_;
};

class DeleteWebhookEndpoint final : public platform::Handler {
 public:
  explicit DeleteWebhookEndpoint(Services& s) : s_(s) {}
  Outcome handle(RequestContext& ctx) const override;

 private:
  Services& s_;
};

}  // namespace conduit::api
