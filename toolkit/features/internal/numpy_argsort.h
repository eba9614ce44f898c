#pragma once
// Internal to the features stage: numpy's default argsort, so that max_features breaks ties at
// the cut exactly as scikit-learn does. sklearn's CountVectorizer._limit_features
// (sklearn/feature_extraction/text.py) keeps `(-tfs[mask]).argsort()[:limit]`, columns in sorted
// term order; numpy's argsort with the default kind is the unstable introsort `aquicksort_` of
// numpy/core/src/npysort/quicksort.cpp (median-of-3 quicksort, insertion sort at 16 elements or
// fewer, heapsort `aheapsort_` of npysort/heapsort.cpp past 2·floor(log2 n) partitions). numpy
// up to 1.24 (Debian 12's) sorts indices with it on every CPU: its AVX-512 sorts replace
// `quicksort_` only (np.sort, not np.argsort). numpy 1.25 and later dispatch np.argsort to
// x86-simd-sort on AVX-512 machines (2.0 and later on AVX2 ones too), whose tie order differs;
// this file follows the scalar algorithm, so parity there needs the same numpy as Debian 12's.
//
// Complexity O(n log n) comparisons, no allocation beyond a fixed stack. `less(a, b)` compares
// the values of indices a and b as numpy's `Tag::less` does.

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace stylokit::features::detail {

// Heapsort of idx[0, n) by less, as numpy's aheapsort_ (1-based heap; ties keep no order).
template <class Index, class Less>
void numpy_aheapsort(Index* idx, std::ptrdiff_t n, Less less) {
  Index* a = idx - 1;  // a[1..n]
  auto sift = [&](std::ptrdiff_t i, std::ptrdiff_t size, Index moving) {
    for (std::ptrdiff_t j = 2 * i; j <= size;) {
      if (j < size && less(a[j], a[j + 1])) ++j;
      if (!less(moving, a[j])) break;
      a[i] = a[j];
      i = j;
      j += j;
    }
    a[i] = moving;
  };
  for (std::ptrdiff_t l = n >> 1; l > 0; --l) sift(l, n, a[l]);
  while (n > 1) {
    const Index moving = a[n];
    a[n] = a[1];
    --n;
    sift(1, n, moving);
  }
}

// numpy's aquicksort_: sorts the indices idx by less, with numpy's exact order among ties.
template <class Index, class Less>
void numpy_argsort(std::vector<Index>& idx, Less less) {
  const auto num = static_cast<std::ptrdiff_t>(idx.size());
  if (num < 2) return;
  constexpr std::ptrdiff_t kSmall = 15;  // SMALL_QUICKSORT
  Index* pl = idx.data();
  Index* pr = pl + num - 1;
  struct Pending {
    Index* lo;
    Index* hi;
    int depth;
  };
  Pending stack[2 * 64];
  int top = 0;
  int depth = 0;  // npy_get_msb(num) * 2
  for (auto u = static_cast<uint64_t>(num); u >>= 1;) ++depth;
  depth *= 2;
  for (;;) {
    if (depth < 0) {
      numpy_aheapsort(pl, pr - pl + 1, less);
    } else {
      while (pr - pl > kSmall) {
        Index* pm = pl + ((pr - pl) >> 1);
        if (less(*pm, *pl)) std::swap(*pm, *pl);
        if (less(*pr, *pm)) std::swap(*pr, *pm);
        if (less(*pm, *pl)) std::swap(*pm, *pl);
        const Index pivot = *pm;
        Index* pi = pl;
        Index* pj = pr - 1;
        std::swap(*pm, *pj);
        for (;;) {
          do ++pi;
          while (less(*pi, pivot));
          do --pj;
          while (less(pivot, *pj));
          if (pi >= pj) break;
          std::swap(*pi, *pj);
        }
        std::swap(*pi, *(pr - 1));
        // The larger side waits on the stack with the decremented depth; the smaller goes on.
        --depth;
        if (pi - pl < pr - pi) {
          stack[top++] = {pi + 1, pr, depth};
          pr = pi - 1;
        } else {
          stack[top++] = {pl, pi - 1, depth};
          pl = pi + 1;
        }
      }
      for (Index* pi = pl + 1; pi <= pr; ++pi) {
        const Index moving = *pi;
        Index* pj = pi;
        while (pj > pl && less(moving, *(pj - 1))) {
          *pj = *(pj - 1);
          --pj;
        }
        *pj = moving;
      }
    }
    if (top == 0) break;
    --top;
    pl = stack[top].lo;
    pr = stack[top].hi;
    depth = stack[top].depth;
  }
}

}  // namespace stylokit::features::detail
