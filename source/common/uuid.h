#pragma once
#include <string>

namespace conduit {
// A random (version 4) UUID for correlation ids: unique, not secret, so a per-thread PRNG
// seeded from the CSPRNG is enough and keeps it off the hot path's syscalls.
std::string uuid_v4();
}  // namespace conduit
