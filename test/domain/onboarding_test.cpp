#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "common/time_format.h"
#include "domain/onboarding/onboarding.h"

namespace conduit::domain::onboarding {
namespace {

namespace bj = boost::json;

const int64_t kToday = *parse_date("2026-01-15");

std::string doc_id(int n) {
  std::string s = std::to_string(n);
  return "doc_" + std::string(22 - s.size(), 'A') + s;
}

std::vector<std::string> tokens(std::string_view pointer) {
  std::vector<std::string> out;
  size_t i = 1;
  while (i <= pointer.size()) {
    size_t slash = pointer.find('/', i);
    if (slash == std::string_view::npos) slash = pointer.size();
    out.emplace_back(pointer.substr(i, slash - i));
    i = slash + 1;
  }
  return out;
}

// Sets the value at `pointer`, creating the objects on the way.
void set(bj::object& root, std::string_view pointer, bj::value v) {
  auto t = tokens(pointer);
  bj::object* o = &root;
  for (size_t i = 0; i + 1 < t.size(); ++i) {
    bj::value& next = (*o)[t[i]];
    if (!next.is_object()) next = bj::object{};
    o = &next.get_object();
  }
  (*o)[t.back()] = std::move(v);
}

void erase(bj::object& root, std::string_view pointer) {
  auto t = tokens(pointer);
  bj::object* o = &root;
  for (size_t i = 0; i + 1 < t.size(); ++i) o = &o->at(t[i]).get_object();
  o->erase(t.back());
}

bj::value& at(bj::object& root, std::string_view pointer) {
  auto t = tokens(pointer);
  bj::value* v = &root.at(t[0]);
  for (size_t i = 1; i < t.size(); ++i) v = t[i][0] >= '0' && t[i][0] <= '9' ? &v->at(std::stoul(t[i])) : &v->at(t[i]);
  return *v;
}

// A valid value for one catalogue field, from its mustEqual, allowedValues or constraints.
bj::value fill(const bj::object& field) {
  if (!field.at("mustEqual").is_null()) return field.at("mustEqual");
  const auto& c = field.at("constraints").get_object();
  std::string type(field.at("type").get_string());
  if (type == "enum") return field.at("allowedValues").get_array().front();
  if (type == "boolean") return false;
  if (type == "number" || type == "integer") return c.at("min").is_null() ? bj::value(0) : c.at("min");
  if (!c.at("example").is_null()) return c.at("example");
  if (type == "date") return c.at("minDate").is_null() ? bj::value("2000-01-01") : c.at("minDate");
  int64_t n = c.at("minLength").is_null() ? 1 : c.at("minLength").as_int64();
  return bj::value(std::string(size_t(std::max<int64_t>(n, 1)), 'a'));
}

// A complete submission built generically from a requirements document.
bj::object build(const bj::object& catalogue) {
  bj::object body;
  for (const auto& f : catalogue.at("fields").get_array())
    set(body, std::string(f.at("pointer").get_string()), fill(f.get_object()));
  int next_doc = 1;
  bj::array docs;
  for (int64_t i = 0; i < catalogue.at("minDocuments").as_int64(); ++i) docs.emplace_back(doc_id(next_doc++));
  body["documentIds"] = docs;
  bj::array persons;
  for (const auto& rv : catalogue.at("individualRequirements").get_array()) {
    const auto& r = rv.get_object();
    for (int64_t k = 0; k < r.at("minCount").as_int64(); ++k) {
      bj::object person;
      for (const auto& f : r.at("fields").get_array())
        set(person, std::string(f.at("pointer").get_string()), fill(f.get_object()));
      person["roles"] = bj::array{r.at("role")};
      bj::array ids;
      for (int64_t d = 0; d < r.at("minDocuments").as_int64(); ++d) ids.emplace_back(doc_id(next_doc++));
      person["documentIds"] = ids;
      persons.push_back(std::move(person));
    }
  }
  body["ownership"] = bj::object{{"persons", persons}};
  body["clientReferenceId"] = "crm:acct-42";
  return body;
}

bj::object usa() { return build(*requirements("USA")); }

std::string dump(const std::vector<Problem>& problems) {
  std::string out;
  for (const auto& p : problems) out += "  [" + p.category + "] " + p.pointer + ": " + p.detail + "\n";
  return out;
}

const Problem* find(const std::vector<Problem>& problems, std::string_view pointer) {
  for (const auto& p : problems)
    if (p.pointer == pointer) return &p;
  return nullptr;
}

// Expects the body to be well-shaped and to have exactly one readiness problem, at `pointer`.
Problem only_readiness(const bj::object& body, std::string_view pointer, std::string_view category, int64_t today = kToday) {
  auto r = validate(body, today);
  EXPECT_TRUE(r.shape_errors.empty()) << dump(r.shape_errors);
  EXPECT_EQ(r.readiness_errors.size(), 1u) << dump(r.readiness_errors);
  const Problem* p = find(r.readiness_errors, pointer);
  if (!p) {
    ADD_FAILURE() << "no problem at " << pointer << "\n" << dump(r.readiness_errors);
    return {};
  }
  EXPECT_EQ(p->category, category) << pointer;
  return *p;
}

// Expects exactly one shape problem, at `pointer`.
Problem only_shape(const bj::value& body, std::string_view pointer) {
  auto r = validate(body, kToday);
  EXPECT_EQ(r.shape_errors.size(), 1u) << dump(r.shape_errors);
  EXPECT_TRUE(r.readiness_errors.empty());
  const Problem* p = find(r.shape_errors, pointer);
  if (!p) {
    ADD_FAILURE() << "no shape problem at " << pointer << "\n" << dump(r.shape_errors);
    return {};
  }
  EXPECT_EQ(p->category, "");
  return *p;
}

void expect_clean(const bj::object& body, int64_t today = kToday) {
  auto r = validate(body, today);
  EXPECT_TRUE(r.shape_errors.empty()) << dump(r.shape_errors);
  EXPECT_TRUE(r.readiness_errors.empty()) << dump(r.readiness_errors);
}

// ---------------------------------------------------------------- the catalogue

TEST(OnboardingCatalogue, SupportedCountriesAndLookup) {
  EXPECT_EQ(supported_countries(), (std::vector<std::string>{"BRA", "DEU", "GBR", "SGP", "USA"}));
  for (const auto& c : supported_countries()) {
    const bj::object* doc = requirements(c);
    ASSERT_NE(doc, nullptr) << c;
    EXPECT_EQ(doc->at("country"), c.c_str());
    EXPECT_EQ(doc->at("schemaVersion"), "3");
    EXPECT_EQ(doc->at("context"), "onboarding");
  }
  EXPECT_EQ(requirements("us"), requirements("USA"));
  EXPECT_EQ(requirements("gB"), requirements("gbr"));
  EXPECT_EQ(requirements("FRA"), nullptr);
  EXPECT_EQ(requirements("FR"), nullptr);
  EXPECT_EQ(requirements("XX"), nullptr);
  EXPECT_EQ(requirements(""), nullptr);
}

TEST(OnboardingCatalogue, EveryFieldHasEveryMemberInOrder) {
  const std::vector<std::string> kField = {"pointer", "label", "helpText", "group", "type", "required", "mustEqual",
                                           "allowedValues", "constraints", "conditions"};
  const std::vector<std::string> kConstraints = {"pattern", "example", "minLength", "maxLength", "min", "max",
                                                 "minDate", "maxDate", "minAgeYears"};
  auto keys = [](const bj::object& o) {
    std::vector<std::string> k;
    for (const auto& kv : o) k.emplace_back(kv.key());
    return k;
  };
  auto check = [&](const bj::array& fields, bool person) {
    for (const auto& fv : fields) {
      const auto& f = fv.get_object();
      EXPECT_EQ(keys(f), kField) << f.at("pointer");
      EXPECT_EQ(keys(f.at("constraints").get_object()), kConstraints) << f.at("pointer");
      std::string pointer(f.at("pointer").get_string());
      if (!person) {
        EXPECT_EQ(pointer.substr(1, pointer.find('/', 1) - 1), std::string(f.at("group").get_string()));
      }
      for (const auto& c : f.at("conditions").get_array())
        EXPECT_EQ(keys(c.get_object()), (std::vector<std::string>{"pointer", "operator", "value", "values"}));
      if (f.at("type") == "enum") {
        ASSERT_TRUE(f.at("allowedValues").is_array()) << pointer;
        if (pointer.ends_with("/state")) continue;  // USPS / UF codes keep their upper case
        for (const auto& a : f.at("allowedValues").get_array()) {
          std::string v(a.get_string());
          EXPECT_TRUE(std::all_of(v.begin(), v.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; }))
              << pointer << " " << v;
        }
      } else {
        EXPECT_TRUE(f.at("allowedValues").is_null()) << pointer;
      }
    }
  };
  for (const auto& c : supported_countries()) {
    const auto& doc = *requirements(c);
    EXPECT_EQ(keys(doc), (std::vector<std::string>{"schemaVersion", "context", "country", "fields", "documents",
                                                   "minDocuments", "individualRequirements"}));
    check(doc.at("fields").get_array(), false);
    EXPECT_EQ(doc.at("minDocuments"), 1);
    for (const auto& d : doc.at("documents").get_array()) {
      EXPECT_EQ(keys(d.get_object()), (std::vector<std::string>{"title", "from", "alternatives"}));
      EXPECT_FALSE(d.at("alternatives").get_array().empty());
    }
    const auto& reqs = doc.at("individualRequirements").get_array();
    ASSERT_EQ(reqs.size(), 2u);
    for (const auto& r : reqs) {
      EXPECT_EQ(keys(r.get_object()), (std::vector<std::string>{"role", "minCount", "maxCount", "fields", "minDocuments"}));
      check(r.at("fields").get_array(), true);
    }
    EXPECT_EQ(reqs[0].at("role"), "beneficial_owner");
    EXPECT_EQ(reqs[0].at("minCount"), 1);
    EXPECT_EQ(reqs[0].at("maxCount"), 4);
    EXPECT_EQ(reqs[0].at("minDocuments"), 1);
    EXPECT_EQ(reqs[1].at("role"), "legal_representative");
    EXPECT_TRUE(reqs[1].at("maxCount").is_null());
  }
}

TEST(OnboardingCatalogue, SamePointersEverywhereCountryDifferencesInConstraints) {
  auto pointers = [](const bj::object& doc) {
    std::vector<std::string> out;
    for (const auto& f : doc.at("fields").get_array()) out.emplace_back(f.at("pointer").get_string());
    return out;
  };
  auto field = [](const bj::object& doc, std::string_view pointer) -> const bj::object& {
    for (const auto& f : doc.at("fields").get_array())
      if (f.at("pointer").get_string() == pointer) return f.get_object();
    throw std::runtime_error("no field");
  };
  const auto& us = *requirements("USA");
  for (const auto& c : supported_countries()) EXPECT_EQ(pointers(*requirements(c)), pointers(us)) << c;

  const auto& state = field(us, "/registeredAddress/state");
  EXPECT_EQ(state.at("type"), "enum");
  const auto& states = state.at("allowedValues").get_array();
  EXPECT_EQ(states.size(), 56u);
  for (const char* s : {"CA", "NY", "DC", "AS", "GU", "MP", "PR", "VI", "WY"})
    EXPECT_NE(std::find(states.begin(), states.end(), bj::value(s)), states.end()) << s;

  EXPECT_EQ(field(us, "/businessInfo/taxId").at("constraints").at("pattern"), R"(^\d{2}-?\d{7}$)");
  EXPECT_EQ(field(*requirements("GBR"), "/businessInfo/taxId").at("constraints").at("pattern"), R"(^(\d{8}|[A-Z]{2}\d{6})$)");
  EXPECT_EQ(field(*requirements("DEU"), "/businessInfo/taxId").at("constraints").at("pattern"), R"(^(DE\d{9}|\d{10,13})$)");
  EXPECT_EQ(field(*requirements("BRA"), "/businessInfo/taxId").at("constraints").at("pattern"),
            R"(^\d{2}\.?\d{3}\.?\d{3}/?\d{4}-?\d{2}$)");
  EXPECT_EQ(field(*requirements("SGP"), "/businessInfo/taxId").at("constraints").at("pattern"),
            R"(^(\d{8,9}[A-Z]|[TSR]\d{2}[A-Z]{2}\d{4}[A-Z])$)");
  const auto& legal = field(*requirements("DEU"), "/companyClassification/legalStructure").at("allowedValues").get_array();
  EXPECT_NE(std::find(legal.begin(), legal.end(), bj::value("gmbh")), legal.end());

  const auto& cond = field(us, "/compliance/regulatorName").at("conditions").get_array();
  ASSERT_EQ(cond.size(), 1u);
  EXPECT_EQ(bj::serialize(cond[0]), R"({"pointer":"/compliance/isRegulated","operator":"eq","value":true,"values":null})");
  EXPECT_EQ(field(us, "/certification/termsAccepted").at("mustEqual"), true);
}

TEST(OnboardingCatalogue, Alpha3ForEveryIsoCountry) {
  EXPECT_EQ(to_alpha3("us"), "USA");
  EXPECT_EQ(to_alpha3("USA"), "USA");
  EXPECT_EQ(to_alpha3("gBr"), "GBR");
  EXPECT_EQ(to_alpha3("de"), "DEU");
  EXPECT_EQ(to_alpha3("AQ"), "ATA");
  EXPECT_EQ(to_alpha3("ax"), "ALA");
  EXPECT_EQ(to_alpha3("ZW"), "ZWE");
  EXPECT_EQ(to_alpha3("SS"), "SSD");
  EXPECT_EQ(to_alpha3("XK"), std::nullopt);  // not assigned by ISO
  EXPECT_EQ(to_alpha3("UK"), std::nullopt);
  EXPECT_EQ(to_alpha3("U1"), std::nullopt);
  EXPECT_EQ(to_alpha3(""), std::nullopt);
  EXPECT_EQ(to_alpha3("USAA"), std::nullopt);
}

// ---------------------------------------------------------------- a complete submission

TEST(Onboarding, GenericSubmissionFromEachCatalogueIsValid) {
  for (const auto& country : supported_countries()) {
    SCOPED_TRACE(country);
    bj::object body = build(*requirements(country));
    auto r = validate(body, kToday);
    EXPECT_TRUE(r.shape_errors.empty()) << dump(r.shape_errors);
    EXPECT_TRUE(r.readiness_errors.empty()) << dump(r.readiness_errors);
    EXPECT_EQ(r.submission.country, country);
    EXPECT_EQ(r.submission.client_reference_id, "crm:acct-42");
    ASSERT_TRUE(r.submission.tax_id);
    EXPECT_EQ(*r.submission.tax_id, std::string(body.at("businessInfo").at("taxId").get_string()));
    EXPECT_EQ(r.submission.normalized, body);  // already canonical
    ASSERT_EQ(r.submission.documents.size(), 2u);
    EXPECT_EQ(r.submission.documents[0].id, doc_id(1));
    EXPECT_EQ(r.submission.documents[0].pointer, "/documentIds/0");
    EXPECT_EQ(r.submission.documents[1].id, doc_id(2));
    EXPECT_EQ(r.submission.documents[1].pointer, "/ownership/persons/0/documentIds/0");
  }
}

TEST(Onboarding, OptionalFieldsMayBeAbsentOrNull) {
  bj::object body = usa();
  erase(body, "/businessInfo/tradeName");
  erase(body, "/businessInfo/website");
  set(body, "/registeredAddress/street2", nullptr);
  body.erase("clientReferenceId");
  expect_clean(body);
  EXPECT_FALSE(validate(body, kToday).submission.client_reference_id);
}

// ---------------------------------------------------------------- 400: shape

TEST(OnboardingShape, BodyMustBeAnObject) {
  only_shape(bj::array{}, "/");
  only_shape(bj::value("x"), "/");
  only_shape(bj::value(nullptr), "/");
}

TEST(OnboardingShape, UnknownKeysAnywhere) {
  bj::object body = usa();
  body["surprise"] = 1;
  EXPECT_EQ(only_shape(body, "/surprise").detail, "Unrecognized key.");
  body = usa();
  set(body, "/businessInfo/nickname", "x");
  only_shape(body, "/businessInfo/nickname");
  body = usa();
  at(body, "/ownership/persons/0").get_object()["middleName"] = "x";
  only_shape(body, "/ownership/persons/0/middleName");
  body = usa();
  at(body, "/ownership/persons/0/address").get_object()["line9"] = "x";
  only_shape(body, "/ownership/persons/0/address/line9");
  body = usa();
  at(body, "/ownership").get_object()["owners"] = bj::array{};
  only_shape(body, "/ownership/owners");
  body = usa();
  set(body, "/relatedCompany/name", "x");
  only_shape(body, "/relatedCompany");
  body = usa();
  at(body, "/businessInfo").get_object()["a/b~c"] = 1;
  only_shape(body, "/businessInfo/a~1b~0c");  // RFC 6901 escaping
}

TEST(OnboardingShape, WrongJsonTypes) {
  struct Case {
    const char* pointer;
    bj::value value;
    const char* detail;
  };
  const Case cases[] = {
      {"/businessInfo/taxId", 123456789, "Must be a string."},
      {"/businessInfo/dateOfIncorporation", 20150601, "Must be a string."},
      {"/compliance/isRegulated", "no", "Must be a boolean."},
      {"/businessActivity/expectedMonthlyVolumeUsd", "1000", "Must be an integer (a whole number within 64 bits)."},
      {"/businessActivity/expectedMonthlyVolumeUsd", 1000.5, "Must be an integer (a whole number within 64 bits)."},
      {"/businessActivity/expectedMonthlyVolumeUsd", bj::value(uint64_t(1) << 63), "Must be an integer (a whole number within 64 bits)."},
      {"/companyClassification/legalStructure", bj::array{"llc"}, "Must be a string."},
      {"/ownership/persons/0/ownershipPercentage", "50", "Must be a number."},
      {"/ownership/persons/0/address", "1 Main St", "Must be a JSON object."},
      {"/businessInfo", bj::array{}, "Must be a JSON object."},
      {"/ownership", "x", "Must be a JSON object."},
      {"/ownership/persons", bj::object{}, "Must be an array of persons."},
      {"/ownership/persons/0", "Ada", "Must be a JSON object."},
      {"/ownership/persons/0/roles", "beneficial_owner", "Must be an array of roles."},
      {"/documentIds", bj::string(doc_id(1)), "Must be an array of document ids."},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.pointer);
    bj::object body = usa();
    at(body, c.pointer) = c.value;
    EXPECT_EQ(only_shape(body, c.pointer).detail, c.detail);
  }
}

TEST(OnboardingShape, ClientReferenceIdPattern) {
  for (bj::value bad : {bj::value(""), bj::value("has space"), bj::value(std::string(256, 'a')), bj::value("é"), bj::value(42)}) {
    bj::object body = usa();
    body["clientReferenceId"] = bad;
    only_shape(body, "/clientReferenceId");
  }
  bj::object body = usa();
  body["clientReferenceId"] = std::string(255, 'a');
  expect_clean(body);
  body["clientReferenceId"] = "A-z_0:9.x";
  expect_clean(body);
}

TEST(OnboardingShape, PersonRolesAreTheThreeRolesInAnyCase) {
  bj::object body = usa();
  at(body, "/ownership/persons/0/roles") = bj::array{"beneficial_owner", "director"};
  Problem p = only_shape(body, "/ownership/persons/0/roles/1");
  EXPECT_NE(p.detail.find("director"), std::string::npos);
  ASSERT_TRUE(p.allowed_values);
  EXPECT_EQ(p.allowed_values->size(), 3u);
  at(body, "/ownership/persons/0/roles") = bj::array{"any"};  // a selector, not a role
  only_shape(body, "/ownership/persons/0/roles/0");
  at(body, "/ownership/persons/0/roles") = bj::array{7};
  only_shape(body, "/ownership/persons/0/roles/0");

  body = usa();
  at(body, "/ownership/persons/0/roles") = bj::array{"BENEFICIAL_OWNER", "Controlling_Person", "beneficial_owner"};
  auto r = validate(body, kToday);
  EXPECT_TRUE(r.shape_errors.empty() && r.readiness_errors.empty()) << dump(r.shape_errors) << dump(r.readiness_errors);
  EXPECT_EQ(bj::serialize(r.submission.normalized.at("ownership").at("persons").at(0).at("roles")),
            R"(["beneficial_owner","controlling_person"])");
}

TEST(OnboardingShape, DocumentIdsMustLookLikeDocumentIds) {
  bj::object body = usa();
  at(body, "/documentIds") = bj::array{doc_id(1), "doc_short", "cus_AAAAAAAAAAAAAAAAAAAAA1", 5};
  auto r = validate(body, kToday);
  ASSERT_EQ(r.shape_errors.size(), 3u) << dump(r.shape_errors);
  EXPECT_EQ(r.shape_errors[0].pointer, "/documentIds/1");
  EXPECT_EQ(r.shape_errors[1].pointer, "/documentIds/2");
  EXPECT_EQ(r.shape_errors[2].pointer, "/documentIds/3");
  body = usa();
  at(body, "/ownership/persons/0/documentIds") = bj::array{"doc_" + std::string(22, '-')};
  only_shape(body, "/ownership/persons/0/documentIds/0");
}

TEST(OnboardingShape, ShapeProblemsWinAndAreAllReported) {
  bj::object body = usa();
  erase(body, "/businessInfo/legalName");                   // 422 alone
  set(body, "/certification/termsAccepted", false);         // 422 alone
  set(body, "/businessInfo/taxId", 5);                      // 400
  body["extra"] = true;                                     // 400
  at(body, "/ownership/persons/0/roles") = bj::array{"x"};  // 400
  auto r = validate(body, kToday);
  EXPECT_EQ(r.shape_errors.size(), 3u) << dump(r.shape_errors);
  EXPECT_TRUE(find(r.shape_errors, "/businessInfo/taxId"));
  EXPECT_TRUE(find(r.shape_errors, "/extra"));
  EXPECT_TRUE(find(r.shape_errors, "/ownership/persons/0/roles/0"));
  EXPECT_TRUE(r.readiness_errors.empty());
}

TEST(OnboardingShape, UnknownKeysAreRefusedEvenWithoutACatalogueCountry) {
  bj::object body = usa();
  set(body, "/registeredAddress/country", "FRA");
  set(body, "/businessInfo/nickname", "x");
  only_shape(body, "/businessInfo/nickname");
}

// ---------------------------------------------------------------- 422: readiness

TEST(OnboardingReadiness, MissingRequiredField) {
  bj::object body = usa();
  erase(body, "/businessInfo/legalName");
  EXPECT_EQ(only_readiness(body, "/businessInfo/legalName", "field").detail, "Required.");
  body = usa();
  set(body, "/businessInfo/legalName", nullptr);  // null counts as absent
  only_readiness(body, "/businessInfo/legalName", "field");
  body = usa();
  erase(body, "/companyClassification/legalStructure");
  Problem p = only_readiness(body, "/companyClassification/legalStructure", "field");
  ASSERT_TRUE(p.allowed_values);  // a closed set names its values even when missing
  EXPECT_NE(std::find(p.allowed_values->begin(), p.allowed_values->end(), "llc"), p.allowed_values->end());
  body = usa();
  body.erase("certification");
  auto r = validate(body, kToday);
  EXPECT_EQ(r.readiness_errors.size(), 2u) << dump(r.readiness_errors);
  EXPECT_TRUE(find(r.readiness_errors, "/certification/termsAccepted"));
  EXPECT_TRUE(find(r.readiness_errors, "/certification/accurateInformation"));
}

TEST(OnboardingReadiness, Pattern) {
  bj::object body = usa();
  set(body, "/businessInfo/taxId", "123");
  Problem p = only_readiness(body, "/businessInfo/taxId", "field");
  EXPECT_NE(p.detail.find(R"(^\d{2}-?\d{7}$)"), std::string::npos) << p.detail;
  EXPECT_NE(p.detail.find("12-3456789"), std::string::npos) << p.detail;
  set(body, "/businessInfo/taxId", "123456789");  // hyphen optional
  expect_clean(body);
  set(body, "/registeredAddress/zipCode", "9410");
  only_readiness(body, "/registeredAddress/zipCode", "field");
  set(body, "/registeredAddress/zipCode", "94105-1234");
  expect_clean(body);

  bj::object gb = build(*requirements("GBR"));
  set(gb, "/businessInfo/taxId", "SC123456");
  expect_clean(gb);
  set(gb, "/businessInfo/taxId", "12-3456789");  // an EIN is not a company number
  only_readiness(gb, "/businessInfo/taxId", "field");
  bj::object sg = build(*requirements("SGP"));
  set(sg, "/businessInfo/taxId", "T09LL0001B");
  expect_clean(sg);
}

TEST(OnboardingReadiness, AllowedValuesCaseInsensitiveStoredCanonically) {
  bj::object body = usa();
  set(body, "/companyClassification/legalStructure", "LLC");
  set(body, "/registeredAddress/state", "ca");
  set(body, "/businessActivity/sourceOfFunds", "Business_Revenue");
  auto r = validate(body, kToday);
  EXPECT_TRUE(r.readiness_errors.empty()) << dump(r.readiness_errors);
  const auto& n = r.submission.normalized;
  EXPECT_EQ(n.at("companyClassification").at("legalStructure"), "llc");
  EXPECT_EQ(n.at("registeredAddress").at("state"), "CA");
  EXPECT_EQ(n.at("businessActivity").at("sourceOfFunds"), "business_revenue");

  set(body, "/companyClassification/legalStructure", "gmbh");  // a German structure in the USA
  Problem p = only_readiness(body, "/companyClassification/legalStructure", "field");
  ASSERT_TRUE(p.allowed_values);
  std::vector<std::string> expected;
  for (const auto& f : requirements("USA")->at("fields").get_array())
    if (f.at("pointer") == "/companyClassification/legalStructure")
      for (const auto& a : f.at("allowedValues").get_array()) expected.emplace_back(a.get_string());
  EXPECT_EQ(*p.allowed_values, expected);
  body = usa();
  set(body, "/registeredAddress/state", "ZZ");
  p = only_readiness(body, "/registeredAddress/state", "field");
  ASSERT_TRUE(p.allowed_values);
  EXPECT_EQ(p.allowed_values->size(), 56u);
}

TEST(OnboardingReadiness, Lengths) {
  bj::object body = usa();
  set(body, "/businessActivity/description", "Too short");  // 9 < 10
  EXPECT_EQ(only_readiness(body, "/businessActivity/description", "field").detail, "Must be at least 10 characters.");
  body = usa();
  set(body, "/businessInfo/legalName", bj::string(201, 'a'));
  EXPECT_EQ(only_readiness(body, "/businessInfo/legalName", "field").detail, "Must be at most 200 characters.");
  body = usa();
  std::string accented;
  for (int i = 0; i < 200; ++i) accented += "\xC3\xA9";  // é: 200 characters, 400 bytes
  set(body, "/businessInfo/legalName", bj::string(accented));
  expect_clean(body);
  set(body, "/businessInfo/legalName", "");
  EXPECT_EQ(only_readiness(body, "/businessInfo/legalName", "field").detail, "Must be at least 1 character.");
}

TEST(OnboardingReadiness, NumericBounds) {
  bj::object body = usa();
  set(body, "/businessActivity/expectedMonthlyVolumeUsd", -1);
  EXPECT_EQ(only_readiness(body, "/businessActivity/expectedMonthlyVolumeUsd", "field").detail, "Must be at least 0.");
  body = usa();
  at(body, "/ownership/persons/0/ownershipPercentage") = 24.99;
  EXPECT_EQ(only_readiness(body, "/ownership/persons/0/ownershipPercentage", "individual").detail, "Must be at least 25.");
  at(body, "/ownership/persons/0/ownershipPercentage") = 100.5;
  EXPECT_EQ(only_readiness(body, "/ownership/persons/0/ownershipPercentage", "individual").detail, "Must be at most 100.");
  at(body, "/ownership/persons/0/ownershipPercentage") = 100;
  expect_clean(body);
  at(body, "/ownership/persons/0/ownershipPercentage") = 33.33;
  expect_clean(body);
}

TEST(OnboardingReadiness, IntegralDoubleIsAnInteger) {
  bj::object body = usa();
  set(body, "/businessActivity/expectedMonthlyVolumeUsd", 250000.0);
  auto r = validate(body, kToday);
  EXPECT_TRUE(r.shape_errors.empty() && r.readiness_errors.empty());
  const auto& v = r.submission.normalized.at("businessActivity").at("expectedMonthlyVolumeUsd");
  EXPECT_TRUE(v.is_int64());
  EXPECT_EQ(v, 250000);
}

TEST(OnboardingReadiness, Dates) {
  bj::object body = usa();
  for (const char* bad : {"2023-02-29", "2015-6-1", "2015-13-01", "01/06/2015", "2015-06-01T00:00:00Z", ""}) {
    set(body, "/businessInfo/dateOfIncorporation", bad);
    EXPECT_EQ(only_readiness(body, "/businessInfo/dateOfIncorporation", "field").detail,
              "Must be a calendar date in the format YYYY-MM-DD.")
        << bad;
  }
  set(body, "/businessInfo/dateOfIncorporation", "2026-01-15");  // maxDate today, inclusive
  expect_clean(body);
  set(body, "/businessInfo/dateOfIncorporation", "2026-01-16");
  EXPECT_EQ(only_readiness(body, "/businessInfo/dateOfIncorporation", "field").detail, "Must be on or before today.");
  expect_clean(body, kToday + 1);  // "today" is the injected day
  set(body, "/businessInfo/dateOfIncorporation", "1799-12-31");
  EXPECT_EQ(only_readiness(body, "/businessInfo/dateOfIncorporation", "field").detail, "Must be on or after 1800-01-01.");

  body = usa();
  at(body, "/ownership/persons/0/dateOfBirth") = "1899-12-31";
  EXPECT_EQ(only_readiness(body, "/ownership/persons/0/dateOfBirth", "individual").detail, "Must be on or after 1900-01-01.");
}

TEST(OnboardingReadiness, MinimumAgeWithAControlledToday) {
  bj::object body = usa();
  at(body, "/ownership/persons/0/dateOfBirth") = "2008-01-15";  // 18 today
  expect_clean(body);
  at(body, "/ownership/persons/0/dateOfBirth") = "2008-01-16";  // 18 tomorrow
  Problem p = only_readiness(body, "/ownership/persons/0/dateOfBirth", "individual");
  EXPECT_NE(p.detail.find("18 years"), std::string::npos);
  expect_clean(body, kToday + 1);

  at(body, "/ownership/persons/0/dateOfBirth") = "2008-02-29";  // a leap-day birthday
  only_readiness(body, "/ownership/persons/0/dateOfBirth", "individual", *parse_date("2026-02-28"));
  expect_clean(body, *parse_date("2026-03-01"));

  body = usa();  // the legal representative has the same rule
  at(body, "/ownership/persons/1/dateOfBirth") = "2010-05-05";
  only_readiness(body, "/ownership/persons/1/dateOfBirth", "individual");
}

TEST(OnboardingReadiness, MustEqual) {
  bj::object body = usa();
  set(body, "/certification/termsAccepted", false);
  EXPECT_EQ(only_readiness(body, "/certification/termsAccepted", "field").detail, "Must be true.");
}

TEST(OnboardingReadiness, Formats) {
  struct Case {
    const char* pointer;
    const char* value;
    const char* category;
  };
  const Case bad[] = {
      {"/businessInfo/contactEmail", "not-an-email", "field"},
      {"/businessInfo/contactEmail", "a@b", "field"},
      {"/businessInfo/contactEmail", "a..b@example.com", "field"},
      {"/businessInfo/contactEmail", "a b@example.com", "field"},
      {"/businessInfo/contactPhone", "415-555-0123", "field"},
      {"/businessInfo/contactPhone", "+0123456789", "field"},
      {"/businessInfo/contactPhone", "+1234567890123456", "field"},
      {"/businessInfo/website", "ftp://example.com", "field"},
      {"/businessInfo/website", "example.com", "field"},
      {"/businessInfo/website", "https://exa mple.com", "field"},
      {"/businessInfo/website", "https://localhost", "field"},
      {"/businessInfo/website", "https://example.com:99999/", "field"},
      {"/ownership/persons/0/email", "@example.com", "individual"},
      {"/ownership/persons/0/nationality", "ZZ", "individual"},
      {"/ownership/persons/0/address/country", "Germany", "individual"},
  };
  for (const auto& c : bad) {
    SCOPED_TRACE(std::string(c.pointer) + " = " + c.value);
    bj::object body = usa();
    at(body, c.pointer) = c.value;
    only_readiness(body, c.pointer, c.category);
  }
  const Case good[] = {
      {"/businessInfo/contactEmail", "first.last+tag@mail.example.co.uk", ""},
      {"/businessInfo/contactPhone", "+447911123456", ""},
      {"/businessInfo/website", "HTTP://Example.com:8080/path?q=1#top", ""},
      {"/businessInfo/website", "https://[2001:db8::1]/", ""},
  };
  for (const auto& c : good) {
    SCOPED_TRACE(std::string(c.pointer) + " = " + c.value);
    bj::object body = usa();
    at(body, c.pointer) = c.value;
    expect_clean(body);
  }
}

TEST(OnboardingReadiness, ConditionsDecideWhetherAFieldApplies) {
  bj::object body = usa();
  set(body, "/compliance/isRegulated", false);
  erase(body, "/compliance/regulatorName");
  erase(body, "/compliance/licenseNumber");
  expect_clean(body);

  set(body, "/compliance/isRegulated", true);
  auto r = validate(body, kToday);
  ASSERT_EQ(r.readiness_errors.size(), 2u) << dump(r.readiness_errors);
  EXPECT_EQ(r.readiness_errors[0].pointer, "/compliance/regulatorName");
  EXPECT_EQ(r.readiness_errors[1].pointer, "/compliance/licenseNumber");
  EXPECT_EQ(r.readiness_errors[0].category, "field");

  body = usa();  // a value for a field that does not apply is not judged
  set(body, "/compliance/isRegulated", false);
  set(body, "/compliance/regulatorName", "");
  expect_clean(body);

  body = usa();  // the operating address only when it differs from the registered one
  body.erase("operatingAddress");
  set(body, "/businessInfo/operatingAddressSameAsRegistered", true);
  expect_clean(body);
  set(body, "/businessInfo/operatingAddressSameAsRegistered", false);
  r = validate(body, kToday);
  for (const char* p : {"/operatingAddress/street1", "/operatingAddress/city", "/operatingAddress/zipCode", "/operatingAddress/country"})
    EXPECT_TRUE(find(r.readiness_errors, p)) << p << "\n" << dump(r.readiness_errors);
  EXPECT_EQ(r.readiness_errors.size(), 4u) << dump(r.readiness_errors);
  erase(body, "/businessInfo/operatingAddressSameAsRegistered");  // the flag itself is required
  only_readiness(body, "/businessInfo/operatingAddressSameAsRegistered", "field");
}

TEST(OnboardingReadiness, CountriesAreNormalizedToAlpha3) {
  bj::object body = usa();
  set(body, "/registeredAddress/country", "us");
  set(body, "/operatingAddress/country", "De");
  at(body, "/ownership/persons/0/nationality") = "gb";
  at(body, "/ownership/persons/0/address/country") = "bra";
  auto r = validate(body, kToday);
  EXPECT_TRUE(r.shape_errors.empty() && r.readiness_errors.empty()) << dump(r.readiness_errors);
  EXPECT_EQ(r.submission.country, "USA");
  const auto& n = r.submission.normalized;
  EXPECT_EQ(n.at("registeredAddress").at("country"), "USA");
  EXPECT_EQ(n.at("operatingAddress").at("country"), "DEU");
  EXPECT_EQ(n.at("ownership").at("persons").at(0).at("nationality"), "GBR");
  EXPECT_EQ(n.at("ownership").at("persons").at(0).at("address").at("country"), "BRA");
}

TEST(OnboardingReadiness, RegisteredCountrySelectsTheCatalogue) {
  for (bj::value country : {bj::value("FRA"), bj::value("fr"), bj::value("Atlantis"), bj::value(nullptr)}) {
    SCOPED_TRACE(bj::serialize(country));
    bj::object body = usa();
    set(body, "/registeredAddress/country", country);
    erase(body, "/businessInfo/legalName");  // not reported: no catalogue applies
    Problem p = only_readiness(body, "/registeredAddress/country", "field");
    EXPECT_EQ(p.allowed_values, supported_countries());
  }
  bj::object body = usa();
  erase(body, "/registeredAddress/country");
  EXPECT_EQ(only_readiness(body, "/registeredAddress/country", "field").detail, "Required.");
  body.erase("registeredAddress");
  only_readiness(body, "/registeredAddress/country", "field");

  body = usa();  // a USA submission against the German catalogue: the German rules apply
  set(body, "/registeredAddress/country", "DE");
  auto r = validate(body, kToday);
  EXPECT_TRUE(r.shape_errors.empty()) << dump(r.shape_errors);
  EXPECT_EQ(r.submission.country, "DEU");
  std::set<std::string> pointers;
  for (const auto& p : r.readiness_errors) pointers.insert(p.pointer);
  // The EIN and "llc" are not German; "CA" (free text) and "94105" (5 digits) happen to be acceptable.
  EXPECT_EQ(pointers, (std::set<std::string>{"/businessInfo/taxId", "/companyClassification/legalStructure"}))
      << dump(r.readiness_errors);
}

TEST(OnboardingReadiness, PersonCountsPerRole) {
  bj::object body = usa();
  auto& persons = at(body, "/ownership/persons").get_array();
  persons.erase(persons.begin());  // no beneficial owner left
  Problem p = only_readiness(body, "/ownership/persons", "individual");
  EXPECT_EQ(p.detail, "At least 1 beneficial_owner(s) required, got 0.");

  body = usa();
  auto& list = at(body, "/ownership/persons").get_array();
  for (int i = 0; i < 4; ++i) list.push_back(list[0]);  // 5 owners
  EXPECT_EQ(only_readiness(body, "/ownership/persons", "individual").detail, "At most 4 beneficial_owner(s) allowed, got 5.");

  body = usa();
  body.erase("ownership");
  auto r = validate(body, kToday);
  ASSERT_EQ(r.readiness_errors.size(), 2u) << dump(r.readiness_errors);
  EXPECT_EQ(r.readiness_errors[0].detail, "At least 1 beneficial_owner(s) required, got 0.");
  EXPECT_EQ(r.readiness_errors[1].detail, "At least 1 legal_representative(s) required, got 0.");
  EXPECT_EQ(r.readiness_errors[1].category, "individual");
}

TEST(OnboardingReadiness, PersonWithoutRoles) {
  bj::object body = usa();
  auto& list = at(body, "/ownership/persons").get_array();
  bj::object extra = list[1].get_object();
  extra.erase("roles");
  list.push_back(extra);
  EXPECT_EQ(only_readiness(body, "/ownership/persons/2/roles", "individual").detail, "At least one role is required.");
}

TEST(OnboardingReadiness, PerPersonRequiredFields) {
  bj::object body = usa();
  at(body, "/ownership/persons/0").get_object().erase("firstName");
  at(body, "/ownership/persons/0/address").get_object().erase("country");
  at(body, "/ownership/persons/1").get_object().erase("title");
  auto r = validate(body, kToday);
  ASSERT_EQ(r.readiness_errors.size(), 3u) << dump(r.readiness_errors);
  for (const char* p : {"/ownership/persons/0/firstName", "/ownership/persons/0/address/country", "/ownership/persons/1/title"}) {
    const Problem* found = find(r.readiness_errors, p);
    ASSERT_TRUE(found) << p;
    EXPECT_EQ(found->category, "individual");
    EXPECT_EQ(found->detail, "Required.");
  }
}

TEST(OnboardingReadiness, OnePersonWithTwoRolesMeetsBothAndIsReportedOnce) {
  bj::object body = usa();
  auto& list = at(body, "/ownership/persons").get_array();
  list[0].get_object()["roles"] = bj::array{"beneficial_owner", "legal_representative"};
  list[0].get_object()["title"] = "CEO";
  list.erase(list.begin() + 1);
  expect_clean(body);
  list[0].get_object().erase("lastName");  // required by both roles: one problem
  only_readiness(body, "/ownership/persons/0/lastName", "individual");
}

TEST(OnboardingReadiness, DocumentCounts) {
  bj::object body = usa();
  at(body, "/documentIds") = bj::array{};
  EXPECT_EQ(only_readiness(body, "/documentIds", "document").detail, "At least 1 document required, got 0.");
  body.erase("documentIds");
  only_readiness(body, "/documentIds", "document");

  body = usa();
  at(body, "/ownership/persons/0").get_object().erase("documentIds");
  only_readiness(body, "/ownership/persons/0/documentIds", "document");
  body = usa();
  at(body, "/ownership/persons/1/documentIds") = bj::array{};  // legal representatives need none
  expect_clean(body);
}

TEST(OnboardingReadiness, DocumentIdsAreListedOnce) {
  bj::object body = usa();
  at(body, "/documentIds") = bj::array{doc_id(7), doc_id(7), doc_id(8)};
  at(body, "/ownership/persons/0/documentIds") = bj::array{doc_id(8), doc_id(9)};
  auto r = validate(body, kToday);
  EXPECT_TRUE(r.shape_errors.empty() && r.readiness_errors.empty());
  ASSERT_EQ(r.submission.documents.size(), 3u);
  EXPECT_EQ(r.submission.documents[0].id, doc_id(7));
  EXPECT_EQ(r.submission.documents[0].pointer, "/documentIds/0");
  EXPECT_EQ(r.submission.documents[1].id, doc_id(8));
  EXPECT_EQ(r.submission.documents[1].pointer, "/documentIds/2");
  EXPECT_EQ(r.submission.documents[2].id, doc_id(9));
  EXPECT_EQ(r.submission.documents[2].pointer, "/ownership/persons/0/documentIds/1");
  EXPECT_EQ(r.submission.normalized.at("documentIds").get_array().size(), 2u);

  at(body, "/documentIds") = bj::array{doc_id(7), doc_id(7)};  // one distinct document meets minDocuments 1
  expect_clean(body);
}

TEST(OnboardingReadiness, EveryProblemAtOnce) {
  bj::object body = usa();
  erase(body, "/businessInfo/legalName");
  set(body, "/businessInfo/taxId", "nope");
  set(body, "/companyClassification/coreIndustry", "piracy");
  set(body, "/certification/accurateInformation", false);
  set(body, "/compliance/isRegulated", true);
  erase(body, "/compliance/regulatorName");
  at(body, "/ownership/persons/0/email") = "x";
  at(body, "/documentIds") = bj::array{};
  auto r = validate(body, kToday);
  EXPECT_TRUE(r.shape_errors.empty());
  std::set<std::string> pointers;
  for (const auto& p : r.readiness_errors) pointers.insert(p.pointer);
  EXPECT_EQ(pointers, (std::set<std::string>{"/businessInfo/legalName", "/businessInfo/taxId", "/companyClassification/coreIndustry",
                                             "/certification/accurateInformation", "/compliance/regulatorName",
                                             "/ownership/persons/0/email", "/documentIds"}))
      << dump(r.readiness_errors);
  EXPECT_EQ(r.readiness_errors.size(), 7u);
}

TEST(OnboardingReadiness, ConcurrentValidation) {
  std::vector<std::thread> threads;
  std::vector<int> clean(8, 0);
  bj::object body = usa();
  for (int i = 0; i < 8; ++i)
    threads.emplace_back([&, i] {
      auto r = validate(body, kToday);
      clean[i] = r.shape_errors.empty() && r.readiness_errors.empty() && requirements("SGP") != nullptr;
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(std::count(clean.begin(), clean.end(), 1), 8);
}

}  // namespace
}  // namespace conduit::domain::onboarding
