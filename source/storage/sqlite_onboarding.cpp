// SQLite queries for documents, applications and the event outbox.
#include "storage/sqlite_keyset.h"
#include "storage/sqlite_tx.h"

namespace conduit::storage {
namespace {

constexpr const char* kDocumentColumns =
    "id, organization_id, environment, file_name, mime_type, name, purpose, file_size, sha256, created_at, updated_at";
Document read_document(Statement& s) {
  Document d;
  d.id = s.text(0);
  d.scope = {s.text(1), env_of(s.text(2))};
  d.file_name = s.text(3);
  d.mime_type = s.text(4);
  d.name = s.optional_text(5);
  d.purpose = s.optional_text(6);
  d.file_size = s.integer(7);
  d.sha256 = s.text(8);
  d.created_at = s.integer(9);
  d.updated_at = s.integer(10);
  return d;
}

constexpr const char* kApplicationColumns =
    "id, organization_id, environment, type, status, client_reference_id, tax_id, country, submission, persons,"
    " customer_id, failure_code, failure_message, resubmittable, submitted_at, created_at, updated_at";
Application read_application(Statement& s) {
  Application a;
  a.id = s.text(0);
  a.scope = {s.text(1), env_of(s.text(2))};
  a.type = s.text(3);
  a.status = s.text(4);
  a.client_reference_id = s.optional_text(5);
  a.tax_id = s.optional_text(6);
  a.country = s.optional_text(7);
  a.submission = s.text(8);
  a.persons = s.text(9);
  a.customer_id = s.optional_text(10);
  a.failure_code = s.optional_text(11);
  a.failure_message = s.optional_text(12);
  if (auto r = s.optional_integer(13)) a.resubmittable = *r != 0;
  a.submitted_at = s.optional_integer(14);
  a.created_at = s.integer(15);
  a.updated_at = s.integer(16);
  return a;
}

void bind_application(Statement& s, const Application& a) {
  s.bind(1, a.id).bind(2, a.scope.organization_id).bind(3, env_text(a.scope.environment)).bind(4, a.type);
  s.bind(5, a.status).bind(6, a.client_reference_id).bind(7, a.tax_id).bind(8, a.country).bind(9, a.submission);
  s.bind(10, a.persons).bind(11, a.customer_id).bind(12, a.failure_code).bind(13, a.failure_message);
  s.bind(14, a.resubmittable ? std::optional<int64_t>(*a.resubmittable) : std::nullopt);
  s.bind(15, a.submitted_at).bind(16, a.created_at).bind(17, a.updated_at);
}

}  // namespace

std::optional<Document> SqliteTx::document(const Scope& scope, const std::string& id, bool with_content) {
  auto& s = c_.prepare(std::string("SELECT ") + kDocumentColumns + (with_content ? ", content" : ", NULL") +
                       " FROM documents WHERE organization_id = ?1 AND environment = ?2 AND id = ?3");
  s.bind(1, scope.organization_id).bind(2, env_text(scope.environment)).bind(3, id);
  std::optional<Document> out;
  if (s.step()) {
    out = read_document(s);
    if (with_content) out->content = s.blob(11);
  }
  s.reset();
  return out;
}

std::vector<std::string> SqliteTx::existing_documents(const Scope& scope, const std::vector<std::string>& ids) {
  auto& s = c_.prepare("SELECT 1 FROM documents WHERE organization_id = ?1 AND environment = ?2 AND id = ?3");
  std::vector<std::string> out;
  for (const auto& id : ids) {
    s.bind(1, scope.organization_id).bind(2, env_text(scope.environment)).bind(3, id);
    if (s.step()) out.push_back(id);
    s.reset();
  }
  return out;
}

std::optional<Application> SqliteTx::application(const Scope& scope, const std::string& id) {
  auto& s = c_.prepare(std::string("SELECT ") + kApplicationColumns +
                       " FROM applications WHERE organization_id = ?1 AND environment = ?2 AND id = ?3");
  s.bind(1, scope.organization_id).bind(2, env_text(scope.environment)).bind(3, id);
  std::optional<Application> out;
  if (s.step()) out = read_application(s);
  s.reset();
  return out;
}

std::optional<Application> SqliteTx::application_by_id(const std::string& id) {
  auto& s = c_.prepare(std::string("SELECT ") + kApplicationColumns + " FROM applications WHERE id = ?1");
  s.bind(1, id);
  std::optional<Application> out;
  if (s.step()) out = read_application(s);
  s.reset();
  return out;
}

Page<Application> SqliteTx::applications(const Scope& scope, const ApplicationFilter& filter, const KeysetQuery& q) {
  Filters f;
  auto add = [&](const char* column, const std::optional<std::string>& v) {
    if (!v) return;
    f.values.push_back(*v);
    f.sql += std::string(" AND ") + column + " = ?" + std::to_string(4 + f.values.size());
  };
  add("customer_id", filter.customer_id);
  add("status", filter.status);
  add("type", filter.type);
  return keyset_page<Application>(c_, "applications", kApplicationColumns, scope, q, read_application, f);
}

std::optional<std::string> SqliteTx::pending_application_with_tax_id(const Scope& scope, const std::string& tax_id) {
  auto& s = c_.prepare(
      "SELECT id FROM applications WHERE organization_id = ?1 AND environment = ?2 AND tax_id = ?3"
      " AND status IN ('pending', 'processing') LIMIT 1");
  s.bind(1, scope.organization_id).bind(2, env_text(scope.environment)).bind(3, tax_id);
  std::optional<std::string> out;
  if (s.step()) out = s.text(0);
  s.reset();
  return out;
}

std::optional<std::string> SqliteTx::customer_with_tax_id(const Scope& scope, const std::string& tax_id) {
  auto& s = c_.prepare("SELECT id FROM customers WHERE organization_id = ?1 AND environment = ?2 AND tax_id = ?3 LIMIT 1");
  s.bind(1, scope.organization_id).bind(2, env_text(scope.environment)).bind(3, tax_id);
  std::optional<std::string> out;
  if (s.step()) out = s.text(0);
  s.reset();
  return out;
}

std::vector<Event> SqliteTx::events_since(const Scope& scope, const std::string& after_id, int limit) {
  auto& s = c_.prepare(
      "SELECT id, type, data, created_at FROM events WHERE organization_id = ?1 AND environment = ?2 AND id > ?3"
      " ORDER BY id LIMIT ?4");
  s.bind(1, scope.organization_id).bind(2, env_text(scope.environment)).bind(3, after_id).bind(4, int64_t(limit));
  std::vector<Event> out;
  while (s.step()) out.push_back(Event{s.text(0), scope, s.text(1), s.text(2), s.integer(3)});
  s.reset();
  return out;
}

void SqliteTx::insert_document(const Document& d) {
  auto& s = c_.prepare(std::string("INSERT INTO documents (") + kDocumentColumns +
                       ", content) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
  s.bind(1, d.id).bind(2, d.scope.organization_id).bind(3, env_text(d.scope.environment)).bind(4, d.file_name);
  s.bind(5, d.mime_type).bind(6, d.name).bind(7, d.purpose).bind(8, d.file_size).bind(9, d.sha256);
  s.bind(10, d.created_at).bind(11, d.updated_at).bind_blob(12, d.content.data(), d.content.size());
  s.run();
}

void SqliteTx::insert_application(const Application& a) {
  auto& s = c_.prepare(std::string("INSERT INTO applications (") + kApplicationColumns +
                       ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)");
  bind_application(s, a);
  s.run();
}

void SqliteTx::update_application(const Application& a) {
  auto& s = c_.prepare(
      "UPDATE applications SET type = ?4, status = ?5, client_reference_id = ?6, tax_id = ?7, country = ?8,"
      " submission = ?9, persons = ?10, customer_id = ?11, failure_code = ?12, failure_message = ?13,"
      " resubmittable = ?14, submitted_at = ?15, created_at = ?16, updated_at = ?17"
      " WHERE id = ?1 AND organization_id = ?2 AND environment = ?3");
  bind_application(s, a);
  s.run();
}

void SqliteTx::insert_event(const Event& e) {
  auto& s = c_.prepare(
      "INSERT INTO events (id, organization_id, environment, type, data, created_at, dispatched_at)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, NULL)");
  s.bind(1, e.id).bind(2, e.scope.organization_id).bind(3, env_text(e.scope.environment)).bind(4, e.type);
  s.bind(5, e.data).bind(6, e.created_at);
  s.run();
}

}  // namespace conduit::storage
