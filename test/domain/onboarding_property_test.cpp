// Property-style: for every catalogue country, a submission generated generically from the
// requirements is accepted; then each field is broken on its own (removed, or given a value its
// constraints refuse) and exactly that field's pointer must be reported.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <set>

#include "domain/onboarding/onboarding.h"
#include "support/submission_builder.h"

namespace conduit::domain::onboarding {
namespace {

namespace bj = boost::json;
constexpr int64_t kToday = 20'500;  // 2026-02-16

using test::pointer_tokens;
std::vector<std::string> tokens(const std::string& pointer) { return pointer_tokens(pointer); }

bj::value* find(bj::object& root, const std::string& pointer) {
  bj::value* cur = nullptr;
  bj::object* obj = &root;
  for (const auto& t : tokens(pointer)) {
    if (!obj) return nullptr;
    cur = obj->if_contains(t);
    if (!cur) return nullptr;
    obj = cur->is_object() ? &cur->as_object() : nullptr;
  }
  return cur;
}

void erase(bj::object& root, const std::string& pointer) {
  auto parts = tokens(pointer);
  std::string parent;
  for (size_t i = 0; i + 1 < parts.size(); ++i) parent += "/" + parts[i];
  bj::object* obj = parent.empty() ? &root : &find(root, parent)->as_object();
  obj->erase(parts.back());
}

// A value of the right JSON type that the field's constraints refuse, or null if there is none.
std::optional<bj::value> refused_value(const bj::object& field) {
  std::string type(field.at("type").as_string());
  const auto& c = field.at("constraints").as_object();
  if (auto* m = field.if_contains("mustEqual"); m && m->is_bool()) return bj::value(!m->as_bool());
  if (type == "enum") return bj::value("zz-not-an-allowed-value");
  if (type == "email") return bj::value("not-an-email");
  if (type == "phone") return bj::value("12345");
  if (type == "url") return bj::value("not a url");
  if (type == "country") return bj::value("ZZZ");
  if (type == "date") return bj::value("2021-02-30");
  if ((type == "number" || type == "integer") && c.at("min").is_number()) return bj::value(c.at("min").to_number<double>() - 1);
  if (type == "string" && c.at("pattern").is_string()) return bj::value("!!");
  if (type == "string" && c.at("maxLength").is_int64()) return bj::value(std::string(c.at("maxLength").as_int64() + 1, 'x'));
  return std::nullopt;
}

std::set<std::string> condition_pointers(const bj::array& fields) {
  std::set<std::string> out;
  for (const auto& f : fields)
    for (const auto& c : f.as_object().at("conditions").as_array()) out.insert(std::string(c.as_object().at("pointer").as_string()));
  return out;
}

std::vector<std::string> pointers(const ValidationResult& r) {
  std::vector<std::string> out;
  for (const auto& p : r.readiness_errors) out.push_back(p.pointer);
  for (const auto& p : r.shape_errors) out.push_back("400:" + p.pointer);
  return out;
}

class OnboardingProperty : public ::testing::TestWithParam<std::string> {};

TEST_P(OnboardingProperty, GeneratedSubmissionsPassAndEachBrokenFieldIsPinpointed) {
  const bj::object* req = requirements(GetParam());
  ASSERT_TRUE(req);
  int doc = 0;
  auto valid = test::build_submission(*req, [&] {
    char id[32];
    std::snprintf(id, sizeof id, "doc_%022d", ++doc);
    return std::string(id);
  });
  auto clean = validate(valid, kToday);
  ASSERT_TRUE(clean.shape_errors.empty() && clean.readiness_errors.empty())
      << bj::serialize(valid) << "\nfirst: " << (clean.readiness_errors.empty() ? "" : clean.readiness_errors[0].pointer + " " + clean.readiness_errors[0].detail);

  auto check_field = [&](const bj::object& field, const std::string& pointer, const std::set<std::string>& drivers) {
    SCOPED_TRACE(pointer);
    bool present = false;
    {
      bj::object copy = valid;
      present = find(copy, pointer) != nullptr;
    }
    if (!present) return 0;
    int checked = 0;
    if (field.at("required").as_bool() && !drivers.count(pointer.substr(pointer.rfind('/')))) {
      bj::object removed = valid;
      erase(removed, pointer);
      auto r = validate(removed, kToday);
      EXPECT_EQ(pointers(r), std::vector<std::string>{pointer});
      ++checked;
    }
    if (auto bad = refused_value(field)) {
      bj::object broken = valid;
      *find(broken, pointer) = *bad;
      auto r = validate(broken, kToday);
      EXPECT_EQ(pointers(r), std::vector<std::string>{pointer}) << bj::serialize(*bad);
      ++checked;
    }
    return checked;
  };

  int checked = 0;
  auto drivers = condition_pointers(req->at("fields").as_array());
  for (const auto& f : req->at("fields").as_array()) {
    const auto& field = f.as_object();
    std::string pointer(field.at("pointer").as_string());
    if (drivers.count(pointer)) continue;  // changing it changes which other fields apply
    checked += check_field(field, pointer, {});
  }
  // Person fields, on the first person of each role.
  const auto& persons = valid.at("ownership").as_object().at("persons").as_array();
  for (const auto& r : req->at("individualRequirements").as_array()) {
    const auto& rule = r.as_object();
    std::string role(rule.at("role").as_string());
    for (size_t i = 0; i < persons.size(); ++i) {
      if (persons[i].as_object().at("roles").as_array()[0] != role.c_str()) continue;
      auto person_drivers = condition_pointers(rule.at("fields").as_array());
      for (const auto& f : rule.at("fields").as_array()) {
        std::string rel(f.as_object().at("pointer").as_string());
        if (person_drivers.count(rel)) continue;
        checked += check_field(f.as_object(), "/ownership/persons/" + std::to_string(i) + rel, {});
      }
      break;
    }
  }
  EXPECT_GT(checked, 30);
  RecordProperty("mutations", checked);
}

INSTANTIATE_TEST_SUITE_P(EveryCountry, OnboardingProperty, ::testing::ValuesIn(supported_countries()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace conduit::domain::onboarding
