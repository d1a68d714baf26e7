#pragma once
// The application behind the HTTP server: routing, the filter chain in the order of
// platform.md section 5.1, the executor, and the last look at every response
// (correlation headers, rate-limit headers, gzip, metrics, access log).
#include <memory>
#include <vector>

#include "http/router.h"
#include "http/server.h"
#include "platform/filters/filter.h"
#include "platform/route_spec.h"
#include "platform/services.h"

namespace conduit::platform {

using RouteTable = http::Router<RouteSpec>;

class ApiApplication final : public http::Application {
 public:
  ApiApplication(Services& services, RouteTable routes);
  std::unique_ptr<http::Exchange> begin(http::Request& request) override;
  http::Response framing_error(int status, const http::Request& partial) override;

  const RouteTable& routes() const { return routes_; }
  Services& services() { return services_; }
  const std::vector<std::unique_ptr<Filter>>& before_body() const { return before_body_; }
  const std::vector<std::unique_ptr<Filter>>& after_body() const { return after_body_; }

 private:
  Services& services_;
  RouteTable routes_;
  std::vector<std::unique_ptr<Filter>> before_body_;  // steps 3-8: decided on headers alone
  std::vector<std::unique_ptr<Filter>> after_body_;   // step 9: needs the body
};

}  // namespace conduit::platform
