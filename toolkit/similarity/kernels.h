#pragma once
// Internal: the inner loops of the dense measures and a small thread pool loop. Not part
// of the public API.
//
// Each kernel reduces two contiguous rows of m doubles in a FIXED order (8 running sums,
// combined in order, then the tail), so a value never depends on which thread computed
// it. Kernels are compiled twice (AVX2 and baseline x86-64) and picked at load time by the
// CPU (GCC target_clones); the order of operations is the same in both.

#include <cstddef>
#include <functional>

namespace stylokit::similarity::detail {

double l1(const double* a, const double* b, size_t m);    // sum |a - b|
double l2sq(const double* a, const double* b, size_t m);  // sum (a - b)^2
double dot(const double* a, const double* b, size_t m);   // sum a b

enum class Reduction { kL1, kL2sq, kDot };

// The same reductions for a block of ra (1-2) rows `a` against cb (1-4) rows `b`: out[r * 4
// + c] = reduction(a[r], b[c]). Each value is bit-identical to the one-pair functions above
// (same lanes, same order); blocking only saves loads.
void block(Reduction op, const double* const* a, size_t ra, const double* const* b, size_t cb, size_t m,
           double* out);
// sum min(a, b) and sum max(a, b).
void min_max(const double* a, const double* b, size_t m, double& sum_min, double& sum_max);
// sum |a - b| / (|a| + |b|) over the features where |a| + |b| > 0; `skipped` = the others.
void canberra(const double* a, const double* b, size_t m, double& sum, size_t& skipped);

// Runs body(t) for t in [0, tasks) on `threads` threads (tasks handed out in order from an
// atomic counter). The first exception thrown by a body is rethrown on the caller's thread
// after all workers stop; remaining tasks are skipped. threads <= 1 runs inline.
void parallel_for(size_t tasks, int threads, const std::function<void(size_t)>& body);

// As above, body(task, worker) also gets the worker index in [0, min(threads, tasks)), so
// each worker can keep its own scratch space.
void parallel_for_workers(size_t tasks, int threads, const std::function<void(size_t, size_t)>& body);

// Number of workers parallel_for_workers uses.
inline size_t worker_count(size_t tasks, int threads) {
  return threads <= 1 || tasks <= 1 ? 1 : (tasks < static_cast<size_t>(threads) ? tasks : static_cast<size_t>(threads));
}

}  // namespace stylokit::similarity::detail
