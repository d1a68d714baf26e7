#include "webhooks/dispatcher.h"

#include <boost/json.hpp>
#include <cmath>

#include "common/crypto.h"
#include "common/ids.h"
#include "common/time_format.h"
#include "domain/webhook_signature.h"

namespace conduit::webhooks {
namespace {

namespace bj = boost::json;

std::string envelope(const storage::Event& e) {
  bj::object o;
  o["id"] = e.id;
  o["type"] = e.type;
  o["mode"] = e.scope.environment == Environment::sandbox ? "sandbox" : "live";
  o["apiVersion"] = "2";
  o["createdAt"] = format_timestamp(e.created_at);
  o["data"] = bj::parse(e.data);
  return bj::serialize(o);
}

bool subscribed(const storage::WebhookEndpoint& ep, const std::string& type) {
  if (ep.all_events) return true;
  return std::find(ep.event_types.begin(), ep.event_types.end(), type) != ep.event_types.end();
}

PostResult default_sender(const std::string& url, const std::vector<std::pair<std::string, std::string>>& headers,
                          const std::string& body, bool production, std::chrono::milliseconds timeout) {
  PostOptions o;
  o.timeout = timeout;
  o.refuse_private_addresses = production;
  return http_post(url, headers, body, o);
}

}  // namespace

int64_t retry_delay_ms(int64_t base_ms, int next_attempt, std::mt19937_64& rng) {
  // base x 4^(n-1) for the wait before attempt n+1, i.e. 4^(next_attempt-2).
  int exponent = std::clamp(next_attempt - 2, 0, 20);
  double delay = double(base_ms) * std::pow(4.0, exponent);
  std::uniform_real_distribution<double> jitter(0.8, 1.2);
  return std::max<int64_t>(1, int64_t(delay * jitter(rng)));
}

Dispatcher::Dispatcher(storage::Store& store, const Clock& clock, const SecretBox& box, DispatcherOptions options,
                       platform::Metrics* metrics, Sender sender)
    : store_(store), clock_(clock), box_(box), options_(options), metrics_(metrics), sender_(std::move(sender)) {
  uint64_t seed = options.seed;
  if (seed == 0) crypto::random_bytes(reinterpret_cast<uint8_t*>(&seed), sizeof seed);
  rng_.seed(seed);
  if (!sender_) {
    auto timeout = options_.timeout;
    sender_ = [timeout](const std::string& url, const auto& headers, const std::string& body, bool production) {
      return default_sender(url, headers, body, production, timeout);
    };
  }
  // Attempts that were in flight when the process stopped are sent again (at-least-once).
  store_.write([&](storage::WriteTx& tx) {
    tx.requeue_processing_deliveries(clock_.now_ms());
    return true;
  });
}

Dispatcher::~Dispatcher() { stop(); }

void Dispatcher::start() {
  loop_thread_ = std::thread([this] { loop(); });
}

void Dispatcher::stop() {
  {
    std::lock_guard lock(loop_mutex_);
    if (stopping_ && !loop_thread_.joinable()) return;
    stopping_ = true;
  }
  loop_cv_.notify_all();
  if (loop_thread_.joinable()) loop_thread_.join();
  wait_idle();
  std::vector<std::thread> workers;
  {
    std::lock_guard lock(mutex_);
    pool_stopping_ = true;
    workers.swap(workers_);
  }
  task_cv_.notify_all();
  for (auto& t : workers) t.join();
}

void Dispatcher::poke() {
  {
    std::lock_guard lock(loop_mutex_);
    poked_ = true;
  }
  loop_cv_.notify_all();
}

void Dispatcher::loop() {
  std::unique_lock lock(loop_mutex_);
  while (!stopping_) {
    lock.unlock();
    while (fan_out() == options_.batch) {}
    deliver_due();
    lock.lock();
    loop_cv_.wait_for(lock, std::chrono::milliseconds(100), [this] { return stopping_ || poked_; });
    poked_ = false;
  }
}

int Dispatcher::fan_out() {
  int handled = 0;
  int64_t now = clock_.now_ms();
  bool pending = false;  // a cheap read first, so an idle server does not write every tick
  store_.read([&](storage::ReadTx& tx) { pending = !tx.undispatched_events(1).empty(); });
  if (!pending) return 0;
  store_.write([&](storage::WriteTx& tx) {
    for (const auto& ev : tx.undispatched_events(options_.batch)) {
      std::string payload = envelope(ev);
      for (const auto& ep : tx.active_webhook_endpoints(ev.scope)) {
        if (!subscribed(ep, ev.type)) continue;
        storage::WebhookDelivery d;
        d.id = ids::generate("wdl", now);
        d.scope = ev.scope;
        d.endpoint_id = ep.id;
        d.event_id = ev.id;
        d.event_type = ev.type;
        d.payload = payload;
        d.max_attempts = options_.max_attempts;
        d.next_attempt_at = now;
        d.created_at = d.updated_at = now;
        tx.insert_delivery(d);
      }
      tx.mark_event_dispatched(ev.id, now);
      ++handled;
    }
    return true;
  });
  return handled;
}

int Dispatcher::deliver_due() {
  int64_t now = clock_.now_ms();
  bool due = false;
  store_.read([&](storage::ReadTx& tx) { due = !tx.due_deliveries(now, 1).empty(); });
  if (!due) return 0;
  std::vector<std::pair<storage::WebhookDelivery, storage::WebhookEndpoint>> claimed;
  store_.write([&](storage::WriteTx& tx) {
    std::lock_guard lock(mutex_);
    for (auto& d : tx.due_deliveries(now, options_.batch)) {
      if (in_flight_ >= options_.max_in_flight) break;
      if (in_flight_by_endpoint_[d.endpoint_id] >= options_.max_in_flight_per_endpoint) continue;
      auto ep = tx.webhook_endpoint(d.scope, d.endpoint_id);
      if (!ep) {  // the endpoint was deleted: nothing left to deliver to
        d.status = "failed";
        d.completed_at = d.updated_at = now;
        tx.update_delivery(d);
        continue;
      }
      d.status = "processing";
      d.updated_at = now;
      tx.update_delivery(d);
      ++in_flight_;
      ++in_flight_by_endpoint_[d.endpoint_id];
      claimed.emplace_back(std::move(d), std::move(*ep));
    }
    return true;
  });
  std::lock_guard lock(mutex_);
  if (workers_.empty())
    for (size_t i = 0; i < options_.max_in_flight; ++i) workers_.emplace_back([this] { worker(); });
  for (auto& task : claimed) tasks_.push_back(std::move(task));
  task_cv_.notify_all();
  return int(claimed.size());
}

void Dispatcher::attempt(storage::WebhookDelivery d, storage::WebhookEndpoint ep) {
  int64_t now = clock_.now_ms();
  std::vector<std::string> secrets;
  if (auto current = box_.open(ep.secret_sealed)) secrets.push_back(*current);
  // For 24 hours after a rotation the previous secret signs too, so receivers can switch over.
  if (!ep.previous_secret_sealed.empty() && ep.rotated_at && now - *ep.rotated_at < domain::kRotationOverlapMs)
    if (auto previous = box_.open(ep.previous_secret_sealed)) secrets.push_back(*previous);
  std::vector<std::pair<std::string, std::string>> headers = {
      {"Content-Type", "application/json"},
      {"X-Conduit-Signature", domain::signature_header(secrets, now / 1000, d.payload)},
      {"X-Conduit-Event", d.event_type},
      {"X-Conduit-Delivery-Id", d.id}};
  PostResult result = sender_(ep.url, headers, d.payload, d.scope.environment == Environment::production);
  bool ok = result.status && *result.status >= 200 && *result.status < 300;
  int64_t done = clock_.now_ms();

  storage::WebhookAttempt a;
  a.id = ids::generate("wda", done);
  a.delivery_id = d.id;
  a.scope = d.scope;
  a.attempt_number = d.attempts + 1;
  a.status_code = result.status;
  if (result.status) a.response_body = result.body.substr(0, 4096);
  if (!result.error.empty()) a.error = result.error;
  a.duration_ms = result.duration_ms;
  a.created_at = done;

  d.attempts += 1;
  d.updated_at = done;
  if (ok) {
    d.status = "succeeded";
    d.completed_at = done;
  } else if (d.attempts >= d.max_attempts) {
    d.status = "failed";
    d.completed_at = done;
  } else {
    std::lock_guard lock(mutex_);
    d.status = "pending";
    d.next_attempt_at = done + retry_delay_ms(options_.retry_base_ms, d.attempts + 1, rng_);
  }
  store_.write([&](storage::WriteTx& tx) {
    tx.insert_attempt(a);
    tx.update_delivery(d);
    return true;
  });
  if (metrics_) metrics_->record_webhook_delivery(ok ? "succeeded" : (d.status == "failed" ? "failed" : "retrying"));
  {
    std::lock_guard lock(mutex_);
    --in_flight_;
    if (--in_flight_by_endpoint_[d.endpoint_id] == 0) in_flight_by_endpoint_.erase(d.endpoint_id);
  }
  idle_.notify_all();
  poke();  // a slot is free: look for the next due delivery now, not at the next tick
}

void Dispatcher::worker() {
  while (true) {
    std::pair<storage::WebhookDelivery, storage::WebhookEndpoint> task;
    {
      std::unique_lock lock(mutex_);
      task_cv_.wait(lock, [this] { return pool_stopping_ || !tasks_.empty(); });
      if (tasks_.empty()) return;
      task = std::move(tasks_.front());
      tasks_.pop_front();
    }
    attempt(std::move(task.first), std::move(task.second));
  }
}

void Dispatcher::wait_idle() {
  std::unique_lock lock(mutex_);
  idle_.wait(lock, [this] { return in_flight_ == 0; });
}

}  // namespace conduit::webhooks
