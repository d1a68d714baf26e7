#include "platform/executor.h"

#include <signal.h>

#include <algorithm>
#include <boost/json/serialize.hpp>

#include "common/crypto.h"
#include "common/secret_box.h"
#include "platform/handler.h"
#include "platform/problem.h"
#include "platform/route_spec.h"

namespace conduit::platform {
namespace {

void canonical_json(const boost::json::value& v, std::string& out) {
  if (v.is_object()) {
    const auto& obj = v.get_object();
    std::vector<const boost::json::key_value_pair*> members;
    for (const auto& kv : obj) members.push_back(&kv);
    std::sort(members.begin(), members.end(), [](auto* a, auto* b) { return a->key() < b->key(); });
    out += '{';
    for (size_t i = 0; i < members.size(); ++i) {
      if (i) out += ',';
      out += boost::json::serialize(boost::json::value(members[i]->key()));
      out += ':';
      canonical_json(members[i]->value(), out);
    }
    out += '}';
  } else if (v.is_array()) {
    out += '[';
    bool first = true;
    for (const auto& e : v.get_array()) {
      if (!first) out += ',';
      first = false;
      canonical_json(e, out);
    }
    out += ']';
  } else {
    out += boost::json::serialize(v);
  }
}

http::Response to_response(const Answer& a, const RequestContext& ctx) {
  if (auto* e = std::get_if<ApiError>(&a)) return render_problem(*e, ctx.request.path, ctx.correlation_id, ctx.now_ms);
  const auto& r = std::get<Reply>(a);
  http::Response out;
  out.status = r.status;
  out.content_type = r.content_type;
  out.body = r.body;
  out.headers = r.headers;
  return out;
}

http::Response problem(const ApiError& e, const RequestContext& ctx) {
  return render_problem(e, ctx.request.path, ctx.correlation_id, ctx.now_ms);
}

http::Response replay(const storage::IdempotencyRecord& rec, const RequestContext& ctx, Services& s) {
  s.metrics.record_replay();
  http::Response r;
  r.status = rec.status;
  r.content_type = rec.content_type;
  r.body = rec.body;
  r.set_header("Idempotent-Replayed", "true");
  return r;
}

// Stored responses can carry secrets (a webhook secret on create or rotate), so they are kept
// sealed with the server's secret box and opened only to replay.
std::string seal_body(const Services& s, const std::string& body) { return s.secret_box ? s.secret_box->seal(body) : body; }

http::Response from_record(storage::IdempotencyRecord rec, const std::string& fingerprint, RequestContext& ctx,
                           Services& s) {
  if (s.secret_box) {
    auto opened = s.secret_box->open(rec.body);
    if (!opened) return problem(internal_error(), ctx);
    rec.body = std::move(*opened);
  }
  if (rec.fingerprint == fingerprint) {
    ctx.replayed = true;
    return replay(rec, ctx, s);
  }
  return problem({"IDEMPOTENCY_KEY_CONFLICT",
                  "This idempotency key was already used with a different request (method, path or body).",
                  {}, {}, {}, {}},
                 ctx);
}

#ifdef CONDUIT_TEST_HOOKS
// Test builds only: `x-test-fault: <point>` kills the process at that point, as kill -9 would.
void fault_point(const RequestContext& ctx, std::string_view point) {
  if (const auto* f = ctx.request.header("x-test-fault"); f && *f == point) ::raise(SIGKILL);
}
#else
void fault_point(const RequestContext&, std::string_view) {}
#endif

struct ClaimRelease {
  InFlightKeys& keys;
  std::string key;
  ~ClaimRelease() { keys.release(key); }
};

}  // namespace

std::string request_fingerprint(const RequestContext& ctx) {
  std::string material = ctx.request.method + "\n" + ctx.request.path + "\n";
  if (ctx.body) canonical_json(*ctx.body, material);
  else material += ctx.request.body;
  return crypto::to_hex(crypto::sha256(material));
}

void execute(RequestContext& ctx, Services& s, std::function<void(http::Response)> respond) {
  const auto& key = ctx.idempotency_key;
  std::string fingerprint;
  std::optional<ClaimRelease> claim;
  if (key) {
    const auto& scope = ctx.scope();
    std::string claim_key = scope.organization_id + "|" + std::string(to_string(scope.environment)) + "|" + *key;
    if (!s.in_flight.claim(claim_key))
      return respond(problem({"IDEMPOTENCY_KEY_REQUEST_IN_PROGRESS",
                              "A request with this idempotency key is still being processed.", {}, {}, {}, {}},
                             ctx));
    claim.emplace(ClaimRelease{s.in_flight, claim_key});
    fingerprint = request_fingerprint(ctx);
    std::optional<storage::IdempotencyRecord> existing;
    auto st = s.store.read([&](storage::ReadTx& tx) { existing = tx.idempotency(scope, *key, ctx.now_ms); });
    if (!st.ok) {
      s.log.log(LogLevel::error, "idempotency lookup failed", {{"error", st.error}, {"correlationId", ctx.correlation_id}});
      return respond(problem(internal_error(), ctx));
    }
    if (existing) return respond(from_record(*existing, fingerprint, ctx, s));
    fault_point(ctx, "crash-after-claim");
  }

  Outcome outcome;
  try {
    outcome = ctx.route->handler->handle(ctx);
  } catch (const std::exception& e) {
    s.log.log(LogLevel::error, "handler failed", {{"error", e.what()}, {"correlationId", ctx.correlation_id}});
    return respond(problem(internal_error(), ctx));
  }

  if (!std::holds_alternative<Mutation>(outcome) && !key) {
    if (auto* e = std::get_if<ApiError>(&outcome)) return respond(problem(*e, ctx));
    return respond(to_response(std::get<Reply>(outcome), ctx));
  }

  // One transaction: the handler's writes, then the stored response. A 5xx stores nothing.
  // The write is queued for the next group commit; this thread goes back to serving others and
  // the response leaves from the completion, after the fsync.
  struct Pending {
    Outcome outcome;
    std::string fingerprint;
    std::optional<ClaimRelease> claim;
    std::function<void(http::Response)> respond;
    http::Response response;
    bool lost_race = false;
  };
  auto p = std::make_shared<Pending>(Pending{std::move(outcome), std::move(fingerprint), std::move(claim),
                                             std::move(respond), {}, false});
  auto job = [p, &ctx, &s](storage::WriteTx& tx) {
    const auto& key = ctx.idempotency_key;
    Answer answer;
    if (auto* mutation = std::get_if<Mutation>(&p->outcome)) {
      tx.savepoint();
      answer = (*mutation)(tx);
      if (std::holds_alternative<ApiError>(answer)) tx.rollback_to_savepoint();
      tx.release_savepoint();
    } else if (auto* e = std::get_if<ApiError>(&p->outcome)) {
      answer = *e;
    } else {
      answer = std::get<Reply>(p->outcome);
    }
    p->response = to_response(answer, ctx);
    if (p->response.status >= 500) return false;
    if (key) {
      storage::IdempotencyRecord rec{p->fingerprint, p->response.status, p->response.content_type,
                                     seal_body(s, p->response.body), ctx.now_ms, ctx.now_ms + s.config.idempotency_ttl_ms};
      if (!tx.insert_idempotency(ctx.scope(), *key, rec)) {
        p->lost_race = true;  // another process completed this key first
        return false;
      }
    }
    fault_point(ctx, "crash-before-commit");
    return true;
  };
  s.store.write_async(std::move(job), [p, &ctx, &s](storage::Status st) {
    http::Response out;
    if (!st.ok) {
      s.log.log(LogLevel::error, "write failed", {{"error", st.error}, {"correlationId", ctx.correlation_id}});
      out = st.error == "write queue full"
                ? problem({"SERVICE_UNAVAILABLE", "The server is overloaded; retry shortly.", {}, {}, {}, {}}, ctx)
                : problem(internal_error(), ctx);
    } else if (p->lost_race) {
      std::optional<storage::IdempotencyRecord> existing;
      s.store.read([&](storage::ReadTx& tx) { existing = tx.idempotency(ctx.scope(), *ctx.idempotency_key, ctx.now_ms); });
      out = existing ? from_record(*existing, p->fingerprint, ctx, s) : problem(internal_error(), ctx);
    } else {
      if (std::holds_alternative<Mutation>(p->outcome) && s.after_commit) s.after_commit();
      out = std::move(p->response);
    }
    p->claim.reset();  // released before answering, so a retry right after sees the record
    p->respond(std::move(out));
  });
}

}  // namespace conduit::platform
