#pragma once
// Shared by the fuzz targets: a property check that stays on in every build (unlike assert) and
// ends the run the way a sanitizer does, so libFuzzer saves the input as a crash.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#define FUZZ_CHECK(cond)                                                                        \
  do {                                                                                          \
    if (!(cond)) {                                                                              \
      std::fprintf(stderr, "FUZZ_CHECK failed: %s\n    at %s:%d\n", #cond, __FILE__, __LINE__); \
      std::abort();                                                                             \
    }                                                                                           \
  } while (0)

namespace fuzz {

// Splits "first line\nrest": the first line (a trailing CR removed) and everything after the LF.
// Without an LF the whole input is the first line and the rest is empty.
inline void split_first_line(std::string_view in, std::string_view& line, std::string_view& rest) {
  size_t lf = in.find('\n');
  line = in.substr(0, lf);
  rest = lf == std::string_view::npos ? std::string_view() : in.substr(lf + 1);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
}

// True when `inner` lies within `outer` (an empty view must still point into or just past it).
inline bool inside(std::string_view inner, std::string_view outer) {
  auto i = reinterpret_cast<std::uintptr_t>(inner.data()), o = reinterpret_cast<std::uintptr_t>(outer.data());
  return i >= o && i + inner.size() <= o + outer.size();
}

}  // namespace fuzz
