#pragma once
// lastUsedAt without a write per request: uses are noted in memory and flushed in one
// batched write about once a second (and at shutdown).
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace conduit::platform {

class KeyUsage {
 public:
  static constexpr size_t kMaxPending = 100'000;  // bound; beyond it the newest uses are dropped
  void note(const std::string& key_id, int64_t now_ms) {
    std::lock_guard lock(mutex_);
    if (pending_.size() >= kMaxPending && !pending_.count(key_id)) return;
    pending_[key_id] = now_ms;
  }
  std::vector<std::pair<std::string, int64_t>> take() {
    std::lock_guard lock(mutex_);
    std::vector<std::pair<std::string, int64_t>> out(pending_.begin(), pending_.end());
    pending_.clear();
    return out;
  }

 private:
  std::mutex mutex_;
  std::unordered_map<std::string, int64_t> pending_;
};

}  // namespace conduit::platform
