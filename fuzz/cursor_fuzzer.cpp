// List cursors. The input is tried as a cursor (decode must never accept what it did not mint:
// a decoded cursor re-encodes to exactly the input) and as a boundary id (encode then decode
// gives it back, in both directions, and only under the binding it was minted for).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "platform/cursor.h"

using conduit::platform::CursorPosition;
using conduit::platform::decode_cursor;
using conduit::platform::encode_cursor;

// Shared with fuzz/seeds.py, which mints the valid cursors of the seed corpus.
static constexpr std::string_view kBinding = "org_0000000000000000000001|sandbox|customers|desc";
static constexpr std::string_view kSecret = "fuzz-cursor-secret-0123456789abcdef";

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);

  if (auto pos = decode_cursor(in, kBinding, kSecret)) {
    FUZZ_CHECK(encode_cursor(*pos, kBinding, kSecret) == in);  // canonical: one spelling per cursor
    FUZZ_CHECK(!decode_cursor(in, std::string(kBinding) + "|status=active", kSecret));
    FUZZ_CHECK(!decode_cursor(in, kBinding, "another-secret"));
  }

  // Boundary ids are never empty (the list's last row id); an empty one does not round-trip.
  if (in.empty()) return 0;
  for (bool backward : {false, true}) {
    CursorPosition pos{std::string(in), backward};
    std::string c = encode_cursor(pos, kBinding, kSecret);
    auto back = decode_cursor(c, kBinding, kSecret);
    if (c.size() > conduit::platform::kMaxCursorLength) {
      FUZZ_CHECK(!back);
      continue;
    }
    FUZZ_CHECK(back.has_value());
    FUZZ_CHECK(back->boundary_id == in && back->backward == backward);
    FUZZ_CHECK(!decode_cursor(c, "org_0000000000000000000002|sandbox|customers|desc", kSecret));
  }
  return 0;
}
