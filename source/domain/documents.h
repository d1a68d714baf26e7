#pragma once
// Rules of POST /v2/documents (resources.md, tier 1) that need no server: the file type by magic
// bytes, the stored file name, and the purpose.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace conduit::domain::documents {

enum class FileType { pdf, png, jpeg };

// Magic bytes only (never the name or a declared Content-Type): "%PDF-", the PNG 8-byte
// signature, JPEG FF D8 FF. Anything else, including an empty file, is nullopt.
std::optional<FileType> sniff_file_type(std::string_view bytes);
// application/pdf, image/png, image/jpeg.
std::string_view mime_type(FileType t);

// Keeps only the last path component ('/' and '\\' both separate components), then only the
// characters [A-Za-z0-9._ -], then at most the first 255 characters. nullopt when nothing, or
// nothing but dots and spaces, is left (the caller answers 400 INVALID_FILE_NAME).
std::optional<std::string> safe_file_name(std::string_view raw);

// One of purposes(), matched case-insensitively and returned in lower case; nullopt otherwise.
// (`purpose` is optional in the request: the caller skips this when the field is absent.)
std::optional<std::string> normalize_purpose(std::string_view raw);
// organization_onboarding, kyc, feature_request, transaction_support, rfi_response.
const std::vector<std::string>& purposes();

}  // namespace conduit::domain::documents
