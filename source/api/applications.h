#pragma once
// /v2/applications and the sandbox decision simulator: one handler class per operation.
#include <boost/json/object.hpp>

#include "domain/applications.h"
#include "platform/handler.h"
#include "platform/services.h"

namespace conduit::api {

boost::json::object application_json(const storage::Application& a);

// Writes what a decision changed (the customer an approval creates, the application, the events)
// inside the caller's transaction; used by the simulator and by `conduit applications decide`.
void commit_decision(storage::WriteTx& tx, const domain::DecisionEffects& effects);


CONDUIT_HANDLER(ListApplications);
CONDUIT_HANDLER(GetApplication);
CONDUIT_HANDLER(CancelApplication);
CONDUIT_HANDLER(SimulateApplicationDecision);

}  // namespace conduit::api
