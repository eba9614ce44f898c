#pragma once
// Numbers as text for outputs people and other programs read back.

#include <charconv>
#include <string>
#include <system_error>

namespace stylokit {

// `v` in the shortest decimal form that reads back to the same double (std::to_chars
// without a precision: fixed or scientific, whichever is shorter, fixed on a tie), e.g.
// 0.89 (not 0.89000000000000001), 1, 1e-05, -0.5; "nan", "inf" and "-inf" for the
// non-finite values. Readers of C's strtod, Python's float and R's as.numeric all accept
// it. O(1), thread-safe, no allocation beyond the returned string.
inline std::string shortest(double v) {
  char buf[32];  // the longest shortest form, e.g. -2.2250738585072014e-308, is 24 chars
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  if (ec != std::errc()) return std::string();  // unreachable: the buffer fits every double
  return std::string(buf, end);
}

}  // namespace stylokit
