#pragma once
// The storage interface. Handlers and filters see only this; SQLite implements it today and
// a PostgreSQL implementation slots in beside it without touching them.
//
// Reads run on a snapshot. Writes are jobs: the store runs each job inside one transaction
// shared with other concurrent jobs (a group commit), and returns only after the commit is
// durable (fsync'd). A job returns false to roll back its own writes without failing others.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "storage/records.h"

namespace conduit::storage {

class ReadTx {
 public:
  virtual ~ReadTx() = default;
  virtual std::optional<Organization> organization(const std::string& id) = 0;
  virtual std::vector<Organization> organizations() = 0;
  virtual std::optional<Credential> credential_by_hash(const crypto::Digest& hash) = 0;
  virtual std::optional<ApiKey> api_key(const std::string& id) = 0;
  virtual std::vector<ApiKey> api_keys(const std::string& organization_id, std::optional<Environment> env) = 0;
  virtual std::optional<IdempotencyRecord> idempotency(const Scope& scope, const std::string& key, int64_t now_ms) = 0;
  virtual std::optional<WebhookEndpoint> webhook_endpoint(const Scope& scope, const std::string& id) = 0;
  virtual Page<WebhookEndpoint> webhook_endpoints(const Scope& scope, const KeysetQuery& q) = 0;
  virtual std::optional<Customer> customer(const Scope& scope, const std::string& id) = 0;
  virtual Page<Customer> customers(const Scope& scope, const CustomerFilter& filter, const KeysetQuery& q) = 0;
  virtual std::optional<Document> document(const Scope& scope, const std::string& id, bool with_content) = 0;
  // The subset of `ids` that are documents of this scope.
  virtual std::vector<std::string> existing_documents(const Scope& scope, const std::vector<std::string>& ids) = 0;
  virtual std::optional<Application> application(const Scope& scope, const std::string& id) = 0;
  // Operator access across organizations (the `applications decide` command): by id alone.
  virtual std::optional<Application> application_by_id(const std::string& id) = 0;
  virtual Page<Application> applications(const Scope& scope, const ApplicationFilter& filter, const KeysetQuery& q) = 0;
  virtual std::optional<std::string> pending_application_with_tax_id(const Scope& scope, const std::string& tax_id) = 0;
  virtual std::optional<std::string> customer_with_tax_id(const Scope& scope, const std::string& tax_id) = 0;
  virtual std::vector<Event> events_since(const Scope& scope, const std::string& after_id, int limit) = 0;
  virtual std::optional<WebhookDelivery> webhook_delivery(const Scope& scope, const std::string& id) = 0;
  virtual Page<WebhookDelivery> webhook_deliveries(const Scope& scope, const DeliveryFilter& f, const KeysetQuery& q) = 0;
  virtual std::vector<WebhookAttempt> webhook_attempts(const Scope& scope, const std::string& delivery_id) = 0;
  // Dispatcher queries (across organizations, bounded by `limit`).
  virtual std::vector<Event> undispatched_events(int limit) = 0;
  virtual std::vector<WebhookEndpoint> active_webhook_endpoints(const Scope& scope) = 0;
  virtual std::vector<WebhookDelivery> due_deliveries(int64_t now_ms, int limit) = 0;
  virtual std::optional<User> user_by_email(const std::string& email) = 0;
  virtual std::optional<User> user(const std::string& id) = 0;
  virtual std::optional<DashboardSession> dashboard_session(const crypto::Digest& token_hash, int64_t now_ms) = 0;
  virtual std::optional<Invitation> invitation(const crypto::Digest& token_hash) = 0;
  virtual bool ping() = 0;
};

class WriteTx : public ReadTx {
 public:
  virtual void insert_organization(const Organization& org) = 0;
  virtual void update_organization(const Organization& org) = 0;
  virtual void insert_api_key(const ApiKey& key, const crypto::Digest& hash) = 0;
  virtual bool revoke_api_key(const std::string& id, int64_t now_ms) = 0;
  virtual void touch_api_keys(const std::vector<std::pair<std::string, int64_t>>& last_used) = 0;
  // False when a record for (scope, key) already exists (another process claimed it first).
  virtual bool insert_idempotency(const Scope& scope, const std::string& key, const IdempotencyRecord& r) = 0;
  virtual int64_t purge_idempotency(int64_t now_ms, int64_t limit) = 0;
  virtual void insert_webhook_endpoint(const WebhookEndpoint& e) = 0;
  virtual void update_webhook_endpoint(const WebhookEndpoint& e) = 0;
  virtual bool delete_webhook_endpoint(const Scope& scope, const std::string& id) = 0;
  virtual void insert_customer(const Customer& c) = 0;
  virtual void insert_document(const Document& d) = 0;
  virtual void insert_application(const Application& a) = 0;
  virtual void update_application(const Application& a) = 0;
  virtual void insert_event(const Event& e) = 0;
  virtual void mark_event_dispatched(const std::string& event_id, int64_t now_ms) = 0;
  virtual void insert_delivery(const WebhookDelivery& d) = 0;
  virtual void update_delivery(const WebhookDelivery& d) = 0;
  virtual void insert_attempt(const WebhookAttempt& a) = 0;
  // After a restart: deliveries left `processing` had an attempt in flight; they go back to pending.
  virtual int64_t requeue_processing_deliveries(int64_t now_ms) = 0;
  virtual void insert_user(const User& u) = 0;
  virtual void insert_dashboard_session(const DashboardSession& s) = 0;
  virtual void update_dashboard_session(const DashboardSession& s) = 0;
  virtual void delete_dashboard_session(const crypto::Digest& token_hash) = 0;
  virtual void insert_invitation(const Invitation& i) = 0;
  virtual void use_invitation(const crypto::Digest& token_hash, int64_t now_ms) = 0;
  virtual std::string server_secret(const std::string& name) = 0;  // created on first use
  // A nested savepoint, so a handler's writes can be undone while the rest of the job stays.
  virtual void savepoint() = 0;
  virtual void rollback_to_savepoint() = 0;
  virtual void release_savepoint() = 0;
};

struct Status {
  bool ok = true;
  std::string error;  // for the log only; never sent to a client
};

using WriteJob = std::function<bool(WriteTx&)>;

class Store {
 public:
  virtual ~Store() = default;
  virtual Status read(const std::function<void(ReadTx&)>& fn) = 0;
  // Blocks until the job's transaction is durable (or failed).
  virtual Status write(WriteJob job) = 0;
  // Queues the job and returns at once; `done` runs on the writer thread after the commit's fsync
  // (keep it short: it delays the next batch).
  virtual void write_async(WriteJob job, std::function<void(Status)> done) = 0;
  virtual void close() = 0;
};

struct StoreOptions {
  std::string data_dir;
  size_t max_pending_writes = 4096;  // beyond this, writes fail fast (503) instead of queueing
  size_t max_batch = 256;
};

// Opens (creating if needed) the SQLite database in `data_dir` and applies pending migrations.
std::unique_ptr<Store> open_sqlite_store(const StoreOptions& options);

}  // namespace conduit::storage
