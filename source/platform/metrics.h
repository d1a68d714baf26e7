#pragma once
// Prometheus counters and histograms for /metrics. Kept deliberately small: a mutex per
// update is cheap next to a request, and the label sets are bounded by the route table.
#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace conduit::platform {

class Metrics {
 public:
  void record_request(const std::string& route, const std::string& method, int status, int64_t duration_ns);
  void record_rate_limited(const std::string& bucket_kind);
  void record_replay();
  void record_webhook_delivery(const std::string& outcome);
  std::string render() const;

 private:
  static constexpr std::array<double, 10> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1.0};
  struct Histogram {
    std::array<uint64_t, kBuckets.size()> counts{};
    uint64_t count = 0;
    int64_t sum_ns = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, int>, uint64_t> requests_;
  std::map<std::string, Histogram> latency_;
  std::map<std::string, uint64_t> rate_limited_;
  std::map<std::string, uint64_t> webhook_;
  uint64_t replays_ = 0;
};

}  // namespace conduit::platform
