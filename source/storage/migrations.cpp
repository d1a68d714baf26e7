#include "storage/migrations.h"

namespace conduit::storage {

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> all = {
      {1, "platform core", R"SQL(
CREATE TABLE organizations (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  production_active INTEGER NOT NULL DEFAULT 0,
  rate_limit INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE api_keys (
  id TEXT PRIMARY KEY,
  organization_id TEXT NOT NULL REFERENCES organizations(id),
  environment TEXT NOT NULL CHECK (environment IN ('sandbox', 'production')),
  access TEXT NOT NULL CHECK (access IN ('read_only', 'read_write')),
  label TEXT,
  key_hash BLOB NOT NULL UNIQUE,
  key_prefix TEXT NOT NULL,
  key_last4 TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_used_at INTEGER,
  revoked_at INTEGER
);
CREATE INDEX api_keys_by_org ON api_keys (organization_id, environment, id);
CREATE TABLE idempotency_records (
  organization_id TEXT NOT NULL,
  environment TEXT NOT NULL,
  key TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  status INTEGER NOT NULL,
  content_type TEXT NOT NULL,
  body BLOB NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (organization_id, environment, key)
);
CREATE INDEX idempotency_by_expiry ON idempotency_records (expires_at);
CREATE TABLE server_secrets (
  name TEXT PRIMARY KEY,
  value BLOB NOT NULL
);
CREATE TABLE webhook_endpoints (
  id TEXT PRIMARY KEY,
  organization_id TEXT NOT NULL,
  environment TEXT NOT NULL,
  url TEXT NOT NULL,
  description TEXT,
  active INTEGER NOT NULL,
  all_events INTEGER NOT NULL,
  event_types TEXT NOT NULL,
  secret_sealed BLOB NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX webhook_endpoints_by_scope ON webhook_endpoints (organization_id, environment, id);
)SQL"},
      {2, "customers", R"SQL(
CREATE TABLE customers (
  id TEXT PRIMARY KEY,
  organization_id TEXT NOT NULL,
  environment TEXT NOT NULL,
  application_id TEXT,
  customer_type TEXT NOT NULL,
  status TEXT NOT NULL,
  legal_name TEXT,
  trade_name TEXT,
  tax_id TEXT,
  registration_number TEXT,
  date_of_incorporation TEXT,
  website TEXT,
  contact_email TEXT,
  contact_phone TEXT,
  registered_street1 TEXT,
  registered_street2 TEXT,
  registered_city TEXT,
  registered_state TEXT,
  registered_zip_code TEXT,
  registered_country TEXT,
  legal_structure TEXT,
  core_industry TEXT,
  client_reference_id TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX customers_by_scope ON customers (organization_id, environment, id);
CREATE INDEX customers_by_updated ON customers (organization_id, environment, updated_at, id);
CREATE INDEX customers_by_reference ON customers (organization_id, environment, client_reference_id);
)SQL"},
      {3, "onboarding: documents, applications, event outbox", R"SQL(
CREATE TABLE documents (
  id TEXT PRIMARY KEY,
  organization_id TEXT NOT NULL,
  environment TEXT NOT NULL,
  file_name TEXT NOT NULL,
  mime_type TEXT NOT NULL,
  name TEXT,
  purpose TEXT,
  file_size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  content BLOB NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX documents_by_scope ON documents (organization_id, environment, id);
CREATE TABLE applications (
  id TEXT PRIMARY KEY,
  organization_id TEXT NOT NULL,
  environment TEXT NOT NULL,
  type TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'processing', 'approved', 'rejected', 'cancelled')),
  client_reference_id TEXT,
  tax_id TEXT,
  country TEXT,
  submission TEXT NOT NULL,
  persons TEXT NOT NULL,
  customer_id TEXT,
  failure_code TEXT,
  failure_message TEXT,
  resubmittable INTEGER,
  submitted_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX applications_by_scope ON applications (organization_id, environment, id);
CREATE INDEX applications_by_tax_id ON applications (organization_id, environment, tax_id, status);
CREATE INDEX customers_by_tax_id ON customers (organization_id, environment, tax_id);
CREATE TABLE events (
  id TEXT PRIMARY KEY,
  organization_id TEXT NOT NULL,
  environment TEXT NOT NULL,
  type TEXT NOT NULL,
  data TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  dispatched_at INTEGER
);
CREATE INDEX events_undispatched ON events (dispatched_at, id);
)SQL"},
      {4, "webhook deliveries", R"SQL(
ALTER TABLE webhook_endpoints ADD COLUMN previous_secret_sealed BLOB;
ALTER TABLE webhook_endpoints ADD COLUMN rotated_at INTEGER;
CREATE TABLE webhook_deliveries (
  id TEXT PRIMARY KEY,
  organization_id TEXT NOT NULL,
  environment TEXT NOT NULL,
  endpoint_id TEXT NOT NULL,
  event_id TEXT NOT NULL,
  event_type TEXT NOT NULL,
  payload TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'processing', 'succeeded', 'failed')),
  attempts INTEGER NOT NULL,
  max_attempts INTEGER NOT NULL,
  next_attempt_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  completed_at INTEGER,
  UNIQUE (endpoint_id, event_id)
);
CREATE INDEX webhook_deliveries_by_scope ON webhook_deliveries (organization_id, environment, id);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
CREATE TABLE webhook_attempts (
  id TEXT PRIMARY KEY,
  delivery_id TEXT NOT NULL,
  organization_id TEXT NOT NULL,
  environment TEXT NOT NULL,
  attempt_number INTEGER NOT NULL,
  status_code INTEGER,
  response_body TEXT,
  error TEXT,
  duration_ms INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX webhook_attempts_by_delivery ON webhook_attempts (delivery_id, attempt_number);
)SQL"},
      {5, "dashboard users and sessions", R"SQL(
CREATE TABLE users (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  organization_id TEXT NOT NULL REFERENCES organizations(id),
  created_at INTEGER NOT NULL
);
CREATE TABLE sessions (
  token_hash BLOB PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  csrf_token TEXT NOT NULL,
  environment TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);
CREATE TABLE invitations (
  token_hash BLOB PRIMARY KEY,
  organization_id TEXT NOT NULL REFERENCES organizations(id),
  email TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER
);
)SQL"},
  };
  return all;
}

}  // namespace conduit::storage
