#pragma once
// Internal to the features stage: a double in its shortest exact decimal form, the same bytes
// as std::to_chars(first, last, v) — the digits from fmt's Dragonbox, the layout (fixed or
// scientific, whichever is shorter, fixed on a tie; exponent of at least two digits) here.
//
// Why not std::to_chars: writing a 3.45 M-entry matrix spent ~43 ns per value in it (libstdc++'s
// Ryu with its generic printf-style layout) against ~16 ns for Dragonbox's digits; values are
// most of a .mtx file. fmt::format("{}") is no faster here (fmt 9 lays out through its generic
// path) and its layout differs from to_chars'. tests/features/shortest_double_test.cpp checks
// the bytes against std::to_chars on millions of values.

#include <fmt/format.h>

#include <bit>
#include <charconv>
#include <cstdint>
#include <cstring>

namespace stylokit::features::detail {

// The four digits of every number below 10^4 (40 KB, built at compile time): two lookups write
// 8 digits. With a table of pairs (four lookups) a value took 30.6 ns, with this one 25.1
// (3.45 M tf-idf-like values, best of 30).
struct DigitQuads {
  char q[10000][4];
  constexpr DigitQuads() : q() {
    for (int i = 0; i < 10000; ++i) {
      q[i][0] = static_cast<char>('0' + i / 1000);
      q[i][1] = static_cast<char>('0' + i / 100 % 10);
      q[i][2] = static_cast<char>('0' + i / 10 % 10);
      q[i][3] = static_cast<char>('0' + i % 10);
    }
  }
};
inline constexpr DigitQuads kDigitQuads{};

// The 8 decimal digits of x < 10^8, zero-padded.
inline void write8(char* out, uint32_t x) {
  std::memcpy(out, kDigitQuads.q[x / 10000], 4);
  std::memcpy(out + 4, kDigitQuads.q[x % 10000], 4);
}

// Decimal digits of s > 0.
inline int digit_count(uint64_t s) {
  static constexpr uint64_t kPow10[20] = {1u,
                                          10u,
                                          100u,
                                          1000u,
                                          10000u,
                                          100000u,
                                          1000000u,
                                          10000000u,
                                          100000000u,
                                          1000000000u,
                                          10000000000u,
                                          100000000000u,
                                          1000000000000u,
                                          10000000000000u,
                                          100000000000000u,
                                          1000000000000000u,
                                          10000000000000000u,
                                          100000000000000000u,
                                          1000000000000000000u,
                                          10000000000000000000u};
  const int t = static_cast<int>((std::bit_width(s) * 1233u) >> 12);  // floor(log10(2^bits)), or one less
  return t + (s >= kPow10[t] ? 1 : 0);
}

// Characters of v in decimal (1 for 0).
inline int decimal_width(uint64_t v) {
  return v == 0 ? 1 : digit_count(v);
}

// Writes v in decimal at p and returns the end; below 10^8 (every column and row index of a
// matrix that fits in memory) with one 8-byte copy, so p needs 8 bytes of room; larger values
// through std::to_chars (20 bytes of room).
inline char* write_uint(char* p, uint64_t v) {
  if (v >= 100000000u) return std::to_chars(p, p + 20, v).ptr;
  char digits[16] = {};  // 8 digits, then what the copy below reads past them
  write8(digits, static_cast<uint32_t>(v));
  const int n = decimal_width(v);
  std::memcpy(p, digits + 8 - n, 8);
  return p + n;
}

// Room write_shortest needs at p: it writes at most 24 bytes of the value, but copies digits
// in fixed-size blocks (calls to memcpy/memset of a variable size cost more than the digits).
inline constexpr size_t kShortestRoom = 48;

// Writes finite `v` at p (kShortestRoom bytes of room) and returns the end. Not for NaN or
// infinities.
inline char* write_shortest(char* p, double v) {
  uint64_t bits;
  std::memcpy(&bits, &v, sizeof bits);
  if (bits >> 63) *p++ = '-';
  bits &= ~(uint64_t{1} << 63);
  if (bits == 0) {
    *p++ = '0';
    return p;
  }
  double magnitude;
  std::memcpy(&magnitude, &bits, sizeof bits);
  // magnitude = significand × 10^exponent, with the fewest significant digits that read back.
  const auto dec = fmt::detail::dragonbox::to_decimal(magnitude);
  // The 17 digit places (s < 10^17) in independent blocks at digits[7..24) (a loop of 17
  // dependent divisions by ten took longer than Dragonbox itself), then the n significant
  // ones at d. The 24 bytes after them may be read (and written past the end, within the room)
  // by the block copies.
  const uint64_t s = dec.significand;  // < 10^17
  char digits[48];
  digits[7] = static_cast<char>('0' + s / 10000000000000000u);  // the 17th place, at most: s < 10^17
  write8(digits + 8, static_cast<uint32_t>(s / 100000000u % 100000000u));
  write8(digits + 16, static_cast<uint32_t>(s % 100000000u));
  std::memset(digits + 24, '0', 24);
  const int n = digit_count(s);
  const char* d = digits + 24 - n;
  const int e = dec.exponent;
  const int exp10 = e + n - 1;  // of the first digit
  const int abs_exp = exp10 < 0 ? -exp10 : exp10;
  const int sci_len = n + (n > 1 ? 1 : 0) + 2 + (abs_exp >= 100 ? 3 : 2);
  const int fixed_len = e >= 0 ? n + e : (n + e > 0 ? n + 1 : 2 - e);
  if (fixed_len <= sci_len) {
    if (e > 0)  // a whole number: to_chars writes its exact digits ("266618080300468832", not
                // "...830"); rare (integers below 1e15 never get here from the matrix writer)
      return std::to_chars(p, p + 24, magnitude).ptr;
    if (e == 0) {
      std::memcpy(p, d, 24);
      return p + n;
    }
    if (n + e > 0) {  // point inside: 12.345
      const int whole = n + e;
      std::memcpy(p, d, 24);
      p[whole] = '.';
      std::memcpy(p + whole + 1, d + whole, 16);  // n - whole <= 16 digits
      return p + n + 1;
    }
    // 0.00012345: at most 4 zeros after the point (fixed is longer than scientific beyond).
    const int zeros = -(n + e);
    std::memcpy(p, "0.000000", 8);
    std::memcpy(p + 2 + zeros, d, 24);
    return p + 2 + zeros + n;
  }
  *p++ = d[0];  // 1.2345e-07
  if (n > 1) {
    *p = '.';
    std::memcpy(p + 1, d + 1, 16);
    p += n;
  }
  *p++ = 'e';
  *p++ = exp10 < 0 ? '-' : '+';
  if (abs_exp >= 100) *p++ = static_cast<char>('0' + abs_exp / 100);
  *p++ = static_cast<char>('0' + abs_exp / 10 % 10);
  *p++ = static_cast<char>('0' + abs_exp % 10);
  return p;
}

}  // namespace stylokit::features::detail
