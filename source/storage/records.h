#pragma once
// Rows as the rest of the server sees them. Timestamps are epoch milliseconds.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/crypto.h"
#include "common/environment.h"

namespace conduit::storage {

enum class Access { read_only, read_write };
inline const char* to_string(Access a) { return a == Access::read_only ? "read_only" : "read_write"; }

// Every customer-facing row and query carries both.
struct Scope {
  std::string organization_id;
  Environment environment = Environment::sandbox;
};

struct Organization {
  std::string id;
  std::string name;
  bool production_active = false;
  std::optional<int64_t> rate_limit;  // requests/s override; burst is twice this
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

struct ApiKey {
  std::string id;
  std::string organization_id;
  Environment environment = Environment::sandbox;
  Access access = Access::read_only;
  std::optional<std::string> label;
  std::string key_prefix;  // first 12 characters, for recognition
  std::string key_last4;
  int64_t created_at = 0;
  std::optional<int64_t> last_used_at;
  std::optional<int64_t> revoked_at;
};

// What authentication needs in one lookup: the key, its hash and its organization.
struct Credential {
  ApiKey key;
  crypto::Digest hash{};
  Organization organization;
};

struct IdempotencyRecord {
  std::string fingerprint;  // hex SHA-256 of method, path and canonical body
  int status = 0;
  std::string content_type;
  std::string body;
  int64_t created_at = 0;
  int64_t expires_at = 0;
};

struct WebhookEndpoint {
  std::string id;
  Scope scope;
  std::string url;
  std::optional<std::string> description;
  bool active = true;
  std::vector<std::string> event_types;  // empty means every event ("mode":"all")
  bool all_events = true;
  std::string secret_sealed;  // the signing secret, encrypted with the server's secret key
  std::string previous_secret_sealed;  // the secret before the last rotation ("" if none)
  std::optional<int64_t> rotated_at;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

struct WebhookDelivery {
  std::string id;
  Scope scope;
  std::string endpoint_id;
  std::string event_id;
  std::string event_type;
  std::string payload;  // the envelope exactly as sent
  std::string status = "pending";  // pending | processing | succeeded | failed
  int attempts = 0;
  int max_attempts = 5;
  int64_t next_attempt_at = 0;
  int64_t created_at = 0;
  int64_t updated_at = 0;
  std::optional<int64_t> completed_at;
};

struct WebhookAttempt {
  std::string id;
  std::string delivery_id;
  Scope scope;
  int attempt_number = 0;
  std::optional<int> status_code;
  std::optional<std::string> response_body;  // first 4 KiB
  std::optional<std::string> error;
  int64_t duration_ms = 0;
  int64_t created_at = 0;
};

struct DeliveryFilter {
  std::optional<std::string> endpoint_id;
  std::optional<std::string> status;
  std::optional<std::string> event_type;
};

// A customer (created by an approved onboarding application). Optional members are null
// in the representation when absent.
struct Customer {
  std::string id;
  Scope scope;
  std::optional<std::string> application_id;
  std::string customer_type = "business";
  std::string status = "active";
  std::optional<std::string> legal_name, trade_name, tax_id, registration_number, date_of_incorporation, website,
      contact_email, contact_phone, registered_street1, registered_street2, registered_city, registered_state,
      registered_zip_code, registered_country, legal_structure, core_industry, client_reference_id;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

struct Document {
  std::string id;
  Scope scope;
  std::string file_name;
  std::string mime_type;
  std::optional<std::string> name;
  std::optional<std::string> purpose;
  int64_t file_size = 0;
  std::string sha256;  // hex
  std::string content;  // the bytes; empty when read without content
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

struct Application {
  std::string id;
  Scope scope;
  std::string type = "customer_onboarding";
  std::string status = "pending";
  std::optional<std::string> client_reference_id;
  std::optional<std::string> tax_id;
  std::optional<std::string> country;
  std::string submission;  // normalized JSON as submitted
  std::string persons;     // JSON array [{referenceId, name}]
  std::optional<std::string> customer_id;
  std::optional<std::string> failure_code;
  std::optional<std::string> failure_message;
  std::optional<bool> resubmittable;
  std::optional<int64_t> submitted_at;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

struct ApplicationFilter {
  std::optional<std::string> customer_id;
  std::optional<std::string> status;
  std::optional<std::string> type;
};

// A state change to be announced by webhook, written in the same transaction as the change.
struct Event {
  std::string id;
  Scope scope;
  std::string type;
  std::string data;  // JSON object
  int64_t created_at = 0;
};

struct User {
  std::string id;
  std::string email;  // lower case
  std::string password_hash;  // Argon2id, libsodium's encoded string
  std::string organization_id;
  int64_t created_at = 0;
};

// A dashboard session: the cookie carries a random token; only its SHA-256 is stored.
struct DashboardSession {
  crypto::Digest token_hash{};
  std::string user_id;
  std::string csrf_token;
  Environment environment = Environment::sandbox;
  int64_t created_at = 0;
  int64_t expires_at = 0;
};

struct Invitation {
  crypto::Digest token_hash{};
  std::string organization_id;
  std::string email;
  int64_t created_at = 0;
  int64_t expires_at = 0;
  std::optional<int64_t> used_at;
};

// One page of a keyset-paginated list, in display order.
struct KeysetQuery {
  std::optional<std::string> boundary;  // id the page starts after (or ends before, if backward)
  bool backward = false;
  bool ascending = false;  // display order; default newest first
  int limit = 20;
};

enum class CustomerSort { created_at, updated_at, type };

struct CustomerFilter {
  std::optional<std::string> client_reference_id;
  std::vector<std::string> types;  // empty: any
  CustomerSort sort = CustomerSort::created_at;
};

template <class T>
struct Page {
  std::vector<T> items;   // at most limit, display order
  bool more_before = false;
  bool more_after = false;
  int64_t total = 0;
};

}  // namespace conduit::storage
