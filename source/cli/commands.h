#pragma once
// The `conduit` subcommands (operations.md). Each returns the process exit status:
// 0 success, 1 failure (with a one-line reason on stderr), 2 bad usage (handled by main).
#include <cstdint>
#include <optional>
#include <string>

namespace conduit::cli {

struct StoreFlags {
  std::string data_dir = "./data";
  std::string database_url;
};

struct ServeFlags {
  StoreFlags store;
  std::string sandbox_listen = "127.0.0.1:8081";
  std::string production_listen = "127.0.0.1:8080";
  int threads = 0;  // 0: one per core
  int64_t rate_limit = 100;
  int64_t ip_rate_limit = 20;
  int64_t idempotency_ttl_seconds = 300;
  std::string log_level = "info";
  int webhook_max_attempts = 5;
  int64_t webhook_retry_base_ms = 60000;
  bool disable_rate_limits = false;  // benchmark of filter cost only
  // Connection bounds and timeouts (defaults in http::ServerOptions); tests tighten them.
  int64_t header_timeout_ms = 10'000;
  int64_t body_timeout_ms = 30'000;
  int64_t idle_timeout_ms = 75'000;
  int64_t max_connections = 20'000;
};

int serve(const ServeFlags& flags);
int migrate(const StoreFlags& store);

int org_create(const StoreFlags& store, const std::string& name, bool activate);
int org_activate(const StoreFlags& store, const std::string& org_id);
int org_list(const StoreFlags& store);
int org_update(const StoreFlags& store, const std::string& org_id, std::optional<int64_t> rate_limit,
               std::optional<std::string> name);

int keys_create(const StoreFlags& store, const std::string& org_id, const std::string& env, const std::string& access,
                std::optional<std::string> label);
int keys_list(const StoreFlags& store, const std::string& org_id, std::optional<std::string> env);
int applications_decide(const StoreFlags& store, const std::string& app_id, const std::string& outcome,
                         std::optional<std::string> reason);
// Exit 0 if `header` carries a v1 signature of the file's bytes with `secret`, fresh within 300 s.
int webhooks_verify(const std::string& secret, const std::string& header, const std::string& body_file);
int keys_revoke(const StoreFlags& store, const std::string& key_id);

}  // namespace conduit::cli
