#pragma once
// The whole application (routes, filters, executor, SQLite store) driven without sockets,
// with a ManualClock: for tests of time-dependent rules (TTL, buckets) that must not sleep.
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "common/clock.h"
#include "http/message.h"
#include "platform/pipeline.h"
#include "platform/services.h"
#include "support/server_process.h"

namespace conduit::test {

class InProcessApi {
 public:
  explicit InProcessApi(platform::Config config = {});
  ~InProcessApi();

  // Creates an organization with a key; returns the plaintext key.
  std::string create_key(Environment env = Environment::sandbox, storage::Access access = storage::Access::read_write,
                         std::string* org_id_out = nullptr, const std::string& org_id = "");

  http::Response call(const std::string& method, const std::string& target,
                      std::vector<http::Header> headers = {}, const std::string& body = "",
                      Environment env = Environment::sandbox, const std::string& ip = "10.0.0.1");

  ManualClock clock;
  platform::Services& services() { return *services_; }
  storage::Store& store() { return *store_; }
  const platform::RouteTable& routes() const { return app_->routes(); }

 private:
  TempDir dir_;
  platform::Logger logger_{platform::LogLevel::error};
  std::unique_ptr<storage::Store> store_;
  std::unique_ptr<platform::Services> services_;
  std::unique_ptr<platform::ApiApplication> app_;
};

}  // namespace conduit::test
