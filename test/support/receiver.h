#pragma once
// A webhook receiver on loopback for tests: records every request and answers with a status
// chosen per request (or never answers). Waiting is on a condition variable, bounded.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace conduit::test {

struct Received {
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  std::chrono::steady_clock::time_point at;
};

class Receiver {
 public:
  // `status_for(n)` gives the status for the n-th request (0-based); 0 means never answer.
  explicit Receiver(std::function<int(size_t)> status_for = [](size_t) { return 200; });
  ~Receiver();
  std::string url(const std::string& path = "/hooks") const;
  // Waits until at least `n` requests arrived (at most `timeout`); returns whether they did.
  bool wait_for(size_t n, std::chrono::milliseconds timeout = std::chrono::seconds(20));
  std::vector<Received> received();
  size_t count();

 private:
  void serve(int fd);
  int listen_fd_ = -1;
  uint16_t port_ = 0;
  std::function<int(size_t)> status_for_;
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;
  std::condition_variable cv_;
  std::vector<Received> received_;
  std::vector<int> open_fds_;
  std::thread acceptor_;
  std::vector<std::thread> handlers_;
};

}  // namespace conduit::test
