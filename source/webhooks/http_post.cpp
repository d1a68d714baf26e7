#include "webhooks/http_post.h"

#include <fcntl.h>
#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>

#include "domain/destination.h"

namespace conduit::webhooks {
namespace {

using Clock = std::chrono::steady_clock;

struct Url {
  bool tls = false;
  std::string host, port, target;
};

std::optional<Url> parse_url(const std::string& url) {
  Url u;
  std::string rest;
  if (url.rfind("https://", 0) == 0) u.tls = true, rest = url.substr(8);
  else if (url.rfind("http://", 0) == 0) rest = url.substr(7);
  else return std::nullopt;
  auto slash = rest.find_first_of("/?");
  std::string authority = rest.substr(0, slash);
  u.target = slash == std::string::npos ? "/" : rest.substr(slash);
  if (u.target[0] == '?') u.target = "/" + u.target;
  if (!authority.empty() && authority[0] == '[') {
    auto close = authority.find(']');
    if (close == std::string::npos) return std::nullopt;
    u.host = authority.substr(1, close - 1);
    if (close + 1 < authority.size() && authority[close + 1] == ':') u.port = authority.substr(close + 2);
  } else {
    auto colon = authority.rfind(':');
    u.host = authority.substr(0, colon);
    if (colon != std::string::npos) u.port = authority.substr(colon + 1);
  }
  if (u.port.empty()) u.port = u.tls ? "443" : "80";
  if (u.host.empty()) return std::nullopt;
  return u;
}

int remaining_ms(Clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return int(std::max<int64_t>(0, left));
}

bool wait_fd(int fd, short events, Clock::time_point deadline) {
  pollfd p{fd, events, 0};
  return ::poll(&p, 1, remaining_ms(deadline)) > 0;
}

// Non-blocking connect to the first acceptable resolved address, within the deadline.
int connect_to(const Url& u, bool refuse_private, Clock::time_point deadline, std::string& error) {
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* res = nullptr;
  if (getaddrinfo(u.host.c_str(), u.port.c_str(), &hints, &res) != 0 || !res) {
    error = "cannot resolve " + u.host;
    return -1;
  }
  int fd = -1;
  for (addrinfo* ai = res; ai && fd < 0; ai = ai->ai_next) {
    char ip[INET6_ADDRSTRLEN] = {};
    void* addr = ai->ai_family == AF_INET ? static_cast<void*>(&reinterpret_cast<sockaddr_in*>(ai->ai_addr)->sin_addr)
                                          : static_cast<void*>(&reinterpret_cast<sockaddr_in6*>(ai->ai_addr)->sin6_addr);
    inet_ntop(ai->ai_family, addr, ip, sizeof ip);
    if (refuse_private && domain::is_forbidden_address(ip)) {
      error = "destination resolves to a forbidden address";
      continue;
    }
    int s = ::socket(ai->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (s < 0) continue;
    int rc = ::connect(s, ai->ai_addr, ai->ai_addrlen);
    if (rc != 0 && errno == EINPROGRESS && wait_fd(s, POLLOUT, deadline)) {
      int err = 0;
      socklen_t len = sizeof err;
      getsockopt(s, SOL_SOCKET, SO_ERROR, &err, &len);
      rc = err == 0 ? 0 : -1;
    }
    if (rc == 0) fd = s;
    else {
      ::close(s);
      error = remaining_ms(deadline) == 0 ? "timed out connecting" : "connection refused";
    }
  }
  freeaddrinfo(res);
  return fd;
}

class Channel {
 public:
  Channel(int fd, SSL* ssl) : fd_(fd), ssl_(ssl) {}
  ~Channel() {
    if (ssl_) SSL_free(ssl_);
    if (fd_ >= 0) ::close(fd_);
  }
  bool write_all(const std::string& data, Clock::time_point deadline) {
    size_t sent = 0;
    while (sent < data.size()) {
      ssize_t n = ssl_ ? SSL_write(ssl_, data.data() + sent, int(data.size() - sent))
                       : ::send(fd_, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
      if (n > 0) {
        sent += size_t(n);
        continue;
      }
      if (!wait_for(n, deadline)) return false;
    }
    return true;
  }
  // Reads up to `max`; 0 on EOF, -1 on error or deadline.
  ssize_t read_some(char* buf, size_t max, Clock::time_point deadline) {
    while (true) {
      ssize_t n = ssl_ ? SSL_read(ssl_, buf, int(max)) : ::recv(fd_, buf, max, 0);
      if (n >= 0 && !(ssl_ && n == 0 && SSL_get_error(ssl_, int(n)) != SSL_ERROR_ZERO_RETURN)) return n;
      if (!wait_for(n, deadline)) return -1;
    }
  }
  bool handshake(Clock::time_point deadline) {
    while (true) {
      int rc = SSL_connect(ssl_);
      if (rc == 1) return true;
      if (!wait_for(rc, deadline)) return false;
    }
  }

 private:
  bool wait_for(ssize_t rc, Clock::time_point deadline) {
    short events = POLLIN;
    if (ssl_) {
      int e = SSL_get_error(ssl_, int(rc));
      if (e == SSL_ERROR_WANT_WRITE) events = POLLOUT;
      else if (e != SSL_ERROR_WANT_READ) return false;
    } else if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
      return false;
    } else if (rc < 0) {
      events = POLLIN | POLLOUT;
    }
    return remaining_ms(deadline) > 0 && wait_fd(fd_, events, deadline);
  }
  int fd_;
  SSL* ssl_;
};

SSL_CTX* client_context() {
  static SSL_CTX* ctx = [] {
    SSL_CTX* c = SSL_CTX_new(TLS_client_method());
    SSL_CTX_set_min_proto_version(c, TLS1_2_VERSION);
    SSL_CTX_set_default_verify_paths(c);
    SSL_CTX_set_verify(c, SSL_VERIFY_PEER, nullptr);
    return c;
  }();
  return ctx;
}

}  // namespace

PostResult http_post(const std::string& url, const std::vector<std::pair<std::string, std::string>>& headers,
                     const std::string& body, const PostOptions& options) {
  auto start = Clock::now();
  auto deadline = start + options.timeout;
  PostResult r;
  auto finish = [&]() -> PostResult& {
    r.duration_ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
    return r;
  };
  auto u = parse_url(url);
  if (!u) {
    r.error = "invalid url";
    return finish();
  }
  int fd = connect_to(*u, options.refuse_private_addresses, deadline, r.error);
  if (fd < 0) return finish();
  r.error.clear();
  SSL* ssl = nullptr;
  if (u->tls) {
    ssl = SSL_new(client_context());
    SSL_set_fd(ssl, fd);
    SSL_set_tlsext_host_name(ssl, u->host.c_str());
    SSL_set1_host(ssl, u->host.c_str());
  }
  Channel ch(fd, ssl);
  if (ssl && !ch.handshake(deadline)) {
    r.error = remaining_ms(deadline) == 0 ? "timed out during TLS handshake" : "TLS handshake failed";
    return finish();
  }
  std::string req = "POST " + u->target + " HTTP/1.1\r\nHost: " + u->host + "\r\nConnection: close\r\nUser-Agent: conduit-webhooks/2\r\n";
  for (const auto& [k, v] : headers) req += k + ": " + v + "\r\n";
  req += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  if (!ch.write_all(req, deadline)) {
    r.error = remaining_ms(deadline) == 0 ? "timed out sending" : "connection lost while sending";
    return finish();
  }
  // Read the head (bounded) and up to max_body bytes of the body; the rest is not needed.
  std::string in;
  char buf[8192];
  size_t head_end = std::string::npos;
  size_t content_length = std::string::npos;
  while (true) {
    ssize_t n = ch.read_some(buf, sizeof buf, deadline);
    if (n < 0) {
      r.error = remaining_ms(deadline) == 0 ? "timed out waiting for the response" : "connection lost";
      if (!r.status) return finish();
      break;
    }
    in.append(buf, size_t(n));
    if (head_end == std::string::npos) {
      head_end = in.find("\r\n\r\n");
      if (head_end == std::string::npos) {
        if (in.size() > 16384 || n == 0) {
          r.error = "invalid response";
          return finish();
        }
        continue;
      }
      if (in.rfind("HTTP/1.", 0) != 0 || in.size() < 12) {
        r.error = "invalid response";
        return finish();
      }
      r.status = std::atoi(in.substr(9, 3).c_str());
      std::string head = in.substr(0, head_end);
      std::transform(head.begin(), head.end(), head.begin(), [](unsigned char c) { return char(std::tolower(c)); });
      auto cl = head.find("\r\ncontent-length:");
      if (cl != std::string::npos) content_length = std::strtoul(head.c_str() + cl + 17, nullptr, 10);
    }
    size_t have = in.size() - (head_end + 4);
    if (n == 0 || have >= options.max_body || (content_length != std::string::npos && have >= content_length)) break;
  }
  r.body = in.substr(head_end + 4, options.max_body);
  r.error.clear();
  return finish();
}

}  // namespace conduit::webhooks
