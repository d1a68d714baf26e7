#pragma once
// A small blocking HTTP/1.1 client over a POSIX socket, for tests that speak to a real server.
// Deliberately independent of the server's own HTTP code.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace conduit::test {

struct HttpResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;
  std::optional<std::string> header(const std::string& lower_name) const;
  size_t header_count(const std::string& lower_name) const;
};

class HttpClient {
 public:
  HttpClient(std::string host, uint16_t port);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;

  // Sends one request on the kept-alive connection (reconnecting if the server closed it).
  HttpResponse request(const std::string& method, const std::string& target,
                       const std::vector<std::pair<std::string, std::string>>& headers = {},
                       const std::optional<std::string>& body = std::nullopt);
  // Writes raw bytes and reads one response (or nullopt if the server closed without one).
  std::optional<HttpResponse> raw(const std::string& bytes);
  void send_raw(const std::string& bytes);
  std::optional<HttpResponse> read_response(bool head_request = false);
  bool closed_by_peer(int timeout_ms);
  void shutdown_write();  // half-close: no more requests from this side
  void close();

 private:
  void connect();
  std::string host_;
  uint16_t port_;
  int fd_ = -1;
  std::string pending_;
};

// "127.0.0.1:1234" -> host, port
std::pair<std::string, uint16_t> split_host_port(const std::string& hp);

}  // namespace conduit::test
