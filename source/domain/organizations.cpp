#include "domain/organizations.h"

#include "common/ids.h"

namespace conduit::domain {

std::optional<std::string> check_organization_name(const std::string& name) {
  if (name.find_first_not_of(" \t") == std::string::npos) return "the name must not be empty";
  if (name.size() > kMaxOrganizationName) return "the name must be at most 200 characters";
  for (unsigned char c : name)
    if (c < 0x20 || c == 0x7f) return "the name must not contain control characters";
  return std::nullopt;
}

storage::Organization new_organization(const std::string& name, bool activate, int64_t now_ms) {
  storage::Organization o;
  o.id = ids::generate("org", now_ms);
  o.name = name;
  o.production_active = activate;
  o.created_at = o.updated_at = now_ms;
  return o;
}

}  // namespace conduit::domain
