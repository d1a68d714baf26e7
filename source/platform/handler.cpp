#include "platform/handler.h"

#include <boost/json/serialize.hpp>

namespace conduit::platform {

Reply json_reply(int status, const boost::json::value& body) {
  return Reply{status, "application/json; charset=utf-8", boost::json::serialize(body), {}};
}

Reply no_content() { return Reply{204, "", "", {}}; }

}  // namespace conduit::platform
