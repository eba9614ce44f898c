#pragma once
// Internal: the inner loops of the dense measures and a small thread pool loop. Not part
// of the public API (tests call it to pin the summation order and compare the ISAs).
//
// Summation order (the one rule every kernel here keeps): a reduction over m features of
// two rows runs 8 running sums, sum number l holding the terms of the features k with
// k mod 8 == l for k < 8 floor(m / 8), each added in increasing k; the 8 sums are combined
// in the fixed tree ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7)); the remaining
// m mod 8 terms are then added one by one in increasing k. No fused multiply-add is used
// (the file is compiled with contraction off), so a value depends only on the two rows:
// not on the instruction set the kernel runs with, the tile shape, where the pair sits in
// a tile, or which thread computed it.
//
// The kernels are compiled three times, for AVX-512 (F), AVX2 and baseline x86-64, and one
// version is picked at run time from the CPU (__builtin_cpu_supports); the versions differ
// only in vector width and register tile (4 × 4 pairs with AVX-512, fewer without), never in
// the order above. Elsewhere than x86-64 with GCC/Clang only the baseline is built.

#include <cstddef>
#include <functional>

#include "toolkit/common/parallel.h"

namespace stylokit::similarity::detail {

enum class Reduction {
  kL1,    // sum |a_k - b_k|
  kL2sq,  // sum (a_k - b_k)^2
  kDot,   // sum a_k b_k
};

enum class Isa { kBaseline, kAvx2, kAvx512 };

// The best instruction set this CPU runs (what the kernels use unless told otherwise).
Isa best_isa();
// true when the CPU runs code built for `isa`.
bool isa_supported(Isa isa);
const char* to_string(Isa isa);

// One reduction of two rows of m doubles, in the order above. O(m).
double reduce(Reduction op, const double* a, const double* b, size_t m);

// A rectangle of pairs of rows of a dense row-major table `x` (row i at x + i * ld, m
// features each): for i in [i0, i1) and j in [j0, j1), out[(i - i0) * ldo + (j - j0)] =
// reduce(op, row i, row j, m), bit for bit. With `upper` (the caller fills the upper
// triangle of a symmetric matrix), entries with j < i are unspecified: some are written,
// some not. Nothing outside the rectangle is written. `isa` must be supported (checked:
// InternalError); it changes the speed, never a value.
// O((i1 - i0)(j1 - j0) m); thread-safe (reads x, writes only its rectangle of out).
void reduce_tile(Reduction op, const double* x, size_t ld, size_t m, size_t i0, size_t i1, size_t j0, size_t j1,
                 bool upper, double* out, size_t ldo, Isa isa);
inline void reduce_tile(Reduction op, const double* x, size_t ld, size_t m, size_t i0, size_t i1, size_t j0,
                        size_t j1, bool upper, double* out, size_t ldo) {
  reduce_tile(op, x, ld, m, i0, i1, j0, j1, upper, out, ldo, best_isa());
}

inline double l1(const double* a, const double* b, size_t m) { return reduce(Reduction::kL1, a, b, m); }
inline double l2sq(const double* a, const double* b, size_t m) { return reduce(Reduction::kL2sq, a, b, m); }
inline double dot(const double* a, const double* b, size_t m) { return reduce(Reduction::kDot, a, b, m); }

// sum min(a, b) and sum max(a, b).
void min_max(const double* a, const double* b, size_t m, double& sum_min, double& sum_max);
// sum |a - b| / (|a| + |b|) over the features where |a| + |b| > 0; `skipped` = the others.
void canberra(const double* a, const double* b, size_t m, double& sum, size_t& skipped);

// The worker pool (toolkit/common/parallel.h), by the names this stage's code calls it.
using stylokit::parallel_for;
using stylokit::parallel_for_workers;
using stylokit::worker_count;

}  // namespace stylokit::similarity::detail
