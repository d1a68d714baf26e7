#include "support/in_process.h"

#include <future>

#include "api/routes.h"
#include "common/secret_box.h"
#include "domain/api_keys.h"
#include "domain/organizations.h"

namespace conduit::test {

InProcessApi::InProcessApi(platform::Config config) {
  store_ = storage::open_sqlite_store({dir_.path()});
  services_ = std::make_unique<platform::Services>(*store_, clock, config, logger_);
  services_->cursor_secret = "test-cursor-secret";
  services_->secret_box = std::make_shared<SecretBox>(std::string(32, 'k'));
  app_ = std::make_unique<platform::ApiApplication>(*services_, api::build_routes(*services_));
}

InProcessApi::~InProcessApi() {
  app_.reset();
  services_.reset();
  store_->close();
}

std::string InProcessApi::create_key(Environment env, storage::Access access, std::string* org_id_out,
                                     const std::string& org_id) {
  storage::Organization org = domain::new_organization("Test", true, clock.now_ms());
  if (!org_id.empty()) org.id = org_id;
  auto key = domain::mint_key(org.id, env, access, std::nullopt, clock.now_ms());
  store_->write([&](storage::WriteTx& tx) {
    if (!tx.organization(org.id)) tx.insert_organization(org);
    tx.insert_api_key(key.record, key.hash);
    return true;
  });
  if (org_id_out) *org_id_out = org.id;
  return key.plaintext;
}

http::Response InProcessApi::call(const std::string& method, const std::string& target,
                                  std::vector<http::Header> headers, const std::string& body, Environment env,
                                  const std::string& ip) {
  http::Request req;
  req.method = method;
  req.target = target;
  auto q = target.find('?');
  req.path = target.substr(0, q);
  req.query = q == std::string::npos ? "" : target.substr(q + 1);
  req.headers = std::move(headers);
  req.environment = env;
  req.remote_ip = ip;
  if (!body.empty()) req.content_length = body.size();
  auto exchange = app_->begin(req);
  http::Response r;
  if (auto early = exchange->on_headers()) {
    r = std::move(*early);
  } else {
    req.body = body;
    std::promise<http::Response> answered;
    auto response = answered.get_future();
    exchange->on_body([&answered](http::Response resp) { answered.set_value(std::move(resp)); });
    r = response.get();
  }
  exchange->finish(r);
  return r;
}

}  // namespace conduit::test
