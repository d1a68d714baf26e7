#include "platform/access_log.h"

#include <boost/json/serialize.hpp>
#include <cstdio>

#include "common/clock.h"
#include "common/time_format.h"

namespace conduit::platform {

void Logger::log(LogLevel level, std::string_view msg, boost::json::object fields) {
  if (!enabled(level)) return;
  static constexpr const char* kNames[] = {"debug", "info", "warn", "error"};
  boost::json::object line;
  line["ts"] = format_timestamp(SystemClock().now_ms());
  line["level"] = kNames[static_cast<int>(level)];
  line["msg"] = msg;
  for (auto& kv : fields) line[kv.key()] = std::move(kv.value());
  std::string text = boost::json::serialize(line);
  text += '\n';
  std::lock_guard lock(mutex_);
  std::fwrite(text.data(), 1, text.size(), stderr);
}

}  // namespace conduit::platform
