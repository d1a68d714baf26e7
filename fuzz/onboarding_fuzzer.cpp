// POST /v2/onboarding validation: the body is parsed as the JsonBodyFilter does (parse_strict) and,
// once it parses, validated against the embedded catalogues. Also drives the country lookups with
// the raw input and with the submission's country. Checks: problems are well-formed, a submission
// without shape problems keeps its documents and country consistent, and validating the normalized
// body gives the same verdict (normalization only changes spellings).
#include <boost/json/value.hpp>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/ids.h"
#include "common/json_strict.h"
#include "domain/onboarding/onboarding.h"
#include "fuzz_check.h"

namespace ob = conduit::domain::onboarding;
namespace bj = boost::json;

static constexpr int64_t kToday = 20089;  // 2025-01-01, days since 1970-01-01

namespace {

bool is_supported(const std::string& alpha3) {
  for (const auto& c : ob::supported_countries())
    if (c == alpha3) return true;
  return false;
}

void check_country(std::string_view s) {
  auto a3 = ob::to_alpha3(s);
  if (a3) {
    FUZZ_CHECK(a3->size() == 3);
    for (char c : *a3) FUZZ_CHECK(c >= 'A' && c <= 'Z');
    FUZZ_CHECK(ob::to_alpha3(*a3) == a3);
  }
  const bj::object* req = ob::requirements(s);
  if (req) {
    FUZZ_CHECK(a3 && is_supported(*a3));
    const bj::value* c = req->if_contains("country");
    FUZZ_CHECK(c && c->is_string() && std::string_view(c->get_string()) == *a3);
  } else {
    FUZZ_CHECK(!a3 || !is_supported(*a3));
  }
}

void check_problems(const std::vector<ob::Problem>& problems, bool shape) {
  for (const auto& p : problems) {
    FUZZ_CHECK(!p.pointer.empty() && p.pointer[0] == '/');
    FUZZ_CHECK(!p.detail.empty());
    FUZZ_CHECK(shape ? p.category.empty()
                     : (p.category == "field" || p.category == "document" || p.category == "individual"));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  check_country(in);

  auto parsed = conduit::json::parse_strict(in);
  if (!parsed.value) return 0;
  const bj::value& body = *parsed.value;

  if (const bj::object* o = body.if_object())
    if (const bj::value* ra = o->if_contains("registeredAddress"); ra && ra->is_object())
      if (const bj::value* c = ra->get_object().if_contains("country"); c && c->is_string())
        check_country(std::string_view(c->get_string()));

  ob::ValidationResult r = ob::validate(body, kToday);
  check_problems(r.shape_errors, true);
  check_problems(r.readiness_errors, false);
  if (!r.shape_errors.empty()) return 0;

  const ob::Submission& s = r.submission;
  FUZZ_CHECK(s.country.empty() || (ob::to_alpha3(s.country) == s.country));
  for (const auto& d : s.documents) {
    FUZZ_CHECK(conduit::ids::is_valid("doc", d.id));
    FUZZ_CHECK(d.pointer.starts_with("/documentIds/") || d.pointer.starts_with("/ownership/persons/"));
  }
  for (size_t i = 0; i < s.documents.size(); ++i)
    for (size_t j = 0; j < i; ++j) FUZZ_CHECK(s.documents[i].id != s.documents[j].id);
  if (r.readiness_errors.empty()) FUZZ_CHECK(is_supported(s.country));

  // Normalization changes spellings only: the normalized body gets the same verdict.
  ob::ValidationResult again = ob::validate(bj::value(s.normalized), kToday);
  FUZZ_CHECK(again.shape_errors.empty());
  FUZZ_CHECK(again.readiness_errors.size() == r.readiness_errors.size());
  for (size_t i = 0; i < again.readiness_errors.size(); ++i) {
    FUZZ_CHECK(again.readiness_errors[i].pointer == r.readiness_errors[i].pointer);
    FUZZ_CHECK(again.readiness_errors[i].detail == r.readiness_errors[i].detail);
  }
  FUZZ_CHECK(again.submission.country == s.country);
  FUZZ_CHECK(bj::value(again.submission.normalized) == bj::value(s.normalized));
  return 0;
}
