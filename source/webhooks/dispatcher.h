#pragma once
// The webhook dispatcher: fans events out of the outbox into deliveries (one per active,
// subscribed endpoint of the event's organization and environment), then delivers them at
// least once with signed POSTs, exponential backoff with jitter, and bounded concurrency —
// overall and per endpoint, so one slow receiver cannot hold up the others.
//
// Time and randomness are injected: tests drive `fan_out()` and `deliver_due()` with a
// ManualClock and a fixed seed, without sleeping.
#include <atomic>
#include <condition_variable>
#include <deque>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "common/clock.h"
#include "common/secret_box.h"
#include "platform/metrics.h"
#include "storage/store.h"
#include "webhooks/http_post.h"

namespace conduit::webhooks {

struct DispatcherOptions {
  int max_attempts = 5;
  int64_t retry_base_ms = 60'000;  // attempt n+1 waits base x 4^(n-1), +-20 %
  std::chrono::milliseconds timeout{10'000};
  size_t max_in_flight = 32;           // attempts running at once, overall
  size_t max_in_flight_per_endpoint = 4;
  int batch = 100;                     // events or deliveries per pass
  uint64_t seed = 0;                   // 0: from the CSPRNG
};

// Sends one attempt; replaced in tests.
using Sender = std::function<PostResult(const std::string& url, const std::vector<std::pair<std::string, std::string>>& headers,
                                        const std::string& body, bool production)>;

// Delay before attempt `next_attempt` (2..max), with jitter drawn from `rng`.
int64_t retry_delay_ms(int64_t base_ms, int next_attempt, std::mt19937_64& rng);

class Dispatcher {
 public:
  Dispatcher(storage::Store& store, const Clock& clock, const SecretBox& box, DispatcherOptions options,
             platform::Metrics* metrics = nullptr, Sender sender = {});
  ~Dispatcher();

  // Background mode: a thread that runs both passes about every 100 ms (woken early by poke()).
  void start();
  void stop();
  void poke();

  // One pass each; return how many events were fanned out / attempts were started.
  int fan_out();
  int deliver_due();
  // Waits until no attempt is running (tests and shutdown).
  void wait_idle();

 private:
  void attempt(storage::WebhookDelivery d, storage::WebhookEndpoint e);
  void loop();
  void worker();

  storage::Store& store_;
  const Clock& clock_;
  const SecretBox& box_;
  DispatcherOptions options_;
  platform::Metrics* metrics_;
  Sender sender_;
  std::mt19937_64 rng_;
  std::mutex mutex_;  // guards rng_, in-flight counts, threads_
  std::condition_variable idle_;
  std::map<std::string, size_t> in_flight_by_endpoint_;
  size_t in_flight_ = 0;
  // A fixed pool of max_in_flight workers; tasks never exceed it because claims are counted.
  std::vector<std::thread> workers_;
  std::deque<std::pair<storage::WebhookDelivery, storage::WebhookEndpoint>> tasks_;
  std::condition_variable task_cv_;
  bool pool_stopping_ = false;
  std::thread loop_thread_;
  std::mutex loop_mutex_;
  std::condition_variable loop_cv_;
  bool stopping_ = false;
  bool poked_ = false;
};

}  // namespace conduit::webhooks
