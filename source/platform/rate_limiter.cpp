#include "platform/rate_limiter.h"

#include <algorithm>
#include <cassert>
#include <functional>

namespace conduit::platform {
namespace {
int64_t ceil_div(int64_t a, int64_t b) { return (a + b - 1) / b; }
// Bound the refill interval so the multiplication below cannot overflow.
constexpr int64_t kMaxElapsedNs = 1'000'000'000'000;  // 1000 s
}  // namespace

TokenBucket TokenBucket::full(int64_t rate, int64_t capacity, int64_t now_ns) {
  assert(rate > 0 && capacity > 0);
  return TokenBucket{rate, capacity, capacity * kMicro, now_ns};
}

void TokenBucket::refill(int64_t now_ns) {
  if (now_ns <= updated_ns) return;  // a clock that goes backwards mints nothing
  int64_t elapsed = std::min(now_ns - updated_ns, kMaxElapsedNs);
  // rate tokens/s = rate * 1e6 micro-tokens per 1e9 ns.
  int64_t gained = elapsed * rate / 1000;
  if (micro_tokens + gained >= capacity * kMicro) {
    micro_tokens = capacity * kMicro;
    updated_ns = now_ns;
  } else {
    micro_tokens += gained;
    // Advance only by the time converted, so fractions of a micro-token are not lost.
    updated_ns += gained * 1000 / rate;
  }
}

bool TokenBucket::is_full(int64_t now_ns) const {
  TokenBucket copy = *this;
  copy.refill(now_ns);
  return copy.micro_tokens >= capacity * kMicro;
}

BucketDecision TokenBucket::take(int64_t now_ns) {
  refill(now_ns);
  BucketDecision d;
  d.limit = capacity;
  if (micro_tokens >= kMicro) {
    micro_tokens -= kMicro;
    d.allowed = true;
  } else {
    // Nanoseconds until one whole token, rounded up to whole seconds (at least 1).
    int64_t ns_to_token = ceil_div((kMicro - micro_tokens) * 1000, rate);
    d.retry_after_seconds = std::max<int64_t>(1, ceil_div(ns_to_token, 1'000'000'000));
  }
  d.remaining = micro_tokens / kMicro;
  int64_t ns_to_full = ceil_div((capacity * kMicro - micro_tokens) * 1000, rate);
  d.reset_seconds = ceil_div(ns_to_full, 1'000'000'000);
  assert(d.remaining >= 0 && d.remaining <= capacity);
  return d;
}

BucketDecision RateLimiter::take(const std::string& key, int64_t rate) {
  assert(rate > 0);
  int64_t capacity = rate * 2;
  int64_t now = clock_.monotonic_ns();
  Shard& shard = shards_[std::hash<std::string>{}(key) % kShards];
  std::lock_guard lock(shard.mutex);
  auto it = shard.buckets.find(key);
  if (it == shard.buckets.end()) {
    if (shard.buckets.size() >= per_shard_) evict(shard, now);
    shard.lru.push_front(key);
    it = shard.buckets.emplace(key, Entry{TokenBucket::full(rate, capacity, now), shard.lru.begin()}).first;
  } else {
    shard.lru.splice(shard.lru.begin(), shard.lru, it->second.lru);
    TokenBucket& b = it->second.bucket;
    if (b.rate != rate) {  // the organization's limit changed: keep the tokens, new shape
      b.refill(now);
      b.rate = rate;
      b.capacity = capacity;
      b.micro_tokens = std::min(b.micro_tokens, capacity * TokenBucket::kMicro);
    }
  }
  return it->second.bucket.take(now);
}

void RateLimiter::evict(Shard& shard, int64_t now_ns) {
  // Full buckets carry no state worth keeping; drop them (bounded scan from the LRU end).
  size_t scanned = 0;
  auto it = shard.lru.end();
  while (it != shard.lru.begin() && scanned < 64) {
    --it;
    ++scanned;
    auto found = shard.buckets.find(*it);
    if (found->second.bucket.is_full(now_ns)) {
      shard.buckets.erase(found);
      it = shard.lru.erase(it);  // the element after; the next --it reaches the one before
    }
  }
  if (shard.buckets.size() >= per_shard_) {  // none idle: drop the least recently used
    shard.buckets.erase(shard.lru.back());
    shard.lru.pop_back();
  }
}

size_t RateLimiter::size() const {
  size_t n = 0;
  for (const auto& s : shards_) {
    std::lock_guard lock(s.mutex);
    n += s.buckets.size();
  }
  return n;
}

}  // namespace conduit::platform
