#include "domain/documents.h"

#include <algorithm>

namespace conduit::domain::documents {
namespace {
constexpr size_t kMaxFileName = 255;

char lower(char c) { return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c; }

bool is_file_name_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
         c == ' ' || c == '-';
}
}  // namespace

std::optional<FileType> sniff_file_type(std::string_view bytes) {
  if (bytes.starts_with("%PDF-")) return FileType::pdf;
  if (bytes.starts_with(std::string_view("\x89PNG\r\n\x1a\n", 8))) return FileType::png;
  if (bytes.starts_with("\xff\xd8\xff")) return FileType::jpeg;
  return std::nullopt;
}

std::string_view mime_type(FileType t) {
  switch (t) {
    case FileType::pdf: return "application/pdf";
    case FileType::png: return "image/png";
    case FileType::jpeg: return "image/jpeg";
  }
  return "application/octet-stream";
}

std::optional<std::string> safe_file_name(std::string_view raw) {
  size_t sep = raw.find_last_of("/\\");
  if (sep != std::string_view::npos) raw.remove_prefix(sep + 1);
  std::string out;
  for (char c : raw) {
    if (out.size() == kMaxFileName) break;
    if (is_file_name_char(c)) out.push_back(c);
  }
  if (std::all_of(out.begin(), out.end(), [](char c) { return c == '.' || c == ' '; })) return std::nullopt;
  return out;
}

std::optional<std::string> normalize_purpose(std::string_view raw) {
  std::string lowered(raw.size(), '\0');
  std::transform(raw.begin(), raw.end(), lowered.begin(), lower);
  for (const auto& p : purposes())
    if (p == lowered) return lowered;
  return std::nullopt;
}

const std::vector<std::string>& purposes() {
  static const std::vector<std::string> all = {"organization_onboarding", "kyc", "feature_request",
                                               "transaction_support", "rfi_response"};
  return all;
}

}  // namespace conduit::domain::documents
