#pragma once
#include "storage/sqlite.h"
#include "storage/store.h"

namespace conduit::storage {

// The SQLite implementation of the repository queries, over one connection. Used read-only
// on reader connections and read-write on the writer's connection.
class SqliteTx final : public WriteTx {
 public:
  explicit SqliteTx(Connection& c) : c_(c) {}

  std::optional<Organization> organization(const std::string& id) override;
  std::vector<Organization> organizations() override;
  std::optional<Credential> credential_by_hash(const crypto::Digest& hash) override;
  std::optional<ApiKey> api_key(const std::string& id) override;
  std::vector<ApiKey> api_keys(const std::string& organization_id, std::optional<Environment> env) override;
  std::optional<IdempotencyRecord> idempotency(const Scope& scope, const std::string& key, int64_t now_ms) override;
  std::optional<WebhookEndpoint> webhook_endpoint(const Scope& scope, const std::string& id) override;
  Page<WebhookEndpoint> webhook_endpoints(const Scope& scope, const KeysetQuery& q) override;
  std::optional<Customer> customer(const Scope& scope, const std::string& id) override;
  Page<Customer> customers(const Scope& scope, const CustomerFilter& filter, const KeysetQuery& q) override;
  std::optional<Document> document(const Scope& scope, const std::string& id, bool with_content) override;
  std::vector<std::string> existing_documents(const Scope& scope, const std::vector<std::string>& ids) override;
  std::optional<Application> application(const Scope& scope, const std::string& id) override;
  std::optional<Application> application_by_id(const std::string& id) override;
  Page<Application> applications(const Scope& scope, const ApplicationFilter& filter, const KeysetQuery& q) override;
  std::optional<std::string> pending_application_with_tax_id(const Scope& scope, const std::string& tax_id) override;
  std::optional<std::string> customer_with_tax_id(const Scope& scope, const std::string& tax_id) override;
  std::vector<Event> events_since(const Scope& scope, const std::string& after_id, int limit) override;
  std::optional<WebhookDelivery> webhook_delivery(const Scope& scope, const std::string& id) override;
  Page<WebhookDelivery> webhook_deliveries(const Scope& scope, const DeliveryFilter& f, const KeysetQuery& q) override;
  std::vector<WebhookAttempt> webhook_attempts(const Scope& scope, const std::string& delivery_id) override;
  std::vector<Event> undispatched_events(int limit) override;
  std::vector<WebhookEndpoint> active_webhook_endpoints(const Scope& scope) override;
  std::vector<WebhookDelivery> due_deliveries(int64_t now_ms, int limit) override;
  std::optional<User> user_by_email(const std::string& email) override;
  std::optional<User> user(const std::string& id) override;
  std::optional<DashboardSession> dashboard_session(const crypto::Digest& token_hash, int64_t now_ms) override;
  std::optional<Invitation> invitation(const crypto::Digest& token_hash) override;
  bool ping() override;

  void insert_organization(const Organization& org) override;
  void update_organization(const Organization& org) override;
  void insert_api_key(const ApiKey& key, const crypto::Digest& hash) override;
  bool revoke_api_key(const std::string& id, int64_t now_ms) override;
  void touch_api_keys(const std::vector<std::pair<std::string, int64_t>>& last_used) override;
  bool insert_idempotency(const Scope& scope, const std::string& key, const IdempotencyRecord& r) override;
  int64_t purge_idempotency(int64_t now_ms, int64_t limit) override;
  void insert_webhook_endpoint(const WebhookEndpoint& e) override;
  void update_webhook_endpoint(const WebhookEndpoint& e) override;
  bool delete_webhook_endpoint(const Scope& scope, const std::string& id) override;
  void insert_customer(const Customer& c) override;
  void insert_document(const Document& d) override;
  void insert_application(const Application& a) override;
  void update_application(const Application& a) override;
  void insert_event(const Event& e) override;
  void mark_event_dispatched(const std::string& event_id, int64_t now_ms) override;
  void insert_delivery(const WebhookDelivery& d) override;
  void update_delivery(const WebhookDelivery& d) override;
  void insert_attempt(const WebhookAttempt& a) override;
  int64_t requeue_processing_deliveries(int64_t now_ms) override;
  void insert_user(const User& u) override;
  void insert_dashboard_session(const DashboardSession& s) override;
  void update_dashboard_session(const DashboardSession& s) override;
  void delete_dashboard_session(const crypto::Digest& token_hash) override;
  void insert_invitation(const Invitation& i) override;
  void use_invitation(const crypto::Digest& token_hash, int64_t now_ms) override;
  std::string server_secret(const std::string& name) override;
  void savepoint() override { c_.exec("SAVEPOINT handler"); }
  void rollback_to_savepoint() override { c_.exec("ROLLBACK TO handler"); }
  void release_savepoint() override { c_.exec("RELEASE handler"); }

 private:
  Connection& c_;
};

// Applies every migration not yet recorded; safe to run again and from several processes.
void migrate(Connection& c);

}  // namespace conduit::storage
