#include "platform/api_error.h"

#include <cassert>

namespace conduit::platform {
namespace {

constexpr ErrorKind kCatalogue[] = {
    {"VALIDATION_ERROR", 400, "Validation Error", "Fix the fields listed in errors and retry."},
    {"MALFORMED_JSON", 400, "Malformed JSON", "Send a well-formed JSON document as the request body."},
    {"INVALID_OID_FORMAT", 400, "Invalid Identifier Format", "Check the identifier: it must be the resource's prefix, an underscore and 22 letters or digits."},
    {"INVALID_CURSOR", 400, "Invalid Cursor", "Use a cursor exactly as returned in meta by the same list, or omit it to start from the first page."},
    {"IDEMPOTENCY_KEY_REQUIRED", 400, "Idempotency Key Required", "Send an idempotency-key header (a UUID is recommended) and retry."},
    {"IDEMPOTENCY_KEY_INVALID", 400, "Idempotency Key Invalid", "Use 1 to 128 characters from A-Z, a-z, 0-9, '_', '.', ':' and '-'."},
    {"API_KEY_MISSING", 401, "API Key Missing", "Send your API key in the x-api-key header."},
    {"API_KEY_INVALID", 401, "API Key Invalid", "Check that the key is active and belongs to this environment."},
    {"SESSION_REQUIRED", 401, "Session Required", "Sign in to the dashboard."},
    {"INVALID_CREDENTIALS", 401, "Invalid Credentials", "Check the email and password and try again."},
    {"CSRF_TOKEN_INVALID", 403, "CSRF Token Invalid", "Send the session's csrfToken in the X-CSRF-Token header."},
    {"SIGNUP_REFUSED", 409, "Sign-Up Refused", "Sign in instead, or use another email address."},
    {"ENVIRONMENT_NOT_ACTIVATED", 409, "Environment Not Activated", "Ask the operator to activate the organization (conduit org activate)."},
    {"API_KEY_READ_ONLY", 403, "API Key Read Only", "Use a read-write key for requests that change data."},
    {"NOT_FOUND", 404, "Not Found", "Check the request path against the API reference."},
    {"APPLICATION_NOT_FOUND", 404, "Application Not Found", "Check the application id; it must belong to this organization and environment."},
    {"APPLICATION_ALREADY_DECIDED", 409, "Application Already Decided", "The application was already approved or rejected; fetch it to see the outcome."},
    {"APPLICATION_INVALID_STATUS", 409, "Application Invalid Status", "The application's status does not allow this action; fetch it to see its status."},
    {"ONBOARDING_ALREADY_SUBMITTED", 409, "Onboarding Already Submitted", "An application with this tax id is already pending; wait for its decision."},
    {"CUSTOMER_ALREADY_ONBOARDED", 409, "Customer Already Onboarded", "A customer with this tax id already exists; see details.customerId."},
    {"ONBOARDING_NOT_READY", 422, "Onboarding Not Ready", "Fix every problem listed in errors (see GET /v2/onboarding/requirements) and submit again."},
    {"DOCUMENT_IDS_NOT_FOUND", 422, "Document Ids Not Found", "Upload the documents with POST /v2/documents using the same API environment, then reference their ids."},
    {"UNSUPPORTED_FILE_TYPE", 400, "Unsupported File Type", "Upload a PDF, PNG or JPEG file."},
    {"INVALID_FILE_NAME", 400, "Invalid File Name", "Give the file a name with letters, digits, dots, spaces, '_' or '-'."},
    {"FILE_TOO_LARGE", 413, "File Too Large", "Upload a file of at most 10 MiB (10,485,760 bytes)."},
    {"API_KEY_NOT_FOUND", 404, "API Key Not Found", "Check the key id; it must belong to this organization and environment."},
    {"CUSTOMER_NOT_FOUND", 404, "Customer Not Found", "Check the customer id; it must belong to this organization and environment."},
    {"WEBHOOK_DELIVERY_NOT_FOUND", 404, "Webhook Delivery Not Found", "Check the delivery id; it must belong to this organization and environment."},
    {"WEBHOOK_DELIVERY_NOT_RETRYABLE", 409, "Webhook Delivery Not Retryable", "Only failed deliveries can be retried; fetch the delivery to see its status."},
    {"WEBHOOK_ENDPOINT_NOT_FOUND", 404, "Webhook Endpoint Not Found", "Check the webhook endpoint id; it must belong to this organization and environment."},
    {"METHOD_NOT_ALLOWED", 405, "Method Not Allowed", "Use one of the methods listed in the Allow header."},
    {"CONFLICT", 409, "Conflict", "Fetch the current state of the resource and retry."},
    {"IDEMPOTENCY_KEY_CONFLICT", 409, "Idempotency Key Conflict", "Use a new idempotency key for a different request; a key is bound to the exact request it was first used with."},
    {"IDEMPOTENCY_KEY_REQUEST_IN_PROGRESS", 409, "Idempotency Key Request In Progress", "Wait for the first request with this key to finish, then retry to receive its result."},
    {"PAYLOAD_TOO_LARGE", 413, "Payload Too Large", "Send a smaller request body."},
    {"UNSUPPORTED_MEDIA_TYPE", 415, "Unsupported Media Type", "Send the body as application/json (or multipart/form-data on upload endpoints)."},
    {"UNPROCESSABLE_ENTITY", 422, "Unprocessable Entity", "Fix the request according to the detail and retry."},
    {"RATE_LIMITED", 429, "Rate Limited", "Wait for the number of seconds in Retry-After, then retry."},
    {"REQUEST_HEADER_FIELDS_TOO_LARGE", 431, "Request Header Fields Too Large", "Send fewer or shorter headers."},
    {"INTERNAL_ERROR", 500, "Internal Error", "An unexpected error occurred. Retry later; if it persists, contact support with the correlationId."},
    {"SERVICE_UNAVAILABLE", 503, "Service Unavailable", "The service is temporarily unable to handle the request. Retry later."},
};

}  // namespace

const ErrorKind& error_kind(std::string_view code) {
  for (const auto& k : kCatalogue)
    if (k.code == code) return k;
  assert(false && "error code missing from the catalogue");
  return error_kind("INTERNAL_ERROR");
}

int status_of(const ApiError& e) { return error_kind(e.code).status; }

ApiError validation_error(std::string detail, std::vector<FieldError> errors) {
  return ApiError{"VALIDATION_ERROR", std::move(detail), std::move(errors), {}, {}, {}};
}

ApiError not_found(std::string code, std::string detail) { return ApiError{std::move(code), std::move(detail), {}, {}, {}, {}}; }

ApiError internal_error() {
  return ApiError{"INTERNAL_ERROR", "An unexpected error occurred while processing the request.", {}, {}, {}, {}};
}

}  // namespace conduit::platform
