#include "api/webhook_endpoints.h"

#include <algorithm>
#include <boost/json.hpp>

#include "common/crypto.h"
#include "common/ids.h"
#include "common/secret_box.h"
#include "common/time_format.h"
#include "domain/destination.h"
#include "domain/event_types.h"
#include "domain/webhook_signature.h"
#include "platform/pagination.h"
#include "platform/validation.h"

namespace conduit::api {
namespace {

using platform::ApiError;
using platform::FieldError;
using platform::ObjectReader;
namespace bj = boost::json;

constexpr size_t kMaxEventTypes = 100;

ApiError endpoint_not_found(const std::string& id) {
  return platform::not_found("WEBHOOK_ENDPOINT_NOT_FOUND", "No webhook endpoint " + id + " exists.");
}

bj::object to_json(const storage::WebhookEndpoint& e) {
  bj::object o;
  o["id"] = e.id;
  o["url"] = e.url;
  o["description"] = e.description ? bj::value(*e.description) : nullptr;
  o["active"] = e.active;
  bj::object sub;
  sub["mode"] = e.all_events ? "all" : "selected";
  if (!e.all_events) {
    bj::array types;
    for (const auto& t : e.event_types) types.emplace_back(t);
    sub["eventTypes"] = std::move(types);
  }
  o["subscription"] = std::move(sub);
  o["createdAt"] = format_timestamp(e.created_at);
  o["updatedAt"] = format_timestamp(e.updated_at);
  return o;
}

std::vector<std::string> known_event_names() {
  std::vector<std::string> out;
  for (const auto& t : domain::event_types()) out.emplace_back(t.name);
  return out;
}

// `{"mode":"all"}` or `{"mode":"selected","eventTypes":[…]}`; mode is case-insensitive on input.
void read_subscription(ObjectReader& body, storage::WebhookEndpoint& e) {
  auto& errors = body.errors();
  ObjectReader sub(body.raw("subscription"), body.pointer("subscription"), errors, {"mode", "eventTypes"});
  if (!sub.valid()) return;
  auto mode = sub.string("mode", true, 16);
  if (!mode) return;
  std::string m = *mode;
  std::transform(m.begin(), m.end(), m.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  if (m != "all" && m != "selected") {
    errors.push_back({sub.pointer("mode"), "Must be all or selected.", {}, std::vector<std::string>{"all", "selected"}});
    return;
  }
  const bj::value* types = sub.raw("eventTypes");
  if (m == "all") {
    if (types && !types->is_null()) errors.push_back({sub.pointer("eventTypes"), "Only allowed with mode selected.", {}, {}});
    e.all_events = true;
    e.event_types.clear();
    return;
  }
  if (!types || !types->is_array() || types->get_array().empty() || types->get_array().size() > kMaxEventTypes) {
    errors.push_back({sub.pointer("eventTypes"), "Must be an array of 1 to 100 event type names.", {}, {}});
    return;
  }
  std::vector<std::string> names;
  const auto& arr = types->get_array();
  for (size_t i = 0; i < arr.size(); ++i) {
    std::string p = sub.pointer("eventTypes") + "/" + std::to_string(i);
    if (!arr[i].is_string()) {
      errors.push_back({p, "Must be a string.", {}, {}});
      continue;
    }
    std::string name(arr[i].get_string());
    if (!domain::is_known_event_type(name)) {
      errors.push_back({p, "Unknown event type.", {}, known_event_names()});
      continue;
    }
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  }
  e.all_events = false;
  e.event_types = std::move(names);
}

void read_url(ObjectReader& body, storage::WebhookEndpoint& e, Environment env, bool required) {
  auto url = body.string("url", required, 2048);
  if (!url) return;
  if (auto problem = domain::check_webhook_url(*url, env)) {
    body.errors().push_back({body.pointer("url"), *problem, {}, {}});
    return;
  }
  e.url = *url;
}

void read_description(ObjectReader& body, storage::WebhookEndpoint& e) {
  if (!body.has("description")) return;
  if (body.is_null("description")) {
    e.description.reset();
    return;
  }
  if (auto d = body.string("description", false, 255)) e.description = *d;
}

}  // namespace

Outcome CreateWebhookEndpoint::handle(RequestContext& ctx) const {
  std::vector<FieldError> errors;
  ObjectReader body(&*ctx.body, "", errors, {"url", "description", "subscription"});
  storage::WebhookEndpoint e;
  if (body.valid()) {
    read_url(body, e, ctx.scope().environment, true);
    read_description(body, e);
    if (body.has("subscription") && !body.is_null("subscription")) read_subscription(body, e);
  }
  if (!errors.empty()) return platform::validation_error("The webhook endpoint is invalid.", std::move(errors));

  e.id = ids::generate("wep", ctx.now_ms);
  e.scope = ctx.scope();
  e.active = true;
  e.created_at = e.updated_at = ctx.now_ms;
  std::string secret = domain::new_webhook_secret();
  e.secret_sealed = s_.secret_box->seal(secret);
  return platform::Mutation([e, secret](storage::WriteTx& tx) -> platform::Answer {
    tx.insert_webhook_endpoint(e);
    bj::object o = to_json(e);
    o["secret"] = secret;  // the only response that carries it
    return platform::json_reply(201, o);
  });
}

Outcome ListWebhookEndpoints::handle(RequestContext& ctx) const {
  auto parsed = platform::parse_list_request(ctx, "webhook_endpoints", {}, s_.cursor_secret);
  if (auto* e = std::get_if<ApiError>(&parsed)) return *e;
  auto& req = std::get<platform::ListRequest>(parsed);
  storage::Page<storage::WebhookEndpoint> page;
  auto st = s_.store.read([&](storage::ReadTx& tx) { page = tx.webhook_endpoints(ctx.scope(), req.keyset); });
  if (!st.ok) throw std::runtime_error(st.error);
  return platform::json_reply(200, platform::list_envelope(req, page, to_json, s_.cursor_secret));
}

Outcome GetWebhookEndpoint::handle(RequestContext& ctx) const {
  if (auto e = platform::check_path_id(ctx, "id", "wep")) return *e;
  std::optional<storage::WebhookEndpoint> found;
  auto st = s_.store.read([&](storage::ReadTx& tx) { found = tx.webhook_endpoint(ctx.scope(), ctx.param("id")); });
  if (!st.ok) throw std::runtime_error(st.error);
  if (!found) return endpoint_not_found(ctx.param("id"));
  return platform::json_reply(200, to_json(*found));
}

Outcome UpdateWebhookEndpoint::handle(RequestContext& ctx) const {
  if (auto e = platform::check_path_id(ctx, "id", "wep")) return *e;
  std::vector<FieldError> errors;
  ObjectReader body(&*ctx.body, "", errors, {"url", "description", "active", "subscription"});
  if (!body.valid()) return platform::validation_error("The update is invalid.", std::move(errors));
  // Validate against a scratch copy; the change is applied to the current row inside the write.
  storage::WebhookEndpoint patch;
  read_url(body, patch, ctx.scope().environment, false);
  read_description(body, patch);
  auto active = body.boolean("active", false);
  if (body.has("subscription")) read_subscription(body, patch);
  if (!errors.empty()) return platform::validation_error("The update is invalid.", std::move(errors));

  bool set_url = body.has("url") && !body.is_null("url"), set_description = body.has("description"),
       set_subscription = body.has("subscription");
  std::string id = ctx.param("id");
  storage::Scope scope = ctx.scope();
  int64_t now = ctx.now_ms;
  return platform::Mutation([=](storage::WriteTx& tx) -> platform::Answer {
    auto current = tx.webhook_endpoint(scope, id);
    if (!current) return endpoint_not_found(id);
    if (set_url) current->url = patch.url;
    if (set_description) current->description = patch.description;
    if (active) current->active = *active;
    if (set_subscription) {
      current->all_events = patch.all_events;
      current->event_types = patch.event_types;
    }
    current->updated_at = now;
    tx.update_webhook_endpoint(*current);
    return platform::json_reply(200, to_json(*current));
  });
}

Outcome DeleteWebhookEndpoint::handle(RequestContext& ctx) const {
  if (auto e = platform::check_path_id(ctx, "id", "wep")) return *e;
  std::string id = ctx.param("id");
  storage::Scope scope = ctx.scope();
  return platform::Mutation([=](storage::WriteTx& tx) -> platform::Answer {
    if (!tx.delete_webhook_endpoint(scope, id)) return endpoint_not_found(id);
    return platform::no_content();
  });
}

}  // namespace conduit::api
