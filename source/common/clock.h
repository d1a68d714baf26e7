#pragma once
// Time is injected everywhere it matters (TTLs, rate limits, timestamps), so tests
// move it by hand instead of sleeping.
#include <atomic>
#include <chrono>
#include <cstdint>

namespace conduit {

class Clock {
 public:
  virtual ~Clock() = default;
  // Wall-clock milliseconds since the Unix epoch (timestamps, TTLs stored in the database).
  virtual int64_t now_ms() const = 0;
  // Monotonic nanoseconds (rate-limit buckets, latency); never goes backwards.
  virtual int64_t monotonic_ns() const = 0;
};

class SystemClock final : public Clock {
 public:
  int64_t now_ms() const override {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
  }
  int64_t monotonic_ns() const override {
    using namespace std::chrono;
    return duration_cast<nanoseconds>(steady_clock::now().time_since_epoch()).count();
  }
};

// A clock that only moves when told to: for tests of TTLs and buckets.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(int64_t start_ms = 1'767'225'600'000) : ms_(start_ms), ns_(1'000'000'000) {}
  int64_t now_ms() const override { return ms_.load(); }
  int64_t monotonic_ns() const override { return ns_.load(); }
  void advance_ms(int64_t ms) {
    ms_ += ms;
    ns_ += ms * 1'000'000;
  }

 private:
  std::atomic<int64_t> ms_;
  std::atomic<int64_t> ns_;
};

}  // namespace conduit
