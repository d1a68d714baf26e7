#pragma once
// /v2/customers: read-only in v2 (customers come from approved onboarding applications).
#include "platform/handler.h"
#include "platform/services.h"

namespace conduit::api {

class ListCustomers final : public platform::Handler {
 public:
  explicit ListCustomers(platform::Services& s) : s_(s) {}
  platform::Outcome handle(platform::RequestContext& ctx) const override;

 private:
  platform::Services& s_;
};

class GetCustomer final : public platform::Handler {
 public:
  explicit GetCustomer(platform::Services& s) : s_(s) {}
  platform::Outcome handle(platform::RequestContext& ctx) const override;

 private:
  platform::Services& s_;
};

}  // namespace conduit::api
