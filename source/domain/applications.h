#pragma once
// The onboarding application lifecycle, as plain functions (tested without a server):
// pending -> processing -> approved | rejected | cancelled; approved, rejected and cancelled are final.
#include <optional>
#include <string>
#include <vector>

#include "storage/records.h"

namespace conduit::domain {

bool is_final_status(const std::string& status);
bool can_transition(const std::string& from, const std::string& to);

struct Decision {
  bool approve = false;
  std::optional<std::string> category;  // rejections: document_mismatch | data_sourcing_mismatch | compliance | generic
  std::optional<std::string> field;     // with a category: the field at fault, e.g. tax_id
  std::optional<std::string> reason;    // operator's text (CLI), used as failureMessage
};

const std::vector<std::string>& rejection_categories();

// What a decision changes: the application, the customer an approval creates, the events.
struct DecisionEffects {
  storage::Application application;
  std::optional<storage::Customer> customer;
  std::vector<storage::Event> events;
};

// Error code (APPLICATION_ALREADY_DECIDED, APPLICATION_INVALID_STATUS) when the decision cannot apply.
struct DecisionOutcome {
  std::optional<std::string> error;
  DecisionEffects effects;
};

DecisionOutcome decide(const storage::Application& app, const Decision& d, int64_t now_ms);

// Cancels a pending or processing application; error code when it is already final.
struct CancelOutcome {
  std::optional<std::string> error;
  storage::Application application;
};
CancelOutcome cancel(const storage::Application& app, int64_t now_ms);

}  // namespace conduit::domain
