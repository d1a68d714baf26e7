// API keys and the CLI (operations.md): outputs, exit codes, secrets never stored or logged.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "integration/fixture.h"

namespace conduit::test {
namespace {
std::string read_file(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}
// Every byte the store keeps: the database, its WAL and anything else in the data directory.
std::string data_dir_bytes(const std::string& dir) {
  std::string all;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir))
    if (e.is_regular_file() && e.path().filename() != "server.log") all += read_file(e.path().string());
  return all;
}
}  // namespace

TEST(Keys, CliContract) {
  ServerProcess server;
  auto org = server.cli({"org", "create", "--name", "Acme Ltd"});
  ASSERT_EQ(org.exit_code, 0);
  auto o = org.json().as_object();
  std::string org_id(o["id"].as_string());
  EXPECT_EQ(o["name"], "Acme Ltd");
  EXPECT_EQ(o["production"].as_object()["status"], "inactive");

  // Options after the positional argument work too.
  auto created = server.cli({"keys", "create", "--env", "sandbox", "--org", org_id, "--label", "ci"});
  ASSERT_EQ(created.exit_code, 0) << created.err;
  auto k = created.json().as_object();
  for (const char* f : {"id", "key", "organizationId", "environment", "access", "label", "createdAt"})
    EXPECT_TRUE(k.contains(f)) << f;
  EXPECT_EQ(k["access"], "read_only");  // the default
  EXPECT_EQ(k["label"], "ci");
  std::string plaintext(k["key"].as_string()), key_id(k["id"].as_string());

  auto list = server.cli({"keys", "list", "--org", org_id});
  ASSERT_EQ(list.exit_code, 0);
  EXPECT_EQ(list.out.find(plaintext), std::string::npos);
  auto item = list.json().as_array().at(0).as_object();
  EXPECT_EQ(item["keyPrefix"], plaintext.substr(0, 12).c_str());
  EXPECT_EQ(item["keyLast4"], plaintext.substr(plaintext.size() - 4).c_str());
  EXPECT_TRUE(item["lastUsedAt"].is_null());
  EXPECT_TRUE(item["revokedAt"].is_null());
  EXPECT_FALSE(item.contains("key"));

  // lastUsedAt is recorded after use (flushed about once a second; waited for, bounded).
  EXPECT_EQ(server.sandbox_client()->request("GET", "/v2/webhooks/endpoints", key_header(plaintext)).status, 200);
  bool used = false;
  for (int i = 0; i < 100 && !used; ++i) {
    used = !server.cli({"keys", "list", "--org", org_id}).json().as_array().at(0).as_object()["lastUsedAt"].is_null();
    if (!used) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_TRUE(used);

  auto revoked = server.cli({"keys", "revoke", key_id});
  ASSERT_EQ(revoked.exit_code, 0);
  std::string first_revocation(revoked.json().as_object()["revokedAt"].as_string());
  // Revoking again keeps the first revocation time: a revoked key is never reactivated.
  EXPECT_EQ(server.cli({"keys", "revoke", key_id}).json().as_object()["revokedAt"], first_revocation.c_str());

  auto updated = server.cli({"org", "update", org_id, "--rate-limit", "7", "--name", "Acme"});
  ASSERT_EQ(updated.exit_code, 0);
  EXPECT_EQ(updated.json().as_object()["rateLimit"], 7);
  EXPECT_EQ(updated.json().as_object()["name"], "Acme");
  auto orgs = server.cli({"org", "list"});
  EXPECT_EQ(orgs.json().as_array().size(), 2u);  // Default + Acme

  // Failures: exit 1 with a one-line reason; bad usage: exit 2.
  EXPECT_EQ(server.cli({"keys", "revoke", "key_doesnotexist"}).exit_code, 1);
  EXPECT_EQ(server.cli({"org", "activate", "org_nope"}).exit_code, 1);
  EXPECT_EQ(server.cli({"keys", "create", "--org", org_id, "--env", "production"}).exit_code, 1);
  EXPECT_EQ(server.cli({"keys", "create", "--org", org_id, "--env", "staging"}).exit_code, 2);
  EXPECT_EQ(server.cli({"keys", "create", "--org", org_id}).exit_code, 2);
  EXPECT_EQ(run_conduit({"frobnicate"}).exit_code, 2);
  EXPECT_EQ(run_conduit({}).exit_code, 2);
  auto migrate = server.cli({"migrate"});
  EXPECT_EQ(migrate.exit_code, 0);
}

TEST(Keys, PlaintextIsNeverStoredOrLogged) {
  ServerProcess server({"--log-level", "debug"});
  auto [org, key] = make_org_key(server);
  auto c = server.sandbox_client();
  EXPECT_EQ(c->request("GET", "/v2/webhooks/endpoints", key_header(key)).status, 200);
  EXPECT_EQ(c->request("GET", "/v2/webhooks/endpoints", key_header(key + "f")).status, 401);
  auto created = body_of(c->request("POST", "/v2/webhooks/endpoints", json_headers(key), R"({"url":"https://example.com/s"})"));
  std::string secret(created["secret"].as_string());
  server.stop(SIGTERM);
  std::string stored = data_dir_bytes(server.data_dir());
  ASSERT_FALSE(stored.empty());
  for (const std::string& s : {key, server.bootstrap_key(), secret, key.substr(11)})
    EXPECT_EQ(stored.find(s), std::string::npos) << "found a secret in the data directory";
  // Structured log lines never carry a key or a webhook secret. (The bootstrap notice to a
  // human on stderr is the one deliberate exception: operations.md asks for it.)
  std::istringstream log(server.log());
  std::string line;
  int lines = 0;
  while (std::getline(log, line)) {
    if (line.empty() || line[0] != '{') continue;
    ++lines;
    for (const std::string& s : {key, server.bootstrap_key(), secret, key.substr(11, 32)})
      EXPECT_EQ(line.find(s), std::string::npos) << line;
  }
  EXPECT_GT(lines, 3);
}

TEST(Keys, BootstrapOnAnEmptyDataDirectoryOnly) {
  TempDir dir;
  std::string key;
  {
    ServerProcess first({}, dir.path());
    key = first.bootstrap_key();
    EXPECT_TRUE(key.starts_with("ck_sandbox_"));
    auto c = first.sandbox_client();
    EXPECT_EQ(c->request("GET", "/v2/webhooks/endpoints", key_header(key)).status, 200);
    EXPECT_EQ(first.production_client()->request("GET", "/v2/webhooks/endpoints", key_header(key)).status, 401);
    EXPECT_EQ(first.stop(SIGTERM), 0);
  }
  ServerProcess second({}, dir.path());
  EXPECT_TRUE(second.bootstrap_key().empty());  // printed once, never again
  EXPECT_EQ(second.sandbox_client()->request("GET", "/v2/webhooks/endpoints", key_header(key)).status, 200);
}

TEST(Durability, AcknowledgedWritesSurviveKill9) {
  TempDir dir;
  std::vector<std::string> ids;
  std::string key;
  {
    ServerProcess server({}, dir.path());
    key = server.bootstrap_key();
    auto c = server.sandbox_client();
    for (int i = 0; i < 20; ++i) ids.push_back(create_endpoint(*c, key, "https://example.com/d" + std::to_string(i)));
    server.kill9();  // right after the last 201
  }
  ServerProcess restarted({}, dir.path());
  auto c = restarted.sandbox_client();
  for (const auto& id : ids) EXPECT_EQ(c->request("GET", "/v2/webhooks/endpoints/" + id, key_header(key)).status, 200) << id;
}

}  // namespace conduit::test
