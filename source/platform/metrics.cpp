#include "platform/metrics.h"

#include <cstdio>

namespace conduit::platform {

void Metrics::record_request(const std::string& route, const std::string& method, int status, int64_t duration_ns) {
  std::lock_guard lock(mutex_);
  ++requests_[{route, method, status}];
  auto& h = latency_[route];
  double seconds = double(duration_ns) / 1e9;  // observability only; never money
  for (size_t i = 0; i < kBuckets.size(); ++i)
    if (seconds <= kBuckets[i]) ++h.counts[i];
  ++h.count;
  h.sum_ns += duration_ns;
}

void Metrics::record_rate_limited(const std::string& kind) {
  std::lock_guard lock(mutex_);
  ++rate_limited_[kind];
}

void Metrics::record_replay() {
  std::lock_guard lock(mutex_);
  ++replays_;
}

void Metrics::record_webhook_delivery(const std::string& outcome) {
  std::lock_guard lock(mutex_);
  ++webhook_[outcome];
}

std::string Metrics::render() const {
  std::lock_guard lock(mutex_);
  std::string out;
  char buf[64];
  out += "# HELP conduit_http_requests_total HTTP requests by route, method and status.\n";
  out += "# TYPE conduit_http_requests_total counter\n";
  for (const auto& [k, v] : requests_) {
    auto& [route, method, status] = k;
    out += "conduit_http_requests_total{route=\"" + route + "\",method=\"" + method + "\",status=\"" +
           std::to_string(status) + "\"} " + std::to_string(v) + "\n";
  }
  out += "# HELP conduit_http_request_duration_seconds Request latency by route.\n";
  out += "# TYPE conduit_http_request_duration_seconds histogram\n";
  for (const auto& [route, h] : latency_) {
    for (size_t i = 0; i < kBuckets.size(); ++i) {
      std::snprintf(buf, sizeof buf, "%g", kBuckets[i]);
      out += "conduit_http_request_duration_seconds_bucket{route=\"" + route + "\",le=\"" + buf + "\"} " +
             std::to_string(h.counts[i]) + "\n";
    }
    out += "conduit_http_request_duration_seconds_bucket{route=\"" + route + "\",le=\"+Inf\"} " +
           std::to_string(h.count) + "\n";
    std::snprintf(buf, sizeof buf, "%.9f", double(h.sum_ns) / 1e9);
    out += "conduit_http_request_duration_seconds_sum{route=\"" + route + "\"} " + buf + "\n";
    out += "conduit_http_request_duration_seconds_count{route=\"" + route + "\"} " + std::to_string(h.count) + "\n";
  }
  out += "# HELP conduit_rate_limited_total Requests refused by a rate limit, by bucket kind.\n";
  out += "# TYPE conduit_rate_limited_total counter\n";
  for (const auto& [k, v] : rate_limited_)
    out += "conduit_rate_limited_total{bucket=\"" + k + "\"} " + std::to_string(v) + "\n";
  out += "# HELP conduit_idempotent_replays_total Responses replayed from an idempotency record.\n";
  out += "# TYPE conduit_idempotent_replays_total counter\n";
  out += "conduit_idempotent_replays_total " + std::to_string(replays_) + "\n";
  out += "# HELP conduit_webhook_deliveries_total Webhook delivery attempts by outcome.\n";
  out += "# TYPE conduit_webhook_deliveries_total counter\n";
  for (const auto& [k, v] : webhook_)
    out += "conduit_webhook_deliveries_total{outcome=\"" + k + "\"} " + std::to_string(v) + "\n";
  return out;
}

}  // namespace conduit::platform
