#include "platform/request_log.h"

namespace conduit::platform {

void RequestLog::record(RequestLogEntry e) {
  std::lock_guard lock(mutex_);
  entries_.push_back(std::move(e));
  while (entries_.size() > capacity_) entries_.pop_front();
}

std::vector<RequestLogEntry> RequestLog::query(const std::string& org, Environment env, const std::string& status,
                                               const std::string& correlation_id, size_t limit) const {
  auto status_matches = [&](int s) {
    if (status.empty()) return true;
    if (status.size() == 3 && status[1] == 'x' && status[2] == 'x') return std::to_string(s)[0] == status[0];
    return std::to_string(s) == status;
  };
  std::vector<RequestLogEntry> out;
  std::lock_guard lock(mutex_);
  for (auto it = entries_.rbegin(); it != entries_.rend() && out.size() < limit; ++it) {
    if (it->organization_id != org || it->environment != env || !status_matches(it->status)) continue;
    if (!correlation_id.empty() && it->correlation_id != correlation_id && it->client_correlation_id != correlation_id)
      continue;
    out.push_back(*it);
  }
  return out;
}

}  // namespace conduit::platform
