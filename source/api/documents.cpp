#include "api/documents.h"

#include <boost/json.hpp>

#include "api/json_fields.h"

#include "common/crypto.h"
#include "common/ids.h"
#include "common/time_format.h"
#include "domain/documents.h"
#include "http/multipart.h"

namespace conduit::api {
namespace {

namespace bj = boost::json;
using platform::ApiError;

bj::object document_json(const storage::Document& d) {
  bj::object o;
  o["id"] = d.id;
  o["fileName"] = d.file_name;
  o["mimeType"] = d.mime_type;
  o["name"] = nullable(d.name);
  o["purpose"] = nullable(d.purpose);
  o["fileSize"] = d.file_size;
  o["sha256"] = d.sha256;
  o["classifiedTypes"] = bj::array();
  o["createdAt"] = format_timestamp(d.created_at);
  o["updatedAt"] = format_timestamp(d.updated_at);
  return o;
}

ApiError error(const char* code, std::string detail) { return ApiError{code, std::move(detail), {}, {}, {}, {}}; }

}  // namespace

platform::Outcome UploadDocument::handle(platform::RequestContext& ctx) const {
  const std::string* content_type = ctx.request.header("content-type");
  auto parsed = http::parse_multipart(content_type ? *content_type : "", ctx.request.body);
  using http::MultipartError;
  switch (parsed.error) {
    case MultipartError::none:
      break;
    case MultipartError::file_too_large:
      return error("FILE_TOO_LARGE", "The file is larger than 10 MiB (10,485,760 bytes).");
    default:
      return platform::validation_error("The multipart body is invalid: " + parsed.detail, {{"/", parsed.detail, {}, {}}});
  }

  std::vector<platform::FieldError> errors;
  const http::MultipartPart* file = nullptr;
  std::optional<std::string> purpose, name;
  for (const auto& part : parsed.parts) {
    std::string pointer = "/" + part.name;
    bool seen_before = (part.name == "file" && file) || (part.name == "purpose" && purpose) || (part.name == "name" && name);
    if (seen_before) {
      errors.push_back({pointer, "Send this part once.", {}, {}});
    } else if (part.name == "file") {
      if (!part.filename) errors.push_back({pointer, "Must be a file part (with a filename).", {}, {}});
      else file = &part;
    } else if (part.name == "purpose") {
      purpose = domain::documents::normalize_purpose(part.data);
      if (!purpose) {
        errors.push_back({pointer, "Unknown purpose.", {}, domain::documents::purposes()});
        purpose = "";
      }
    } else if (part.name == "name") {
      if (part.data.empty() || part.data.size() > 255) errors.push_back({pointer, "Must be 1 to 255 characters.", {}, {}});
      name = std::string(part.data);
    } else {
      errors.push_back({pointer, "Unrecognized part.", {}, {}});
    }
  }
  if (!file && errors.empty()) errors.push_back({"/file", "Required.", {}, {}});
  if (!errors.empty()) return platform::validation_error("The upload is invalid.", std::move(errors));

  auto type = domain::documents::sniff_file_type(file->data);
  if (!type) return error("UNSUPPORTED_FILE_TYPE", "The file is not a PDF, PNG or JPEG (judged by its content).");
  auto file_name = domain::documents::safe_file_name(*file->filename);
  if (!file_name) return error("INVALID_FILE_NAME", "The file name has no usable characters.");
  if (purpose && purpose->empty()) purpose.reset();

  storage::Document d;
  d.id = ids::generate("doc", ctx.now_ms);
  d.scope = ctx.scope();
  d.file_name = *file_name;
  d.mime_type = std::string(domain::documents::mime_type(*type));
  d.name = name;
  d.purpose = purpose;
  d.file_size = static_cast<int64_t>(file->data.size());
  d.sha256 = crypto::to_hex(crypto::sha256(file->data));
  d.content = std::string(file->data);
  d.created_at = d.updated_at = ctx.now_ms;
  return platform::Mutation([d = std::move(d)](storage::WriteTx& tx) -> platform::Answer {
    tx.insert_document(d);
    return platform::json_reply(201, document_json(d));
  });
}

}  // namespace conduit::api
