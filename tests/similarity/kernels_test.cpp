// The register-tiled reduction kernels: every instruction-set build and every tile position
// gives, bit for bit, the value of the summation order kernels.h fixes (computed here by a
// plain scalar loop), for sizes that do and do not fill the vector lanes and the tiles.

#include "toolkit/similarity/internal/kernels.h"

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <cstring>
#include <random>
#include <vector>

#include <fmt/format.h>

#include "toolkit/common/error.h"

namespace stylokit::similarity::detail {
namespace {

constexpr Reduction kOps[] = {Reduction::kL1, Reduction::kL2sq, Reduction::kDot};
constexpr Isa kIsas[] = {Isa::kBaseline, Isa::kAvx2, Isa::kAvx512};

const char* name(Reduction op) {
  return op == Reduction::kL1 ? "l1" : op == Reduction::kL2sq ? "l2sq" : "dot";
}

// The order kernels.h states, written out one term at a time: 8 running sums by feature
// index mod 8 over the full groups of 8, the fixed tree, then the tail in order.
double reference(Reduction op, const double* a, const double* b, size_t m) {
  auto term = [op](double x, double y) {
    if (op == Reduction::kL1) return std::fabs(x - y);
    if (op == Reduction::kL2sq) return (x - y) * (x - y);
    return x * y;
  };
  double s[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  const size_t full = m / 8 * 8;
  for (size_t k = 0; k < full; ++k) s[k % 8] = s[k % 8] + term(a[k], b[k]);
  double v = ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
  for (size_t k = full; k < m; ++k) v = v + term(a[k], b[k]);
  return v;
}

bool same_bits(double x, double y) { return std::memcmp(&x, &y, sizeof x) == 0; }

// z-score-like rows: normal values, a zero-variance column (all 0), a repeated row, and
// values of mixed magnitude so that a different order would change the last bits.
std::vector<double> table(size_t n, size_t m, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> g(0.0, 1.0);
  std::vector<double> x(n * m);
  for (size_t i = 0; i < n; ++i)
    for (size_t k = 0; k < m; ++k) x[i * m + k] = k == m / 2 ? 0.0 : g(rng) * (k % 3 == 0 ? 1e3 : 1.0);
  if (n > 3) std::copy(x.begin() + m, x.begin() + 2 * m, x.begin() + 3 * m);  // row 3 = row 1
  return x;
}

// Every build this CPU runs, every reduction, odd feature counts (1 to 17, and 1000 + 3),
// row counts that do not fill a 4 × 4 register tile, rectangles at odd offsets: each value
// equals the scalar order bit for bit.
TEST(Kernels, TilesMatchTheFixedOrderBitForBit) {
  for (size_t m : {1, 3, 7, 8, 9, 16, 17, 1003}) {
    const size_t n = 13;
    const std::vector<double> x = table(n, m, 100 + m);
    for (Isa isa : kIsas) {
      if (!isa_supported(isa)) continue;
      for (Reduction op : kOps)
        for (auto [i0, i1, j0, j1] : {std::array<size_t, 4>{0, 13, 0, 13}, {1, 10, 2, 11}, {5, 6, 0, 13}, {3, 12, 7, 9}}) {
          const size_t ldo = j1 - j0 + 2;
          std::vector<double> out((i1 - i0) * ldo, -1.0);
          reduce_tile(op, x.data(), m, m, i0, i1, j0, j1, false, out.data(), ldo, isa);
          for (size_t i = i0; i < i1; ++i)
            for (size_t j = j0; j < j1; ++j) {
              const double want = reference(op, &x[i * m], &x[j * m], m);
              const double got = out[(i - i0) * ldo + (j - j0)];
              ASSERT_TRUE(same_bits(got, want)) << to_string(isa) << " " << name(op) << " m=" << m << " (" << i << ", "
                                                << j << "): " << fmt::format("{:.17g} vs {:.17g}", got, want);
            }
          // Columns past the rectangle (the padding of ldo) are never written.
          for (size_t r = 0; r < i1 - i0; ++r) EXPECT_EQ(out[r * ldo + ldo - 1], -1.0);
        }
    }
  }
}

// The upper-triangle mode fills every entry with j >= i, with the same values; a pair and its
// mirror are equal bit for bit (symmetric reductions), and a row against itself gives exactly
// 0 for the distances.
TEST(Kernels, UpperTriangleAndSymmetry) {
  for (size_t m : {1, 9, 17}) {
    const size_t n = 11;
    const std::vector<double> x = table(n, m, 7 * m);
    for (Isa isa : kIsas) {
      if (!isa_supported(isa)) continue;
      for (Reduction op : kOps) {
        std::vector<double> full(n * n), upper(n * n, -1.0);
        reduce_tile(op, x.data(), m, m, 0, n, 0, n, false, full.data(), n, isa);
        reduce_tile(op, x.data(), m, m, 0, n, 0, n, true, upper.data(), n, isa);
        for (size_t i = 0; i < n; ++i)
          for (size_t j = 0; j < n; ++j) {
            EXPECT_TRUE(same_bits(full[i * n + j], full[j * n + i])) << name(op);
            if (j >= i) {
              EXPECT_TRUE(same_bits(upper[i * n + j], full[i * n + j])) << to_string(isa) << " " << name(op);
            }
          }
        if (op != Reduction::kDot) {
          for (size_t i = 0; i < n; ++i) EXPECT_EQ(full[i * n + i], 0.0);
        }
        EXPECT_EQ(full[3 * n + 1], op == Reduction::kDot ? full[1 * n + 1] : 0.0);  // row 3 = row 1
      }
    }
  }
}

// All builds the CPU runs agree with each other bit for bit on a Delta-sized row length, and
// the one-pair entry point agrees with the tiles.
TEST(Kernels, InstructionSetsAgreeBitForBit) {
  const size_t n = 10, m = 1000;
  const std::vector<double> x = table(n, m, 42);
  for (Reduction op : kOps) {
    std::vector<double> base(n * n);
    reduce_tile(op, x.data(), m, m, 0, n, 0, n, false, base.data(), n, Isa::kBaseline);
    for (Isa isa : kIsas) {
      if (!isa_supported(isa)) continue;
      std::vector<double> out(n * n);
      reduce_tile(op, x.data(), m, m, 0, n, 0, n, false, out.data(), n, isa);
      for (size_t t = 0; t < n * n; ++t) ASSERT_TRUE(same_bits(out[t], base[t])) << to_string(isa) << " " << name(op);
    }
    for (size_t i = 0; i < n; ++i)
      for (size_t j = 0; j < n; ++j) EXPECT_TRUE(same_bits(reduce(op, &x[i * m], &x[j * m], m), base[i * n + j]));
  }
  EXPECT_TRUE(isa_supported(Isa::kBaseline));
  EXPECT_TRUE(isa_supported(best_isa()));
}

// Known values by hand: rows (1, 2, 3) and (4, 0, 3): l1 = 3 + 2 + 0, l2sq = 9 + 4, dot = 4 + 9.
TEST(Kernels, HandComputedValues) {
  const double x[] = {1, 2, 3, 4, 0, 3};
  for (Isa isa : kIsas) {
    if (!isa_supported(isa)) continue;
    double out[4];
    reduce_tile(Reduction::kL1, x, 3, 3, 0, 2, 0, 2, false, out, 2, isa);
    EXPECT_EQ(out[1], 5.0);
    reduce_tile(Reduction::kL2sq, x, 3, 3, 0, 2, 0, 2, false, out, 2, isa);
    EXPECT_EQ(out[1], 13.0);
    reduce_tile(Reduction::kDot, x, 3, 3, 0, 2, 0, 2, false, out, 2, isa);
    EXPECT_EQ(out[1], 13.0);
    EXPECT_EQ(out[0], 14.0);
  }
}

// An empty rectangle writes nothing; a build the CPU cannot run is refused, not executed.
TEST(Kernels, EmptyRectangleAndUnsupportedIsa) {
  const double x[] = {1, 2};
  double out = -1;
  reduce_tile(Reduction::kL1, x, 2, 2, 1, 1, 0, 1, false, &out, 1);
  EXPECT_EQ(out, -1);
  for (Isa isa : kIsas)
    if (!isa_supported(isa)) {
      EXPECT_THROW(reduce_tile(Reduction::kL1, x, 2, 2, 0, 1, 0, 1, false, &out, 1, isa), InternalError);
    }
}

// parallel_for runs every task once and rethrows a worker's exception on the caller.
TEST(Kernels, ParallelForRunsEveryTaskAndRethrows) {
  std::vector<int> hits(100, 0);
  parallel_for(hits.size(), 3, [&](size_t t) { hits[t] += 1; });
  for (int h : hits) EXPECT_EQ(h, 1);
  EXPECT_THROW(parallel_for(50, 2, [](size_t t) {
                 if (t == 17) throw DataError("boom");
               }),
               DataError);
}

}  // namespace
}  // namespace stylokit::similarity::detail
