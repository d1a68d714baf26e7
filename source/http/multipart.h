#pragma once
// multipart/form-data (RFC 7578 over RFC 2046 framing) for upload bodies that are already fully in
// memory. Parts are not copied: `data` points into the body, which must outlive the result.
// Strict where ambiguity could hide content (a boundary inside data, a delimiter line not followed
// by CRLF, folded or duplicated headers are refused), tolerant where RFC 2046 allows it (preamble,
// epilogue, transport padding after a delimiter). Linear time; never reads outside the body.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace conduit::http {

struct MultipartLimits {
  size_t max_parts = 16;
  size_t max_part_header_bytes = 8192;  // a part's header block, including its terminating empty line
  size_t max_file_bytes = 10 * 1024 * 1024;  // data of a part with a filename
  size_t max_field_bytes = 64 * 1024;        // data of any other part
};

struct MultipartPart {
  std::string name;                     // Content-Disposition name (quoted-string escapes undone)
  std::optional<std::string> filename;  // present (possibly empty) when the part is a file; filename* ignored
  std::string content_type;             // the part's Content-Type as sent (trimmed); empty when absent
  std::string_view data;                // points into the body
};

enum class MultipartError {
  none,
  bad_content_type,  // not multipart/form-data, or no usable boundary parameter
  malformed,
  too_many_parts,
  part_headers_too_large,
  file_too_large,
  field_too_large,
};

struct MultipartResult {
  MultipartError error = MultipartError::none;
  std::string detail;  // one short sentence for the client when error != none; never echoes input
  std::vector<MultipartPart> parts;  // empty when error != none
};

// `content_type` is the request's Content-Type header value; its boundary= parameter (quoted or
// token, 1-70 characters of RFC 2046 bchars, not ending in a space) delimits the parts.
MultipartResult parse_multipart(std::string_view content_type, std::string_view body,
                                const MultipartLimits& limits = {});

}  // namespace conduit::http
