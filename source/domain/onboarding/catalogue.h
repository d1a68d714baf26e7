#pragma once
// The onboarding catalogues compiled once from their JSON documents (internal to onboarding/).
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <regex>
#include <string>
#include <vector>

namespace conduit::domain::onboarding::detail {

enum class FieldType { string, enumeration, boolean, number, integer, date, email, phone, url, country };

struct Condition {
  std::vector<std::string> tokens;  // the pointer, unescaped
  enum class Op { eq, neq, in } op = Op::eq;
  boost::json::value value;   // eq / neq
  boost::json::array values;  // in
};

struct Field {
  std::string pointer;
  std::vector<std::string> tokens;
  FieldType type = FieldType::string;
  bool required = false;
  std::optional<boost::json::value> must_equal;
  std::optional<std::vector<std::string>> allowed_values;
  std::optional<std::string> pattern_text, example;
  std::optional<std::regex> pattern;
  std::optional<int64_t> min_length, max_length, min_age_years;
  std::optional<double> min, max;
  std::optional<std::string> min_date, max_date;  // YYYY-MM-DD or "today"
  std::vector<Condition> conditions;
};

struct PersonRequirement {
  std::string role;  // beneficial_owner | controlling_person | legal_representative | any
  int64_t min_count = 0;
  std::optional<int64_t> max_count;
  std::vector<Field> fields;
  int64_t min_documents = 0;
};

// The keys a submission may hold: one node per object, leaves are fields.
struct KeyNode {
  std::map<std::string, KeyNode, std::less<>> children;
  std::vector<const Field*> fields;  // non-empty for a leaf (several when catalogues are merged)
};

struct Catalogue {
  std::string country;
  boost::json::object document;
  std::vector<Field> fields;
  int64_t min_documents = 0;
  std::vector<PersonRequirement> persons;
  KeyNode keys;         // from fields
  KeyNode person_keys;  // from every person requirement's fields
};

// Parses and checks one catalogue document; throws std::runtime_error naming the problem.
Catalogue compile(boost::json::object document);
// Adds the keys of `fields` to `root`.
void add_keys(KeyNode& root, const std::vector<Field>& fields);

struct Registry {
  std::vector<Catalogue> catalogues;  // sorted by country
  std::vector<std::string> countries;
  KeyNode any_keys, any_person_keys;  // the union over every catalogue (used when the country is unknown)
  const Catalogue* find(std::string_view alpha3) const;
};

// Loaded from the embedded files on first use (thread-safe); throws if a file is malformed.
const Registry& registry();

}  // namespace conduit::domain::onboarding::detail
