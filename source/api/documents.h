#pragma once
// POST /v2/documents: multipart upload of a PDF, PNG or JPEG (10 MiB at most).
#include "platform/handler.h"
#include "platform/services.h"

namespace conduit::api {

class UploadDocument final : public platform::Handler {
 public:
  explicit UploadDocument(platform::Services& s) : s_(s) {}
  platform::Outcome handle(platform::RequestContext& ctx) const override;

 private:
  platform::Services& s_;
};

}  // namespace conduit::api
