#include "common/time_format.h"

#include <chrono>
#include <cstdio>

namespace conduit {

std::string format_timestamp(int64_t epoch_ms) {
  using namespace std::chrono;
  int64_t ms = epoch_ms % 1000;
  int64_t secs = epoch_ms / 1000;
  if (ms < 0) {
    ms += 1000;
    secs -= 1;
  }
  sys_days day{days{secs >= 0 ? secs / 86400 : (secs - 86399) / 86400}};
  int64_t sod = secs - day.time_since_epoch().count() * 86400;
  year_month_day ymd{day};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", int(ymd.year()),
                unsigned(ymd.month()), unsigned(ymd.day()), int(sod / 3600), int(sod / 60 % 60),
                int(sod % 60), int(ms));
  return buf;
}

std::optional<int64_t> parse_date(std::string_view t) {
  using namespace std::chrono;
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
  auto digits = [&](size_t from, size_t n) -> int {
    int v = 0;
    for (size_t i = from; i < from + n; ++i) {
      if (t[i] < '0' || t[i] > '9') return -1;
      v = v * 10 + (t[i] - '0');
    }
    return v;
  };
  int y = digits(0, 4), m = digits(5, 2), d = digits(8, 2);
  if (y < 0 || m < 0 || d < 0) return std::nullopt;
  year_month_day ymd{year{y}, month{unsigned(m)}, day{unsigned(d)}};
  if (!ymd.ok()) return std::nullopt;
  return sys_days{ymd}.time_since_epoch().count();
}

}  // namespace conduit
