#pragma once
// A handler is a small class with one method. It reads through the store and either answers
// (a Reply or an ApiError) or returns a Mutation: the writes to commit, run by the chain inside
// the write transaction together with the idempotency record, so both commit or neither does.
#include <boost/json/value.hpp>
#include <functional>
#include <string>
#include <variant>
#include <vector>

#include "platform/api_error.h"
#include "platform/context.h"
#include "storage/store.h"

namespace conduit::platform {

struct Services;

struct Reply {
  int status = 200;
  std::string content_type;
  std::string body;
  std::vector<http::Header> headers;
};

Reply json_reply(int status, const boost::json::value& body);
Reply no_content();

// What a request finally answers. An ApiError inside a Mutation rolls back that mutation's writes.
using Answer = std::variant<Reply, ApiError>;
using Mutation = std::function<Answer(storage::WriteTx&)>;
using Outcome = std::variant<Reply, ApiError, Mutation>;

class Handler {
 public:
  virtual ~Handler() = default;
  virtual Outcome handle(RequestContext& ctx) const = 0;
};

// Declares the usual handler: a small final class with the services and its one method.
#define CONDUIT_HANDLER(Name)                                                                    \
  class Name final : public ::conduit::platform::Handler {                                       \
   public:                                                                                       \
    explicit Name(::conduit::platform::Services& s) : s_(s) {}                                   \
    ::conduit::platform::Outcome handle(::conduit::platform::RequestContext& ctx) const override; \
                                                                                                 \
   private:                                                                                      \
    ::conduit::platform::Services& s_;                                                           \
  }

}  // namespace conduit::platform
