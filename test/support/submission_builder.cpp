#include "support/submission_builder.h"

#include <vector>

namespace conduit::test {

std::vector<std::string> pointer_tokens(const std::string& pointer);

namespace {

namespace bj = boost::json;

std::vector<std::string> tokens(const std::string& pointer) { return pointer_tokens(pointer); }

const bj::value* get_at(const bj::object& root, const std::string& pointer) {
  const bj::value* cur = nullptr;
  const bj::object* obj = &root;
  for (const auto& t : tokens(pointer)) {
    if (!obj) return nullptr;
    cur = obj->if_contains(t);
    if (!cur) return nullptr;
    obj = cur->is_object() ? &cur->get_object() : nullptr;
  }
  return cur;
}

bool conditions_hold(const bj::object& field, const bj::object& root) {
  auto* conds = field.if_contains("conditions");
  if (!conds || !conds->is_array()) return true;
  for (const auto& c : conds->get_array()) {
    const auto& o = c.get_object();
    const bj::value* actual = get_at(root, std::string(o.at("pointer").as_string()));
    std::string op(o.at("operator").as_string());
    if (op == "eq" && !(actual && *actual == o.at("value"))) return false;
    if (op == "neq" && actual && *actual == o.at("value")) return false;
    if (op == "in") {
      bool any = false;
      if (actual)
        for (const auto& v : o.at("values").as_array()) any = any || *actual == v;
      if (!any) return false;
    }
  }
  return true;
}

bj::value value_for(const bj::object& field, const std::string& country) {
  if (auto* m = field.if_contains("mustEqual"); m && !m->is_null()) return *m;
  std::string type(field.at("type").as_string());
  const auto& c = field.at("constraints").as_object();
  auto example = c.if_contains("example");
  bool has_example = example && !example->is_null();
  if (type == "enum") return field.at("allowedValues").as_array().at(0);
  if (type == "boolean") return false;
  if (type == "integer" || type == "number") {
    if (auto* min = c.if_contains("min"); min && !min->is_null()) return *min;
    return 1;
  }
  if (type == "date") {
    if (has_example) return *example;
    return "1980-06-15";
  }
  if (type == "email") return "ops@example.com";
  if (type == "phone") return "+14155550123";
  if (type == "url") return "https://example.com";
  if (type == "country") return bj::value(country);
  if (has_example) return *example;
  std::string s = "Example value";
  if (auto* min = c.if_contains("minLength"); min && min->is_int64() && int64_t(s.size()) < min->as_int64())
    s.append(size_t(min->as_int64()) - s.size(), 'x');
  return bj::value(s);
}

// Fills every applicable field; two passes so that conditions on earlier answers settle.
void fill(bj::object& target, const bj::array& fields, const std::string& country) {
  for (int pass = 0; pass < 3; ++pass)
    for (const auto& f : fields) {
      const auto& field = f.get_object();
      std::string pointer(field.at("pointer").as_string());
      if (!field.at("required").as_bool() || !conditions_hold(field, target)) continue;
      if (!get_at(target, pointer)) set_at(target, pointer, value_for(field, country));
    }
}

}  // namespace

std::vector<std::string> pointer_tokens(const std::string& pointer) {
  std::vector<std::string> out;
  size_t start = 1;
  while (start <= pointer.size()) {
    size_t end = pointer.find('/', start);
    if (end == std::string::npos) end = pointer.size();
    out.push_back(pointer.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

void set_at(bj::object& root, const std::string& pointer, bj::value value) {
  auto parts = tokens(pointer);
  bj::object* obj = &root;
  for (size_t i = 0; i + 1 < parts.size(); ++i) {
    auto& next = (*obj)[parts[i]];
    if (!next.is_object()) next = bj::object();
    obj = &next.as_object();
  }
  (*obj)[parts.back()] = std::move(value);
}

bj::object build_submission(const bj::object& req, const std::function<std::string()>& next_document) {
  std::string country(req.at("country").as_string());
  bj::object sub;
  fill(sub, req.at("fields").as_array(), country);
  bj::array docs;
  for (int64_t i = 0; i < req.at("minDocuments").as_int64(); ++i) docs.emplace_back(next_document());
  sub["documentIds"] = docs;
  bj::array persons;
  for (const auto& r : req.at("individualRequirements").as_array()) {
    const auto& rule = r.get_object();
    std::string role(rule.at("role").as_string());
    if (role == "any") continue;
    for (int64_t n = 0; n < rule.at("minCount").as_int64(); ++n) {
      bj::object person;
      person["roles"] = bj::array{bj::value(role)};
      fill(person, rule.at("fields").as_array(), country);
      bj::array pdocs;
      for (int64_t i = 0; i < rule.at("minDocuments").as_int64(); ++i) pdocs.emplace_back(next_document());
      person["documentIds"] = pdocs;
      persons.push_back(std::move(person));
    }
  }
  if (!persons.empty()) sub["ownership"] = bj::object{{"persons", persons}};
  sub["clientReferenceId"] = "journey-" + country;
  return sub;
}

}  // namespace conduit::test
