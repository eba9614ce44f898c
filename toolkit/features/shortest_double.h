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

// The 8 decimal digits of x < 10^8 as ASCII in one word, the first digit in the lowest byte
// (so that a little-endian store writes them in reading order). Lane arithmetic instead of a
// table: the digits are then stored once, 8 bytes at a time, straight to the output (small
// stores read back by a wider load stall the pipeline).
inline uint64_t ascii8(uint32_t x) {
  uint64_t v = (x / 10000) | (uint64_t{x % 10000} << 32);    // two 4-digit numbers, 32-bit lanes
  uint64_t q = ((v * 10486) >> 20) & 0x0000007F0000007Full;  // / 100 in each lane (exact below 43699)
  v = q | ((v - q * 100) << 16);                             // four 2-digit numbers, 16-bit lanes
  q = ((v * 103) >> 10) & 0x000F000F000F000Full;             // / 10 in each lane (exact below 179)
  v = q | ((v - q * 10) << 8);                               // eight digits, 8-bit lanes
  return v | 0x3030303030303030ull;
}

inline void store8(char* p, uint64_t v) {
  std::memcpy(p, &v, 8);
}

inline constexpr uint64_t kPow10[20] = {1u,
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

// Decimal digits of s > 0.
inline int digit_count(uint64_t s) {
  const int t = static_cast<int>((std::bit_width(s) * 1233u) >> 12);  // floor(log10(2^bits)), or one less
  return t + (s >= kPow10[t] ? 1 : 0);
}

// Room write_shortest needs at p: it writes at most 24 bytes of the value, but stores digits
// 8 at a time, past the value's end.
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
  const uint64_t s = dec.significand;  // < 10^17
  const int n = digit_count(s);
  const int e = dec.exponent;
  const int exp10 = e + n - 1;  // of the first digit
  const int abs_exp = exp10 < 0 ? -exp10 : exp10;
  const int sci_len = n + (n > 1 ? 1 : 0) + 2 + (abs_exp >= 100 ? 3 : 2);
  const int fixed_len = e >= 0 ? n + e : (n + e > 0 ? n + 1 : 2 - e);
  // The digits left-aligned to 17 places (zeros after the n significant ones): the first, then
  // two blocks of 8.
  const uint64_t aligned = s * kPow10[17 - n];
  const auto first = static_cast<char>('0' + aligned / 10000000000000000u);
  const uint64_t rest = aligned % 10000000000000000u;
  const uint64_t block1 = ascii8(static_cast<uint32_t>(rest / 100000000u));
  const uint64_t block2 = ascii8(static_cast<uint32_t>(rest % 100000000u));
  auto put_digits = [&](char* at) {  // all 17 places; the caller keeps n of them
    *at = first;
    store8(at + 1, block1);
    store8(at + 9, block2);
  };
  if (fixed_len <= sci_len) {
    if (e > 0)  // a whole number: to_chars writes its exact digits ("266618080300468832", not
                // "...830"); rare (integers below 1e15 never get here from the matrix writer)
      return std::to_chars(p, p + 24, magnitude).ptr;
    if (e == 0) {
      put_digits(p);
      return p + n;
    }
    if (n + e > 0) {  // point inside: 12.345 (digits, then the fraction moved one place right)
      const int whole = n + e;
      char digits[32];  // 17 digits, then room for the 16-byte copy below
      put_digits(digits);
      std::memcpy(p, digits, 17);
      p[whole] = '.';
      std::memcpy(p + whole + 1, digits + whole, 16);
      return p + n + 1;
    }
    // 0.00012345: at most 4 zeros after the point (fixed is longer than scientific beyond).
    const int zeros = -(n + e);
    std::memcpy(p, "0.000000", 8);
    put_digits(p + 2 + zeros);
    return p + 2 + zeros + n;
  }
  // 1.2345e-07: the digits from p + 1, then the first moved in front of the point.
  put_digits(p + 1);
  p[0] = first;
  if (n > 1) {
    p[1] = '.';
    p += n + 1;
  } else {
    p += 1;
  }
  *p++ = 'e';
  *p++ = exp10 < 0 ? '-' : '+';
  if (abs_exp >= 100) *p++ = static_cast<char>('0' + abs_exp / 100);
  *p++ = static_cast<char>('0' + abs_exp / 10 % 10);
  *p++ = static_cast<char>('0' + abs_exp % 10);
  return p;
}

}  // namespace stylokit::features::detail
