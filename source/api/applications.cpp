#include "api/applications.h"

#include <algorithm>
#include <boost/json.hpp>

#include "api/json_fields.h"

#include "common/ids.h"
#include "common/time_format.h"
#include "domain/applications.h"
#include "platform/pagination.h"
#include "platform/validation.h"

namespace conduit::api {
namespace {

namespace bj = boost::json;
using platform::ApiError;

ApiError application_not_found(const std::string& id) {
  return platform::not_found("APPLICATION_NOT_FOUND", "No application " + id + " exists.");
}

ApiError status_error(const std::string& code, const storage::Application& a) {
  return ApiError{code, "The application is " + a.status + ".", {}, {}, {}, {}};
}

}  // namespace

bj::object application_json(const storage::Application& a) {
  bj::object o;
  o["id"] = a.id;
  o["type"] = a.type;
  o["status"] = a.status;
  o["clientReferenceId"] = nullable(a.client_reference_id);
  o["customerId"] = nullable(a.customer_id);
  o["submittedAt"] = a.submitted_at ? bj::value(format_timestamp(*a.submitted_at)) : nullptr;
  o["failureCode"] = nullable(a.failure_code);
  o["failureMessage"] = nullable(a.failure_message);
  o["resubmittable"] = a.resubmittable ? bj::value(*a.resubmittable) : nullptr;
  o["persons"] = bj::parse(a.persons.empty() ? "[]" : a.persons);
  o["createdAt"] = format_timestamp(a.created_at);
  o["updatedAt"] = format_timestamp(a.updated_at);
  return o;
}

void commit_decision(storage::WriteTx& tx, const domain::DecisionEffects& effects) {
  if (effects.customer) tx.insert_customer(*effects.customer);
  tx.update_application(effects.application);
  for (const auto& e : effects.events) tx.insert_event(e);
}

platform::Outcome ListApplications::handle(platform::RequestContext& ctx) const {
  auto parsed = platform::parse_list_request(ctx, "applications", {"customerId", "status", "type"}, s_.cursor_secret);
  if (auto* e = std::get_if<ApiError>(&parsed)) return *e;
  auto& req = std::get<platform::ListRequest>(parsed);
  storage::ApplicationFilter filter;
  std::vector<platform::FieldError> errors;
  if (auto e = platform::id_filter(req, "customerId", "cus", filter.customer_id)) return *e;
  platform::enum_filter(req, "status", {"pending", "processing", "approved", "rejected", "cancelled"}, filter.status, errors);
  platform::enum_filter(req, "type", {"customer_onboarding"}, filter.type, errors);
  if (!errors.empty()) return platform::validation_error("The query parameters are invalid.", std::move(errors));
  storage::Page<storage::Application> page;
  auto st = s_.store.read([&](storage::ReadTx& tx) { page = tx.applications(ctx.scope(), filter, req.keyset); });
  if (!st.ok) throw std::runtime_error(st.error);
  return platform::json_reply(200, platform::list_envelope(req, page, application_json, s_.cursor_secret));
}

platform::Outcome GetApplication::handle(platform::RequestContext& ctx) const {
  if (auto e = platform::check_path_id(ctx, "id", "app")) return *e;
  std::optional<storage::Application> found;
  auto st = s_.store.read([&](storage::ReadTx& tx) { found = tx.application(ctx.scope(), ctx.param("id")); });
  if (!st.ok) throw std::runtime_error(st.error);
  if (!found) return application_not_found(ctx.param("id"));
  return platform::json_reply(200, application_json(*found));
}

platform::Outcome CancelApplication::handle(platform::RequestContext& ctx) const {
  if (auto e = platform::check_path_id(ctx, "id", "app")) return *e;
  std::string id = ctx.param("id");
  storage::Scope scope = ctx.scope();
  int64_t now = ctx.now_ms;
  return platform::Mutation([=](storage::WriteTx& tx) -> platform::Answer {
    auto app = tx.application(scope, id);
    if (!app) return application_not_found(id);
    auto result = domain::cancel(*app, now);
    if (result.error) return status_error(*result.error, *app);
    tx.update_application(result.application);
    return platform::json_reply(200, application_json(result.application));
  });
}

platform::Outcome SimulateApplicationDecision::handle(platform::RequestContext& ctx) const {
  if (auto e = platform::check_path_id(ctx, "id", "app")) return *e;
  std::vector<platform::FieldError> errors;
  platform::ObjectReader body(&*ctx.body, "", errors, {"outcome", "category", "field"});
  domain::Decision decision;
  if (body.valid()) {
    auto outcome = body.string("outcome", true, 16);
    if (outcome) {
      std::string o = lower(*outcome);
      if (o != "approved" && o != "rejected")
        errors.push_back({"/outcome", "Must be approved or rejected.", {}, std::vector<std::string>{"approved", "rejected"}});
      decision.approve = o == "approved";
    }
    if (auto category = body.string("category", false, 64)) {
      std::string c = lower(*category);
      const auto& all = domain::rejection_categories();
      if (std::find(all.begin(), all.end(), c) == all.end())
        errors.push_back({"/category", "Unknown category.", {}, all});
      else if (decision.approve)
        errors.push_back({"/category", "Only allowed with outcome rejected.", {}, {}});
      decision.category = c;
    }
    if (auto field = body.string("field", false, 64)) {
      bool ok = !field->empty() && std::all_of(field->begin(), field->end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '_' || (c >= '0' && c <= '9'); });
      if (!ok) errors.push_back({"/field", "Must be a lower-case field name such as tax_id.", {}, {}});
      else if (!decision.category) errors.push_back({"/field", "Requires a category.", {}, {}});
      decision.field = *field;
    }
  }
  if (!errors.empty()) return platform::validation_error("The decision is invalid.", std::move(errors));
  std::string id = ctx.param("id");
  storage::Scope scope = ctx.scope();
  int64_t now = ctx.now_ms;
  return platform::Mutation([=](storage::WriteTx& tx) -> platform::Answer {
    auto app = tx.application(scope, id);
    if (!app) return application_not_found(id);
    auto result = domain::decide(*app, decision, now);
    if (result.error) return status_error(*result.error, *app);
    commit_decision(tx, result.effects);
    return platform::json_reply(200, application_json(result.effects.application));
  });
}

}  // namespace conduit::api
