#pragma once
// A small blocking HTTP/1.1 POST for webhook delivery: http or https (OpenSSL, certificate and
// host name verified), one request per connection, one deadline for the whole exchange, and a
// bounded response read. Optionally refuses destinations that resolve to forbidden addresses
// (checked on the resolved address actually connected to, so DNS rebinding cannot slip past).
#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace conduit::webhooks {

struct PostResult {
  std::optional<int> status;  // set when a response status line was read
  std::string body;           // at most max_body bytes of the response body
  std::string error;          // set when no response was received (timeout, refused, TLS, forbidden…)
  int64_t duration_ms = 0;
};

struct PostOptions {
  std::chrono::milliseconds timeout{10'000};
  size_t max_body = 4096;
  bool refuse_private_addresses = false;  // production endpoints
};

PostResult http_post(const std::string& url, const std::vector<std::pair<std::string, std::string>>& headers,
                     const std::string& body, const PostOptions& options);

}  // namespace conduit::webhooks
