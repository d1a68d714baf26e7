#include "common/crypto.h"
#include "platform/filters/filter.h"

namespace conduit::platform {
namespace {

// The value of one cookie from the Cookie header(s), if present.
std::optional<std::string> cookie(const http::Request& req, std::string_view name) {
  for (const auto& h : req.headers) {
    if (h.name != "cookie") continue;
    std::string_view rest = h.value;
    while (!rest.empty()) {
      auto semi = rest.find(';');
      std::string_view item = rest.substr(0, semi);
      while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
      if (item.size() > name.size() && item.substr(0, name.size()) == name && item[name.size()] == '=')
        return std::string(item.substr(name.size() + 1));
      if (semi == std::string_view::npos) break;
      rest.remove_prefix(semi + 1);
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<ApiError> SessionFilter::apply(RequestContext& ctx) {
  auto token = cookie(ctx.request, "conduit_session");
  std::optional<SessionContext> found;
  if (token && token->size() == 64) {
    auto hash = crypto::sha256(*token);
    auto st = s_.store.read([&](storage::ReadTx& tx) {
      auto session = tx.dashboard_session(hash, ctx.now_ms);
      if (!session) return;
      auto user = tx.user(session->user_id);
      if (!user) return;
      auto org = tx.organization(user->organization_id);
      if (!org) return;
      found = SessionContext{std::move(*user), std::move(*org), std::move(*session)};
    });
    if (!st.ok) return ApiError{"SERVICE_UNAVAILABLE", "The session cannot be checked right now.", {}, {}, {}, {}};
  }
  if (!found) {
    if (ctx.route->session_optional) return std::nullopt;
    return ApiError{"SESSION_REQUIRED", "Sign in to use the dashboard.", {}, {}, {}, {}};
  }
  const auto& m = ctx.request.method;
  bool changes_state = m != "GET" && m != "HEAD" && m != "OPTIONS";
  if (changes_state && !ctx.route->session_optional) {
    const std::string* sent = ctx.request.header("x-csrf-token");
    bool ok = sent && sent->size() == found->session.csrf_token.size() &&
              crypto::equal_constant_time(crypto::sha256(*sent), crypto::sha256(found->session.csrf_token));
    if (!ok) return ApiError{"CSRF_TOKEN_INVALID", "The X-CSRF-Token header is missing or wrong.", {}, {}, {}, {}};
  }
  Principal p;
  p.scope = {found->organization.id, found->session.environment};
  p.access = storage::Access::read_write;
  ctx.principal = std::move(p);
  ctx.session = std::move(found);
  return std::nullopt;
}

}  // namespace conduit::platform
