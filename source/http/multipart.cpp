#include "http/multipart.h"

#include <algorithm>
#include <functional>

namespace conduit::http {
namespace {

constexpr std::string_view kCrlf = "\r\n";
constexpr size_t kMaxBoundary = 70;  // RFC 2046 section 5.1.1

bool is_tchar(char c) {  // RFC 9110 token characters
  if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool is_ctl(char c) { return (static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f; }

bool is_bchar(char c) {  // RFC 2046 bcharsnospace, plus space (checked separately at the end)
  if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  return std::string_view("'()+_,-./:=? ").find(c) != std::string_view::npos;
}

char lower(char c) { return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c; }

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return lower(x) == lower(y);
         });
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

struct Param {
  std::string name;  // lower case
  std::string value;  // quoted-string escapes undone
};

// Parses `*( OWS ";" OWS [ token OWS "=" OWS ( token / quoted-string ) ] ) OWS`: the parameters
// after a media type or disposition type. Empty parameters (";;", a trailing ";") are tolerated.
std::optional<std::vector<Param>> parse_params(std::string_view s) {
  std::vector<Param> out;
  size_t i = 0;
  auto skip_ows = [&] {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  };
  while (true) {
    skip_ows();
    if (i == s.size()) return out;
    if (s[i] != ';') return std::nullopt;
    ++i;
    skip_ows();
    if (i == s.size() || s[i] == ';') continue;
    Param p;
    while (i < s.size() && is_tchar(s[i])) p.name.push_back(lower(s[i++]));
    if (p.name.empty()) return std::nullopt;
    skip_ows();
    if (i == s.size() || s[i] != '=') return std::nullopt;
    ++i;
    skip_ows();
    if (i < s.size() && s[i] == '"') {
      ++i;
      bool closed = false;
      while (i < s.size()) {
        char c = s[i++];
        if (c == '"') {
          closed = true;
          break;
        }
        if (c == '\\') {
          if (i == s.size()) return std::nullopt;
          c = s[i++];
        }
        if (is_ctl(c)) return std::nullopt;
        p.value.push_back(c);
      }
      if (!closed) return std::nullopt;
    } else {
      size_t start = i;
      while (i < s.size() && is_tchar(s[i])) ++i;
      if (i == start) return std::nullopt;
      p.value.assign(s.substr(start, i - start));
    }
    out.push_back(std::move(p));
  }
}

MultipartResult fail(MultipartError e, std::string detail) {
  MultipartResult r;
  r.error = e;
  r.detail = std::move(detail);
  return r;
}

// The boundary of a multipart/form-data Content-Type, or the reason there is none.
std::optional<std::string> extract_boundary(std::string_view content_type, std::string& why) {
  size_t semi = content_type.find(';');
  std::string_view media = trim(content_type.substr(0, semi));
  if (!iequals(media, "multipart/form-data")) {
    why = "The Content-Type is not multipart/form-data.";
    return std::nullopt;
  }
  auto params = parse_params(semi == std::string_view::npos ? std::string_view() : content_type.substr(semi));
  if (!params) {
    why = "The Content-Type parameters are malformed.";
    return std::nullopt;
  }
  std::optional<std::string> boundary;
  for (auto& p : *params) {
    if (p.name != "boundary") continue;
    if (boundary) {
      why = "The Content-Type has more than one boundary parameter.";
      return std::nullopt;
    }
    boundary = std::move(p.value);
  }
  if (!boundary) {
    why = "The Content-Type has no boundary parameter.";
    return std::nullopt;
  }
  if (boundary->empty() || boundary->size() > kMaxBoundary) {
    why = "The multipart boundary must be 1 to 70 characters long.";
    return std::nullopt;
  }
  if (!std::all_of(boundary->begin(), boundary->end(), is_bchar) || boundary->back() == ' ') {
    why = "The multipart boundary contains characters that RFC 2046 does not allow.";
    return std::nullopt;
  }
  return boundary;
}

struct PartHeaders {
  std::optional<std::string_view> disposition;
  std::optional<std::string_view> content_type;
};

// Splits a header block (header lines joined by CRLF, without the final CRLF) into the two
// headers this parser reads. Other headers are ignored; folded lines, bare CR/LF, control
// characters and duplicates of the two headers are refused.
std::optional<PartHeaders> split_headers(std::string_view block) {
  PartHeaders h;
  size_t start = 0;
  while (start <= block.size()) {
    size_t end = block.find(kCrlf, start);
    if (end == std::string_view::npos) end = block.size();
    std::string_view line = block.substr(start, end - start);
    start = end + kCrlf.size();
    if (line.empty() || line.front() == ' ' || line.front() == '\t') return std::nullopt;
    size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) return std::nullopt;
    std::string_view name = line.substr(0, colon);
    if (!std::all_of(name.begin(), name.end(), is_tchar)) return std::nullopt;
    std::string_view value = trim(line.substr(colon + 1));
    if (std::any_of(value.begin(), value.end(), is_ctl)) return std::nullopt;  // includes bare CR/LF
    std::optional<std::string_view>* slot = nullptr;
    if (iequals(name, "content-disposition")) slot = &h.disposition;
    else if (iequals(name, "content-type")) slot = &h.content_type;
    if (slot) {
      if (*slot) return std::nullopt;
      *slot = value;
    }
  }
  return h;
}

}  // namespace

MultipartResult parse_multipart(std::string_view content_type, std::string_view body,
                                const MultipartLimits& limits) {
  std::string why;
  auto boundary = extract_boundary(content_type, why);
  if (!boundary) return fail(MultipartError::bad_content_type, std::move(why));

  // Every delimiter after the first is CRLF "--" boundary. The boundary must not occur inside
  // any part (RFC 2046), so the first occurrence always ends the current part. Boyer-Moore keeps
  // each search linear in the bytes it passes over, and every search starts where the last ended.
  const std::string delimiter = "\r\n--" + *boundary;
  const std::boyer_moore_searcher searcher(delimiter.begin(), delimiter.end());
  auto find_delimiter = [&](size_t from) -> size_t {
    auto it = std::search(body.begin() + from, body.end(), searcher);
    return it == body.end() ? std::string_view::npos : size_t(it - body.begin());
  };

  // The first delimiter may open the body without its CRLF; otherwise a preamble precedes it.
  std::string_view dash_boundary = std::string_view(delimiter).substr(2);
  size_t pos;  // just past the boundary of the delimiter being examined
  if (body.starts_with(dash_boundary)) {
    pos = dash_boundary.size();
  } else {
    size_t d = find_delimiter(0);
    if (d == std::string_view::npos)
      return fail(MultipartError::malformed, "The multipart body does not contain the boundary.");
    pos = d + delimiter.size();
  }

  MultipartResult result;
  while (true) {
    // After a boundary: "--" closes the body (the epilogue is ignored); otherwise optional
    // transport padding and CRLF open the next part.
    if (body.substr(pos).starts_with("--")) {
      if (result.parts.empty()) return fail(MultipartError::malformed, "The multipart body contains no parts.");
      return result;
    }
    while (pos < body.size() && (body[pos] == ' ' || body[pos] == '\t')) ++pos;
    if (!body.substr(pos).starts_with(kCrlf))
      return fail(MultipartError::malformed, "A multipart boundary line is not followed by CRLF.");
    pos += kCrlf.size();

    if (result.parts.size() >= limits.max_parts)
      return fail(MultipartError::too_many_parts,
                  "The multipart body has more than " + std::to_string(limits.max_parts) + " parts.");

    size_t next = find_delimiter(pos);
    if (next == std::string_view::npos)
      return fail(MultipartError::malformed, "The multipart body has no closing boundary.");

    // The part is [pos, next). Its header block ends with an empty line; the delimiter's own CRLF
    // may end the last header line of a part without data, so it is searched in too.
    std::string_view part = body.substr(pos, next + kCrlf.size() - pos);
    if (part.starts_with(kCrlf))
      return fail(MultipartError::malformed, "A part has no Content-Disposition header.");
    size_t window = std::min(part.size(), limits.max_part_header_bytes);
    size_t blank = part.substr(0, window).find("\r\n\r\n");
    if (blank == std::string_view::npos) {
      if (part.size() > limits.max_part_header_bytes)
        return fail(MultipartError::part_headers_too_large, "A part's headers are larger than " +
                                                                std::to_string(limits.max_part_header_bytes) +
                                                                " bytes.");
      return fail(MultipartError::malformed, "A part's headers are not followed by an empty line.");
    }
    auto headers = split_headers(part.substr(0, blank));
    if (!headers) return fail(MultipartError::malformed, "A part has a malformed header.");
    if (!headers->disposition) return fail(MultipartError::malformed, "A part has no Content-Disposition header.");

    std::string_view disposition = *headers->disposition;
    size_t semi = disposition.find(';');
    if (!iequals(trim(disposition.substr(0, semi)), "form-data"))
      return fail(MultipartError::malformed, "A part's Content-Disposition is not form-data.");
    auto params = parse_params(semi == std::string_view::npos ? std::string_view() : disposition.substr(semi));
    if (!params) return fail(MultipartError::malformed, "A part's Content-Disposition parameters are malformed.");

    MultipartPart out;
    bool has_name = false;
    for (auto& p : *params) {
      if (p.name == "name") {
        if (has_name) return fail(MultipartError::malformed, "A part's Content-Disposition has two names.");
        has_name = true;
        out.name = std::move(p.value);
      } else if (p.name == "filename") {
        if (out.filename)
          return fail(MultipartError::malformed, "A part's Content-Disposition has two file names.");
        out.filename = std::move(p.value);
      }
    }
    if (!has_name || out.name.empty())
      return fail(MultipartError::malformed, "A part's Content-Disposition has no name.");
    if (headers->content_type) out.content_type = std::string(*headers->content_type);

    size_t data_start = std::min(pos + blank + 4, next);
    out.data = body.substr(data_start, next - data_start);
    if (out.filename && out.data.size() > limits.max_file_bytes)
      return fail(MultipartError::file_too_large,
                  "The file is larger than " + std::to_string(limits.max_file_bytes) + " bytes.");
    if (!out.filename && out.data.size() > limits.max_field_bytes)
      return fail(MultipartError::field_too_large,
                  "A form field is larger than " + std::to_string(limits.max_field_bytes) + " bytes.");
    result.parts.push_back(std::move(out));
    pos = next + delimiter.size();
  }
}

}  // namespace conduit::http
