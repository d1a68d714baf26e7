#include "platform/rate_limiter.h"

#include <gtest/gtest.h>

namespace conduit::platform {

constexpr int64_t kSecond = 1'000'000'000;

TEST(TokenBucket, StartsFullAndDrainsToRefusal) {
  auto b = TokenBucket::full(100, 200, 0);
  for (int i = 0; i < 200; ++i) {
    auto d = b.take(0);
    ASSERT_TRUE(d.allowed) << i;
    EXPECT_EQ(d.remaining, 199 - i);
    EXPECT_EQ(d.limit, 200);
  }
  auto refused = b.take(0);
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.remaining, 0);
  EXPECT_EQ(refused.retry_after_seconds, 1);  // 10 ms to a token, rounded up to whole seconds
  EXPECT_EQ(refused.reset_seconds, 2);        // 200 tokens at 100/s
}

TEST(TokenBucket, RefillsAtRateAndCapsAtCapacity) {
  auto b = TokenBucket::full(10, 20, 0);
  for (int i = 0; i < 20; ++i) b.take(0);
  EXPECT_FALSE(b.take(0).allowed);
  EXPECT_FALSE(b.take(kSecond / 10 - 1).allowed);  // just short of one token
  EXPECT_TRUE(b.take(kSecond / 10).allowed);
  auto d = b.take(100 * kSecond);  // long idle: full again, never beyond capacity
  EXPECT_TRUE(d.allowed);
  EXPECT_EQ(d.remaining, 19);
  EXPECT_EQ(d.reset_seconds, 1);  // one token missing at 10/s: 0.1 s, rounded up
}

TEST(TokenBucket, RetryAfterIsWholeSecondsAtLeastOne) {
  auto b = TokenBucket::full(1, 2, 0);
  b.take(0);
  b.take(0);
  auto d = b.take(0);
  EXPECT_FALSE(d.allowed);
  EXPECT_EQ(d.retry_after_seconds, 1);
  EXPECT_EQ(d.reset_seconds, 2);
  auto slow = TokenBucket::full(1, 2, 0);
  slow.micro_tokens = 0;
  EXPECT_EQ(slow.take(kSecond / 2).retry_after_seconds, 1);  // half a second left, rounds to 1
}

TEST(TokenBucket, ClockGoingBackwardsDoesNotMint) {
  auto b = TokenBucket::full(10, 20, 5 * kSecond);
  for (int i = 0; i < 20; ++i) b.take(5 * kSecond);
  EXPECT_FALSE(b.take(4 * kSecond).allowed);
}

TEST(RateLimiter, SeparateKeysSeparateBuckets) {
  ManualClock clock;
  RateLimiter limiter(clock, 1000);
  for (int i = 0; i < 4; ++i) EXPECT_TRUE(limiter.take("a", 2).allowed);
  EXPECT_FALSE(limiter.take("a", 2).allowed);
  EXPECT_TRUE(limiter.take("b", 2).allowed);
  clock.advance_ms(500);
  EXPECT_TRUE(limiter.take("a", 2).allowed);
}

TEST(RateLimiter, RateChangeAppliesToExistingBucket) {
  ManualClock clock;
  RateLimiter limiter(clock, 1000);
  EXPECT_EQ(limiter.take("org", 100).limit, 200);
  auto d = limiter.take("org", 1);
  EXPECT_EQ(d.limit, 2);
  EXPECT_LE(d.remaining, 1);
}

TEST(RateLimiter, BoundedNumberOfBuckets) {
  ManualClock clock;
  RateLimiter limiter(clock, 64);  // 2 per shard
  for (int i = 0; i < 10000; ++i) limiter.take("ip:" + std::to_string(i), 5);
  EXPECT_LE(limiter.size(), 64u);
}

TEST(RateLimiter, EvictsFullBucketsBeforeBusyOnes) {
  ManualClock clock;
  RateLimiter limiter(clock, 32);  // one bucket per shard
  // Drain a bucket, then let many keys pass through: a drained bucket is evicted only if
  // nothing idle is left, so the refusal is remembered while idle buckets come and go.
  for (int i = 0; i < 10; ++i) limiter.take("busy", 5);
  EXPECT_FALSE(limiter.take("busy", 5).allowed);
  EXPECT_LE(limiter.size(), 32u);
}

}  // namespace conduit::platform
