#include "platform/pipeline.h"

#include <zlib.h>

#include <algorithm>

#include "common/uuid.h"
#include "platform/executor.h"
#include "platform/problem.h"

namespace conduit::platform {
namespace {

constexpr size_t kGzipThreshold = 1024;

// True when Accept-Encoding lists gzip with a non-zero quality.
bool accepts_gzip(const http::Request& req) {
  const std::string* ae = req.header("accept-encoding");
  if (!ae) return false;
  std::string_view rest = *ae;
  auto trim = [](std::string_view v) {
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
    while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
    return v;
  };
  while (!rest.empty()) {
    auto comma = rest.find(',');
    std::string_view item = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    auto semi = item.find(';');
    std::string_view name = trim(item.substr(0, semi));
    if (name.size() != 4 || !std::equal(name.begin(), name.end(), "gzip", [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) == b;
        }))
      continue;
    if (semi == std::string_view::npos) return true;
    std::string_view param = trim(item.substr(semi + 1));
    if (param.rfind("q=", 0) != 0) return true;
    std::string_view q = param.substr(2);
    return q.find_first_not_of("0.") != std::string_view::npos;  // "0", "0.0", "0.000" refuse
  }
  return false;
}

std::optional<std::string> gzip(const std::string& in) {
  z_stream zs{};
  if (deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return std::nullopt;
  std::string out(deflateBound(&zs, in.size()), '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&zs, Z_FINISH);
  deflateEnd(&zs);
  if (rc != Z_STREAM_END) return std::nullopt;
  out.resize(zs.total_out);
  return out;
}

class ApiExchange final : public http::Exchange {
 public:
  ApiExchange(ApiApplication& app, http::Request& req) : app_(app), s_(app.services()), ctx_(req) {
    ctx_.correlation_id = uuid_v4();
    ctx_.started_ns = s_.clock.monotonic_ns();
    ctx_.now_ms = s_.clock.now_ms();
    auto m = app.routes().match(req.method, req.path);
    if (m.route && m.route->value.sandbox_only && req.environment != Environment::sandbox) m = {};
    path_known_ = m.path_known;
    allow_ = std::move(m.allow);
    if (m.route) {
      ctx_.route = &m.route->value;
      ctx_.route_pattern = m.route->pattern;
      ctx_.params = std::move(m.params);
    }
  }

  std::optional<http::Response> on_headers() override {
    const auto& req = ctx_.request;
    // 1. A declared body over the limit is refused before anything else, unread.
    if (req.content_length && *req.content_length > body_limit()) return on_body_too_large();
    // 2. Routing, regardless of credentials.
    if (!ctx_.route) {
      if (path_known_) {
        ApiError e{"METHOD_NOT_ALLOWED", req.method + " is not allowed on " + req.path + ".", {}, {}, {}, {}};
        e.headers.push_back({"Allow", allow_});
        return problem(e);
      }
      return problem({"NOT_FOUND", "No route matches " + req.path + ".", {}, {}, {}, {}});
    }
    // 3-8. The header filters, in order; the first answer wins.
    for (const auto& f : app_.before_body()) {
      if (!f->applies_to(ctx_.route->auth)) continue;
      if (auto e = f->apply(ctx_)) return problem(*e);
    }
    return std::nullopt;
  }

  uint64_t body_limit() const override { return ctx_.route ? ctx_.route->body_limit() : kJsonBodyLimit; }

  void on_body(http::Respond respond) override {
    for (const auto& f : app_.after_body())
      if (f->applies_to(ctx_.route->auth))
        if (auto e = f->apply(ctx_)) return respond(problem(*e));
    execute(ctx_, s_, std::move(respond));
  }

  http::Response on_body_too_large() override {
    bool upload = ctx_.route && ctx_.route->body == BodyKind::multipart;
    return problem({"PAYLOAD_TOO_LARGE",
                    upload ? "The request body exceeds 10 MiB + 64 KiB." : "The request body exceeds 1 MiB (1,048,576 bytes).",
                    {}, {}, {}, {}});
  }

  void finish(http::Response& r) override {
    const auto& req = ctx_.request;
    r.set_header("x-correlation-id", ctx_.correlation_id);
    if (ctx_.client_correlation_id) r.set_header("x-client-correlation-id", *ctx_.client_correlation_id);
    // Rate-limit headers go on every authenticated response (a 429 brings its own).
    if (!r.header("X-RateLimit-Limit"))
      for (const auto& h : ctx_.response_headers) r.headers.push_back(h);
    if (r.body.size() >= kGzipThreshold && accepts_gzip(req)) {
      if (auto z = gzip(r.body)) {
        r.body = std::move(*z);
        r.set_header("Content-Encoding", "gzip");
        r.set_header("Vary", "Accept-Encoding");
      }
    }
    int64_t duration = s_.clock.monotonic_ns() - ctx_.started_ns;
    if (ctx_.principal && ctx_.route && ctx_.route->auth == Auth::api_key)
      s_.request_log.record({ctx_.now_ms, ctx_.principal->scope.organization_id, ctx_.principal->scope.environment,
                             req.method, req.path, r.status, ctx_.principal->key_id, ctx_.principal->key_label,
                             ctx_.correlation_id, ctx_.client_correlation_id, double(duration) / 1e6});
    std::string route = ctx_.route ? ctx_.route_pattern : (path_known_ ? "(method not allowed)" : "(unmatched)");
    s_.metrics.record_request(route, req.method, r.status, duration);
    if (s_.log.enabled(LogLevel::info)) {
      boost::json::object f;
      f["method"] = req.method;
      f["path"] = req.path;
      f["route"] = route;
      f["status"] = r.status;
      f["durationMs"] = double(duration) / 1e6;
      f["correlationId"] = ctx_.correlation_id;
      f["clientCorrelationId"] = ctx_.client_correlation_id ? boost::json::value(*ctx_.client_correlation_id) : nullptr;
      f["environment"] = to_string(req.environment);
      f["keyId"] = ctx_.principal ? boost::json::value(ctx_.principal->key_id) : nullptr;
      f["organizationId"] = ctx_.principal ? boost::json::value(ctx_.principal->scope.organization_id) : nullptr;
      f["remoteIp"] = req.remote_ip;
      if (ctx_.replayed) f["idempotentReplay"] = true;
      s_.log.log(LogLevel::info, "request", std::move(f));
    }
  }

 private:
  http::Response problem(const ApiError& e) {
    return render_problem(e, ctx_.request.path, ctx_.correlation_id, ctx_.now_ms);
  }

  ApiApplication& app_;
  Services& s_;
  RequestContext ctx_;
  bool path_known_ = false;
  std::string allow_;
};

}  // namespace

ApiApplication::ApiApplication(Services& services, RouteTable routes) : services_(services), routes_(std::move(routes)) {
  before_body_.push_back(std::make_unique<ClientCorrelationFilter>());
  before_body_.push_back(std::make_unique<AuthenticationFilter>(services));
  before_body_.push_back(std::make_unique<SessionFilter>(services));
  before_body_.push_back(std::make_unique<RateLimitFilter>(services));
  before_body_.push_back(std::make_unique<AccessLevelFilter>());
  before_body_.push_back(std::make_unique<ContentTypeFilter>());
  before_body_.push_back(std::make_unique<IdempotencyKeyFilter>());
  after_body_.push_back(std::make_unique<JsonBodyFilter>());
}

std::unique_ptr<http::Exchange> ApiApplication::begin(http::Request& request) {
  return std::make_unique<ApiExchange>(*this, request);
}

http::Response ApiApplication::framing_error(int status, const http::Request& partial) {
  ApiError e = status == 431
                   ? ApiError{"REQUEST_HEADER_FIELDS_TOO_LARGE", "The request line or headers exceed 16 KiB.", {}, {}, {}, {}}
                   : ApiError{"VALIDATION_ERROR", "The request is not valid HTTP/1.1.", {}, {}, {}, {}};
  std::string correlation = uuid_v4();
  auto r = render_problem(e, partial.path.empty() ? "/" : partial.path, correlation, services_.clock.now_ms());
  r.set_header("x-correlation-id", correlation);
  services_.metrics.record_request("(malformed)", partial.method.empty() ? "-" : partial.method, r.status, 0);
  return r;
}

}  // namespace conduit::platform
