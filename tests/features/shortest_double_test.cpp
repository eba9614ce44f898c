// write_shortest (toolkit/features/shortest_double.h) against std::to_chars, its reference:
// the same bytes for every value tried.

#include <gtest/gtest.h>

#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <string>

#include "toolkit/features/internal/shortest_double.h"

using stylokit::features::detail::write_shortest;
using stylokit::features::detail::write_uint;

namespace {

std::string ours(double v) {
  char buf[stylokit::features::detail::kShortestRoom];
  return std::string(buf, write_shortest(buf, v));
}

std::string reference(double v) {
  char buf[32];
  return std::string(buf, std::to_chars(buf, buf + sizeof buf, v).ptr);
}

}  // namespace

// Hand-picked forms: fixed with and without a point, leading zeros, both exponent widths,
// signs, zeros, the extremes of the range and the fixed/scientific tie (fixed wins).
TEST(ShortestDouble, KnownForms) {
  const std::pair<double, const char*> cases[] = {{0.0, "0"},
                                                  {-0.0, "-0"},
                                                  {1.0, "1"},
                                                  {0.1, "0.1"},
                                                  {1.0 / 3.0, "0.3333333333333333"},
                                                  {123.5, "123.5"},
                                                  {0.0001234, "0.0001234"},
                                                  {1.234e-5, "1.234e-05"},
                                                  {1e22, "1e+22"},
                                                  {1e21, "1e+21"},
                                                  {123456.0, "123456"},
                                                  {1e5, "1e+05"},
                                                  {1e15 + 3, "1000000000000003"},
                                                  {2.0 * 0x1p60, "2305843009213693952"},
                                                  {-2.5e-310, "-2.5e-310"},
                                                  {5e-324, "5e-324"},
                                                  {1.7976931348623157e308, "1.7976931348623157e+308"},
                                                  {2.2250738585072014e-308, "2.2250738585072014e-308"}};
  for (const auto& [v, text] : cases) {
    EXPECT_EQ(ours(v), text) << text;
    EXPECT_EQ(reference(v), text) << text;  // the hand-written forms are to_chars' too
  }
}

// Random bit patterns (every exponent), tf-idf-like values in (0, 1], powers of ten and their
// neighbours, integers around 1e15..1e17: byte-identical to std::to_chars.
TEST(ShortestDouble, SameBytesAsToChars) {
  std::mt19937_64 rng(20261122);
  size_t checked = 0;
  auto check = [&](double v) {
    if (!std::isfinite(v)) return;
    ASSERT_EQ(ours(v), reference(v)) << std::hexfloat << v;
    ++checked;
  };
  for (int i = 0; i < 1'000'000; ++i) {
    const uint64_t bits = rng();
    double v;
    std::memcpy(&v, &bits, sizeof v);
    check(v);
  }
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  for (int i = 0; i < 1'000'000; ++i) {
    const double u = unit(rng);
    check(u);
    check(u * u * u / 7.0);
  }
  for (int e = -323; e <= 308; ++e) {
    const double p = std::pow(10.0, e);
    check(p);
    check(std::nextafter(p, 0.0));
    check(std::nextafter(p, std::numeric_limits<double>::infinity()));
    check(-p);
  }
  for (double v = 1e15 - 1000; v < 1e15 + 1000; v += 1.0) check(v);
  for (int i = 0; i < 100'000; ++i) check(static_cast<double>(rng() >> 8) * 7.0);
  EXPECT_GT(checked, 3'000'000u);
}

// write_uint against std::to_chars: every value below 10^5, the digit-count boundaries up to
// 2^64 - 1 and random values of every width.
TEST(ShortestDouble, UintSameBytesAsToChars) {
  auto check = [](uint64_t v) {
    char a[32], b[32];
    const std::string ours(a, write_uint(a, v));
    const std::string ref(b, std::to_chars(b, b + sizeof b, v).ptr);
    ASSERT_EQ(ours, ref) << v;
  };
  for (uint64_t v = 0; v < 100000; ++v) check(v);
  for (uint64_t p = 1; p <= 10000000000000000000u; p *= 10) {
    check(p - 1);
    check(p);
    check(p + 1);
    if (p == 10000000000000000000u) break;
  }
  check(~uint64_t{0});
  std::mt19937_64 rng(5);
  for (int i = 0; i < 200000; ++i) check(rng() >> (rng() % 64));
}
