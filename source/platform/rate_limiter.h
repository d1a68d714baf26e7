#pragma once
// Token buckets in memory, sharded by key so worker threads rarely meet on a lock, and bounded
// in number: a full bucket is indistinguishable from a new one, so full buckets are evicted
// first, then the least recently used. Integer arithmetic in micro-tokens (no float drift).
#include <array>
#include <cstdint>
#include <list>
#include <mutex>
#include <string>
#include <unordered_map>

#include "common/clock.h"

namespace conduit::platform {

struct BucketDecision {
  bool allowed = false;
  int64_t limit = 0;              // burst capacity
  int64_t remaining = 0;          // whole tokens left after this request
  int64_t reset_seconds = 0;      // until the bucket is full again, rounded up
  int64_t retry_after_seconds = 0;  // when refused: until one token is back, rounded up, >= 1
};

// Pure arithmetic of one bucket, tested without a server.
struct TokenBucket {
  static constexpr int64_t kMicro = 1'000'000;
  int64_t rate = 0;       // tokens per second
  int64_t capacity = 0;   // burst, tokens
  int64_t micro_tokens = 0;
  int64_t updated_ns = 0;

  static TokenBucket full(int64_t rate, int64_t capacity, int64_t now_ns);
  void refill(int64_t now_ns);
  BucketDecision take(int64_t now_ns);
  bool is_full(int64_t now_ns) const;
};

class RateLimiter {
 public:
  RateLimiter(const Clock& clock, size_t max_buckets) : clock_(clock), per_shard_(std::max<size_t>(1, max_buckets / kShards)) {}
  // Takes one token from the bucket `key` (created full at `rate`/s with burst 2 x rate).
  BucketDecision take(const std::string& key, int64_t rate);
  size_t size() const;

 private:
  static constexpr size_t kShards = 32;
  struct Entry {
    TokenBucket bucket;
    std::list<std::string>::iterator lru;
  };
  struct Shard {
    mutable std::mutex mutex;
    std::unordered_map<std::string, Entry> buckets;
    std::list<std::string> lru;  // most recent at the front
  };
  void evict(Shard& shard, int64_t now_ns);

  const Clock& clock_;
  size_t per_shard_;
  std::array<Shard, kShards> shards_;
};

}  // namespace conduit::platform
