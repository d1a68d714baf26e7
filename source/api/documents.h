#pragma once
// POST /v2/documents: multipart upload of a PDF, PNG or JPEG (10 MiB at most).
#include "platform/handler.h"
#include "platform/services.h"

namespace conduit::api {

CONDUIT_HANDLER(UploadDocument);

}  // namespace conduit::api
