#include "domain/event_types.h"

namespace conduit::domain {

const std::vector<EventType>& event_types() {
  static const std::vector<EventType> all = {
      {"application.approved", "An onboarding application was approved."},
      {"application.rejected", "An onboarding application was rejected."},
      {"customer.created", "A customer was created from an approved application."},
      {"customer.activated", "A customer became active."},
  };
  return all;
}

bool is_known_event_type(std::string_view name) {
  for (const auto& e : event_types())
    if (e.name == name) return true;
  return false;
}

}  // namespace conduit::domain
