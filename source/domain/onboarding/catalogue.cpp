#include "domain/onboarding/catalogue.h"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <stdexcept>
#include <utility>

#include "common/time_format.h"
#include "domain/onboarding/onboarding.h"

namespace conduit::embedded {
std::vector<std::pair<std::string_view, std::string_view>> onboarding_catalogue_files();
}

namespace conduit::domain::onboarding {
namespace detail {
namespace {

namespace bj = boost::json;

[[noreturn]] void fail(const std::string& where, const std::string& what) {
  throw std::runtime_error("onboarding catalogue: " + where + ": " + what);
}

const bj::value& member(const bj::object& o, std::string_view key, const std::string& where) {
  auto* v = o.if_contains(key);
  if (!v) fail(where, "missing member '" + std::string(key) + "'");
  return *v;
}

void exact_members(const bj::object& o, std::initializer_list<std::string_view> keys, const std::string& where) {
  for (auto k : keys) member(o, k, where);
  if (o.size() != keys.size()) fail(where, "unexpected member");
}

std::string text(const bj::value& v, const std::string& where) {
  if (!v.is_string()) fail(where, "must be a string");
  return std::string(v.get_string());
}

std::optional<std::string> opt_text(const bj::value& v, const std::string& where) {
  if (v.is_null()) return std::nullopt;
  return text(v, where);
}

std::optional<int64_t> opt_count(const bj::value& v, const std::string& where) {
  if (v.is_null()) return std::nullopt;
  if (v.is_int64() && v.get_int64() >= 0) return v.get_int64();
  if (v.is_uint64() && v.get_uint64() <= uint64_t(INT64_MAX)) return int64_t(v.get_uint64());
  fail(where, "must be a non-negative integer or null");
}

std::optional<double> opt_number(const bj::value& v, const std::string& where) {
  if (v.is_null()) return std::nullopt;
  if (!v.is_number()) fail(where, "must be a number or null");
  return v.to_number<double>();
}

std::optional<std::string> opt_date(const bj::value& v, const std::string& where) {
  auto d = opt_text(v, where);
  if (d && *d != "today" && !parse_date(*d)) fail(where, "must be YYYY-MM-DD or today");
  return d;
}

std::vector<std::string> tokens_of(std::string_view pointer, const std::string& where) {
  if (pointer.size() < 2 || pointer[0] != '/') fail(where, "pointer must start with '/' and name a key");
  std::vector<std::string> out;
  size_t i = 1;
  while (true) {
    size_t slash = pointer.find('/', i);
    std::string_view raw = pointer.substr(i, slash == std::string_view::npos ? std::string_view::npos : slash - i);
    std::string token;
    for (size_t k = 0; k < raw.size(); ++k) {
      if (raw[k] == '~') {
        if (k + 1 >= raw.size() || (raw[k + 1] != '0' && raw[k + 1] != '1')) fail(where, "bad '~' escape in pointer");
        token += raw[k + 1] == '0' ? '~' : '/';
        ++k;
      } else {
        token += raw[k];
      }
    }
    if (token.empty()) fail(where, "empty pointer token");
    out.push_back(std::move(token));
    if (slash == std::string_view::npos) break;
    i = slash + 1;
  }
  return out;
}

FieldType type_of(const std::string& t, const std::string& where) {
  static const std::pair<std::string_view, FieldType> kTypes[] = {
      {"string", FieldType::string}, {"enum", FieldType::enumeration}, {"boolean", FieldType::boolean},
      {"number", FieldType::number}, {"integer", FieldType::integer},  {"date", FieldType::date},
      {"email", FieldType::email},   {"phone", FieldType::phone},      {"url", FieldType::url},
      {"country", FieldType::country}};
  for (const auto& [name, type] : kTypes)
    if (t == name) return type;
  fail(where, "unknown type '" + t + "'");
}

Condition condition_of(const bj::value& v, const std::string& where) {
  if (!v.is_object()) fail(where, "condition must be an object");
  const auto& o = v.get_object();
  exact_members(o, {"pointer", "operator", "value", "values"}, where);
  Condition c;
  c.tokens = tokens_of(text(o.at("pointer"), where), where);
  std::string op = text(o.at("operator"), where);
  if (op == "eq" || op == "neq") {
    c.op = op == "eq" ? Condition::Op::eq : Condition::Op::neq;
    if (!o.at("values").is_null()) fail(where, "eq/neq take 'value', 'values' must be null");
    c.value = o.at("value");
  } else if (op == "in") {
    c.op = Condition::Op::in;
    if (!o.at("value").is_null() || !o.at("values").is_array()) fail(where, "in takes 'values', 'value' must be null");
    c.values = o.at("values").get_array();
  } else {
    fail(where, "unknown operator '" + op + "'");
  }
  return c;
}

Field field_of(const bj::value& v, const std::string& where_in) {
  if (!v.is_object()) fail(where_in, "field must be an object");
  const auto& o = v.get_object();
  exact_members(o, {"pointer", "label", "helpText", "group", "type", "required", "mustEqual", "allowedValues",
                    "constraints", "conditions"},
                where_in);
  Field f;
  f.pointer = text(o.at("pointer"), where_in);
  std::string where = where_in + " " + f.pointer;
  f.tokens = tokens_of(f.pointer, where);
  text(o.at("label"), where);
  opt_text(o.at("helpText"), where);
  text(o.at("group"), where);
  f.type = type_of(text(o.at("type"), where), where);
  if (!o.at("required").is_bool()) fail(where, "required must be a boolean");
  f.required = o.at("required").get_bool();
  if (!o.at("mustEqual").is_null()) f.must_equal = o.at("mustEqual");
  const auto& allowed = o.at("allowedValues");
  if (!allowed.is_null()) {
    if (!allowed.is_array() || allowed.get_array().empty()) fail(where, "allowedValues must be a non-empty array or null");
    std::vector<std::string> values;
    for (const auto& a : allowed.get_array()) values.push_back(text(a, where + " allowedValues"));
    f.allowed_values = std::move(values);
  }
  if ((f.type == FieldType::enumeration) != f.allowed_values.has_value())
    fail(where, "allowedValues is set exactly for enum fields");
  if (!o.at("constraints").is_object()) fail(where, "constraints must be an object");
  const auto& c = o.at("constraints").get_object();
  exact_members(c, {"pattern", "example", "minLength", "maxLength", "min", "max", "minDate", "maxDate", "minAgeYears"},
                where + " constraints");
  f.pattern_text = opt_text(c.at("pattern"), where);
  if (f.pattern_text) {
    try {
      f.pattern.emplace(*f.pattern_text, std::regex::ECMAScript);
    } catch (const std::regex_error& e) {
      fail(where, "bad pattern: " + std::string(e.what()));
    }
  }
  f.example = opt_text(c.at("example"), where);
  f.min_length = opt_count(c.at("minLength"), where + " minLength");
  f.max_length = opt_count(c.at("maxLength"), where + " maxLength");
  f.min = opt_number(c.at("min"), where + " min");
  f.max = opt_number(c.at("max"), where + " max");
  f.min_date = opt_date(c.at("minDate"), where + " minDate");
  f.max_date = opt_date(c.at("maxDate"), where + " maxDate");
  f.min_age_years = opt_count(c.at("minAgeYears"), where + " minAgeYears");
  if (!o.at("conditions").is_array()) fail(where, "conditions must be an array");
  for (const auto& cv : o.at("conditions").get_array()) f.conditions.push_back(condition_of(cv, where + " condition"));
  return f;
}

std::vector<Field> fields_of(const bj::value& v, const std::string& where) {
  if (!v.is_array()) fail(where, "fields must be an array");
  std::vector<Field> out;
  for (const auto& f : v.get_array()) out.push_back(field_of(f, where));
  for (size_t i = 0; i < out.size(); ++i)
    for (size_t j = 0; j < i; ++j)
      if (out[i].pointer == out[j].pointer) fail(where, "duplicate field " + out[i].pointer);
  return out;
}

void check_documents(const bj::value& v, const std::string& where) {
  if (!v.is_array()) fail(where, "documents must be an array");
  for (const auto& d : v.get_array()) {
    if (!d.is_object()) fail(where, "document must be an object");
    const auto& o = d.get_object();
    exact_members(o, {"title", "from", "alternatives"}, where);
    text(o.at("title"), where);
    text(o.at("from"), where);
    if (!o.at("alternatives").is_array()) fail(where, "alternatives must be an array");
    for (const auto& a : o.at("alternatives").get_array()) {
      if (!a.is_object()) fail(where, "alternative must be an object");
      exact_members(a.get_object(), {"title"}, where);
      text(a.get_object().at("title"), where);
    }
  }
}

}  // namespace

void add_keys(KeyNode& root, const std::vector<Field>& fields) {
  for (const auto& f : fields) {
    KeyNode* node = &root;
    for (const auto& t : f.tokens) node = &node->children[t];
    node->fields.push_back(&f);
  }
}

Catalogue compile(bj::object document) {
  Catalogue c;
  const std::string where = "document";
  exact_members(document, {"schemaVersion", "context", "country", "fields", "documents", "minDocuments", "individualRequirements"},
                where);
  if (text(document.at("schemaVersion"), where) != "3") fail(where, "schemaVersion must be \"3\"");
  if (text(document.at("context"), where) != "onboarding") fail(where, "context must be \"onboarding\"");
  c.country = text(document.at("country"), where);
  if (to_alpha3(c.country) != c.country) fail(where, "country must be an ISO 3166-1 alpha-3 code");
  std::string here = c.country;
  c.fields = fields_of(document.at("fields"), here + " fields");
  check_documents(document.at("documents"), here + " documents");
  auto min_docs = opt_count(document.at("minDocuments"), here + " minDocuments");
  if (!min_docs) fail(here, "minDocuments must be a number");
  c.min_documents = *min_docs;
  const auto& reqs = document.at("individualRequirements");
  if (!reqs.is_array()) fail(here, "individualRequirements must be an array");
  for (const auto& rv : reqs.get_array()) {
    std::string w = here + " individualRequirements";
    if (!rv.is_object()) fail(w, "must be an object");
    const auto& r = rv.get_object();
    exact_members(r, {"role", "minCount", "maxCount", "fields", "minDocuments"}, w);
    PersonRequirement p;
    p.role = text(r.at("role"), w);
    if (p.role != "beneficial_owner" && p.role != "controlling_person" && p.role != "legal_representative" &&
        p.role != "any")
      fail(w, "unknown role '" + p.role + "'");
    w += " " + p.role;
    auto min_count = opt_count(r.at("minCount"), w + " minCount");
    auto min_documents = opt_count(r.at("minDocuments"), w + " minDocuments");
    if (!min_count || !min_documents) fail(w, "minCount and minDocuments must be numbers");
    p.min_count = *min_count;
    p.max_count = opt_count(r.at("maxCount"), w + " maxCount");
    p.min_documents = *min_documents;
    p.fields = fields_of(r.at("fields"), w);
    c.persons.push_back(std::move(p));
  }
  // Keys the submission layout reserves for its own structure.
  for (const auto& f : c.fields)
    if (f.tokens[0] == "ownership" || f.tokens[0] == "documentIds" || f.tokens[0] == "clientReferenceId" ||
        f.tokens.size() < 2)
      fail(here, "field " + f.pointer + " must be inside a group and not use a structural key");
  for (const auto& p : c.persons)
    for (const auto& f : p.fields)
      if (f.tokens[0] == "roles" || f.tokens[0] == "documentIds") fail(here, "person field " + f.pointer + " uses a structural key");
  c.document = std::move(document);
  return c;
}

const Catalogue* Registry::find(std::string_view alpha3) const {
  for (const auto& c : catalogues)
    if (c.country == alpha3) return &c;
  return nullptr;
}

const Registry& registry() {
  static const Registry instance = [] {
    Registry r;
    for (const auto& [name, content] : embedded::onboarding_catalogue_files()) {
      bj::error_code ec;
      bj::value v = bj::parse(bj::string_view(content.data(), content.size()), ec);
      if (ec || !v.is_object()) throw std::runtime_error("onboarding catalogue " + std::string(name) + ": not a JSON object");
      Catalogue c = compile(std::move(v.get_object()));
      if (std::string(name) != c.country + ".json")
        throw std::runtime_error("onboarding catalogue " + std::string(name) + ": file name must be <country>.json");
      r.catalogues.push_back(std::move(c));
    }
    std::sort(r.catalogues.begin(), r.catalogues.end(), [](const auto& a, const auto& b) { return a.country < b.country; });
    // Key trees point into the catalogues: build them once the vector no longer moves.
    for (auto& c : r.catalogues) {
      add_keys(c.keys, c.fields);
      for (const auto& p : c.persons) add_keys(c.person_keys, p.fields);
      add_keys(r.any_keys, c.fields);
      for (const auto& p : c.persons) add_keys(r.any_person_keys, p.fields);
      r.countries.push_back(c.country);
    }
    return r;
  }();
  return instance;
}

}  // namespace detail

const std::vector<std::string>& supported_countries() { return detail::registry().countries; }

const boost::json::object* requirements(std::string_view country) {
  auto alpha3 = to_alpha3(country);
  if (!alpha3) return nullptr;
  const auto* c = detail::registry().find(*alpha3);
  return c ? &c->document : nullptr;
}

}  // namespace conduit::domain::onboarding
