#include "common/json_strict.h"

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/parse.hpp>
#include <cmath>
#include <string>
#include <unordered_set>
#include <vector>

namespace conduit::json {
namespace {

namespace bj = boost::json;

// A basic_parser handler that only checks what boost::json::parse lets through:
// duplicate keys in one object. Depth is bounded by the parser's max_depth.
struct DuplicateKeyCheck {
  static constexpr std::size_t max_object_size = std::size_t(-1);
  static constexpr std::size_t max_array_size = std::size_t(-1);
  static constexpr std::size_t max_key_size = std::size_t(-1);
  static constexpr std::size_t max_string_size = std::size_t(-1);

  std::vector<std::unordered_set<std::string>> objects;  // one key set per open object
  std::vector<bool> is_object;                           // open containers, innermost last
  std::string key;
  std::string duplicate;
  bool out_of_range = false;

  bool on_document_begin(bj::error_code&) { return true; }
  bool on_document_end(bj::error_code&) { return true; }
  bool on_object_begin(bj::error_code&) {
    objects.emplace_back();
    is_object.push_back(true);
    return true;
  }
  bool on_object_end(std::size_t, bj::error_code&) {
    objects.pop_back();
    is_object.pop_back();
    return true;
  }
  bool on_array_begin(bj::error_code&) {
    is_object.push_back(false);
    return true;
  }
  bool on_array_end(std::size_t, bj::error_code&) {
    is_object.pop_back();
    return true;
  }
  bool on_key_part(bj::string_view s, std::size_t, bj::error_code&) {
    key.append(s.data(), s.size());
    return true;
  }
  bool on_key(bj::string_view s, std::size_t, bj::error_code& ec) {
    key.append(s.data(), s.size());
    bool inserted = objects.back().insert(key).second;
    if (!inserted) {
      duplicate = key;
      ec = bj::error::test_failure;  // any error stops the parse; `duplicate` says why
      return false;
    }
    key.clear();
    return true;
  }
  bool on_string_part(bj::string_view, std::size_t, bj::error_code&) { return true; }
  bool on_string(bj::string_view, std::size_t, bj::error_code&) { return true; }
  bool on_number_part(bj::string_view, bj::error_code&) { return true; }
  bool on_int64(std::int64_t, bj::string_view, bj::error_code&) { return true; }
  bool on_uint64(std::uint64_t, bj::string_view, bj::error_code&) { return true; }
  bool on_double(double d, bj::string_view, bj::error_code& ec) {
    if (std::isfinite(d)) return true;
    out_of_range = true;  // e.g. 1e999: no double holds it, and it would serialize as Infinity
    ec = bj::error::test_failure;
    return false;
  }
  bool on_bool(bool, bj::error_code&) { return true; }
  bool on_null(bj::error_code&) { return true; }
  bool on_comment_part(bj::string_view, bj::error_code&) { return true; }
  bool on_comment(bj::string_view, bj::error_code&) { return true; }
};

bool only_whitespace(std::string_view s) {
  for (char c : s)
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return false;
  return true;
}

}  // namespace

bool is_valid_utf8(std::string_view s) {
  size_t i = 0;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  while (i < s.size()) {
    unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t n;
    uint32_t cp;
    if ((c & 0xE0) == 0xC0) n = 1, cp = c & 0x1F;
    else if ((c & 0xF0) == 0xE0) n = 2, cp = c & 0x0F;
    else if ((c & 0xF8) == 0xF0) n = 3, cp = c & 0x07;
    else return false;
    for (size_t k = 1; k <= n; ++k) {
      if (i + k >= s.size() || (p[i + k] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    // Overlong encodings, surrogates and values past U+10FFFF are invalid.
    if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000)) return false;
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += n + 1;
  }
  return true;
}

ParseResult parse_strict(std::string_view body) {
  ParseResult r;
  if (only_whitespace(body)) {
    r.error = "The request body is empty; a JSON document is required.";
    return r;
  }
  if (!is_valid_utf8(body)) {
    r.error = "The request body is not valid UTF-8.";
    return r;
  }
  bj::parse_options opts;
  opts.max_depth = kMaxDepth;
  {
    bj::basic_parser<DuplicateKeyCheck> check(opts);
    bj::error_code ec;
    check.write_some(false, body.data(), body.size(), ec);
    if (!check.handler().duplicate.empty()) {
      r.error = "The request body has the key '" + check.handler().duplicate +
                "' more than once in one object.";
      return r;
    }
    if (check.handler().out_of_range) {
      r.error = "The request body has a number too large to represent.";
      return r;
    }
    if (ec == bj::error::too_deep) {
      r.error = "The request body nests objects and arrays deeper than 32 levels.";
      return r;
    }
    if (ec) {
      r.error = "The request body is not well-formed JSON (" + ec.message() + ").";
      return r;
    }
  }
  bj::error_code ec;
  bj::value v = bj::parse(bj::string_view(body.data(), body.size()), ec, {}, opts);
  if (ec) {
    r.error = "The request body is not well-formed JSON (" + ec.message() + ").";
    return r;
  }
  r.value = std::move(v);
  return r;
}

std::string pointer_token(std::string_view key) {
  std::string out;
  out.reserve(key.size());
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

}  // namespace conduit::json
