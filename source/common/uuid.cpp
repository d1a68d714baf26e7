#include "common/uuid.h"

#include <random>

#include "common/crypto.h"

namespace conduit {

std::string uuid_v4() {
  thread_local std::mt19937_64 rng = [] {
    uint64_t seed;
    crypto::random_bytes(reinterpret_cast<uint8_t*>(&seed), sizeof seed);
    return std::mt19937_64(seed);
  }();
  uint8_t b[16];
  uint64_t hi = rng(), lo = rng();
  for (int i = 0; i < 8; ++i) {
    b[i] = uint8_t(hi >> (i * 8));
    b[8 + i] = uint8_t(lo >> (i * 8));
  }
  b[6] = (b[6] & 0x0f) | 0x40;  // version 4
  b[8] = (b[8] & 0x3f) | 0x80;  // RFC 4122 variant
  std::string hex = crypto::to_hex(b, 16);
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" + hex.substr(16, 4) + "-" +
         hex.substr(20);
}

}  // namespace conduit
