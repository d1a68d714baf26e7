#pragma once
// The newest API requests, kept in memory (bounded) for the dashboard's request log, so an
// integrator can find a failing call by its correlation id.
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "common/environment.h"

namespace conduit::platform {

struct RequestLogEntry {
  int64_t time_ms = 0;
  std::string organization_id;
  Environment environment = Environment::sandbox;
  std::string method, path;
  int status = 0;
  std::string key_id;
  std::optional<std::string> key_label;
  std::string correlation_id;
  std::optional<std::string> client_correlation_id;
  double latency_ms = 0;  // observability only
};

class RequestLog {
 public:
  explicit RequestLog(size_t capacity = 10'000) : capacity_(capacity) {}
  void record(RequestLogEntry e);
  // Newest first. `status`: "" (any), a code ("404") or a class ("4xx"). `correlation_id`
  // matches either correlation id exactly.
  std::vector<RequestLogEntry> query(const std::string& organization_id, Environment env, const std::string& status,
                                     const std::string& correlation_id, size_t limit) const;

 private:
  size_t capacity_;
  mutable std::mutex mutex_;
  std::deque<RequestLogEntry> entries_;
};

}  // namespace conduit::platform
