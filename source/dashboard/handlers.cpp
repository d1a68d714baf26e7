#include "dashboard/handlers.h"

#include <boost/json.hpp>

#include "api/json_fields.h"
#include "common/crypto.h"
#include "common/ids.h"
#include "common/time_format.h"
#include "domain/api_keys.h"
#include "domain/organizations.h"
#include "domain/passwords.h"
#include "platform/query.h"
#include "platform/validation.h"

namespace conduit::embedded {
const std::vector<std::pair<std::string_view, std::string_view>>& dashboard_assets();
}

namespace conduit::dashboard {
namespace {

namespace bj = boost::json;
using platform::ApiError;
using platform::Outcome;

constexpr int64_t kSessionLifetimeMs = 12LL * 3600 * 1000;
constexpr int64_t kInvitationLifetimeMs = 7LL * 24 * 3600 * 1000;

ApiError error(const char* code, std::string detail) { return ApiError{code, std::move(detail), {}, {}, {}, {}}; }

std::string content_type_of(std::string_view name) {
  if (name.ends_with(".html")) return "text/html; charset=utf-8";
  if (name.ends_with(".js")) return "text/javascript; charset=utf-8";
  if (name.ends_with(".css")) return "text/css; charset=utf-8";
  if (name.ends_with(".svg")) return "image/svg+xml";
  if (name.ends_with(".png")) return "image/png";
  return "application/octet-stream";
}

platform::Reply asset_reply(std::string_view name) {
  for (const auto& [n, data] : embedded::dashboard_assets())
    if (n == name) {
      platform::Reply r{200, content_type_of(name), std::string(data), {}};
      // The page runs only its own code: no inline scripts, no other origins, no framing.
      r.headers.push_back({"Content-Security-Policy",
                           "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                           "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"});
      r.headers.push_back({"X-Content-Type-Options", "nosniff"});
      r.headers.push_back({"Referrer-Policy", "no-referrer"});
      r.headers.push_back({"Cache-Control", "no-cache"});
      return r;
    }
  return {404, "", "", {}};
}

std::string lower_email(std::string e) { return api::lower(std::move(e)); }

bj::object session_json(const storage::User& u, const storage::Organization& o, const storage::DashboardSession& s) {
  return bj::object{{"user", bj::object{{"id", u.id}, {"email", u.email}}},
                    {"organization", bj::object{{"id", o.id},
                                                {"name", o.name},
                                                {"production", bj::object{{"status", o.production_active ? "active" : "inactive"}}}}},
                    {"environment", to_string(s.environment)},
                    {"csrfToken", s.csrf_token}};
}

bj::object key_json(const storage::ApiKey& k) {
  return bj::object{{"id", k.id},
                    {"label", api::nullable(k.label)},
                    {"environment", to_string(k.environment)},
                    {"access", storage::to_string(k.access)},
                    {"keyPrefix", k.key_prefix},
                    {"keyLast4", k.key_last4},
                    {"createdAt", format_timestamp(k.created_at)},
                    {"lastUsedAt", api::nullable_time(k.last_used_at)},
                    {"revokedAt", api::nullable_time(k.revoked_at)}};
}

std::string session_cookie(const std::string& token, bool secure, bool clear = false) {
  std::string c = "conduit_session=" + (clear ? std::string() : token) + "; Path=/; HttpOnly; SameSite=Strict";
  if (clear) c += "; Max-Age=0";
  if (secure) c += "; Secure";
  return c;
}

// A new session for `user`: the cookie token and CSRF token are random; only the token's hash is kept.
struct NewSession {
  std::string token;
  storage::DashboardSession record;
};
NewSession new_session(const std::string& user_id, int64_t now) {
  NewSession s;
  s.token = crypto::random_hex(32);
  s.record.token_hash = crypto::sha256(s.token);
  s.record.user_id = user_id;
  s.record.csrf_token = crypto::random_hex(32);
  s.record.environment = Environment::sandbox;
  s.record.created_at = now;
  s.record.expires_at = now + kSessionLifetimeMs;
  return s;
}

platform::Reply signed_in(int status, const storage::User& u, const storage::Organization& o, const NewSession& s) {
  auto reply = platform::json_reply(status, session_json(u, o, s.record));
  reply.headers.push_back({"Set-Cookie", session_cookie(s.token, false)});
  reply.headers.push_back({"Cache-Control", "no-store"});
  return reply;
}

}  // namespace

Outcome Page::handle(platform::RequestContext&) const { return asset_reply("index.html"); }

Outcome Asset::handle(platform::RequestContext& ctx) const {
  auto r = asset_reply(ctx.param("name"));
  if (r.status == 404) return platform::not_found("NOT_FOUND", "No dashboard asset " + ctx.param("name") + ".");
  return r;
}

Outcome SignUp::handle(platform::RequestContext& ctx) const {
  std::vector<platform::FieldError> errors;
  platform::ObjectReader body(&*ctx.body, "", errors, {"email", "password", "organizationName", "invitationToken"});
  auto email = body.string("email", true, 254);
  auto password = body.string("password", true, domain::kMaxPasswordLength);
  auto org_name = body.string("organizationName", false, domain::kMaxOrganizationName);
  auto invitation = body.string("invitationToken", false, 64);
  if (email && !domain::is_email(*email)) errors.push_back({"/email", "Must be an email address.", {}, {}});
  if (password)
    if (auto problem = domain::check_password(*password)) errors.push_back({"/password", *problem, {}, {}});
  if (body.valid() && !org_name == !invitation)
    errors.push_back({"/organizationName", "Give an organization name, or an invitation token to join one.", {}, {}});
  if (org_name)
    if (auto problem = domain::check_organization_name(*org_name)) errors.push_back({"/organizationName", *problem, {}, {}});
  if (!errors.empty()) return platform::validation_error("The sign-up is invalid.", std::move(errors));

  storage::User user;
  user.id = ids::generate("usr", ctx.now_ms);
  user.email = lower_email(*email);
  user.password_hash = domain::hash_password(*password);
  user.created_at = ctx.now_ms;
  auto session = new_session(user.id, ctx.now_ms);
  int64_t now = ctx.now_ms;
  std::optional<std::string> name = org_name;
  std::optional<crypto::Digest> invitation_hash;
  if (invitation) invitation_hash = crypto::sha256(*invitation);
  return platform::Mutation([=](storage::WriteTx& tx) mutable -> platform::Answer {
      // One generic refusal, whether the email exists or the invitation is bad.
      auto refused = error("SIGNUP_REFUSED", "An account cannot be created with these details.");
      if (tx.user_by_email(user.email)) return refused;
      storage::Organization org;
      if (invitation_hash) {
        auto inv = tx.invitation(*invitation_hash);
        if (!inv || inv->used_at || inv->expires_at <= now || inv->email != user.email) return refused;
        auto existing = tx.organization(inv->organization_id);
        if (!existing) return refused;
        org = *existing;
        tx.use_invitation(*invitation_hash, now);
      } else {
        org = domain::new_organization(*name, false, now);
        tx.insert_organization(org);
      }
      user.organization_id = org.id;
      tx.insert_user(user);
      tx.insert_dashboard_session(session.record);
      return signed_in(201, user, org, session);
  });
}

Outcome SignIn::handle(platform::RequestContext& ctx) const {
  std::vector<platform::FieldError> errors;
  platform::ObjectReader body(&*ctx.body, "", errors, {"email", "password"});
  auto email = body.string("email", true, 254);
  auto password = body.string("password", true, domain::kMaxPasswordLength);
  if (!errors.empty()) return platform::validation_error("The sign-in is invalid.", std::move(errors));
  std::string address = lower_email(*email);
  // Attempts are throttled per client address and per email before any password is checked.
  auto by_ip = s_.limiter.take("login-ip:" + ctx.request.remote_ip, 5);
  auto by_email = s_.limiter.take("login-email:" + address, 1);
  if (!by_ip.allowed || !by_email.allowed) {
    ApiError e{"RATE_LIMITED", "Too many sign-in attempts; wait and try again.", {}, {}, {}, {}};
    int64_t wait = std::max(by_ip.retry_after_seconds, by_email.retry_after_seconds);
    e.retry_after_seconds = int(std::max<int64_t>(1, wait));
    e.headers.push_back({"Retry-After", std::to_string(*e.retry_after_seconds)});
    return e;
  }
  std::optional<storage::User> user;
  std::optional<storage::Organization> org;
  s_.store.read([&](storage::ReadTx& tx) {
    user = tx.user_by_email(address);
    if (user) org = tx.organization(user->organization_id);
  });
  bool ok = user && org && domain::verify_password(user->password_hash, *password);
  if (!user) domain::verify_dummy_password(*password);
  if (!ok) return error("INVALID_CREDENTIALS", "The email or password is incorrect.");
  auto session = new_session(user->id, ctx.now_ms);
  return platform::Mutation([user = *user, org = *org, session](storage::WriteTx& tx) -> platform::Answer {
    tx.insert_dashboard_session(session.record);
    return signed_in(200, user, org, session);
  });
}

Outcome SignOut::handle(platform::RequestContext& ctx) const {
  auto hash = ctx.session->session.token_hash;
  return platform::Mutation([hash](storage::WriteTx& tx) -> platform::Answer {
    tx.delete_dashboard_session(hash);
    auto r = platform::no_content();
    r.headers.push_back({"Set-Cookie", session_cookie("", false, true)});
    return r;
  });
}

Outcome GetSession::handle(platform::RequestContext& ctx) const {
  const auto& s = *ctx.session;
  auto r = platform::json_reply(200, session_json(s.user, s.organization, s.session));
  r.headers.push_back({"Cache-Control", "no-store"});
  return r;
}

Outcome SetEnvironment::handle(platform::RequestContext& ctx) const {
  std::vector<platform::FieldError> errors;
  platform::ObjectReader body(&*ctx.body, "", errors, {"environment"});
  auto env_text = body.string("environment", true, 16);
  std::optional<Environment> env;
  if (env_text) {
    env = parse_environment(api::lower(*env_text));
    if (!env) errors.push_back({"/environment", "Must be sandbox or production.", {}, std::vector<std::string>{"sandbox", "production"}});
  }
  if (!errors.empty()) return platform::validation_error("The environment is invalid.", std::move(errors));
  const auto& s = *ctx.session;
  if (*env == Environment::production && !s.organization.production_active)
    return error("ENVIRONMENT_NOT_ACTIVATED",
                 "Live is available once the organization is activated (conduit org activate " + s.organization.id + ").");
  auto session = s.session;
  session.environment = *env;
  auto user = s.user;
  auto org = s.organization;
  return platform::Mutation([=](storage::WriteTx& tx) -> platform::Answer {
    tx.update_dashboard_session(session);
    return platform::json_reply(200, session_json(user, org, session));
  });
}

Outcome CreateInvitation::handle(platform::RequestContext& ctx) const {
  std::vector<platform::FieldError> errors;
  platform::ObjectReader body(&*ctx.body, "", errors, {"email"});
  auto email = body.string("email", true, 254);
  if (email && !domain::is_email(*email)) errors.push_back({"/email", "Must be an email address.", {}, {}});
  if (!errors.empty()) return platform::validation_error("The invitation is invalid.", std::move(errors));
  std::string token = crypto::random_hex(32);
  storage::Invitation inv{crypto::sha256(token), ctx.session->organization.id, lower_email(*email), ctx.now_ms,
                          ctx.now_ms + kInvitationLifetimeMs, std::nullopt};
  return platform::Mutation([inv, token](storage::WriteTx& tx) -> platform::Answer {
    tx.insert_invitation(inv);
    return platform::json_reply(201, bj::object{{"email", inv.email},
                                                {"invitationToken", token},
                                                {"expiresAt", format_timestamp(inv.expires_at)}});
  });
}

Outcome ListKeys::handle(platform::RequestContext& ctx) const {
  std::vector<storage::ApiKey> keys;
  auto st = s_.store.read([&](storage::ReadTx& tx) { keys = tx.api_keys(ctx.scope().organization_id, ctx.scope().environment); });
  if (!st.ok) throw std::runtime_error(st.error);
  bj::array data;
  for (auto it = keys.rbegin(); it != keys.rend(); ++it) data.push_back(key_json(*it));
  return platform::json_reply(200, bj::object{{"data", data}});
}

Outcome CreateKey::handle(platform::RequestContext& ctx) const {
  std::vector<platform::FieldError> errors;
  platform::ObjectReader body(&*ctx.body, "", errors, {"label", "access"});
  auto label = body.string("label", false, 200);
  auto access_text = body.string("access", false, 16);
  auto access = storage::Access::read_only;  // the default for new keys
  if (access_text) {
    std::string a = api::lower(*access_text);
    if (a == "read_write") access = storage::Access::read_write;
    else if (a != "read_only")
      errors.push_back({"/access", "Must be read_only or read_write.", {}, std::vector<std::string>{"read_only", "read_write"}});
  }
  if (!errors.empty()) return platform::validation_error("The key is invalid.", std::move(errors));
  const auto& scope = ctx.scope();
  if (scope.environment == Environment::production && !ctx.session->organization.production_active)
    return error("ENVIRONMENT_NOT_ACTIVATED", "Live keys are available once the organization is activated.");
  auto minted = domain::mint_key(scope.organization_id, scope.environment, access, label, ctx.now_ms);
  return platform::Mutation([minted](storage::WriteTx& tx) -> platform::Answer {
    tx.insert_api_key(minted.record, minted.hash);
    auto o = key_json(minted.record);
    o["key"] = minted.plaintext;  // the only time it is shown
    auto r = platform::json_reply(201, o);
    r.headers.push_back({"Cache-Control", "no-store"});
    return r;
  });
}

Outcome RevokeKey::handle(platform::RequestContext& ctx) const {
  if (auto e = platform::check_path_id(ctx, "id", "key")) return *e;
  std::string id = ctx.param("id");
  storage::Scope scope = ctx.scope();
  int64_t now = ctx.now_ms;
  return platform::Mutation([=](storage::WriteTx& tx) -> platform::Answer {
    auto key = tx.api_key(id);
    if (!key || key->organization_id != scope.organization_id || key->environment != scope.environment)
      return platform::not_found("API_KEY_NOT_FOUND", "No API key " + id + " exists.");
    tx.revoke_api_key(id, now);
    return platform::json_reply(200, key_json(*tx.api_key(id)));
  });
}

Outcome ListRequests::handle(platform::RequestContext& ctx) const {
  auto params = platform::parse_query(ctx.request.query);
  if (!params) return platform::validation_error("The query string is malformed.", {{"/query", "Invalid query string.", {}, {}}});
  std::string status, correlation;
  std::vector<platform::FieldError> errors;
  for (const auto& [k, v] : *params) {
    if (k == "status") {
      bool code = v.size() == 3 && std::isdigit(static_cast<unsigned char>(v[0])) &&
                  ((std::isdigit(static_cast<unsigned char>(v[1])) && std::isdigit(static_cast<unsigned char>(v[2]))) ||
                   (v[1] == 'x' && v[2] == 'x'));
      if (!v.empty() && !code) errors.push_back({"/query/status", "Must be a status code such as 404, or a class such as 4xx.", {}, {}});
      status = v;
    } else if (k == "correlationId") {
      if (v.size() > 128) errors.push_back({"/query/correlationId", "Must be at most 128 characters.", {}, {}});
      correlation = v;
    } else {
      errors.push_back({"/query/" + k, "Unknown query parameter.", {}, {}});
    }
  }
  if (!errors.empty()) return platform::validation_error("The query parameters are invalid.", std::move(errors));
  bj::array data;
  for (const auto& e : s_.request_log.query(ctx.scope().organization_id, ctx.scope().environment, status, correlation, 500))
    data.push_back(bj::object{{"time", format_timestamp(e.time_ms)},
                              {"method", e.method},
                              {"path", e.path},
                              {"status", e.status},
                              {"keyId", e.key_id},
                              {"keyLabel", api::nullable(e.key_label)},
                              {"correlationId", e.correlation_id},
                              {"clientCorrelationId", api::nullable(e.client_correlation_id)},
                              {"latencyMs", e.latency_ms}});
  return platform::json_reply(200, bj::object{{"data", data}});
}

}  // namespace conduit::dashboard
