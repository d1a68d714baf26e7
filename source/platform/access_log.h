#pragma once
// Structured JSON lines on stderr. Never given a secret: callers log key ids, not keys.
#include <boost/json/object.hpp>
#include <mutex>
#include <string_view>

namespace conduit::platform {

enum class LogLevel { debug = 0, info = 1, warn = 2, error = 3 };

class Logger {
 public:
  explicit Logger(LogLevel min = LogLevel::info) : min_(min) {}
  bool enabled(LogLevel l) const { return l >= min_; }
  void log(LogLevel level, std::string_view msg, boost::json::object fields = {});

 private:
  LogLevel min_;
  std::mutex mutex_;
};

}  // namespace conduit::platform
