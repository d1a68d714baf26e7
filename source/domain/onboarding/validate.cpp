// POST /v2/onboarding validation (resources.md Tier 1): 400 shape problems first, then every
// catalogue (422) problem at once.
#include <algorithm>
#include <boost/json/serialize.hpp>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <set>
#include <utility>

#include "common/ids.h"
#include "common/json_strict.h"
#include "common/time_format.h"
#include "domain/onboarding/catalogue.h"
#include "domain/onboarding/onboarding.h"

namespace conduit::domain::onboarding {
namespace {

namespace bj = boost::json;
using detail::Catalogue;
using detail::Condition;
using detail::Field;
using detail::FieldType;
using detail::KeyNode;

constexpr std::string_view kRoles[] = {"beneficial_owner", "controlling_person", "legal_representative"};
constexpr size_t kMaxClientReferenceId = 255;
constexpr size_t kMaxPatternInput = 4096;  // longer strings are not fed to std::regex (recursion depth)

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  return out;
}

bool iequals(std::string_view a, std::string_view b) { return a.size() == b.size() && lower(a) == lower(b); }

std::string_view view(const bj::string& s) { return {s.data(), s.size()}; }

std::string child(const std::string& base, std::string_view key) { return base + "/" + json::pointer_token(key); }

std::string child(const std::string& base, size_t index) { return base + "/" + std::to_string(index); }

std::string join(const std::string& base, const std::vector<std::string>& tokens) {
  std::string out = base;
  for (const auto& t : tokens) out = child(out, t);
  return out;
}

const bj::value* at(const bj::value& root, const std::vector<std::string>& tokens) {
  const bj::value* v = &root;
  for (const auto& t : tokens) {
    if (!v->is_object()) return nullptr;
    v = v->get_object().if_contains(t);
    if (!v) return nullptr;
  }
  return v;
}

bj::value* at(bj::value& root, const std::vector<std::string>& tokens) {
  bj::value* v = &root;
  for (const auto& t : tokens) {
    if (!v->is_object()) return nullptr;
    v = v->get_object().if_contains(t);
    if (!v) return nullptr;
  }
  return v;
}

const bj::value* member(const bj::value& v, std::string_view key) {
  if (!v.is_object()) return nullptr;
  const bj::value* m = v.get_object().if_contains(key);
  return m && !m->is_null() ? m : nullptr;
}

// An integer-valued JSON number (1000, or 1000.0 / 1e3 as parsed doubles) that fits int64.
std::optional<int64_t> as_integer(const bj::value& v) {
  if (v.is_int64()) return v.get_int64();
  if (v.is_uint64()) {
    if (v.get_uint64() <= uint64_t(INT64_MAX)) return int64_t(v.get_uint64());
    return std::nullopt;
  }
  if (v.is_double()) {
    double d = v.get_double();
    if (std::isfinite(d) && std::floor(d) == d && std::fabs(d) < 9.2e18) return int64_t(d);
  }
  return std::nullopt;
}

bool json_equal(const bj::value& a, const bj::value& b) {
  if (a.is_number() && b.is_number()) return a.to_number<double>() == b.to_number<double>();
  return a == b;
}

std::string format_number(double d) {
  char buf[64];
  if (std::floor(d) == d && std::fabs(d) < 1e15)
    std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(d));
  else
    std::snprintf(buf, sizeof buf, "%.15g", d);
  return buf;
}

size_t code_points(std::string_view s) {
  return size_t(std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

bool is_alnum(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Dot-separated DNS labels of [A-Za-z0-9-] (1-63, no leading or trailing '-'), at least two.
bool is_hostname(std::string_view host) {
  if (host.empty() || host.size() > 253) return false;
  size_t labels = 0, start = 0;
  while (true) {
    size_t dot = host.find('.', start);
    std::string_view label = host.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
    if (!std::all_of(label.begin(), label.end(), [](char c) { return is_alnum(c) || c == '-'; })) return false;
    ++labels;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return labels >= 2;
}

bool is_email(std::string_view s) {
  if (s.size() > 254 || std::count(s.begin(), s.end(), '@') != 1) return false;
  size_t at_sign = s.find('@');
  std::string_view local = s.substr(0, at_sign), domain = s.substr(at_sign + 1);
  if (local.empty() || local.size() > 64 || local.front() == '.' || local.back() == '.') return false;
  if (local.find("..") != std::string_view::npos) return false;
  static constexpr std::string_view kLocalExtra = "!#$%&'*+/=?^_`{|}~-.";
  if (!std::all_of(local.begin(), local.end(), [](char c) { return is_alnum(c) || kLocalExtra.find(c) != std::string_view::npos; }))
    return false;
  if (!is_hostname(domain)) return false;
  std::string_view tld = domain.substr(domain.rfind('.') + 1);
  return tld.size() >= 2 && std::all_of(tld.begin(), tld.end(), [](char c) { return is_alnum(c) && !(c >= '0' && c <= '9'); });
}

// E.164: '+', a non-zero digit, at most 15 digits in all.
bool is_phone(std::string_view s) {
  if (s.size() < 3 || s.size() > 16 || s[0] != '+' || s[1] < '1' || s[1] > '9') return false;
  return std::all_of(s.begin() + 1, s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// An absolute http(s) URL with a public-looking host name (or an IPv6 literal) and no whitespace.
bool is_url(std::string_view s) {
  size_t sep = s.find("://");
  if (sep == std::string_view::npos) return false;
  std::string scheme = lower(s.substr(0, sep));
  if (scheme != "http" && scheme != "https") return false;
  if (std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) <= 0x20 || c == 0x7F; }))
    return false;
  std::string_view rest = s.substr(sep + 3);
  std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
  if (authority.empty() || authority.find('@') != std::string_view::npos) return false;
  std::string_view host = authority, port;
  if (authority.front() == '[') {
    size_t close = authority.find(']');
    if (close == std::string_view::npos || close < 3) return false;
    std::string_view literal = authority.substr(1, close - 1);
    if (!std::all_of(literal.begin(), literal.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) || c == ':' || c == '.'; }))
      return false;
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return false;
      port = after.substr(1);
      if (port.empty()) return false;
    }
    host = {};
  } else if (size_t colon = authority.rfind(':'); colon != std::string_view::npos) {
    host = authority.substr(0, colon);
    port = authority.substr(colon + 1);
    if (port.empty()) return false;
  }
  if (!port.empty()) {
    if (port.size() > 5 || !std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; })) return false;
    int p = std::stoi(std::string(port));
    if (p < 1 || p > 65535) return false;
  }
  return authority.front() == '[' || is_hostname(host);
}

bool old_enough(int64_t birth_days, int64_t today_days, int64_t years) {
  using namespace std::chrono;
  year_month_day b{sys_days{days{birth_days}}}, t{sys_days{days{today_days}}};
  int64_t age = int64_t(int(t.year()) - int(b.year()));
  if (std::pair(unsigned(t.month()), unsigned(t.day())) < std::pair(unsigned(b.month()), unsigned(b.day()))) --age;
  return age >= years;
}

bool is_string_type(FieldType t) {
  return t == FieldType::string || t == FieldType::enumeration || t == FieldType::date || t == FieldType::email ||
         t == FieldType::phone || t == FieldType::url || t == FieldType::country;
}

bool type_accepts(FieldType t, const bj::value& v) {
  if (is_string_type(t)) return v.is_string();
  if (t == FieldType::boolean) return v.is_bool();
  if (t == FieldType::number) return v.is_number();
  return as_integer(v).has_value();
}

std::string expected(FieldType t) {
  if (is_string_type(t)) return "Must be a string.";
  if (t == FieldType::boolean) return "Must be a boolean.";
  if (t == FieldType::number) return "Must be a number.";
  return "Must be an integer (a whole number within 64 bits).";
}

// ---------------------------------------------------------------- 400: the shape of the body

class Shape {
 public:
  explicit Shape(std::vector<Problem>& out) : out_(out) {}

  void body(const bj::value& body, const KeyNode& keys, const KeyNode& person_keys) {
    if (!body.is_object()) {
      add("/", "Must be a JSON object.");
      return;
    }
    for (const auto& kv : body.get_object()) {
      std::string_view key = kv.key();
      std::string p = child("", key);
      const bj::value& v = kv.value();
      if (key == "documentIds") {
        document_ids(v, p);
      } else if (key == "clientReferenceId") {
        client_reference_id(v, p);
      } else if (key == "ownership") {
        ownership(v, p, person_keys);
      } else if (auto it = keys.children.find(key); it != keys.children.end()) {
        value(v, it->second, p);
      } else {
        add(p, "Unrecognized key.");
      }
    }
  }

 private:
  void add(std::string pointer, std::string detail, std::optional<std::vector<std::string>> allowed = std::nullopt) {
    out_.push_back({std::move(pointer), std::move(detail), "", std::move(allowed)});
  }

  // The keys of `v` (an object) against a node of the catalogue's key tree.
  void object(const bj::object& o, const KeyNode& node, const std::string& p,
              std::initializer_list<std::string_view> structural = {}) {
    for (const auto& kv : o) {
      std::string_view key = kv.key();
      if (std::find(structural.begin(), structural.end(), key) != structural.end()) continue;
      auto it = node.children.find(key);
      if (it == node.children.end())
        add(child(p, key), "Unrecognized key.");
      else
        value(kv.value(), it->second, child(p, key));
    }
  }

  void value(const bj::value& v, const KeyNode& node, const std::string& p) {
    if (v.is_null()) return;  // null counts as absent
    if (!node.fields.empty()) {
      // Catalogues merged for an unknown country may disagree: any of their types will do.
      bool ok = std::any_of(node.fields.begin(), node.fields.end(), [&](const Field* f) { return type_accepts(f->type, v); });
      if (!ok) add(p, expected(node.fields.front()->type));
      return;
    }
    if (!v.is_object()) {
      add(p, "Must be a JSON object.");
      return;
    }
    object(v.get_object(), node, p);
  }

  void document_ids(const bj::value& v, const std::string& p) {
    if (v.is_null()) return;
    if (!v.is_array()) {
      add(p, "Must be an array of document ids.");
      return;
    }
    const auto& a = v.get_array();
    for (size_t i = 0; i < a.size(); ++i)
      if (!a[i].is_string() || !ids::is_valid("doc", view(a[i].get_string())))
        add(child(p, i), "Must be a document id ('doc_' followed by 22 characters [0-9A-Za-z]).");
  }

  void client_reference_id(const bj::value& v, const std::string& p) {
    if (v.is_null()) return;
    if (!v.is_string()) {
      add(p, "Must be a string.");
      return;
    }
    std::string_view s = view(v.get_string());
    bool ok = !s.empty() && s.size() <= kMaxClientReferenceId &&
              std::all_of(s.begin(), s.end(), [](char c) { return is_alnum(c) || c == '_' || c == '-' || c == ':' || c == '.'; });
    if (!ok) add(p, "Must match ^[A-Za-z0-9_\\-:.]{1,255}$.");
  }

  void ownership(const bj::value& v, const std::string& p, const KeyNode& person_keys) {
    if (v.is_null()) return;
    if (!v.is_object()) {
      add(p, "Must be a JSON object.");
      return;
    }
    for (const auto& kv : v.get_object()) {
      std::string_view key = kv.key();
      if (key != "persons") {
        add(child(p, key), "Unrecognized key.");
        continue;
      }
      std::string pp = child(p, key);
      const bj::value& persons = kv.value();
      if (persons.is_null()) continue;
      if (!persons.is_array()) {
        add(pp, "Must be an array of persons.");
        continue;
      }
      const auto& a = persons.get_array();
      for (size_t i = 0; i < a.size(); ++i) person(a[i], child(pp, i), person_keys);
    }
  }

  void person(const bj::value& v, const std::string& p, const KeyNode& person_keys) {
    if (!v.is_object()) {
      add(p, "Must be a JSON object.");
      return;
    }
    const auto& o = v.get_object();
    object(o, person_keys, p, {"roles", "documentIds"});
    if (const auto* ids = o.if_contains("documentIds")) document_ids(*ids, child(p, "documentIds"));
    if (const auto* roles = o.if_contains("roles"); roles && !roles->is_null()) {
      std::string rp = child(p, "roles");
      if (!roles->is_array()) {
        add(rp, "Must be an array of roles.");
        return;
      }
      const auto& a = roles->get_array();
      for (size_t i = 0; i < a.size(); ++i) {
        if (!a[i].is_string()) {
          add(child(rp, i), "Must be a string.");
          continue;
        }
        std::string_view role = view(a[i].get_string());
        bool known = std::any_of(std::begin(kRoles), std::end(kRoles), [&](std::string_view r) { return iequals(r, role); });
        if (!known)
          add(child(rp, i), "Invalid role '" + std::string(role) + "': must be beneficial_owner, controlling_person or legal_representative.",
              std::vector<std::string>(std::begin(kRoles), std::end(kRoles)));
      }
    }
  }

  std::vector<Problem>& out_;
};

// ---------------------------------------------------------------- canonical spellings

std::optional<bj::value> canonical(const Field& f, const bj::value& v) {
  if (f.type == FieldType::enumeration && v.is_string()) {
    for (const auto& a : *f.allowed_values)
      if (iequals(a, view(v.get_string()))) return bj::value(a);
  } else if (f.type == FieldType::country && v.is_string()) {
    if (auto a3 = to_alpha3(view(v.get_string()))) return bj::value(*a3);
  } else if (f.type == FieldType::integer && v.is_double()) {
    if (auto i = as_integer(v)) return bj::value(*i);
  }
  return std::nullopt;
}

void normalize_fields(bj::value& root, const std::vector<Field>& fields) {
  for (const auto& f : fields)
    if (bj::value* v = at(root, f.tokens); v && !v->is_null())
      if (auto c = canonical(f, *v)) *v = std::move(*c);
}

// Keeps the first of each equal string, in order.
void dedupe(bj::value* v, bool lowercase) {
  if (!v || !v->is_array()) return;
  bj::array out;
  std::set<std::string, std::less<>> seen;
  for (const auto& e : v->get_array()) {
    std::string s(view(e.get_string()));
    if (lowercase) s = lower(s);
    if (seen.insert(s).second) out.emplace_back(s);
  }
  *v = std::move(out);
}

// ---------------------------------------------------------------- 422: the catalogue's rules

std::string plural(int64_t n, std::string_view what) { return std::to_string(n) + " " + std::string(what) + (n == 1 ? "" : "s"); }


class Readiness {
 public:
  Readiness(std::vector<Problem>& out, int64_t today) : out_(out), today_(today) {}

  void add(std::string pointer, std::string detail, const std::string& category,
           std::optional<std::vector<std::string>> allowed = std::nullopt) {
    if (!seen_.emplace(pointer, detail).second) return;  // a person with two roles sharing a field
    out_.push_back({std::move(pointer), std::move(detail), category, std::move(allowed)});
  }

  // Every field of `fields` that applies (all its conditions hold within `root`).
  void fields(const std::vector<Field>& fields, const bj::value& root, const std::string& base, const std::string& category) {
    for (const auto& f : fields) {
      if (!std::all_of(f.conditions.begin(), f.conditions.end(), [&](const Condition& c) { return holds(c, root); }))
        continue;
      std::string p = join(base, f.tokens);
      const bj::value* v = at(root, f.tokens);
      if (!v || v->is_null()) {
        if (f.required) add(p, "Required.", category, f.allowed_values);
        continue;
      }
      value(f, *v, p, category);
    }
  }

 private:
  static bool holds(const Condition& c, const bj::value& root) {
    const bj::value* v = at(root, c.tokens);
    auto equal = [&](const bj::value& want) {
      if (want.is_null()) return !v || v->is_null();
      return v && json_equal(*v, want);
    };
    switch (c.op) {
      case Condition::Op::eq:
        return equal(c.value);
      case Condition::Op::neq:
        return !equal(c.value);
      case Condition::Op::in:
        return std::any_of(c.values.begin(), c.values.end(), equal);
    }
    return false;
  }

  std::optional<int64_t> date_bound(const std::string& bound) const {
    return bound == "today" ? std::optional<int64_t>(today_) : parse_date(bound);
  }

  void value(const Field& f, const bj::value& v, const std::string& p, const std::string& category) {
    switch (f.type) {
      case FieldType::enumeration:
        if (std::find(f.allowed_values->begin(), f.allowed_values->end(), view(v.get_string())) == f.allowed_values->end())
          add(p, "Must be one of the allowed values.", category, f.allowed_values);
        break;
      case FieldType::country:
        if (!to_alpha3(view(v.get_string()))) add(p, "Must be an ISO 3166-1 alpha-2 or alpha-3 country code.", category);
        break;
      case FieldType::date:
        date(f, view(v.get_string()), p, category);
        break;
      case FieldType::email:
        if (!is_email(view(v.get_string()))) return add(p, "Must be a valid email address.", category);
        break;
      case FieldType::phone:
        if (!is_phone(view(v.get_string())))
          return add(p, "Must be a phone number in E.164 format ('+' followed by up to 15 digits, e.g. +14155550123).", category);
        break;
      case FieldType::url:
        if (!is_url(view(v.get_string()))) return add(p, "Must be an http or https URL.", category);
        break;
      default:
        break;
    }
    if (f.type == FieldType::string || f.type == FieldType::email || f.type == FieldType::phone || f.type == FieldType::url)
      text(f, view(v.get_string()), p, category);
    if (f.type == FieldType::number || f.type == FieldType::integer) {
      double d = v.to_number<double>();
      if (f.min && d < *f.min) add(p, "Must be at least " + format_number(*f.min) + ".", category);
      if (f.max && d > *f.max) add(p, "Must be at most " + format_number(*f.max) + ".", category);
    }
    if (f.must_equal && !json_equal(v, *f.must_equal))
      add(p, f.must_equal->is_bool() ? std::string(f.must_equal->get_bool() ? "Must be true." : "Must be false.")
                                     : "Must equal " + bj::serialize(*f.must_equal) + ".",
          category);
  }

  void text(const Field& f, std::string_view s, const std::string& p, const std::string& category) {
    size_t n = code_points(s);
    if (f.min_length && int64_t(n) < *f.min_length)
      add(p, "Must be at least " + plural(*f.min_length, "character") + ".", category);
    if (f.max_length && int64_t(n) > *f.max_length)
      add(p, "Must be at most " + plural(*f.max_length, "character") + ".", category);
    if (f.pattern) {
      bool ok = s.size() <= kMaxPatternInput && std::regex_search(s.begin(), s.end(), *f.pattern);
      if (!ok)
        add(p, "Must match " + *f.pattern_text + (f.example ? " (for example " + *f.example + ")" : std::string()) + ".",
            category);
    }
  }

  void date(const Field& f, std::string_view s, const std::string& p, const std::string& category) {
    auto d = parse_date(s);
    if (!d) return add(p, "Must be a calendar date in the format YYYY-MM-DD.", category);
    if (f.min_date)
      if (auto b = date_bound(*f.min_date); b && *d < *b) add(p, "Must be on or after " + *f.min_date + ".", category);
    if (f.max_date)
      if (auto b = date_bound(*f.max_date); b && *d > *b) add(p, "Must be on or before " + *f.max_date + ".", category);
    if (f.min_age_years && !old_enough(*d, today_, *f.min_age_years))
      add(p, "Must be at least " + std::to_string(*f.min_age_years) + " years ago (minimum age).", category);
  }

  std::vector<Problem>& out_;
  int64_t today_;
  std::set<std::pair<std::string, std::string>> seen_;
};

std::vector<std::string> strings(const bj::value* v) {
  std::vector<std::string> out;
  if (v && v->is_array())
    for (const auto& e : v->get_array())
      if (e.is_string()) out.emplace_back(view(e.get_string()));
  return out;
}

}  // namespace

ValidationResult validate(const boost::json::value& body, int64_t today_days) {
  ValidationResult result;
  const auto& reg = detail::registry();

  // Which catalogue: registeredAddress.country, when it names a supported country.
  const Catalogue* catalogue = nullptr;
  std::optional<std::string> country;
  if (const bj::value* c = at(body, {"registeredAddress", "country"}); c && c->is_string()) {
    country = to_alpha3(view(c->get_string()));
    if (country) catalogue = reg.find(*country);
  }

  Shape(result.shape_errors)
      .body(body, catalogue ? catalogue->keys : reg.any_keys, catalogue ? catalogue->person_keys : reg.any_person_keys);
  if (!result.shape_errors.empty()) return result;

  Submission& sub = result.submission;
  sub.country = country.value_or("");
  if (const bj::value* r = member(body, "clientReferenceId")) sub.client_reference_id = std::string(view(r->get_string()));

  // Every referenced document, once, with the pointer of its first reference.
  std::set<std::string, std::less<>> seen_docs;
  auto collect = [&](const bj::value* ids, const std::string& p) {
    auto list = strings(ids);
    for (size_t i = 0; i < list.size(); ++i)
      if (seen_docs.insert(list[i]).second) sub.documents.push_back({list[i], child(p, i)});
  };
  collect(member(body, "documentIds"), "/documentIds");
  const bj::value* raw_persons = at(body, {"ownership", "persons"});
  size_t person_count = raw_persons && raw_persons->is_array() ? raw_persons->get_array().size() : 0;
  for (size_t i = 0; i < person_count; ++i)
    collect(member(raw_persons->get_array()[i], "documentIds"), "/ownership/persons/" + std::to_string(i) + "/documentIds");

  // Canonical spellings.
  bj::value normalized = body;
  dedupe(at(normalized, {"documentIds"}), false);
  if (bj::value* persons = at(normalized, {"ownership", "persons"}); persons && persons->is_array())
    for (auto& person : persons->get_array()) {
      dedupe(at(person, {"roles"}), true);
      dedupe(at(person, {"documentIds"}), false);
      if (catalogue)
        for (const auto& req : catalogue->persons) normalize_fields(person, req.fields);
    }
  if (catalogue) normalize_fields(normalized, catalogue->fields);
  if (const bj::value* t = at(normalized, {"businessInfo", "taxId"}); t && t->is_string())
    sub.tax_id = std::string(view(t->get_string()));

  Readiness ready(result.readiness_errors, today_days);
  if (!catalogue) {
    // Without a catalogue no other rule is known: name the supported countries.
    const bj::value* given = at(body, {"registeredAddress", "country"});
    ready.add("/registeredAddress/country",
              given && !given->is_null() ? "Onboarding is not available in this country: must be one of the allowed values."
                                         : "Required.",
              "field", reg.countries);
    sub.normalized = std::move(normalized.get_object());
    return result;
  }

  ready.fields(catalogue->fields, normalized, "", "field");

  auto docs = strings(at(normalized, {"documentIds"}));
  if (int64_t(docs.size()) < catalogue->min_documents)
    ready.add("/documentIds",
              "At least " + plural(catalogue->min_documents, "document") + " required, got " + std::to_string(docs.size()) + ".",
              "document");

  std::vector<std::vector<std::string>> roles_of;
  const bj::value* persons = at(normalized, {"ownership", "persons"});
  for (size_t i = 0; i < person_count; ++i) {
    const bj::value& person = persons->get_array()[i];
    std::string base = "/ownership/persons/" + std::to_string(i);
    roles_of.push_back(strings(member(person, "roles")));
    const auto& roles = roles_of.back();
    if (roles.empty())
      ready.add(child(base, "roles"), "At least one role is required.", "individual",
                std::vector<std::string>(std::begin(kRoles), std::end(kRoles)));
    int64_t min_documents = 0;
    for (const auto& req : catalogue->persons) {
      if (req.role != "any" && std::find(roles.begin(), roles.end(), req.role) == roles.end()) continue;
      ready.fields(req.fields, person, base, "individual");
      min_documents = std::max(min_documents, req.min_documents);
    }
    size_t held = strings(member(person, "documentIds")).size();
    if (int64_t(held) < min_documents)
      ready.add(child(base, "documentIds"),
                "At least " + plural(min_documents, "document") + " required for this person, got " + std::to_string(held) + ".",
                "document");
  }

  for (const auto& req : catalogue->persons) {
    int64_t n = std::count_if(roles_of.begin(), roles_of.end(), [&](const auto& roles) {
      return req.role == "any" || std::find(roles.begin(), roles.end(), req.role) != roles.end();
    });
    if (n < req.min_count)
      ready.add("/ownership/persons",
                "At least " + std::to_string(req.min_count) + " " + req.role + "(s) required, got " + std::to_string(n) + ".",
                "individual");
    if (req.max_count && n > *req.max_count)
      ready.add("/ownership/persons",
                "At most " + std::to_string(*req.max_count) + " " + req.role + "(s) allowed, got " + std::to_string(n) + ".",
                "individual");
  }

  sub.normalized = std::move(normalized.get_object());
  return result;
}

}  // namespace conduit::domain::onboarding
