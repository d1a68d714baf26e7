#include "support/http_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace conduit::test {

std::optional<std::string> HttpResponse::header(const std::string& name) const {
  for (const auto& [k, v] : headers)
    if (k == name) return v;
  return std::nullopt;
}

size_t HttpResponse::header_count(const std::string& name) const {
  return std::count_if(headers.begin(), headers.end(), [&](const auto& h) { return h.first == name; });
}

std::pair<std::string, uint16_t> split_host_port(const std::string& hp) {
  auto colon = hp.rfind(':');
  return {hp.substr(0, colon), static_cast<uint16_t>(std::stoi(hp.substr(colon + 1)))};
}

HttpClient::HttpClient(std::string host, uint16_t port) : host_(std::move(host)), port_(port) {}
HttpClient::~HttpClient() { close(); }

void HttpClient::close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  pending_.clear();
}

void HttpClient::connect() {
  close();
  fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port_);
  inet_pton(AF_INET, host_.c_str(), &addr.sin_addr);
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0)
    throw std::runtime_error("connect failed: " + std::string(strerror(errno)));
  int one = 1;
  setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  timeval tv{30, 0};  // a test must never hang on a silent server
  setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
}

void HttpClient::send_raw(const std::string& bytes) {
  if (fd_ < 0) connect();
  size_t sent = 0;
  while (sent < bytes.size()) {
    ssize_t n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) throw std::runtime_error("send failed");
    sent += size_t(n);
  }
}

std::optional<HttpResponse> HttpClient::read_response(bool head_request) {
  auto fill = [&]() {
    char buf[65536];
    ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    if (n <= 0) return false;
    pending_.append(buf, size_t(n));
    return true;
  };
  size_t header_end;
  while ((header_end = pending_.find("\r\n\r\n")) == std::string::npos)
    if (!fill()) return std::nullopt;
  HttpResponse r;
  std::string head = pending_.substr(0, header_end);
  pending_.erase(0, header_end + 4);
  size_t line_end = head.find("\r\n");
  std::string status_line = head.substr(0, line_end);
  r.status = std::stoi(status_line.substr(9, 3));
  size_t pos = line_end == std::string::npos ? head.size() : line_end + 2;
  while (pos < head.size()) {
    size_t end = head.find("\r\n", pos);
    if (end == std::string::npos) end = head.size();
    std::string line = head.substr(pos, end - pos);
    auto colon = line.find(':');
    std::string name = line.substr(0, colon);
    std::transform(name.begin(), name.end(), name.begin(), ::tolower);
    std::string value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(' '));
    r.headers.emplace_back(name, value);
    pos = end + 2;
  }
  if (r.status == 100) return read_response(head_request);
  size_t length = 0;
  if (auto cl = r.header("content-length")) length = std::stoul(*cl);
  if (head_request || r.status == 204 || r.status == 304) length = 0;
  while (pending_.size() < length)
    if (!fill()) return std::nullopt;
  r.body = pending_.substr(0, length);
  pending_.erase(0, length);
  if (auto c = r.header("connection"); c && *c == "close") close();
  return r;
}

std::optional<HttpResponse> HttpClient::raw(const std::string& bytes) {
  send_raw(bytes);
  return read_response();
}

void HttpClient::shutdown_write() {
  if (fd_ >= 0) ::shutdown(fd_, SHUT_WR);
}

bool HttpClient::closed_by_peer(int timeout_ms) {
  if (fd_ < 0) return true;
  pollfd p{fd_, POLLIN, 0};
  if (::poll(&p, 1, timeout_ms) <= 0) return false;
  char c;
  return ::recv(fd_, &c, 1, MSG_PEEK) <= 0;
}

HttpResponse HttpClient::request(const std::string& method, const std::string& target,
                                 const std::vector<std::pair<std::string, std::string>>& headers,
                                 const std::optional<std::string>& body) {
  std::string req = method + " " + target + " HTTP/1.1\r\nHost: " + host_ + "\r\n";
  for (const auto& [k, v] : headers) req += k + ": " + v + "\r\n";
  if (body) req += "Content-Length: " + std::to_string(body->size()) + "\r\n";
  req += "\r\n";
  if (body) req += *body;
  for (int attempt = 0; attempt < 2; ++attempt) {
    try {
      if (fd_ < 0) connect();
      send_raw(req);
      if (auto r = read_response(method == "HEAD")) return *r;
    } catch (const std::exception&) {
      if (attempt == 1) throw;
    }
    connect();  // the server closed a kept-alive connection: retry once on a fresh one
  }
  throw std::runtime_error("no response");
}

}  // namespace conduit::test
