#pragma once
#include <optional>
#include <string>

#include "storage/records.h"

namespace conduit::domain {

inline constexpr size_t kMaxOrganizationName = 200;

// nullopt when the name is acceptable (1-200 characters, not only spaces), else the reason.
std::optional<std::string> check_organization_name(const std::string& name);
// An organization exists in both environments; production is inactive until activated.
storage::Organization new_organization(const std::string& name, bool activate, int64_t now_ms);

}  // namespace conduit::domain
