// multipart/form-data parser. Input: the Content-Type header value on the first line, the body after
// it. Besides the sanitizers, checks what the header promises: parts point into the body, an error
// carries no parts, limits hold, and tighter limits only ever turn a success into a limit error.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_check.h"
#include "http/multipart.h"

using conduit::http::MultipartError;
using conduit::http::MultipartLimits;
using conduit::http::MultipartResult;

namespace {

void check(const MultipartResult& r, std::string_view body, const MultipartLimits& limits) {
  if (r.error != MultipartError::none) {
    FUZZ_CHECK(r.parts.empty());
    FUZZ_CHECK(!r.detail.empty());
    return;
  }
  FUZZ_CHECK(!r.parts.empty());
  FUZZ_CHECK(r.parts.size() <= limits.max_parts);
  for (const auto& p : r.parts) {
    FUZZ_CHECK(fuzz::inside(p.data, body));  // "data points into the body"
    FUZZ_CHECK(!p.name.empty());
    FUZZ_CHECK(p.data.size() <= (p.filename ? limits.max_file_bytes : limits.max_field_bytes));
  }
}

bool is_limit_error(MultipartError e) {
  return e == MultipartError::too_many_parts || e == MultipartError::part_headers_too_large ||
         e == MultipartError::file_too_large || e == MultipartError::field_too_large;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size), content_type, body;
  fuzz::split_first_line(in, content_type, body);

  const MultipartLimits defaults;
  MultipartResult r = conduit::http::parse_multipart(content_type, body, defaults);
  check(r, body, defaults);

  // The same input under small limits, so that every limit is reachable with small inputs.
  MultipartLimits tight;
  tight.max_parts = 2;
  tight.max_part_header_bytes = 64;
  tight.max_file_bytes = 32;
  tight.max_field_bytes = 16;
  MultipartResult t = conduit::http::parse_multipart(content_type, body, tight);
  check(t, body, tight);
  if (r.error == MultipartError::none) {
    FUZZ_CHECK(t.error == MultipartError::none || is_limit_error(t.error));
    if (t.error == MultipartError::none) {
      FUZZ_CHECK(t.parts.size() == r.parts.size());
      for (size_t i = 0; i < t.parts.size(); ++i) {
        FUZZ_CHECK(t.parts[i].name == r.parts[i].name);
        FUZZ_CHECK(t.parts[i].filename == r.parts[i].filename);
        FUZZ_CHECK(t.parts[i].content_type == r.parts[i].content_type);
        FUZZ_CHECK(t.parts[i].data.data() == r.parts[i].data.data() && t.parts[i].data.size() == r.parts[i].data.size());
      }
    }
  } else if (!is_limit_error(r.error)) {
    // Tighter limits cannot make a malformed body or a bad Content-Type acceptable.
    FUZZ_CHECK(t.error != MultipartError::none);
  }
  return 0;
}
