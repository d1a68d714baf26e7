#include "api/customers.h"

#include <algorithm>
#include <boost/json.hpp>

#include "api/json_fields.h"

#include "common/time_format.h"
#include "platform/pagination.h"
#include "platform/validation.h"

namespace conduit::api {
namespace {

namespace bj = boost::json;
using platform::ApiError;

// Every member of resources.md's customer, always present (null when absent).
bj::object to_json(const storage::Customer& c) {
  bj::object o;
  o["id"] = c.id;
  o["applicationId"] = nullable(c.application_id);
  o["customerType"] = c.customer_type;
  o["status"] = c.status;
  o["legalName"] = nullable(c.legal_name);
  o["tradeName"] = nullable(c.trade_name);
  o["taxId"] = nullable(c.tax_id);
  o["registrationNumber"] = nullable(c.registration_number);
  o["dateOfIncorporation"] = nullable(c.date_of_incorporation);
  o["website"] = nullable(c.website);
  o["contactEmail"] = nullable(c.contact_email);
  o["contactPhone"] = nullable(c.contact_phone);
  o["registeredStreet1"] = nullable(c.registered_street1);
  o["registeredStreet2"] = nullable(c.registered_street2);
  o["registeredCity"] = nullable(c.registered_city);
  o["registeredState"] = nullable(c.registered_state);
  o["registeredZipCode"] = nullable(c.registered_zip_code);
  o["registeredCountry"] = nullable(c.registered_country);
  o["legalStructure"] = nullable(c.legal_structure);
  o["coreIndustry"] = nullable(c.core_industry);
  o["features"] = bj::array();
  o["clientReferenceId"] = nullable(c.client_reference_id);
  o["createdAt"] = format_timestamp(c.created_at);
  o["updatedAt"] = format_timestamp(c.updated_at);
  return o;
}

bool valid_reference(const std::string& s) {
  if (s.empty() || s.size() > 255) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == ':' || c == '.';
  });
}

}  // namespace

platform::Outcome ListCustomers::handle(platform::RequestContext& ctx) const {
  auto parsed = platform::parse_list_request(ctx, "customers", {"clientReferenceId", "type", "sortBy"}, s_.cursor_secret);
  if (auto* e = std::get_if<ApiError>(&parsed)) return *e;
  auto& req = std::get<platform::ListRequest>(parsed);
  storage::CustomerFilter filter;
  std::vector<platform::FieldError> errors;
  if (auto it = req.filters.find("clientReferenceId"); it != req.filters.end()) {
    if (!valid_reference(it->second))
      errors.push_back({"/query/clientReferenceId", "Must match ^[A-Za-z0-9_\\-:.]{1,255}$.", {}, {}});
    filter.client_reference_id = it->second;
  }
  if (auto it = req.filters.find("type"); it != req.filters.end()) {
    // One value or a comma-separated list; enum values are case-insensitive on input.
    std::string rest = it->second;
    size_t start = 0;
    while (start <= rest.size()) {
      size_t comma = rest.find(',', start);
      std::string t = lower(rest.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
      if (t != "business" && t != "individual") {
        errors.push_back({"/query/type", "Must be business or individual.", {}, std::vector<std::string>{"business", "individual"}});
        break;
      }
      filter.types.push_back(t);
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  }
  if (auto it = req.filters.find("sortBy"); it != req.filters.end()) {
    std::string s = lower(it->second);
    if (s == "createdat") filter.sort = storage::CustomerSort::created_at;
    else if (s == "updatedat") filter.sort = storage::CustomerSort::updated_at;
    else if (s == "type") filter.sort = storage::CustomerSort::type;
    else errors.push_back({"/query/sortBy", "Must be createdAt, updatedAt or type.", {}, std::vector<std::string>{"createdAt", "updatedAt", "type"}});
  }
  if (!errors.empty()) return platform::validation_error("The query parameters are invalid.", std::move(errors));
  storage::Page<storage::Customer> page;
  auto st = s_.store.read([&](storage::ReadTx& tx) { page = tx.customers(ctx.scope(), filter, req.keyset); });
  if (!st.ok) throw std::runtime_error(st.error);
  return platform::json_reply(200, platform::list_envelope(req, page, to_json, s_.cursor_secret));
}

platform::Outcome GetCustomer::handle(platform::RequestContext& ctx) const {
  if (auto e = platform::check_path_id(ctx, "id", "cus")) return *e;
  std::optional<storage::Customer> found;
  auto st = s_.store.read([&](storage::ReadTx& tx) { found = tx.customer(ctx.scope(), ctx.param("id")); });
  if (!st.ok) throw std::runtime_error(st.error);
  if (!found) return platform::not_found("CUSTOMER_NOT_FOUND", "No customer " + ctx.param("id") + " exists.");
  return platform::json_reply(200, to_json(*found));
}

}  // namespace conduit::api
