#include "toolkit/common/format.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <random>

using stylokit::shortest;

// Familiar values print as people write them, not with %.17g's trailing noise.
TEST(Shortest, Table) {
  EXPECT_EQ(shortest(0.89), "0.89");
  EXPECT_EQ(shortest(2.0 / 3), "0.6666666666666666");
  EXPECT_EQ(shortest(1.0), "1");
  EXPECT_EQ(shortest(0.0), "0");
  EXPECT_EQ(shortest(-0.0), "-0");
  EXPECT_EQ(shortest(-0.5), "-0.5");
  EXPECT_EQ(shortest(1e-5), "1e-05");
  EXPECT_EQ(shortest(123456.0), "123456");
  EXPECT_EQ(shortest(1e300), "1e+300");
  EXPECT_EQ(shortest(std::numeric_limits<double>::lowest()), "-1.7976931348623157e+308");
  EXPECT_EQ(shortest(std::numeric_limits<double>::denorm_min()), "5e-324");
  EXPECT_EQ(shortest(std::numeric_limits<double>::quiet_NaN()), "nan");
  EXPECT_EQ(shortest(-std::numeric_limits<double>::infinity()), "-inf");
}

// Every finite double reads back (strtod) to the same bits.
TEST(Shortest, RoundTripsExactly) {
  std::mt19937_64 rng(20240601);
  for (int i = 0; i < 200000; ++i) {
    uint64_t bits = rng();
    double v;
    std::memcpy(&v, &bits, sizeof v);
    if (!std::isfinite(v)) continue;
    const std::string s = shortest(v);
    const double back = std::strtod(s.c_str(), nullptr);
    ASSERT_EQ(std::memcmp(&back, &v, sizeof v), 0) << s;
  }
}
