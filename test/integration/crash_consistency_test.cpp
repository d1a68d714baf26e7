// kill -9 at random moments under concurrent idempotent creates, many times: after each restart
// every acknowledged create is there with its stored result, retries of every request converge to
// exactly one resource per key, and the database passes its integrity check.
#include <atomic>
#include <map>
#include <mutex>
#include <random>
#include <thread>

#include "integration/fixture.h"
#include "storage/sqlite.h"

namespace conduit::test {

TEST(CrashConsistency, KillNineUnderConcurrentCreates) {
  TempDir dir;
  std::mt19937 rng(20261204);
  std::map<std::string, std::string> acknowledged;  // idempotency key -> response body
  std::vector<std::string> sent;
  std::mutex mutex;
  std::string key;
  constexpr int kRounds = 6, kThreads = 6;
  for (int round = 0; round < kRounds; ++round) {
    ServerProcess server({"--rate-limit", "1000000"}, dir.path());
    if (key.empty()) key = server.bootstrap_key();
    auto [host, port] = split_host_port(server.sandbox());
    std::atomic<bool> stop{false};
    std::vector<std::thread> clients;
    for (int t = 0; t < kThreads; ++t)
      clients.emplace_back([&, t, host = host, port = port] {
        HttpClient c(host, port);
        for (int i = 0; !stop && i < 10000; ++i) {
          std::string k = "r" + std::to_string(round) + "-t" + std::to_string(t) + "-" + std::to_string(i);
          {
            std::lock_guard lock(mutex);
            sent.push_back(k);
          }
          auto h = json_headers(key);
          h.emplace_back("idempotency-key", k);
          try {
            auto r = c.request("POST", "/v2/webhooks/endpoints", h, R"({"url":"https://example.com/)" + k + "\"}");
            if (r.status == 201) {
              std::lock_guard lock(mutex);
              acknowledged[k] = r.body;
            }
          } catch (...) {
            return;  // the server died mid-request
          }
        }
      });
    std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(30, 250)(rng)));
    server.kill9();
    stop = true;
    for (auto& c : clients) c.join();
  }

  // Recovery: every request, acknowledged or not, is retried with its key.
  ServerProcess server({"--rate-limit", "1000000"}, dir.path());
  auto c = server.sandbox_client();
  ASSERT_GT(acknowledged.size(), 20u);
  for (const auto& k : sent) {
    auto h = json_headers(key);
    h.emplace_back("idempotency-key", k);
    auto r = c->request("POST", "/v2/webhooks/endpoints", h, R"({"url":"https://example.com/)" + k + "\"}");
    ASSERT_EQ(r.status, 201) << k << " " << r.body;
    if (auto it = acknowledged.find(k); it != acknowledged.end()) {
      EXPECT_EQ(r.body, it->second) << k;  // the stored result, byte for byte
      EXPECT_EQ(r.header("idempotent-replayed").value_or(""), "true") << k;
    }
  }
  // Exactly one endpoint per key.
  std::map<std::string, int> per_url;
  std::string cursor;
  for (int pages = 0; pages < 1000; ++pages) {
    auto page = body_of(c->request("GET", "/v2/webhooks/endpoints?limit=100" + (cursor.empty() ? "" : "&cursor=" + cursor), key_header(key)));
    for (auto& e : page["data"].as_array()) ++per_url[std::string(e.as_object()["url"].as_string())];
    auto& next = page["meta"].as_object()["nextCursor"];
    if (next.is_null()) break;
    cursor = std::string(next.as_string());
  }
  EXPECT_EQ(per_url.size(), sent.size());
  for (const auto& [url, n] : per_url) EXPECT_EQ(n, 1) << url;
  server.stop(SIGTERM);
  storage::Connection db(dir.path() + "/conduit.db");
  auto& check = db.prepare("PRAGMA integrity_check");
  ASSERT_TRUE(check.step());
  EXPECT_EQ(check.text(0), "ok");
}

}  // namespace conduit::test
