#include "platform/problem.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "common/time_format.h"

namespace conduit::platform {

http::Response render_problem(const ApiError& e, std::string_view instance, std::string_view correlation_id,
                              int64_t now_ms) {
  const ErrorKind& kind = error_kind(e.code);
  boost::json::object body;
  body["type"] = kind.code;
  body["title"] = kind.title;
  body["status"] = kind.status;
  body["detail"] = e.detail.empty() ? std::string(kind.title) + "." : e.detail;
  body["resolution"] = kind.resolution;
  body["instance"] = instance;
  body["timestamp"] = format_timestamp(now_ms);
  body["correlationId"] = correlation_id;
  if (!e.errors.empty()) {
    boost::json::array errors;
    for (const auto& f : e.errors) {
      boost::json::object item;
      item["pointer"] = f.pointer;
      item["detail"] = f.detail;
      if (f.category) item["category"] = *f.category;
      if (f.allowed_values) {
        boost::json::array values;
        for (const auto& v : *f.allowed_values) values.emplace_back(v);
        item["allowedValues"] = std::move(values);
      }
      errors.push_back(std::move(item));
    }
    body["errors"] = std::move(errors);
  }
  if (e.details) body["details"] = *e.details;
  if (e.retry_after_seconds) body["retryAfterSeconds"] = *e.retry_after_seconds;

  http::Response r;
  r.status = kind.status;
  r.content_type = "application/problem+json";
  r.body = boost::json::serialize(body);
  r.headers = e.headers;
  return r;
}

}  // namespace conduit::platform
