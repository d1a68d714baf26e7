#include "api/onboarding.h"

#include <boost/json.hpp>

#include "api/applications.h"
#include "common/ids.h"
#include "domain/onboarding/onboarding.h"
#include "platform/query.h"

namespace conduit::api {
namespace {

namespace bj = boost::json;
namespace ob = domain::onboarding;
using platform::ApiError;
using platform::FieldError;

std::vector<FieldError> field_errors(const std::vector<ob::Problem>& problems) {
  std::vector<FieldError> out;
  for (const auto& p : problems)
    out.push_back({p.pointer, p.detail, p.category.empty() ? std::nullopt : std::optional<std::string>(p.category),
                   p.allowed_values});
  return out;
}

// "Ada Lovelace" from a person object, for the application's persons[] summary.
std::string person_name(const bj::object& person) {
  std::string name;
  for (const char* k : {"firstName", "lastName"})
    if (auto* v = person.if_contains(k); v && v->is_string()) {
      if (!name.empty()) name += ' ';
      name += std::string(v->get_string());
    }
  if (name.empty())
    if (auto* v = person.if_contains("name"); v && v->is_string()) name = std::string(v->get_string());
  return name;
}

bj::array persons_summary(const bj::object& normalized) {
  bj::array out;
  auto* ownership = normalized.if_contains("ownership");
  if (!ownership || !ownership->is_object()) return out;
  auto* persons = ownership->get_object().if_contains("persons");
  if (!persons || !persons->is_array()) return out;
  size_t i = 0;
  for (const auto& p : persons->get_array()) {
    ++i;
    if (!p.is_object()) continue;
    out.push_back(bj::object{{"referenceId", "person-" + std::to_string(i)}, {"name", person_name(p.get_object())}});
  }
  return out;
}

}  // namespace

platform::Outcome GetOnboardingRequirements::handle(platform::RequestContext& ctx) const {
  auto params = platform::parse_query(ctx.request.query);
  if (!params) return platform::validation_error("The query string is malformed.", {{"/query", "Invalid query string.", {}, {}}});
  std::optional<std::string> country;
  std::vector<FieldError> errors;
  for (const auto& [k, v] : *params) {
    if (k == "country" && !country) country = v;
    else errors.push_back({"/query/" + k, k == "country" ? "Give this parameter once." : "Unknown query parameter.", {}, {}});
  }
  const bj::object* doc = nullptr;
  if (!country) errors.push_back({"/query/country", "Required.", {}, ob::supported_countries()});
  else if (!(doc = ob::requirements(*country)))
    errors.push_back({"/query/country", "Not a supported country (ISO 3166 alpha-2 or alpha-3).", {}, ob::supported_countries()});
  if (!errors.empty()) return platform::validation_error("The country is missing or not supported.", std::move(errors));
  return platform::json_reply(200, *doc);
}

platform::Outcome SubmitOnboarding::handle(platform::RequestContext& ctx) const {
  auto result = ob::validate(*ctx.body, ctx.now_ms / 86'400'000);
  if (!result.shape_errors.empty())
    return platform::validation_error("The onboarding submission is malformed.", field_errors(result.shape_errors));
  if (!result.readiness_errors.empty())
    return ApiError{"ONBOARDING_NOT_READY", "The submission does not meet the onboarding requirements.",
                    field_errors(result.readiness_errors), {}, {}, {}};
  auto& sub = result.submission;

  // Every referenced document must be one of the caller's (same organization and environment).
  std::vector<std::string> wanted;
  for (const auto& d : sub.documents) wanted.push_back(d.id);
  std::vector<std::string> found;
  auto st = s_.store.read([&](storage::ReadTx& tx) { found = tx.existing_documents(ctx.scope(), wanted); });
  if (!st.ok) throw std::runtime_error(st.error);
  std::vector<FieldError> missing;
  for (const auto& d : sub.documents)
    if (std::find(found.begin(), found.end(), d.id) == found.end())
      missing.push_back({d.pointer, "No document " + d.id + " exists.", std::string("document"), {}});
  if (!missing.empty())
    return ApiError{"DOCUMENT_IDS_NOT_FOUND", "Some referenced documents do not exist.", std::move(missing), {}, {}, {}};

  storage::Application a;
  a.id = ids::generate("app", ctx.now_ms);
  a.scope = ctx.scope();
  a.type = "customer_onboarding";
  a.status = "pending";
  a.client_reference_id = sub.client_reference_id;
  a.tax_id = sub.tax_id;
  a.country = sub.country;
  a.submission = bj::serialize(sub.normalized);
  a.persons = bj::serialize(persons_summary(sub.normalized));
  a.submitted_at = a.created_at = a.updated_at = ctx.now_ms;
  return platform::Mutation([a = std::move(a)](storage::WriteTx& tx) -> platform::Answer {
    // Checked inside the transaction, so two concurrent submissions cannot both pass.
    if (a.tax_id) {
      if (auto customer = tx.customer_with_tax_id(a.scope, *a.tax_id)) {
        ApiError e{"CUSTOMER_ALREADY_ONBOARDED", "A customer with this tax id is already onboarded.", {}, {}, {}, {}};
        e.details = bj::object{{"customerId", *customer}};
        return e;
      }
      if (tx.pending_application_with_tax_id(a.scope, *a.tax_id))
        return ApiError{"ONBOARDING_ALREADY_SUBMITTED", "An application with this tax id is already pending.", {}, {}, {}, {}};
    }
    tx.insert_application(a);
    return platform::json_reply(202, application_json(a));
  });
}

}  // namespace conduit::api
