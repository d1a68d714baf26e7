// The `conduit` command line (operations.md). Parsing only; each command lives in cli/.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/commands.h"

using namespace conduit::cli;

namespace {
void add_store_flags(CLI::App* cmd, StoreFlags& f) {
  cmd->add_option("--data-dir", f.data_dir, "data directory (embedded SQLite)");
  cmd->add_option("--database-url", f.database_url, "PostgreSQL connection URL");
}
}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"conduit: a self-hostable Conduit v2 API server"};
  app.require_subcommand(1);
  int status = 0;

  ServeFlags serve_flags;
  auto* serve_cmd = app.add_subcommand("serve", "Start the API (both environments)");
  add_store_flags(serve_cmd, serve_flags.store);
  serve_cmd->add_option("--sandbox-listen", serve_flags.sandbox_listen, "HOST:PORT (port 0 picks one)");
  serve_cmd->add_option("--production-listen", serve_flags.production_listen, "HOST:PORT (port 0 picks one)");
  serve_cmd->add_option("--threads", serve_flags.threads, "worker threads (default: one per core)")->check(CLI::Range(1, 256));
  serve_cmd->add_option("--rate-limit", serve_flags.rate_limit, "requests/s per organization and environment (burst 2x)");
  serve_cmd->add_option("--ip-rate-limit", serve_flags.ip_rate_limit, "requests/s per client IP without a valid key");
  serve_cmd->add_option("--idempotency-ttl", serve_flags.idempotency_ttl_seconds, "seconds an idempotency key is remembered");
  serve_cmd->add_option("--log-level", serve_flags.log_level, "debug|info|warn|error")
      ->check(CLI::IsMember({"debug", "info", "warn", "error"}));
  serve_cmd->add_option("--webhook-max-attempts", serve_flags.webhook_max_attempts, "delivery attempts per webhook");
  serve_cmd->add_option("--webhook-retry-base-ms", serve_flags.webhook_retry_base_ms, "first retry delay");
  serve_cmd->add_flag("--disable-rate-limits", serve_flags.disable_rate_limits, "benchmarks only: no rate limiting");
  serve_cmd->add_option("--header-timeout-ms", serve_flags.header_timeout_ms, "first byte to end of headers")->check(CLI::Range(int64_t(1), int64_t(3'600'000)));
  serve_cmd->add_option("--body-timeout-ms", serve_flags.body_timeout_ms, "whole request body")->check(CLI::Range(int64_t(1), int64_t(3'600'000)));
  serve_cmd->add_option("--idle-timeout-ms", serve_flags.idle_timeout_ms, "keep-alive wait between requests")->check(CLI::Range(int64_t(1), int64_t(3'600'000)));
  serve_cmd->add_option("--max-connections", serve_flags.max_connections, "open connections at most")->check(CLI::Range(int64_t(1), int64_t(1'000'000)));
  serve_cmd->callback([&] { status = serve(serve_flags); });

  StoreFlags migrate_flags;
  auto* migrate_cmd = app.add_subcommand("migrate", "Apply pending schema migrations");
  add_store_flags(migrate_cmd, migrate_flags);
  migrate_cmd->callback([&] { status = migrate(migrate_flags); });

  auto* org_cmd = app.add_subcommand("org", "Organizations");
  org_cmd->require_subcommand(1);
  StoreFlags org_flags;
  std::string org_name, org_id;
  bool activate = false;
  std::optional<int64_t> org_rate;
  std::optional<std::string> new_name;
  auto* org_create_cmd = org_cmd->add_subcommand("create", "Create an organization");
  add_store_flags(org_create_cmd, org_flags);
  org_create_cmd->add_option("--name", org_name, "name")->required();
  org_create_cmd->add_flag("--activate", activate, "activate production at once");
  org_create_cmd->callback([&] { status = org_create(org_flags, org_name, activate); });
  auto* org_activate_cmd = org_cmd->add_subcommand("activate", "Activate production for an organization");
  add_store_flags(org_activate_cmd, org_flags);
  org_activate_cmd->add_option("ORG_ID", org_id)->required();
  org_activate_cmd->callback([&] { status = org_activate(org_flags, org_id); });
  auto* org_list_cmd = org_cmd->add_subcommand("list", "List organizations");
  add_store_flags(org_list_cmd, org_flags);
  org_list_cmd->callback([&] { status = org_list(org_flags); });
  auto* org_update_cmd = org_cmd->add_subcommand("update", "Change an organization");
  add_store_flags(org_update_cmd, org_flags);
  org_update_cmd->add_option("ORG_ID", org_id)->required();
  org_update_cmd->add_option("--rate-limit", org_rate, "requests/s (burst 2x)");
  org_update_cmd->add_option("--name", new_name, "new name");
  org_update_cmd->callback([&] { status = org_update(org_flags, org_id, org_rate, new_name); });

  auto* keys_cmd = app.add_subcommand("keys", "API keys");
  keys_cmd->require_subcommand(1);
  StoreFlags key_flags;
  std::string key_org, key_env, key_access = "read_only", key_id;
  std::optional<std::string> key_label, list_env;
  auto* keys_create_cmd = keys_cmd->add_subcommand("create", "Create an API key (printed once)");
  add_store_flags(keys_create_cmd, key_flags);
  keys_create_cmd->add_option("--org", key_org)->required();
  keys_create_cmd->add_option("--env", key_env)->required()->check(CLI::IsMember({"sandbox", "production"}));
  keys_create_cmd->add_option("--access", key_access)->check(CLI::IsMember({"read_only", "read_write"}));
  keys_create_cmd->add_option("--label", key_label);
  keys_create_cmd->callback([&] { status = keys_create(key_flags, key_org, key_env, key_access, key_label); });
  auto* keys_list_cmd = keys_cmd->add_subcommand("list", "List API keys (never the secret)");
  add_store_flags(keys_list_cmd, key_flags);
  keys_list_cmd->add_option("--org", key_org)->required();
  keys_list_cmd->add_option("--env", list_env)->check(CLI::IsMember({"sandbox", "production"}));
  keys_list_cmd->callback([&] { status = keys_list(key_flags, key_org, list_env); });
  auto* keys_revoke_cmd = keys_cmd->add_subcommand("revoke", "Revoke an API key");
  add_store_flags(keys_revoke_cmd, key_flags);
  keys_revoke_cmd->add_option("KEY_ID", key_id)->required();
  keys_revoke_cmd->callback([&] { status = keys_revoke(key_flags, key_id); });

  auto* apps_cmd = app.add_subcommand("applications", "Onboarding applications (operator)");
  apps_cmd->require_subcommand(1);
  StoreFlags apps_flags;
  std::string app_id, outcome;
  std::optional<std::string> reason;
  auto* decide_cmd = apps_cmd->add_subcommand("decide", "Approve or reject an application");
  add_store_flags(decide_cmd, apps_flags);
  decide_cmd->add_option("APP_ID", app_id)->required();
  decide_cmd->add_option("--outcome", outcome)->required()->check(CLI::IsMember({"approved", "rejected"}));
  decide_cmd->add_option("--reason", reason, "shown to the integrator as failureMessage");
  decide_cmd->callback([&] { status = applications_decide(apps_flags, app_id, outcome, reason); });

  auto* webhooks_cmd = app.add_subcommand("webhooks", "Webhook helpers");
  webhooks_cmd->require_subcommand(1);
  std::string wh_secret, wh_header, wh_body;
  auto* verify_cmd = webhooks_cmd->add_subcommand("verify", "Check an X-Conduit-Signature header (exit 0 if valid)");
  verify_cmd->add_option("--secret", wh_secret, "the endpoint's whsec_ secret")->required();
  verify_cmd->add_option("--header", wh_header, "the X-Conduit-Signature value")->required();
  verify_cmd->add_option("--body-file", wh_body, "the raw request body")->required();
  verify_cmd->callback([&] { status = webhooks_verify(wh_secret, wh_header, wh_body); });

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "usage error: " << e.what() << " (see conduit --help)" << std::endl;
    return 2;
  }
  return status;
}
