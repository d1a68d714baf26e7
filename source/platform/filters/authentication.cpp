#include "common/crypto.h"
#include "domain/api_keys.h"
#include "platform/filters/filter.h"

namespace conduit::platform {
namespace {
ApiError auth_error(const char* code, const char* detail) { return ApiError{code, detail, {}, {}, {}, {}}; }
}  // namespace

std::optional<ApiError> AuthenticationFilter::apply(RequestContext& ctx) {
  const auto& req = ctx.request;
  std::optional<ApiError> failure;
  const std::string* key = req.header("x-api-key");
  if (!key) {
    failure = auth_error("API_KEY_MISSING", "The x-api-key header is missing.");
  } else if (req.header_count("x-api-key") != 1 || !domain::is_well_formed_key(*key, req.environment)) {
    failure = auth_error("API_KEY_INVALID", "The API key is not valid for this environment.");
  } else {
    auto hash = crypto::sha256(*key);
    std::optional<storage::Credential> cred;
    auto st = s_.store.read([&](storage::ReadTx& tx) { cred = tx.credential_by_hash(hash); });
    if (!st.ok) {
      s_.log.log(LogLevel::error, "credential lookup failed", {{"error", st.error}, {"correlationId", ctx.correlation_id}});
      return ApiError{"SERVICE_UNAVAILABLE", "The service cannot verify credentials right now.", {}, {}, {}, {}};
    }
    // The lookup is by hash; comparing the stored digest again in constant time keeps the
    // check independent of how the index found the row.
    bool valid = cred && crypto::equal_constant_time(cred->hash, hash) && !cred->key.revoked_at &&
                 cred->key.environment == req.environment &&
                 (req.environment == Environment::sandbox || cred->organization.production_active);
    if (!valid) {
      failure = auth_error("API_KEY_INVALID", "The API key is not valid for this environment.");
    } else {
      Principal p;
      p.key_id = cred->key.id;
      p.key_label = cred->key.label;
      p.scope = {cred->organization.id, cred->key.environment};
      p.access = cred->key.access;
      p.rate_limit = cred->organization.rate_limit.value_or(s_.config.rate_limit);
      ctx.principal = std::move(p);
      s_.key_usage.note(cred->key.id, ctx.now_ms);
      return std::nullopt;
    }
  }
  // Failed authentication draws from the client IP's bucket, so guessing keys is slow.
  if (s_.config.rate_limits_enabled) {
    auto d = s_.limiter.take("ip:" + req.remote_ip, s_.config.ip_rate_limit);
    if (!d.allowed) {
      s_.metrics.record_rate_limited("ip");
      return rate_limited(d.retry_after_seconds, {});
    }
  }
  return failure;
}

}  // namespace conduit::platform
