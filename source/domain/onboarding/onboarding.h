#pragma once
// Customer onboarding (resources.md Tier 1): the requirements catalogue served by
// GET /v2/onboarding/requirements and the validation of POST /v2/onboarding. Both come from the
// same data (catalogue/onboarding/<ALPHA3>.json, compiled into the binary), so discovery and
// validation cannot disagree.
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace conduit::domain::onboarding {

struct Problem {
  std::string pointer;   // RFC 6901 into the submission
  std::string detail;
  std::string category;  // field | document | individual; "" for 400 (shape) problems
  std::optional<std::vector<std::string>> allowed_values;
};

struct DocumentRef {
  std::string id;       // doc_…
  std::string pointer;  // where it was first referenced, e.g. /ownership/persons/0/documentIds/1
};

// What a handler needs once the submission is valid.
struct Submission {
  std::string country;  // alpha-3 of registeredAddress.country ("" when not a country at all)
  std::optional<std::string> tax_id, client_reference_id;
  // The body with canonical spellings: allowedValues in the catalogue's casing, countries alpha-3,
  // roles lowercase (deduplicated), documentIds deduplicated. Empty when there are shape errors.
  boost::json::object normalized;
  std::vector<DocumentRef> documents;  // every referenced document id, once, in order of reference
};

struct ValidationResult {
  std::vector<Problem> shape_errors;      // 400 VALIDATION_ERROR (when present, nothing else is checked)
  std::vector<Problem> readiness_errors;  // 422 ONBOARDING_NOT_READY, every problem at once
  Submission submission;
};

// Any ISO 3166-1 country, alpha-2 or alpha-3, case-insensitive; nullopt if it is not one.
std::optional<std::string> to_alpha3(std::string_view alpha2_or_3);

// Countries with a catalogue, alpha-3, sorted: {"BRA","DEU","GBR","SGP","USA"}.
const std::vector<std::string>& supported_countries();

// The requirements document (the response body of GET /v2/onboarding/requirements) for a country
// given as alpha-2 or alpha-3, case-insensitive; nullptr if not supported. Lives for the process.
const boost::json::object* requirements(std::string_view country);

// Validates a POST /v2/onboarding body. `today_days` = days since 1970-01-01 (UTC), the meaning of
// "today" in minDate/maxDate and minAgeYears.
ValidationResult validate(const boost::json::value& body, int64_t today_days);

}  // namespace conduit::domain::onboarding
