// SQLite queries for webhook deliveries, their attempts and the outbox fan-out.
#include "storage/sqlite_keyset.h"
#include "storage/sqlite_tx.h"

namespace conduit::storage {
namespace {

constexpr const char* kDeliveryColumns =
    "id, organization_id, environment, endpoint_id, event_id, event_type, payload, status, attempts, max_attempts,"
    " next_attempt_at, created_at, updated_at, completed_at";
WebhookDelivery read_delivery(Statement& s) {
  WebhookDelivery d;
  d.id = s.text(0);
  d.scope = {s.text(1), env_of(s.text(2))};
  d.endpoint_id = s.text(3);
  d.event_id = s.text(4);
  d.event_type = s.text(5);
  d.payload = s.text(6);
  d.status = s.text(7);
  d.attempts = int(s.integer(8));
  d.max_attempts = int(s.integer(9));
  d.next_attempt_at = s.integer(10);
  d.created_at = s.integer(11);
  d.updated_at = s.integer(12);
  d.completed_at = s.optional_integer(13);
  return d;
}

}  // namespace

std::optional<WebhookDelivery> SqliteTx::webhook_delivery(const Scope& scope, const std::string& id) {
  auto& s = c_.prepare(std::string("SELECT ") + kDeliveryColumns +
                       " FROM webhook_deliveries WHERE organization_id = ?1 AND environment = ?2 AND id = ?3");
  s.bind(1, scope.organization_id).bind(2, env_text(scope.environment)).bind(3, id);
  std::optional<WebhookDelivery> out;
  if (s.step()) out = read_delivery(s);
  s.reset();
  return out;
}

Page<WebhookDelivery> SqliteTx::webhook_deliveries(const Scope& scope, const DeliveryFilter& filter, const KeysetQuery& q) {
  Filters f;
  auto add = [&](const char* column, const std::optional<std::string>& v) {
    if (!v) return;
    f.values.push_back(*v);
    f.sql += std::string(" AND ") + column + " = ?" + std::to_string(4 + f.values.size());
  };
  add("endpoint_id", filter.endpoint_id);
  add("status", filter.status);
  add("event_type", filter.event_type);
  return keyset_page<WebhookDelivery>(c_, "webhook_deliveries", kDeliveryColumns, scope, q, read_delivery, f);
}

std::vector<WebhookAttempt> SqliteTx::webhook_attempts(const Scope& scope, const std::string& delivery_id) {
  auto& s = c_.prepare(
      "SELECT id, delivery_id, attempt_number, status_code, response_body, error, duration_ms, created_at"
      " FROM webhook_attempts WHERE organization_id = ?1 AND environment = ?2 AND delivery_id = ?3"
      " ORDER BY attempt_number LIMIT 100");
  s.bind(1, scope.organization_id).bind(2, env_text(scope.environment)).bind(3, delivery_id);
  std::vector<WebhookAttempt> out;
  while (s.step()) {
    WebhookAttempt a;
    a.id = s.text(0);
    a.delivery_id = s.text(1);
    a.scope = scope;
    a.attempt_number = int(s.integer(2));
    if (auto c = s.optional_integer(3)) a.status_code = int(*c);
    a.response_body = s.optional_text(4);
    a.error = s.optional_text(5);
    a.duration_ms = s.integer(6);
    a.created_at = s.integer(7);
    out.push_back(std::move(a));
  }
  s.reset();
  return out;
}

std::vector<Event> SqliteTx::undispatched_events(int limit) {
  auto& s = c_.prepare(
      "SELECT id, organization_id, environment, type, data, created_at FROM events WHERE dispatched_at IS NULL"
      " ORDER BY id LIMIT ?1");
  s.bind(1, int64_t(limit));
  std::vector<Event> out;
  while (s.step()) out.push_back(Event{s.text(0), {s.text(1), env_of(s.text(2))}, s.text(3), s.text(4), s.integer(5)});
  s.reset();
  return out;
}

std::vector<WebhookDelivery> SqliteTx::due_deliveries(int64_t now_ms, int limit) {
  auto& s = c_.prepare(std::string("SELECT ") + kDeliveryColumns +
                       " FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= ?1"
                       " ORDER BY next_attempt_at, id LIMIT ?2");
  s.bind(1, now_ms).bind(2, int64_t(limit));
  std::vector<WebhookDelivery> out;
  while (s.step()) out.push_back(read_delivery(s));
  s.reset();
  return out;
}

void SqliteTx::mark_event_dispatched(const std::string& event_id, int64_t now_ms) {
  auto& s = c_.prepare("UPDATE events SET dispatched_at = ?2 WHERE id = ?1");
  s.bind(1, event_id).bind(2, now_ms);
  s.run();
}

void SqliteTx::insert_delivery(const WebhookDelivery& d) {
  auto& s = c_.prepare(std::string("INSERT INTO webhook_deliveries (") + kDeliveryColumns +
                       ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14) ON CONFLICT DO NOTHING");
  s.bind(1, d.id).bind(2, d.scope.organization_id).bind(3, env_text(d.scope.environment)).bind(4, d.endpoint_id);
  s.bind(5, d.event_id).bind(6, d.event_type).bind(7, d.payload).bind(8, d.status).bind(9, int64_t(d.attempts));
  s.bind(10, int64_t(d.max_attempts)).bind(11, d.next_attempt_at).bind(12, d.created_at).bind(13, d.updated_at);
  s.bind(14, d.completed_at);
  s.run();
}

void SqliteTx::update_delivery(const WebhookDelivery& d) {
  auto& s = c_.prepare(
      "UPDATE webhook_deliveries SET status = ?4, attempts = ?5, max_attempts = ?6, next_attempt_at = ?7,"
      " updated_at = ?8, completed_at = ?9 WHERE organization_id = ?1 AND environment = ?2 AND id = ?3");
  s.bind(1, d.scope.organization_id).bind(2, env_text(d.scope.environment)).bind(3, d.id).bind(4, d.status);
  s.bind(5, int64_t(d.attempts)).bind(6, int64_t(d.max_attempts)).bind(7, d.next_attempt_at).bind(8, d.updated_at);
  s.bind(9, d.completed_at);
  s.run();
}

void SqliteTx::insert_attempt(const WebhookAttempt& a) {
  auto& s = c_.prepare(
      "INSERT INTO webhook_attempts (id, delivery_id, organization_id, environment, attempt_number, status_code,"
      " response_body, error, duration_ms, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
  s.bind(1, a.id).bind(2, a.delivery_id).bind(3, a.scope.organization_id).bind(4, env_text(a.scope.environment));
  s.bind(5, int64_t(a.attempt_number)).bind(6, a.status_code ? std::optional<int64_t>(*a.status_code) : std::nullopt);
  s.bind(7, a.response_body).bind(8, a.error).bind(9, a.duration_ms).bind(10, a.created_at);
  s.run();
}

int64_t SqliteTx::requeue_processing_deliveries(int64_t now_ms) {
  auto& s = c_.prepare("UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = ?1, updated_at = ?1"
                       " WHERE status = 'processing'");
  s.bind(1, now_ms);
  s.run();
  return c_.changes();
}

}  // namespace conduit::storage
