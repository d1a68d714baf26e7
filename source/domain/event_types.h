#pragma once
// The webhook event types this server emits (platform tier 1). Subscriptions may name only these.
#include <string_view>
#include <vector>

namespace conduit::domain {

struct EventType {
  std::string_view name;
  std::string_view description;
};

const std::vector<EventType>& event_types();
bool is_known_event_type(std::string_view name);

}  // namespace conduit::domain
