#include "support/receiver.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <stdexcept>

namespace conduit::test {

Receiver::Receiver(std::function<int(size_t)> status_for) : status_for_(std::move(status_for)) {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  int one = 1;
  setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(listen_fd_, 128) != 0)
    throw std::runtime_error("receiver: cannot listen");
  socklen_t len = sizeof addr;
  getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  acceptor_ = std::thread([this] {
    while (!stopping_) {
      pollfd p{listen_fd_, POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0) continue;
      int fd = ::accept(listen_fd_, nullptr, nullptr);
      if (fd < 0) continue;
      std::lock_guard lock(mutex_);
      open_fds_.push_back(fd);
      handlers_.emplace_back([this, fd] { serve(fd); });
    }
  });
}

Receiver::~Receiver() {
  stopping_ = true;
  acceptor_.join();
  {
    std::lock_guard lock(mutex_);
    for (int fd : open_fds_) ::shutdown(fd, SHUT_RDWR);
  }
  for (auto& t : handlers_) t.join();
  for (int fd : open_fds_) ::close(fd);
  ::close(listen_fd_);
}

std::string Receiver::url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port_) + path; }

void Receiver::serve(int fd) {
  std::string in;
  char buf[8192];
  size_t head_end;
  while ((head_end = in.find("\r\n\r\n")) == std::string::npos) {
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) return;
    in.append(buf, size_t(n));
  }
  Received r;
  r.at = std::chrono::steady_clock::now();
  std::string head = in.substr(0, head_end);
  size_t pos = head.find("\r\n");
  size_t length = 0;
  while (pos != std::string::npos && pos < head.size()) {
    size_t end = head.find("\r\n", pos + 2);
    std::string line = head.substr(pos + 2, end == std::string::npos ? std::string::npos : end - pos - 2);
    auto colon = line.find(':');
    if (colon != std::string::npos) {
      std::string name = line.substr(0, colon);
      std::transform(name.begin(), name.end(), name.begin(), ::tolower);
      std::string value = line.substr(colon + 1);
      value.erase(0, value.find_first_not_of(' '));
      if (name == "content-length") length = std::stoul(value);
      r.headers[name] = value;
    }
    pos = end;
  }
  r.body = in.substr(head_end + 4);
  while (r.body.size() < length) {
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) return;
    r.body.append(buf, size_t(n));
  }
  size_t index;
  {
    std::lock_guard lock(mutex_);
    index = received_.size();
    received_.push_back(r);
  }
  cv_.notify_all();
  int status = status_for_(index);
  if (status == 0) {  // never answer: hold the connection until the client gives up
    while (!stopping_) {
      pollfd p{fd, POLLIN, 0};
      if (::poll(&p, 1, 50) > 0 && ::recv(fd, buf, sizeof buf, 0) <= 0) break;
    }
    return;
  }
  std::string body = "{\"received\":true}";
  std::string resp = "HTTP/1.1 " + std::to_string(status) + " X\r\nContent-Type: application/json\r\nContent-Length: " +
                     std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
  ::send(fd, resp.data(), resp.size(), MSG_NOSIGNAL);
}

bool Receiver::wait_for(size_t n, std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  return cv_.wait_for(lock, timeout, [&] { return received_.size() >= n; });
}

std::vector<Received> Receiver::received() {
  std::lock_guard lock(mutex_);
  return received_;
}

size_t Receiver::count() {
  std::lock_guard lock(mutex_);
  return received_.size();
}

}  // namespace conduit::test
