#pragma once
// /v2/customers: read-only in v2 (customers come from approved onboarding applications).
#include "platform/handler.h"
#include "platform/services.h"

namespace conduit::api {

CONDUIT_HANDLER(ListCustomers);

CONDUIT_HANDLER(GetCustomer);

}  // namespace conduit::api
