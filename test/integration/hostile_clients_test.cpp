// Hostile and broken clients over real sockets: the server keeps answering everyone else,
// refuses cleanly, and never hangs or crashes.
#include <sys/socket.h>

#include <atomic>
#include <thread>

#include "integration/fixture.h"

namespace conduit::test {
namespace {

bool healthy(const ServerProcess& s) {
  auto c = s.sandbox_client();
  return c->request("GET", "/healthz").status == 200;
}

}  // namespace

TEST(HostileClients, SlowlorisAndSlowBodiesDoNotStarveOthers) {
  ServerProcess server({"--header-timeout-ms", "1500", "--body-timeout-ms", "1500"});
  std::vector<std::unique_ptr<HttpClient>> slow;
  for (int i = 0; i < 150; ++i) {  // headers trickled, never finished
    slow.push_back(server.sandbox_client());
    slow.back()->send_raw("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ");
  }
  for (int i = 0; i < 150; ++i) {  // bodies promised, never sent
    slow.push_back(server.sandbox_client());
    slow.back()->send_raw("POST /v2/webhooks/endpoints HTTP/1.1\r\nHost: x\r\nx-api-key: " + server.bootstrap_key() +
                          "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"url\":");
  }
  // One more byte on each, as a slowloris would, while normal clients are served promptly.
  for (auto& s : slow) s->send_raw("a");
  auto start = std::chrono::steady_clock::now();
  auto c = server.sandbox_client();
  for (int i = 0; i < 50; ++i) ASSERT_EQ(c->request("GET", "/v2/customers", key_header(server.bootstrap_key())).status, 200);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  // Every slow connection is cut at its deadline (waited for as an event, bounded).
  for (auto& s : slow) EXPECT_TRUE(s->closed_by_peer(15000));
}

TEST(HostileClients, InvalidHttpIsRefusedAndTheServerStaysUp) {
  ServerProcess server;
  const std::vector<std::string> garbage = {
      "GET /healthz HTTP/9.9\r\n\r\n",
      "G@T /healthz HTTP/1.1\r\nHost: x\r\n\r\n",
      "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
      "GET /healthz HTTP/1.1\r\nHost x\r\n\r\n",
      "POST /v2/webhooks/endpoints HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello",
      "POST /v2/webhooks/endpoints HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
      "POST /v2/webhooks/endpoints HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\nxx\r\n",
      "POST /v2/webhooks/endpoints HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
      std::string("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Nul: a\0b\r\n\r\n", 44),
  };
  for (const auto& g : garbage) {
    SCOPED_TRACE(g.substr(0, 40));
    auto c = server.sandbox_client();
    c->send_raw(g);
    auto r = c->read_response();
    if (r) {
      EXPECT_TRUE(r->status == 400 || r->status == 401 || r->status == 411 || r->status == 413) << r->status;
    }
    ASSERT_TRUE(healthy(server));
  }
}

TEST(HostileClients, PipeliningFloodIsAnsweredInOrder) {
  ServerProcess server;
  auto c = server.sandbox_client();
  std::string flood;
  for (int i = 0; i < 1000; ++i)
    flood += i % 2 ? "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n" : "GET /v2/nope HTTP/1.1\r\nHost: x\r\n\r\n";
  c->send_raw("");  // connect before the writer and the reader share the socket
  std::thread writer([&] { c->send_raw(flood); });
  int answered = 0;
  for (int i = 0; i < 1000; ++i) {
    auto r = c->read_response();
    if (!r) break;
    EXPECT_EQ(r->status, i % 2 ? 200 : 404);
    ++answered;
  }
  writer.join();
  EXPECT_EQ(answered, 1000);
}

TEST(HostileClients, ConnectionStormBeyondTheBound) {
  ServerProcess server({"--max-connections", "100"});
  auto [host, port] = split_host_port(server.sandbox());
  std::vector<std::unique_ptr<HttpClient>> storm;
  int closed_without_answer = 0;
  for (int i = 0; i < 300; ++i) {
    storm.push_back(std::make_unique<HttpClient>(host, port));
    try {
      storm.back()->send_raw("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
      auto r = storm.back()->read_response();
      if (!r) ++closed_without_answer;
      else EXPECT_EQ(r->status, 200);
    } catch (...) {
      ++closed_without_answer;
    }
  }
  EXPECT_GE(closed_without_answer, 150);  // beyond the bound: refused cleanly
  storm.clear();
  bool recovered = false;
  for (int i = 0; i < 100 && !recovered; ++i) {
    try {
      recovered = healthy(server);
    } catch (...) {
    }
    if (!recovered) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_TRUE(recovered);
}

TEST(HostileClients, HalfClosedConnectionStillGetsItsAnswer) {
  ServerProcess server;
  auto [host, port] = split_host_port(server.sandbox());
  HttpClient c(host, port);
  c.send_raw("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  c.shutdown_write();  // no more requests from this side
  auto r = c.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
}

}  // namespace conduit::test
