#include "toolkit/similarity/internal/kernels.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include "toolkit/common/error.h"

// x86-64 with GCC or Clang: three builds of the tile kernels (target attributes), picked
// at run time. AVX-512F has fused multiply-add instructions of its own, and GNU C++ contracts
// a * b + c into one by default: contraction is switched off for this file, or the AVX-512
// build would round differently from the others. A bit-for-bit test compares the builds
// (kernels_test.cpp).
#if defined(__x86_64__) && defined(__GNUC__)
#define STYLOKIT_X86_KERNELS 1
#endif
#if defined(__clang__)
#pragma clang fp contract(off)
#elif defined(__GNUC__)
#pragma GCC optimize("fp-contract=off")
#endif

// min_max keeps GCC's function multi-versioning (ifunc, glibc on x86-64); under the
// sanitizers, whose interceptors do not follow ifunc resolvers everywhere, one baseline
// version is built.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && !defined(__SANITIZE_ADDRESS__)
#define STYLOKIT_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define STYLOKIT_CLONES
#endif

#define STYLOKIT_INLINE __attribute__((always_inline)) inline

namespace stylokit::similarity::detail {

namespace {
constexpr size_t kLanes = 8;
constexpr size_t kPrefetch = 16;  // doubles ahead: two cache lines

inline double combine(const double (&acc)[kLanes]) {
  return ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
}

// GCC vector extensions: V8 is one AVX-512 register, V4 one AVX2 register, V2 one SSE2
// register; the kLanes running sums of a pair are H = kLanes / width vectors. The helpers
// taking vectors are always inlined into the target-specific functions below, so no vector
// crosses a call; GCC still warns about the baseline ABI of such signatures.
#pragma GCC diagnostic ignored "-Wpsabi"
typedef double V2 __attribute__((vector_size(16)));
typedef double V4 __attribute__((vector_size(32)));
typedef double V8 __attribute__((vector_size(64)));

template <class V>
STYLOKIT_INLINE V load(const double* p) {
  V v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

template <Reduction Op, class V>
STYLOKIT_INLINE V term(const V& x, const V& y) {
  if constexpr (Op == Reduction::kL1) {
    // |d| by clearing the sign bit: one AND, exact.
    typedef std::int64_t I __attribute__((vector_size(sizeof(V))));
    const V d = x - y;
    return reinterpret_cast<V>(reinterpret_cast<I>(d) & (I{} + INT64_MAX));
  } else if constexpr (Op == Reduction::kL2sq) {
    const V d = x - y;
    return d * d;
  } else {
    return x * y;
  }
}

template <Reduction Op>
STYLOKIT_INLINE double term1(double x, double y) {
  if constexpr (Op == Reduction::kL1) {
    return std::fabs(x - y);
  } else if constexpr (Op == Reduction::kL2sq) {
    return (x - y) * (x - y);
  } else {
    return x * y;
  }
}

// R × C pairs (rows a[r] against rows b[c]) in one pass over the features: each vector
// loaded serves C (or R) pairs. Every pair keeps its own kLanes sums, so its value is the
// one the order in kernels.h defines, whatever R, C and V are.
template <Reduction Op, class V, size_t R, size_t C>
STYLOKIT_INLINE void micro(const double* const* a, const double* const* b, size_t m, double* out, size_t ldo) {
  constexpr size_t W = sizeof(V) / sizeof(double), H = kLanes / W;
  static_assert(W * H == kLanes);
  V acc[R][C][H];
  for (size_t r = 0; r < R; ++r)
    for (size_t c = 0; c < C; ++c)
      for (size_t h = 0; h < H; ++h) acc[r][c][h] = V{};
  size_t k = 0;
  for (; k + kLanes <= m; k += kLanes) {
    // The rows stream from L2 (the rows of a tile do not fit L1); prefetching two lines
    // ahead measured 5-10 % faster than leaving the streams to the hardware.
    if (k + kPrefetch < m) {
      for (size_t r = 0; r < R; ++r) __builtin_prefetch(a[r] + k + kPrefetch);
      for (size_t c = 0; c < C; ++c) __builtin_prefetch(b[c] + k + kPrefetch);
    }
    for (size_t h = 0; h < H; ++h) {
      V vb[C];
      for (size_t c = 0; c < C; ++c) vb[c] = load<V>(b[c] + k + h * W);
      for (size_t r = 0; r < R; ++r) {
        const V va = load<V>(a[r] + k + h * W);
        for (size_t c = 0; c < C; ++c) acc[r][c][h] += term<Op>(va, vb[c]);
      }
    }
  }
  for (size_t r = 0; r < R; ++r)
    for (size_t c = 0; c < C; ++c) {
      double lanes[kLanes];
      for (size_t h = 0; h < H; ++h) std::memcpy(lanes + h * W, &acc[r][c][h], sizeof(V));
      double s = combine(lanes);
      for (size_t t = k; t < m; ++t) s += term1<Op>(a[r][t], b[c][t]);
      out[r * ldo + c] = s;
    }
}

// A rectangle of pairs in R × C register tiles. Edge tiles repeat their last row or column
// (the extra pairs are computed and dropped), so one kernel shape serves every size.
// (Cutting the features into L1-sized blocks, with each pair's sums stored between blocks,
// measured 10-25 % slower on 5,000 × 1,000: the stores cost more than the L2 reads saved.)
template <Reduction Op, class V, size_t R, size_t C>
STYLOKIT_INLINE void tile(const double* x, size_t ld, size_t m, size_t i0, size_t i1, size_t j0, size_t j1, bool upper,
                          double* out, size_t ldo) {
  double edge[R * C];
  for (size_t i = i0; i < i1; i += R) {
    const size_t rr = std::min(R, i1 - i);
    const double* a[R];
    for (size_t r = 0; r < R; ++r) a[r] = x + (i + std::min(r, rr - 1)) * ld;
    // In the upper triangle, skip the register tiles whose columns all lie left of row i.
    const size_t j_first = upper && i > j0 ? j0 + (i - j0) / C * C : j0;
    for (size_t j = j_first; j < j1; j += C) {
      const size_t cc = std::min(C, j1 - j);
      const double* b[C];
      for (size_t c = 0; c < C; ++c) b[c] = x + (j + std::min(c, cc - 1)) * ld;
      double* dst = out + (i - i0) * ldo + (j - j0);
      if (rr == R && cc == C) {
        micro<Op, V, R, C>(a, b, m, dst, ldo);
      } else {
        micro<Op, V, R, C>(a, b, m, edge, C);
        for (size_t r = 0; r < rr; ++r)
          for (size_t c = 0; c < cc; ++c) dst[r * ldo + c] = edge[r * C + c];
      }
    }
  }
}

template <class V, size_t R, size_t C>
STYLOKIT_INLINE void tile_any(Reduction op, const double* x, size_t ld, size_t m, size_t i0, size_t i1, size_t j0,
                              size_t j1, bool upper, double* out, size_t ldo) {
  switch (op) {
    case Reduction::kL1: return tile<Reduction::kL1, V, R, C>(x, ld, m, i0, i1, j0, j1, upper, out, ldo);
    case Reduction::kL2sq: return tile<Reduction::kL2sq, V, R, C>(x, ld, m, i0, i1, j0, j1, upper, out, ldo);
    case Reduction::kDot: return tile<Reduction::kDot, V, R, C>(x, ld, m, i0, i1, j0, j1, upper, out, ldo);
  }
}

// Register tiles (rows × columns of pairs) per build: AVX-512 has 32 vector registers, and
// 4 × 4 pairs take 16 of them as sums; AVX2 and SSE2 have 16, and a pair's sums take 2
// (AVX2) or 4 (SSE2) of them. On 5,000 × 1,000, AVX-512 4 × 4 beats 3 × 4, 4 × 3, 2 × 8 and
// 3 × 8 and ties with 4 × 6 and 6 × 4; AVX2 2 × 3 and baseline 1 × 2 are within noise of the
// other shapes tried (each build's kernel times: bench/README.md, "Similarity").
void tile_baseline(Reduction op, const double* x, size_t ld, size_t m, size_t i0, size_t i1, size_t j0, size_t j1,
                   bool upper, double* out, size_t ldo) {
  tile_any<V2, 1, 2>(op, x, ld, m, i0, i1, j0, j1, upper, out, ldo);
}

#ifdef STYLOKIT_X86_KERNELS
__attribute__((target("avx2"))) void tile_avx2(Reduction op, const double* x, size_t ld, size_t m, size_t i0,
                                               size_t i1, size_t j0, size_t j1, bool upper, double* out, size_t ldo) {
  tile_any<V4, 2, 3>(op, x, ld, m, i0, i1, j0, j1, upper, out, ldo);
}

__attribute__((target("avx512f"))) void tile_avx512(Reduction op, const double* x, size_t ld, size_t m, size_t i0,
                                                    size_t i1, size_t j0, size_t j1, bool upper, double* out,
                                                    size_t ldo) {
  tile_any<V8, 4, 4>(op, x, ld, m, i0, i1, j0, j1, upper, out, ldo);
}
#endif

Isa detect_isa() {
#ifdef STYLOKIT_X86_KERNELS
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f")) return Isa::kAvx512;
  if (__builtin_cpu_supports("avx2")) return Isa::kAvx2;
#endif
  return Isa::kBaseline;
}

}  // namespace

Isa best_isa() {
  static const Isa isa = detect_isa();
  return isa;
}

bool isa_supported(Isa isa) { return static_cast<int>(isa) <= static_cast<int>(best_isa()); }

const char* to_string(Isa isa) {
  switch (isa) {
    case Isa::kBaseline: return "baseline";
    case Isa::kAvx2: return "avx2";
    case Isa::kAvx512: return "avx512";
  }
  return "?";
}

double reduce(Reduction op, const double* a, const double* b, size_t m) {
  double out = 0;
  switch (op) {
    case Reduction::kL1: micro<Reduction::kL1, V2, 1, 1>(&a, &b, m, &out, 1); break;
    case Reduction::kL2sq: micro<Reduction::kL2sq, V2, 1, 1>(&a, &b, m, &out, 1); break;
    case Reduction::kDot: micro<Reduction::kDot, V2, 1, 1>(&a, &b, m, &out, 1); break;
  }
  return out;
}

void reduce_tile(Reduction op, const double* x, size_t ld, size_t m, size_t i0, size_t i1, size_t j0, size_t j1,
                 bool upper, double* out, size_t ldo, Isa isa) {
  STYLOKIT_CHECK(isa_supported(isa), InternalError, "reduce_tile: this CPU does not run {} code", to_string(isa));
  if (i0 >= i1 || j0 >= j1) return;
  switch (isa) {
#ifdef STYLOKIT_X86_KERNELS
    case Isa::kAvx512: return tile_avx512(op, x, ld, m, i0, i1, j0, j1, upper, out, ldo);
    case Isa::kAvx2: return tile_avx2(op, x, ld, m, i0, i1, j0, j1, upper, out, ldo);
#endif
    default: return tile_baseline(op, x, ld, m, i0, i1, j0, j1, upper, out, ldo);
  }
}

STYLOKIT_CLONES void min_max(const double* a, const double* b, size_t m, double& sum_min, double& sum_max) {
  double lo[kLanes] = {}, hi[kLanes] = {};
  size_t k = 0;
  for (; k + kLanes <= m; k += kLanes)
    for (size_t l = 0; l < kLanes; ++l) {
      const double x = a[k + l], y = b[k + l];
      lo[l] += x < y ? x : y;
      hi[l] += x < y ? y : x;
    }
  sum_min = combine(lo);
  sum_max = combine(hi);
  for (; k < m; ++k) {
    sum_min += a[k] < b[k] ? a[k] : b[k];
    sum_max += a[k] < b[k] ? b[k] : a[k];
  }
}

void canberra(const double* a, const double* b, size_t m, double& sum, size_t& skipped) {
  sum = 0;
  skipped = 0;
  for (size_t k = 0; k < m; ++k) {
    const double den = std::fabs(a[k]) + std::fabs(b[k]);
    if (den > 0) {
      sum += std::fabs(a[k] - b[k]) / den;
    } else {
      ++skipped;
    }
  }
}

}  // namespace stylokit::similarity::detail
