#include "storage/sqlite_tx.h"

#include <algorithm>
#include <iterator>

#include "storage/migrations.h"
#include "storage/sqlite_keyset.h"

namespace conduit::storage {
namespace {


constexpr const char* kOrgColumns = "id, name, production_active, rate_limit, created_at, updated_at";
Organization read_org(Statement& s, int at) {
  Organization o;
  o.id = s.text(at);
  o.name = s.text(at + 1);
  o.production_active = s.integer(at + 2) != 0;
  o.rate_limit = s.optional_integer(at + 3);
  o.created_at = s.integer(at + 4);
  o.updated_at = s.integer(at + 5);
  return o;
}

constexpr const char* kKeyColumns =
    "k.id, k.organization_id, k.environment, k.access, k.label, k.key_prefix, k.key_last4, k.created_at, "
    "k.last_used_at, k.revoked_at";
ApiKey read_key(Statement& s, int at) {
  ApiKey k;
  k.id = s.text(at);
  k.organization_id = s.text(at + 1);
  k.environment = env_of(s.text(at + 2));
  k.access = s.text(at + 3) == "read_write" ? Access::read_write : Access::read_only;
  k.label = s.optional_text(at + 4);
  k.key_prefix = s.text(at + 5);
  k.key_last4 = s.text(at + 6);
  k.created_at = s.integer(at + 7);
  k.last_used_at = s.optional_integer(at + 8);
  k.revoked_at = s.optional_integer(at + 9);
  return k;
}

constexpr const char* kEndpointColumns =
    "id, organization_id, environment, url, description, active, all_events, event_types, secret_sealed, "
    "created_at, updated_at, previous_secret_sealed, rotated_at";
std::string join_lines(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) {
    if (!out.empty()) out += '\n';
    out += s;
  }
  return out;
}
WebhookEndpoint read_endpoint(Statement& s) {
  WebhookEndpoint e;
  e.id = s.text(0);
  e.scope.organization_id = s.text(1);
  e.scope.environment = env_of(s.text(2));
  e.url = s.text(3);
  e.description = s.optional_text(4);
  e.active = s.integer(5) != 0;
  e.all_events = s.integer(6) != 0;
  std::string types = s.text(7);
  size_t start = 0;
  while (start < types.size()) {
    size_t end = types.find('\n', start);
    if (end == std::string::npos) end = types.size();
    e.event_types.push_back(types.substr(start, end - start));
    start = end + 1;
  }
  e.secret_sealed = s.blob(8);
  e.created_at = s.integer(9);
  e.updated_at = s.integer(10);
  e.previous_secret_sealed = s.blob(11);
  e.rotated_at = s.optional_integer(12);
  return e;
}

constexpr const char* kCustomerColumns =
    "id, organization_id, environment, application_id, customer_type, status, legal_name, trade_name, tax_id,"
    " registration_number, date_of_incorporation, website, contact_email, contact_phone, registered_street1,"
    " registered_street2, registered_city, registered_state, registered_zip_code, registered_country,"
    " legal_structure, core_industry, client_reference_id, created_at, updated_at";
Customer read_customer(Statement& s) {
  Customer c;
  c.id = s.text(0);
  c.scope = {s.text(1), env_of(s.text(2))};
  c.application_id = s.optional_text(3);
  c.customer_type = s.text(4);
  c.status = s.text(5);
  std::optional<std::string>* fields[] = {&c.legal_name, &c.trade_name, &c.tax_id, &c.registration_number,
                                          &c.date_of_incorporation, &c.website, &c.contact_email, &c.contact_phone,
                                          &c.registered_street1, &c.registered_street2, &c.registered_city,
                                          &c.registered_state, &c.registered_zip_code, &c.registered_country,
                                          &c.legal_structure, &c.core_industry, &c.client_reference_id};
  for (size_t i = 0; i < std::size(fields); ++i) *fields[i] = s.optional_text(int(6 + i));
  c.created_at = s.integer(23);
  c.updated_at = s.integer(24);
  return c;
}

}  // namespace

std::optional<Organization> SqliteTx::organization(const std::string& id) {
  auto& s = c_.prepare(std::string("SELECT ") + kOrgColumns + " FROM organizations WHERE id = ?1");
  s.bind(1, id);
  std::optional<Organization> out;
  if (s.step()) out = read_org(s, 0);
  s.reset();
  return out;
}

std::vector<Organization> SqliteTx::organizations() {
  auto& s = c_.prepare(std::string("SELECT ") + kOrgColumns + " FROM organizations ORDER BY id");
  std::vector<Organization> out;
  while (s.step()) out.push_back(read_org(s, 0));
  s.reset();
  return out;
}

std::optional<Credential> SqliteTx::credential_by_hash(const crypto::Digest& hash) {
  auto& s = c_.prepare(std::string("SELECT ") + kKeyColumns +
                       ", k.key_hash, o.id, o.name, o.production_active, o.rate_limit, o.created_at, o.updated_at"
                       " FROM api_keys k JOIN organizations o ON o.id = k.organization_id WHERE k.key_hash = ?1");
  s.bind_blob(1, hash.data(), hash.size());
  std::optional<Credential> out;
  if (s.step()) {
    Credential c;
    c.key = read_key(s, 0);
    std::string h = s.blob(10);
    if (h.size() == c.hash.size()) std::copy(h.begin(), h.end(), c.hash.begin());
    c.organization = read_org(s, 11);
    out = std::move(c);
  }
  s.reset();
  return out;
}

std::optional<ApiKey> SqliteTx::api_key(const std::string& id) {
  auto& s = c_.prepare(std::string("SELECT ") + kKeyColumns + " FROM api_keys k WHERE k.id = ?1");
  s.bind(1, id);
  std::optional<ApiKey> out;
  if (s.step()) out = read_key(s, 0);
  s.reset();
  return out;
}

std::vector<ApiKey> SqliteTx::api_keys(const std::string& organization_id, std::optional<Environment> env) {
  auto& s = c_.prepare(std::string("SELECT ") + kKeyColumns +
                       " FROM api_keys k WHERE k.organization_id = ?1 AND (?2 IS NULL OR k.environment = ?2)"
                       " ORDER BY k.id");
  s.bind(1, organization_id);
  if (env) s.bind(2, env_text(*env));
  std::vector<ApiKey> out;
  while (s.step()) out.push_back(read_key(s, 0));
  s.reset();
  return out;
}

std::optional<IdempotencyRecord> SqliteTx::idempotency(const Scope& scope, const std::string& key, int64_t now_ms) {
  auto& s = c_.prepare(
      "SELECT fingerprint, status, content_type, body, created_at, expires_at FROM idempotency_records"
      " WHERE organization_id = ?1 AND environment = ?2 AND key = ?3 AND expires_at > ?4");
  s.bind(1, scope.organization_id).bind(2, env_text(scope.environment)).bind(3, key).bind(4, now_ms);
  std::optional<IdempotencyRecord> out;
  if (s.step()) {
    IdempotencyRecord r;
    r.fingerprint = s.text(0);
    r.status = static_cast<int>(s.integer(1));
    r.content_type = s.text(2);
    r.body = s.blob(3);
    r.created_at = s.integer(4);
    r.expires_at = s.integer(5);
    out = std::move(r);
  }
  s.reset();
  return out;
}

std::optional<WebhookEndpoint> SqliteTx::webhook_endpoint(const Scope& scope, const std::string& id) {
  auto& s = c_.prepare(std::string("SELECT ") + kEndpointColumns +
                       " FROM webhook_endpoints WHERE organization_id = ?1 AND environment = ?2 AND id = ?3");
  s.bind(1, scope.organization_id).bind(2, env_text(scope.environment)).bind(3, id);
  std::optional<WebhookEndpoint> out;
  if (s.step()) out = read_endpoint(s);
  s.reset();
  return out;
}

Page<WebhookEndpoint> SqliteTx::webhook_endpoints(const Scope& scope, const KeysetQuery& q) {
  return keyset_page<WebhookEndpoint>(c_, "webhook_endpoints", kEndpointColumns, scope, q, read_endpoint);
}

std::optional<Customer> SqliteTx::customer(const Scope& scope, const std::string& id) {
  auto& s = c_.prepare(std::string("SELECT ") + kCustomerColumns +
                       " FROM customers WHERE organization_id = ?1 AND environment = ?2 AND id = ?3");
  s.bind(1, scope.organization_id).bind(2, env_text(scope.environment)).bind(3, id);
  std::optional<Customer> out;
  if (s.step()) out = read_customer(s);
  s.reset();
  return out;
}

Page<Customer> SqliteTx::customers(const Scope& scope, const CustomerFilter& filter, const KeysetQuery& q) {
  Filters f;
  if (filter.client_reference_id) {
    f.values.push_back(*filter.client_reference_id);
    f.sql += " AND client_reference_id = ?" + std::to_string(4 + f.values.size());
  }
  if (!filter.types.empty()) {
    f.sql += " AND customer_type IN (";
    for (size_t i = 0; i < filter.types.size(); ++i) {
      f.values.push_back(filter.types[i]);
      f.sql += (i ? ", ?" : "?") + std::to_string(4 + f.values.size());
    }
    f.sql += ")";
  }
  std::string sort = filter.sort == CustomerSort::updated_at ? "updated_at"
                     : filter.sort == CustomerSort::type     ? "customer_type"
                                                             : "id";
  return keyset_page<Customer>(c_, "customers", kCustomerColumns, scope, q, read_customer, f, sort);
}

std::vector<WebhookEndpoint> SqliteTx::active_webhook_endpoints(const Scope& scope) {
  auto& s = c_.prepare(std::string("SELECT ") + kEndpointColumns +
                       " FROM webhook_endpoints WHERE organization_id = ?1 AND environment = ?2 AND active = 1"
                       " ORDER BY id LIMIT 1000");
  s.bind(1, scope.organization_id).bind(2, env_text(scope.environment));
  std::vector<WebhookEndpoint> out;
  while (s.step()) out.push_back(read_endpoint(s));
  s.reset();
  return out;
}

bool SqliteTx::ping() {
  auto& s = c_.prepare("SELECT 1");
  bool ok = s.step();
  s.reset();
  return ok;
}

void SqliteTx::insert_organization(const Organization& o) {
  auto& s = c_.prepare(
      "INSERT INTO organizations (id, name, production_active, rate_limit, created_at, updated_at)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  s.bind(1, o.id).bind(2, o.name).bind(3, int64_t(o.production_active)).bind(4, o.rate_limit);
  s.bind(5, o.created_at).bind(6, o.updated_at);
  s.run();
}

void SqliteTx::update_organization(const Organization& o) {
  auto& s = c_.prepare(
      "UPDATE organizations SET name = ?2, production_active = ?3, rate_limit = ?4, updated_at = ?5 WHERE id = ?1");
  s.bind(1, o.id).bind(2, o.name).bind(3, int64_t(o.production_active)).bind(4, o.rate_limit).bind(5, o.updated_at);
  s.run();
}

void SqliteTx::insert_api_key(const ApiKey& k, const crypto::Digest& hash) {
  auto& s = c_.prepare(
      "INSERT INTO api_keys (id, organization_id, environment, access, label, key_hash, key_prefix, key_last4,"
      " created_at, last_used_at, revoked_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, NULL, NULL)");
  s.bind(1, k.id).bind(2, k.organization_id).bind(3, env_text(k.environment)).bind(4, to_string(k.access));
  s.bind(5, k.label).bind_blob(6, hash.data(), hash.size()).bind(7, k.key_prefix).bind(8, k.key_last4);
  s.bind(9, k.created_at);
  s.run();
}

bool SqliteTx::revoke_api_key(const std::string& id, int64_t now_ms) {
  auto& s = c_.prepare("UPDATE api_keys SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL");
  s.bind(1, id).bind(2, now_ms);
  s.run();
  return c_.changes() > 0;
}

void SqliteTx::touch_api_keys(const std::vector<std::pair<std::string, int64_t>>& last_used) {
  auto& s = c_.prepare(
      "UPDATE api_keys SET last_used_at = ?2 WHERE id = ?1 AND (last_used_at IS NULL OR last_used_at < ?2)");
  for (const auto& [id, at] : last_used) {
    s.bind(1, id).bind(2, at);
    s.run();
    s.reset();
  }
}

bool SqliteTx::insert_idempotency(const Scope& scope, const std::string& key, const IdempotencyRecord& r) {
  // An expired record with the same key is forgotten: the new request replaces it.
  auto& del = c_.prepare(
      "DELETE FROM idempotency_records WHERE organization_id = ?1 AND environment = ?2 AND key = ?3"
      " AND expires_at <= ?4");
  del.bind(1, scope.organization_id).bind(2, env_text(scope.environment)).bind(3, key).bind(4, r.created_at);
  del.run();
  auto& s = c_.prepare(
      "INSERT INTO idempotency_records (organization_id, environment, key, fingerprint, status, content_type,"
      " body, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT DO NOTHING");
  s.bind(1, scope.organization_id).bind(2, env_text(scope.environment)).bind(3, key).bind(4, r.fingerprint);
  s.bind(5, int64_t(r.status)).bind(6, r.content_type).bind_blob(7, r.body.data(), r.body.size());
  s.bind(8, r.created_at).bind(9, r.expires_at);
  s.run();
  return c_.changes() > 0;
}

int64_t SqliteTx::purge_idempotency(int64_t now_ms, int64_t limit) {
  auto& s = c_.prepare(
      "DELETE FROM idempotency_records WHERE rowid IN"
      " (SELECT rowid FROM idempotency_records WHERE expires_at <= ?1 LIMIT ?2)");
  s.bind(1, now_ms).bind(2, limit);
  s.run();
  return c_.changes();
}

void SqliteTx::insert_webhook_endpoint(const WebhookEndpoint& e) {
  auto& s = c_.prepare(std::string("INSERT INTO webhook_endpoints (") + kEndpointColumns +
                       ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
  s.bind(1, e.id).bind(2, e.scope.organization_id).bind(3, env_text(e.scope.environment)).bind(4, e.url);
  s.bind(5, e.description).bind(6, int64_t(e.active)).bind(7, int64_t(e.all_events)).bind(8, join_lines(e.event_types));
  s.bind_blob(9, e.secret_sealed.data(), e.secret_sealed.size()).bind(10, e.created_at).bind(11, e.updated_at);
  if (e.previous_secret_sealed.empty()) s.bind_null(12);
  else s.bind_blob(12, e.previous_secret_sealed.data(), e.previous_secret_sealed.size());
  s.bind(13, e.rotated_at);
  s.run();
}

void SqliteTx::update_webhook_endpoint(const WebhookEndpoint& e) {
  auto& s = c_.prepare(
      "UPDATE webhook_endpoints SET url = ?4, description = ?5, active = ?6, all_events = ?7, event_types = ?8,"
      " secret_sealed = ?9, updated_at = ?10, previous_secret_sealed = ?11, rotated_at = ?12"
      " WHERE organization_id = ?1 AND environment = ?2 AND id = ?3");
  s.bind(1, e.scope.organization_id).bind(2, env_text(e.scope.environment)).bind(3, e.id).bind(4, e.url);
  s.bind(5, e.description).bind(6, int64_t(e.active)).bind(7, int64_t(e.all_events)).bind(8, join_lines(e.event_types));
  s.bind_blob(9, e.secret_sealed.data(), e.secret_sealed.size()).bind(10, e.updated_at);
  if (e.previous_secret_sealed.empty()) s.bind_null(11);
  else s.bind_blob(11, e.previous_secret_sealed.data(), e.previous_secret_sealed.size());
  s.bind(12, e.rotated_at);
  s.run();
}

bool SqliteTx::delete_webhook_endpoint(const Scope& scope, const std::string& id) {
  auto& s = c_.prepare("DELETE FROM webhook_endpoints WHERE organization_id = ?1 AND environment = ?2 AND id = ?3");
  s.bind(1, scope.organization_id).bind(2, env_text(scope.environment)).bind(3, id);
  s.run();
  return c_.changes() > 0;
}

void SqliteTx::insert_customer(const Customer& c) {
  auto& s = c_.prepare(std::string("INSERT INTO customers (") + kCustomerColumns +
                       ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,"
                       " ?19, ?20, ?21, ?22, ?23, ?24, ?25)");
  s.bind(1, c.id).bind(2, c.scope.organization_id).bind(3, env_text(c.scope.environment)).bind(4, c.application_id);
  s.bind(5, c.customer_type).bind(6, c.status);
  const std::optional<std::string>* fields[] = {&c.legal_name, &c.trade_name, &c.tax_id, &c.registration_number,
                                                &c.date_of_incorporation, &c.website, &c.contact_email,
                                                &c.contact_phone, &c.registered_street1, &c.registered_street2,
                                                &c.registered_city, &c.registered_state, &c.registered_zip_code,
                                                &c.registered_country, &c.legal_structure, &c.core_industry,
                                                &c.client_reference_id};
  for (size_t i = 0; i < std::size(fields); ++i) s.bind(int(7 + i), *fields[i]);
  s.bind(24, c.created_at).bind(25, c.updated_at);
  s.run();
}

std::string SqliteTx::server_secret(const std::string& name) {
  auto& ins = c_.prepare("INSERT INTO server_secrets (name, value) VALUES (?1, ?2) ON CONFLICT DO NOTHING");
  std::string fresh = crypto::random_hex(32);
  ins.bind(1, name).bind_blob(2, fresh.data(), fresh.size());
  ins.run();
  auto& s = c_.prepare("SELECT value FROM server_secrets WHERE name = ?1");
  s.bind(1, name);
  std::string out;
  if (s.step()) out = s.blob(0);
  s.reset();
  return out;
}

void migrate(Connection& c) {
  c.exec("BEGIN IMMEDIATE");
  try {
    c.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
           " applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))");
    for (const auto& m : migrations()) {
      auto& s = c.prepare("SELECT 1 FROM schema_migrations WHERE version = ?1");
      s.bind(1, int64_t(m.version));
      bool applied = s.step();
      s.reset();
      if (applied) continue;
      c.exec(m.sql);
      auto& rec = c.prepare("INSERT INTO schema_migrations (version, name) VALUES (?1, ?2)");
      rec.bind(1, int64_t(m.version)).bind(2, m.name);
      rec.run();
    }
    c.exec("COMMIT");
  } catch (...) {
    c.exec("ROLLBACK");
    throw;
  }
}

}  // namespace conduit::storage
