#pragma once
// The shared, process-wide pieces every filter and handler may use. Built once by `serve`.
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_set>

#include "common/clock.h"
#include "platform/access_log.h"
#include "platform/key_usage.h"
#include "platform/metrics.h"
#include "platform/rate_limiter.h"
#include "platform/request_log.h"
#include "storage/store.h"

namespace conduit::platform {

struct Config {
  int64_t rate_limit = 100;             // per organization and environment, requests/s (burst 2x)
  int64_t ip_rate_limit = 20;           // per client IP without a valid key
  int64_t idempotency_ttl_ms = 300'000;
  bool rate_limits_enabled = true;      // off only for the filter-cost benchmark
  size_t max_rate_buckets = 100'000;
};

// Idempotency keys whose first request is running in this process right now.
class InFlightKeys {
 public:
  bool claim(const std::string& key) {
    std::lock_guard lock(mutex_);
    return keys_.insert(key).second;
  }
  void release(const std::string& key) {
    std::lock_guard lock(mutex_);
    keys_.erase(key);
  }

 private:
  std::mutex mutex_;
  std::unordered_set<std::string> keys_;
};

}  // namespace conduit::platform
namespace conduit { class SecretBox; }
namespace conduit::platform {

struct Services {
  Services(storage::Store& s, const Clock& c, Config cfg, Logger& l)
      : store(s), clock(c), config(cfg), log(l), limiter(c, cfg.max_rate_buckets) {}
  storage::Store& store;
  const Clock& clock;
  Config config;
  Logger& log;
  std::string cursor_secret;            // MAC key for list cursors (from server_secrets)
  std::shared_ptr<conduit::SecretBox> secret_box;  // seals webhook signing secrets at rest
  Metrics metrics;
  KeyUsage key_usage;
  RateLimiter limiter;
  InFlightKeys in_flight;
  RequestLog request_log;
  std::function<void()> after_commit;  // e.g. wakes the webhook dispatcher; may be empty
};

}  // namespace conduit::platform
