// The HTTP layer under real sockets: keep-alive, pipelining, bounds, timeouts, connection
// limit and graceful shutdown.
#include <sys/socket.h>

#include <thread>

#include "integration/fixture.h"

namespace conduit::test {

TEST(HttpServer, KeepAliveAndPipelining) {
  ServerProcess server;
  auto c = server.sandbox_client();
  for (int i = 0; i < 5; ++i) EXPECT_EQ(c->request("GET", "/healthz").status, 200);
  // Three requests in one write; three answers, in order, on the same connection.
  c->send_raw("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /v2/nope HTTP/1.1\r\nHost: x\r\n\r\n"
              "GET /readyz HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(c->read_response()->status, 200);
  EXPECT_EQ(c->read_response()->status, 404);
  EXPECT_EQ(c->read_response()->status, 200);
}

TEST(HttpServer, OversizedAndInvalidRequestsAreRefusedCleanly) {
  ServerProcess server;
  {
    auto c = server.sandbox_client();
    auto r = c->raw("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20000, 'a') + "\r\n\r\n");
    ASSERT_TRUE(r);
    expect_problem(*r, 431, "REQUEST_HEADER_FIELDS_TOO_LARGE");
  }
  {
    auto c = server.sandbox_client();
    auto r = c->raw("GET /" + std::string(20000, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n");
    ASSERT_TRUE(r);
    EXPECT_TRUE(r->status == 431 || r->status == 400);
  }
  {
    auto c = server.sandbox_client();
    std::string many = "GET /healthz HTTP/1.1\r\nHost: x\r\n";
    for (int i = 0; i < 2000; ++i) many += "X-H" + std::to_string(i) + ": v\r\n";
    auto r = c->raw(many + "\r\n");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 431);
  }
  {
    auto c = server.sandbox_client();
    auto r = c->raw("THIS IS NOT HTTP\r\n\r\n");
    ASSERT_TRUE(r);
    expect_problem(*r, 400, "VALIDATION_ERROR");
  }
  {
    // Declared body over the limit: 413 at once, without sending the body.
    auto c = server.sandbox_client();
    auto r = c->raw("POST /v2/webhooks/endpoints HTTP/1.1\r\nHost: x\r\nContent-Length: 5000000\r\n\r\n");
    ASSERT_TRUE(r);
    expect_problem(*r, 413, "PAYLOAD_TOO_LARGE");
  }
  {
    // Streamed (chunked) body over the limit: 413 once the limit is crossed.
    auto c = server.sandbox_client();
    c->send_raw("POST /v2/webhooks/endpoints HTTP/1.1\r\nHost: x\r\nx-api-key: " + server.bootstrap_key() +
                "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
    std::string chunk(64 * 1024, ' ');
    char size[16];
    std::snprintf(size, sizeof size, "%zx\r\n", chunk.size());
    std::optional<HttpResponse> r;
    for (int i = 0; i < 40; ++i) {
      try {
        c->send_raw(size + chunk + "\r\n");
      } catch (...) {
        break;  // the server answered and closed
      }
    }
    r = c->read_response();
    ASSERT_TRUE(r);
    expect_problem(*r, 413, "PAYLOAD_TOO_LARGE");
  }
  // The server is still healthy.
  EXPECT_EQ(server.sandbox_client()->request("GET", "/healthz").status, 200);
}

TEST(HttpServer, SlowClientsAreCutOffWhileOthersAreServed) {
  ServerProcess server({"--header-timeout-ms", "300", "--body-timeout-ms", "300"});
  auto slow_headers = server.sandbox_client();
  slow_headers->send_raw("GET /healthz HTTP/1.1\r\nHo");
  auto slow_body = server.sandbox_client();
  slow_body->send_raw("POST /v2/webhooks/endpoints HTTP/1.1\r\nHost: x\r\nx-api-key: " + server.bootstrap_key() +
                      "\r\nContent-Length: 100\r\n\r\n{");
  // Meanwhile a normal client is served.
  EXPECT_EQ(server.sandbox_client()->request("GET", "/healthz").status, 200);
  // Both slow connections are closed by the server once their deadline passes (waited for
  // as an event, bounded at 10 s).
  EXPECT_TRUE(slow_headers->closed_by_peer(10000));
  EXPECT_TRUE(slow_body->closed_by_peer(10000));
}

TEST(HttpServer, ConnectionsBeyondTheBoundAreClosedAndTheServerStaysHealthy) {
  ServerProcess server({"--max-connections", "4"});
  std::vector<std::unique_ptr<HttpClient>> held;
  for (int i = 0; i < 4; ++i) {
    held.push_back(server.sandbox_client());
    EXPECT_EQ(held.back()->request("GET", "/healthz").status, 200);
  }
  auto extra = server.sandbox_client();
  extra->send_raw("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_FALSE(extra->read_response());  // closed without an answer
  held.pop_back();                       // free one slot
  bool served = false;
  for (int attempt = 0; attempt < 50 && !served; ++attempt) {  // the close reaches the server asynchronously
    auto again = server.sandbox_client();
    try {
      again->send_raw("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
      auto r = again->read_response();
      served = r && r->status == 200;
    } catch (...) {
    }
    if (!served) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_TRUE(served);
}

TEST(HttpServer, GracefulShutdownFinishesTheRequestInFlight) {
  ServerProcess server;
  auto c = server.sandbox_client();
  std::string body = R"({"url":"https://example.com/inflight"})";
  c->send_raw("POST /v2/webhooks/endpoints HTTP/1.1\r\nHost: x\r\nx-api-key: " + server.bootstrap_key() +
              "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" +
              body.substr(0, 5));
  auto idle = server.sandbox_client();
  EXPECT_EQ(idle->request("GET", "/healthz").status, 200);
  // Confirm the server has the partial request before signalling.
  EXPECT_EQ(server.sandbox_client()->request("GET", "/healthz").status, 200);
  std::thread stopper([&] { EXPECT_EQ(server.stop(SIGTERM), 0); });
  EXPECT_TRUE(idle->closed_by_peer(10000));  // idle keep-alive connections are closed
  c->send_raw(body.substr(5));
  auto r = c->read_response();
  stopper.join();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 201);
}

}  // namespace conduit::test
