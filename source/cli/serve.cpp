// `conduit serve`: opens the store, bootstraps an empty data directory, starts both
// listeners and the background maintenance, and shuts down gracefully on SIGTERM/SIGINT.
#include <condition_variable>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <thread>

#include "api/routes.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "common/secret_box.h"
#include "domain/api_keys.h"
#include "domain/organizations.h"
#include "http/server.h"
#include "platform/pipeline.h"
#include "webhooks/dispatcher.h"

namespace conduit::cli {
namespace {

std::optional<http::Listener> parse_listen(const std::string& text, Environment env) {
  auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0) return std::nullopt;
  std::string host = text.substr(0, colon), port = text.substr(colon + 1);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  int p = std::stoi(port);
  if (p > 65535) return std::nullopt;
  return http::Listener{env, host, static_cast<uint16_t>(p)};
}

platform::LogLevel parse_level(const std::string& s) {
  if (s == "debug") return platform::LogLevel::debug;
  if (s == "warn") return platform::LogLevel::warn;
  if (s == "error") return platform::LogLevel::error;
  return platform::LogLevel::info;
}

// Creates the "Default" organization and a sandbox read-write key on an empty store.
// Returns the key's plaintext, or nullopt when organizations already exist.
std::optional<std::pair<std::string, std::string>> bootstrap(storage::Store& store, const Clock& clock) {
  std::optional<std::pair<std::string, std::string>> created;
  auto st = store.write([&](storage::WriteTx& tx) {
    if (!tx.organizations().empty()) return false;
    auto org = domain::new_organization("Default", false, clock.now_ms());
    auto key = domain::mint_key(org.id, Environment::sandbox, storage::Access::read_write, std::string("bootstrap"),
                                clock.now_ms());
    tx.insert_organization(org);
    tx.insert_api_key(key.record, key.hash);
    created = std::make_pair(org.id, key.plaintext);
    return true;
  });
  if (!st.ok) throw std::runtime_error(st.error);
  return created;
}

// Flushes lastUsedAt and purges expired idempotency records, about once a second.
class Maintenance {
 public:
  Maintenance(platform::Services& s) : s_(s), thread_([this] { loop(); }) {}
  ~Maintenance() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    cv_.notify_all();
    thread_.join();
    flush_key_usage();
  }

 private:
  void loop() {
    std::unique_lock lock(mutex_);
    while (!cv_.wait_for(lock, std::chrono::seconds(1), [this] { return stop_; })) {
      lock.unlock();
      flush_key_usage();
      purge_idempotency();
      lock.lock();
    }
  }
  void flush_key_usage() {
    auto used = s_.key_usage.take();
    if (used.empty()) return;
    s_.store.write([&](storage::WriteTx& tx) {
      tx.touch_api_keys(used);
      return true;
    });
  }
  void purge_idempotency() {
    // Bounded batches: never one huge delete holding the writer.
    for (int round = 0; round < 10; ++round) {
      int64_t purged = 0;
      s_.store.write([&](storage::WriteTx& tx) {
        purged = tx.purge_idempotency(s_.clock.now_ms(), 1000);
        return true;
      });
      if (purged < 1000) break;
    }
  }

  platform::Services& s_;
  std::mutex mutex_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace

int serve(const ServeFlags& flags) {
  auto sandbox = parse_listen(flags.sandbox_listen, Environment::sandbox);
  auto production = parse_listen(flags.production_listen, Environment::production);
  if (!sandbox) return fail("--sandbox-listen must be HOST:PORT");
  if (!production) return fail("--production-listen must be HOST:PORT");
  if (flags.rate_limit < 1 || flags.ip_rate_limit < 1) return fail("rate limits must be at least 1");
  if (flags.idempotency_ttl_seconds < 1) return fail("--idempotency-ttl must be at least 1 second");
  if (flags.webhook_max_attempts < 1 || flags.webhook_max_attempts > 50) return fail("--webhook-max-attempts must be 1 to 50");
  if (flags.webhook_retry_base_ms < 1) return fail("--webhook-retry-base-ms must be at least 1");

  auto store = open_store(flags.store);
  if (!store) return 1;
  SystemClock clock;
  platform::Logger logger(parse_level(flags.log_level));
  platform::Config config;
  config.rate_limit = flags.rate_limit;
  config.ip_rate_limit = flags.ip_rate_limit;
  config.idempotency_ttl_ms = flags.idempotency_ttl_seconds * 1000;
  config.rate_limits_enabled = !flags.disable_rate_limits;
  platform::Services services(*store, clock, config, logger);
  try {
    store->write([&](storage::WriteTx& tx) {
      services.cursor_secret = tx.server_secret("cursor_mac_key");
      return true;
    });
    auto key_file = (std::filesystem::path(flags.store.data_dir) / "secret-box.key").string();
    services.secret_box = std::make_shared<SecretBox>(SecretBox::from_key_file(key_file));
    if (auto boot = bootstrap(*store, clock)) {
      print_json(boost::json::object{{"event", "bootstrap"}, {"organizationId", boot->first}, {"key", boot->second}});
      std::cerr << "Created organization \"Default\" (" << boot->first << ") with a sandbox read-write API key:\n  "
                << boot->second << "\nIt is shown only this once; keep it." << std::endl;
    }
  } catch (const std::exception& e) {
    return fail(std::string("cannot prepare the data directory: ") + e.what());
  }

  platform::ApiApplication app(services, api::build_routes(services));
  http::ServerOptions options;
  options.threads = flags.threads > 0 ? flags.threads : std::max(1u, std::thread::hardware_concurrency());
  options.header_timeout = std::chrono::milliseconds(flags.header_timeout_ms);
  options.body_timeout = std::chrono::milliseconds(flags.body_timeout_ms);
  options.idle_timeout = std::chrono::milliseconds(flags.idle_timeout_ms);
  options.max_connections = static_cast<size_t>(flags.max_connections);
  http::Server server(app, options);
  std::vector<std::string> bound;
  try {
    bound = server.bind({*sandbox, *production});
  } catch (const std::exception& e) {
    return fail(e.what());
  }
  print_json(boost::json::object{{"event", "listening"},
                                 {"sandbox", bound[0]},
                                 {"production", bound[1]},
                                 {"dashboard", "http://" + bound[0] + "/dashboard"}});
  webhooks::DispatcherOptions dispatch;
  dispatch.max_attempts = flags.webhook_max_attempts;
  dispatch.retry_base_ms = flags.webhook_retry_base_ms;
  webhooks::Dispatcher dispatcher(*store, clock, *services.secret_box, dispatch, &services.metrics);
  services.after_commit = [&dispatcher] { dispatcher.poke(); };
  dispatcher.start();
  {
    Maintenance maintenance(services);
    server.run();
  }
  services.after_commit = nullptr;
  dispatcher.stop();
  store->close();
  logger.log(platform::LogLevel::info, "stopped");
  return 0;
}

}  // namespace conduit::cli
