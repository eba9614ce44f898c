#include "toolkit/similarity/kernels.h"

#include <atomic>
#include <cmath>
#include <algorithm>
#include <cstring>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

// Function multi-versioning needs ifunc support (glibc on x86-64); elsewhere, and under
// the sanitizers (whose interceptors do not follow ifunc resolvers everywhere), one
// baseline version is built.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && !defined(__SANITIZE_ADDRESS__)
#define STYLOKIT_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define STYLOKIT_CLONES
#endif

namespace stylokit::similarity::detail {

namespace {
constexpr size_t kLanes = 8;

inline double combine(const double (&acc)[kLanes]) {
  return ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
}

// R × C pairs at once, kLanes running sums per pair held as two 4-double vectors (GCC
// vector extension; two SSE2 registers each on baseline x86-64), combined as combine()
// does, then the tail: the order of operations of one pair does not depend on R or C.
// The helpers taking and returning V4 are always inlined, so no call passes a vector across
// an ABI boundary; GCC still warns about the baseline ABI of such signatures.
#pragma GCC diagnostic ignored "-Wpsabi"
typedef double V4 __attribute__((vector_size(32)));

template <Reduction Op>
__attribute__((always_inline)) inline V4 term(const V4& x, const V4& y) {
  if constexpr (Op == Reduction::kL1) {
    const V4 d = x - y;
    return d < 0 ? -d : d;
  } else if constexpr (Op == Reduction::kL2sq) {
    const V4 d = x - y;
    return d * d;
  } else {
    return x * y;
  }
}

template <Reduction Op>
__attribute__((always_inline)) inline double term1(double x, double y) {
  if constexpr (Op == Reduction::kL1) {
    return std::fabs(x - y);
  } else if constexpr (Op == Reduction::kL2sq) {
    return (x - y) * (x - y);
  } else {
    return x * y;
  }
}

__attribute__((always_inline)) inline V4 load4(const double* p) {
  V4 v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

template <Reduction Op, size_t R, size_t C>
__attribute__((always_inline)) inline void block_kernel(const double* const* a, const double* const* b, size_t m,
                                                        double* out) {
  V4 lo[R][C], hi[R][C];
  for (size_t r = 0; r < R; ++r)
    for (size_t c = 0; c < C; ++c) lo[r][c] = hi[r][c] = V4{0, 0, 0, 0};
  size_t k = 0;
  for (; k + kLanes <= m; k += kLanes)
    for (size_t r = 0; r < R; ++r) {
      const V4 xa = load4(a[r] + k), xb = load4(a[r] + k + 4);
      for (size_t c = 0; c < C; ++c) {
        lo[r][c] += term<Op>(xa, load4(b[c] + k));
        hi[r][c] += term<Op>(xb, load4(b[c] + k + 4));
      }
    }
  for (size_t r = 0; r < R; ++r)
    for (size_t c = 0; c < C; ++c) {
      const double acc[kLanes] = {lo[r][c][0], lo[r][c][1], lo[r][c][2], lo[r][c][3],
                                  hi[r][c][0], hi[r][c][1], hi[r][c][2], hi[r][c][3]};
      double s = combine(acc);
      for (size_t t = k; t < m; ++t) s += term1<Op>(a[r][t], b[c][t]);
      out[r * 4 + c] = s;
    }
}

template <Reduction Op>
__attribute__((always_inline)) inline void dispatch(const double* const* a, size_t ra, const double* const* b,
                                                    size_t cb, size_t m, double* out) {
  switch (ra * 10 + cb) {
    case 11: return block_kernel<Op, 1, 1>(a, b, m, out);
    case 12: return block_kernel<Op, 1, 2>(a, b, m, out);
    case 13: return block_kernel<Op, 1, 3>(a, b, m, out);
    case 14: return block_kernel<Op, 1, 4>(a, b, m, out);
    case 21: return block_kernel<Op, 2, 1>(a, b, m, out);
    case 22: return block_kernel<Op, 2, 2>(a, b, m, out);
    case 23: return block_kernel<Op, 2, 3>(a, b, m, out);
    case 24: return block_kernel<Op, 2, 4>(a, b, m, out);
    default: break;
  }
}

}  // namespace

STYLOKIT_CLONES void block(Reduction op, const double* const* a, size_t ra, const double* const* b, size_t cb,
                           size_t m, double* out) {
  switch (op) {
    case Reduction::kL1: return dispatch<Reduction::kL1>(a, ra, b, cb, m, out);
    case Reduction::kL2sq: return dispatch<Reduction::kL2sq>(a, ra, b, cb, m, out);
    case Reduction::kDot: return dispatch<Reduction::kDot>(a, ra, b, cb, m, out);
  }
}

double l1(const double* a, const double* b, size_t m) {
  double out[4];
  block(Reduction::kL1, &a, 1, &b, 1, m, out);
  return out[0];
}

double l2sq(const double* a, const double* b, size_t m) {
  double out[4];
  block(Reduction::kL2sq, &a, 1, &b, 1, m, out);
  return out[0];
}

double dot(const double* a, const double* b, size_t m) {
  double out[4];
  block(Reduction::kDot, &a, 1, &b, 1, m, out);
  return out[0];
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

void parallel_for(size_t tasks, int threads, const std::function<void(size_t)>& body) {
  parallel_for_workers(tasks, threads, [&](size_t t, size_t) { body(t); });
}

void parallel_for_workers(size_t tasks, int threads, const std::function<void(size_t, size_t)>& body) {
  const size_t n = worker_count(tasks, threads);
  if (n == 1) {
    for (size_t t = 0; t < tasks; ++t) body(t, 0);
    return;
  }
  std::atomic<size_t> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr error;
  std::mutex error_mutex;
  auto worker = [&](size_t w) {
    for (;;) {
      if (failed.load(std::memory_order_relaxed)) return;
      const size_t t = next.fetch_add(1, std::memory_order_relaxed);
      if (t >= tasks) return;
      try {
        body(t, w);
      } catch (...) {
        std::lock_guard<std::mutex> lock(error_mutex);
        if (!error) error = std::current_exception();
        failed = true;
      }
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(n - 1);
  for (size_t w = 1; w < n; ++w) pool.emplace_back(worker, w);
  worker(0);
  for (auto& th : pool) th.join();
  if (error) std::rethrow_exception(error);
}

}  // namespace stylokit::similarity::detail
