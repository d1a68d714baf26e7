#pragma once
// The HTTP/1.1 server: listeners, connections, framing, bounds and timeouts. Everything
// about what a request means lives behind `Application`; this layer only moves bytes.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "http/message.h"

namespace conduit::http {

// One request's journey through the application. The server calls, in order:
// on_headers() -> (body read, unless answered) -> on_body() or on_body_too_large()
// -> finish() on whatever response goes out. on_body answers through `respond`, possibly later
// and from another thread (a write waits for its group commit without holding a worker).
using Respond = std::function<void(Response)>;

class Exchange {
 public:
  virtual ~Exchange() = default;
  virtual std::optional<Response> on_headers() = 0;
  virtual uint64_t body_limit() const = 0;
  virtual void on_body(Respond respond) = 0;
  virtual Response on_body_too_large() = 0;
  virtual void finish(Response& response) = 0;
};

class Application {
 public:
  virtual ~Application() = default;
  virtual std::unique_ptr<Exchange> begin(Request& request) = 0;
  // A request that could not be framed (bad syntax, oversized headers): status 400 or 431.
  virtual Response framing_error(int status, const Request& partial) = 0;
};

struct ServerOptions {
  int threads = 1;
  size_t max_connections = 20000;
  size_t header_limit = 16 * 1024;          // request line + headers, bytes
  std::chrono::milliseconds header_timeout{10'000};   // first byte to end of headers
  std::chrono::milliseconds body_timeout{30'000};     // whole body
  std::chrono::milliseconds idle_timeout{75'000};     // keep-alive wait for the next request
  std::chrono::milliseconds write_timeout{30'000};
  std::chrono::milliseconds shutdown_grace{10'000};   // in-flight requests on SIGTERM
  bool handle_signals = true;
};

struct Listener {
  Environment environment;
  std::string host;
  uint16_t port = 0;
};

class Server {
 public:
  Server(Application& app, ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens; returns "host:port" per listener with the real port. Throws on failure.
  std::vector<std::string> bind(const std::vector<Listener>& listeners);
  // Serves until stop() or SIGINT/SIGTERM, then drains in-flight requests (bounded) and returns.
  void run();
  void stop();
  size_t open_connections() const;

  struct Impl;  // defined in server.cpp (public only so its sessions can name it)

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace conduit::http
