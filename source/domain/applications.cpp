#include "domain/applications.h"

#include <boost/json.hpp>

#include "common/ids.h"

namespace conduit::domain {
namespace {

namespace bj = boost::json;

std::optional<std::string> text_at(const bj::object& root, const char* group, const char* field) {
  auto* g = root.if_contains(group);
  if (!g || !g->is_object()) return std::nullopt;
  auto* v = g->get_object().if_contains(field);
  if (!v) return std::nullopt;
  if (v->is_string()) return std::string(v->get_string());
  if (v->is_int64() || v->is_uint64() || v->is_double() || v->is_bool()) return bj::serialize(*v);
  return std::nullopt;
}

storage::Event event(const storage::Application& app, std::string type, bj::object data, int64_t now) {
  return storage::Event{ids::generate("evt", now), app.scope, std::move(type), bj::serialize(data), now};
}

bj::value nullable(const std::optional<std::string>& v) { return v ? bj::value(*v) : bj::value(nullptr); }

std::string rejection_message(const Decision& d) {
  if (d.reason) return *d.reason;
  std::string category = d.category.value_or("generic");
  std::string message = category == "document_mismatch"        ? "The documents do not match the submitted information."
                        : category == "data_sourcing_mismatch" ? "The submitted information could not be verified against external sources."
                        : category == "compliance"             ? "The application did not pass compliance review."
                                                               : "The application was rejected.";
  if (d.field) message += " Field: " + *d.field + ".";
  return message;
}

}  // namespace

bool is_final_status(const std::string& s) { return s == "approved" || s == "rejected" || s == "cancelled"; }

bool can_transition(const std::string& from, const std::string& to) {
  if (from == "pending") return to == "processing" || to == "approved" || to == "rejected" || to == "cancelled";
  if (from == "processing") return to == "approved" || to == "rejected" || to == "cancelled";
  return false;
}

const std::vector<std::string>& rejection_categories() {
  static const std::vector<std::string> all = {"document_mismatch", "data_sourcing_mismatch", "compliance", "generic"};
  return all;
}

DecisionOutcome decide(const storage::Application& app, const Decision& d, int64_t now) {
  DecisionOutcome out;
  if (app.status == "approved" || app.status == "rejected") {
    out.error = "APPLICATION_ALREADY_DECIDED";
    return out;
  }
  std::string to = d.approve ? "approved" : "rejected";
  if (!can_transition(app.status, to)) {
    out.error = "APPLICATION_INVALID_STATUS";
    return out;
  }
  auto& a = out.effects.application = app;
  a.status = to;
  a.updated_at = now;
  bj::object base{{"applicationId", a.id}, {"applicationType", a.type}, {"clientReferenceId", nullable(a.client_reference_id)}};
  if (!d.approve) {
    bool compliance = d.category && *d.category == "compliance";
    a.failure_code = compliance ? "compliance_denied" : "rejected_by_ops";
    a.failure_message = rejection_message(d);
    a.resubmittable = !compliance;
    bj::object data = base;
    data["failureCode"] = *a.failure_code;
    out.effects.events.push_back(event(a, "application.rejected", data, now));
    return out;
  }
  // Approval creates the customer from the submission, in the same transaction.
  bj::object sub = bj::parse(app.submission).as_object();
  storage::Customer c;
  c.id = ids::generate("cus", now);
  c.scope = a.scope;
  c.application_id = a.id;
  c.customer_type = "business";
  c.status = "active";
  c.legal_name = text_at(sub, "businessInfo", "legalName");
  c.trade_name = text_at(sub, "businessInfo", "tradeName");
  c.tax_id = a.tax_id ? a.tax_id : text_at(sub, "businessInfo", "taxId");
  c.registration_number = text_at(sub, "businessInfo", "registrationNumber");
  c.date_of_incorporation = text_at(sub, "businessInfo", "dateOfIncorporation");
  c.website = text_at(sub, "businessInfo", "website");
  c.contact_email = text_at(sub, "businessInfo", "contactEmail");
  c.contact_phone = text_at(sub, "businessInfo", "contactPhone");
  c.registered_street1 = text_at(sub, "registeredAddress", "street1");
  c.registered_street2 = text_at(sub, "registeredAddress", "street2");
  c.registered_city = text_at(sub, "registeredAddress", "city");
  c.registered_state = text_at(sub, "registeredAddress", "state");
  c.registered_zip_code = text_at(sub, "registeredAddress", "zipCode");
  c.registered_country = a.country ? a.country : text_at(sub, "registeredAddress", "country");
  c.legal_structure = text_at(sub, "companyClassification", "legalStructure");
  c.core_industry = text_at(sub, "companyClassification", "coreIndustry");
  c.client_reference_id = a.client_reference_id;
  c.created_at = c.updated_at = now;
  a.customer_id = c.id;
  bj::object approved = base;
  approved["customerId"] = c.id;
  out.effects.events.push_back(event(a, "application.approved", approved, now));
  out.effects.events.push_back(event(a, "customer.created", {{"customerId", c.id}, {"applicationId", a.id}, {"clientReferenceId", nullable(c.client_reference_id)}}, now));
  out.effects.events.push_back(event(a, "customer.activated", {{"customerId", c.id}}, now));
  out.effects.customer = std::move(c);
  return out;
}

CancelOutcome cancel(const storage::Application& app, int64_t now) {
  CancelOutcome out;
  out.application = app;
  if (!can_transition(app.status, "cancelled")) {
    out.error = "APPLICATION_INVALID_STATUS";
    return out;
  }
  out.application.status = "cancelled";
  out.application.updated_at = now;
  return out;
}

}  // namespace conduit::domain
