#pragma once
// Where a webhook may be sent (resources.md, Decision (URLs)): production endpoints must be
// https and must not point at loopback, private, link-local or reserved addresses; sandbox
// endpoints may use http and loopback so a developer's local receiver works.
#include <optional>
#include <string>
#include <string_view>

#include "common/environment.h"

namespace conduit::domain {

// True for addresses no production webhook may reach (IPv4 or IPv6 text form).
bool is_forbidden_address(std::string_view ip_literal);

// nullopt when `url` is acceptable for `env`, else the reason.
std::optional<std::string> check_webhook_url(std::string_view url, Environment env);

}  // namespace conduit::domain
