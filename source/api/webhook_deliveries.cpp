#include "api/webhook_deliveries.h"

#include <algorithm>
#include <boost/json.hpp>

#include "api/json_fields.h"

#include "common/ids.h"
#include "common/secret_box.h"
#include "common/time_format.h"
#include "domain/event_types.h"
#include "domain/webhook_signature.h"
#include "platform/pagination.h"
#include "platform/validation.h"

namespace conduit::api {
namespace {

namespace bj = boost::json;
using platform::ApiError;

bj::object signature_metadata() {
  return bj::object{{"algorithm", "hmac-sha256"},
                    {"headerName", "X-Conduit-Signature"},
                    {"headerFormat", "t=<unix-seconds>,v1=<hex-digest>[,v1=<hex-digest>]"},
                    {"signedPayloadFormat", "<unix-seconds>.<raw-request-body>"},
                    {"secretFormat", "whsec_<64-hex>"},
                    {"toleranceSeconds", domain::kSignatureToleranceSeconds}};
}

bj::object delivery_json(const storage::WebhookDelivery& d) {
  bj::object o;
  o["id"] = d.id;
  o["endpointId"] = d.endpoint_id;
  o["eventId"] = d.event_id;
  o["eventType"] = d.event_type;
  o["payload"] = bj::parse(d.payload);
  o["status"] = d.status;
  o["attempts"] = d.attempts;
  o["maxAttempts"] = d.max_attempts;
  o["nextAttemptAt"] = d.status == "pending" ? bj::value(format_timestamp(d.next_attempt_at)) : nullptr;
  o["createdAt"] = format_timestamp(d.created_at);
  o["updatedAt"] = format_timestamp(d.updated_at);
  o["completedAt"] = d.completed_at ? bj::value(format_timestamp(*d.completed_at)) : nullptr;
  return o;
}

bj::object attempt_json(const storage::WebhookAttempt& a) {
  bj::object o;
  o["id"] = a.id;
  o["attemptNumber"] = a.attempt_number;
  o["statusCode"] = a.status_code ? bj::value(*a.status_code) : nullptr;
  o["responseBody"] = a.response_body ? bj::value(*a.response_body) : nullptr;
  o["error"] = a.error ? bj::value(*a.error) : nullptr;
  o["durationMs"] = a.duration_ms;
  o["createdAt"] = format_timestamp(a.created_at);
  return o;
}

ApiError delivery_not_found(const std::string& id) {
  return platform::not_found("WEBHOOK_DELIVERY_NOT_FOUND", "No webhook delivery " + id + " exists.");
}

}  // namespace

platform::Outcome ListWebhookEventTypes::handle(platform::RequestContext&) const {
  bj::array data;
  for (const auto& t : domain::event_types()) {
    bj::object example;
    if (t.name.starts_with("application.")) {
      example = {{"applicationId", "app_034FCeDANniGVBQX8P3qoV"}, {"applicationType", "customer_onboarding"}, {"clientReferenceId", nullptr}};
      if (t.name == "application.approved") example["customerId"] = "cus_034FCeDANniGVBQX8P3qoV";
      else example["failureCode"] = "rejected_by_ops";
    } else {
      example = {{"customerId", "cus_034FCeDANniGVBQX8P3qoV"}};
      if (t.name == "customer.created") {
        example["applicationId"] = "app_034FCeDANniGVBQX8P3qoV";
        example["clientReferenceId"] = nullptr;
      }
    }
    data.push_back(bj::object{{"name", t.name}, {"description", t.description}, {"exampleData", example}});
  }
  return platform::json_reply(200, bj::object{{"data", data}, {"signature", signature_metadata()}});
}

platform::Outcome RotateWebhookSecret::handle(platform::RequestContext& ctx) const {
  if (auto e = platform::check_path_id(ctx, "id", "wep")) return *e;
  std::string id = ctx.param("id"), secret = domain::new_webhook_secret();
  std::string sealed = s_.secret_box->seal(secret);
  storage::Scope scope = ctx.scope();
  int64_t now = ctx.now_ms;
  return platform::Mutation([=](storage::WriteTx& tx) -> platform::Answer {
    auto ep = tx.webhook_endpoint(scope, id);
    if (!ep) return platform::not_found("WEBHOOK_ENDPOINT_NOT_FOUND", "No webhook endpoint " + id + " exists.");
    ep->previous_secret_sealed = ep->secret_sealed;
    ep->secret_sealed = sealed;
    ep->rotated_at = now;
    ep->updated_at = now;
    tx.update_webhook_endpoint(*ep);
    bj::object o;
    o["id"] = ep->id;
    o["url"] = ep->url;
    o["description"] = ep->description ? bj::value(*ep->description) : nullptr;
    o["active"] = ep->active;
    bj::object sub{{"mode", ep->all_events ? "all" : "selected"}};
    if (!ep->all_events) {
      bj::array types;
      for (const auto& t : ep->event_types) types.emplace_back(t);
      sub["eventTypes"] = types;
    }
    o["subscription"] = sub;
    o["createdAt"] = format_timestamp(ep->created_at);
    o["updatedAt"] = format_timestamp(ep->updated_at);
    o["secret"] = secret;
    o["previousSecretExpiresAt"] = format_timestamp(now + domain::kRotationOverlapMs);
    o["signature"] = signature_metadata();
    return platform::json_reply(200, o);
  });
}

platform::Outcome ListWebhookDeliveries::handle(platform::RequestContext& ctx) const {
  auto parsed = platform::parse_list_request(ctx, "webhook_deliveries", {"endpointId", "status", "eventType"}, s_.cursor_secret);
  if (auto* e = std::get_if<ApiError>(&parsed)) return *e;
  auto& req = std::get<platform::ListRequest>(parsed);
  storage::DeliveryFilter filter;
  std::vector<platform::FieldError> errors;
  if (auto e = platform::id_filter(req, "endpointId", "wep", filter.endpoint_id)) return *e;
  platform::enum_filter(req, "status", {"pending", "processing", "succeeded", "failed"}, filter.status, errors);
  if (auto it = req.filters.find("eventType"); it != req.filters.end()) {
    // An unknown event type is not an error: it simply matches nothing.
    if (it->second.empty() || it->second.size() > 100) errors.push_back({"/query/eventType", "Must be 1 to 100 characters.", {}, {}});
    filter.event_type = it->second;
  }
  if (!errors.empty()) return platform::validation_error("The query parameters are invalid.", std::move(errors));
  storage::Page<storage::WebhookDelivery> page;
  auto st = s_.store.read([&](storage::ReadTx& tx) { page = tx.webhook_deliveries(ctx.scope(), filter, req.keyset); });
  if (!st.ok) throw std::runtime_error(st.error);
  return platform::json_reply(200, platform::list_envelope(req, page, delivery_json, s_.cursor_secret));
}

platform::Outcome GetWebhookDelivery::handle(platform::RequestContext& ctx) const {
  if (auto e = platform::check_path_id(ctx, "id", "wdl")) return *e;
  std::optional<storage::WebhookDelivery> d;
  std::vector<storage::WebhookAttempt> attempts;
  auto st = s_.store.read([&](storage::ReadTx& tx) {
    d = tx.webhook_delivery(ctx.scope(), ctx.param("id"));
    if (d) attempts = tx.webhook_attempts(ctx.scope(), d->id);
  });
  if (!st.ok) throw std::runtime_error(st.error);
  if (!d) return delivery_not_found(ctx.param("id"));
  auto o = delivery_json(*d);
  bj::array list;
  for (const auto& a : attempts) list.push_back(attempt_json(a));
  o["deliveryAttempts"] = list;
  return platform::json_reply(200, o);
}

platform::Outcome RetryWebhookDelivery::handle(platform::RequestContext& ctx) const {
  if (auto e = platform::check_path_id(ctx, "id", "wdl")) return *e;
  std::string id = ctx.param("id");
  storage::Scope scope = ctx.scope();
  int64_t now = ctx.now_ms;
  return platform::Mutation([=](storage::WriteTx& tx) -> platform::Answer {
    auto d = tx.webhook_delivery(scope, id);
    if (!d) return delivery_not_found(id);
    if (d->status != "failed")
      return ApiError{"WEBHOOK_DELIVERY_NOT_RETRYABLE", "Only failed deliveries can be retried; this one is " + d->status + ".", {}, {}, {}, {}};
    // A re-drive is one more attempt, sent now; earlier attempts stay recorded.
    d->status = "pending";
    d->max_attempts = d->attempts + 1;
    d->next_attempt_at = now;
    d->completed_at.reset();
    d->updated_at = now;
    tx.update_delivery(*d);
    return platform::json_reply(202, delivery_json(*d));
  });
}

}  // namespace conduit::api
