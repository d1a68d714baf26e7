// After a workload that touches every secret the server handles (API keys, webhook signing
// secrets before and after rotation), no plaintext secret appears in the log, the metrics, any
// error body, or any file of the data directory.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "integration/fixture.h"
#include "support/receiver.h"

namespace conduit::test {

TEST(SecretsScan, NoPlaintextAnywhere) {
  ServerProcess server({"--log-level", "debug", "--webhook-retry-base-ms", "20"});
  std::vector<std::string> secrets = {server.bootstrap_key()};
  auto [org, rw] = make_org_key(server, "sandbox", "read_write");
  secrets.push_back(rw);
  auto ro = server.cli({"keys", "create", "--org", org, "--env", "production"}).json().as_object();
  secrets.emplace_back(ro["key"].as_string());
  auto revoked = server.cli({"keys", "create", "--org", org, "--env", "sandbox"}).json().as_object();
  secrets.emplace_back(revoked["key"].as_string());
  server.cli({"keys", "revoke", std::string(revoked["id"].as_string())});

  auto c = server.sandbox_client();
  std::string bodies;  // every response body, errors included
  auto keep = [&](const HttpResponse& r) { bodies += r.body + "\n"; };
  Receiver receiver;
  auto created = c->request("POST", "/v2/webhooks/endpoints", json_headers(rw), R"({"url":")" + receiver.url() + "\"}");
  keep(created);
  std::string endpoint_id(body_of(created)["id"].as_string());
  secrets.emplace_back(body_of(created)["secret"].as_string());
  auto h = key_header(rw);
  h.emplace_back("idempotency-key", "rotate-scan");
  auto rotated = c->request("POST", "/v2/webhooks/endpoints/" + endpoint_id + "/rotate", h);
  secrets.emplace_back(body_of(rotated)["secret"].as_string());
  // Requests that fail with secrets in them: revoked key, key on the wrong listener, key with a typo.
  keep(c->request("GET", "/v2/customers", key_header(secrets[3])));
  keep(server.production_client()->request("GET", "/v2/customers", key_header(rw)));
  keep(c->request("GET", "/v2/customers", key_header(rw.substr(0, rw.size() - 1) + "x")));
  keep(c->request("GET", "/v2/webhooks/endpoints/" + endpoint_id, key_header(rw)));
  keep(c->request("GET", "/v2/test/fail", key_header(rw)));
  keep(c->request("POST", "/v2/webhooks/endpoints", json_headers(rw), R"({"url":")" + secrets.back() + "\"}"));
  keep(c->request("GET", "/v2/webhooks/deliveries", key_header(rw)));
  std::string metrics = c->request("GET", "/metrics").body;
  server.stop(SIGTERM);

  std::string files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(server.data_dir())) {
    if (!e.is_regular_file() || e.path().filename() == "server.log") continue;
    std::ifstream f(e.path(), std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    files += ss.str();
  }
  // Structured log lines (the bootstrap notice for a human is the one deliberate exception).
  std::string log_lines;
  std::istringstream log(server.log());
  for (std::string line; std::getline(log, line);)
    if (!line.empty() && line[0] == '{') log_lines += line + "\n";
  ASSERT_GT(log_lines.size(), 500u);
  for (const auto& s : secrets) {
    SCOPED_TRACE(s.substr(0, 12));
    // The whole secret and its random part alone.
    for (const std::string& needle : {s, s.substr(s.find('_', 3) + 1)}) {
      EXPECT_EQ(log_lines.find(needle), std::string::npos) << "in the log: " << log_lines.substr(log_lines.rfind("\n", log_lines.find(needle)) + 1, 400);
      EXPECT_EQ(metrics.find(needle), std::string::npos) << "in the metrics";
      EXPECT_EQ(files.find(needle), std::string::npos) << "in the data directory";
    }
  }
  // Error bodies never echo an API key (the URL in the last validation error is the client's
  // own input, not a secret the server holds, so only keys are checked here).
  for (size_t i = 0; i < 4; ++i) EXPECT_EQ(bodies.find(secrets[i]), std::string::npos);
}

}  // namespace conduit::test
