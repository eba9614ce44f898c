// numpy_argsort (toolkit/features/internal/numpy_argsort.h) against numpy's own argsort
// (/usr/bin/python3): the same permutation, ties included, for seeded arrays of every size
// class (insertion sort only, one and many partitions) and for an input built to defeat the
// median-of-3 pivot, which takes the heapsort path.

#include <gtest/gtest.h>

#include <cstring>
#include <numeric>
#include <random>

#include "tests/features/test_util.h"
#include "toolkit/features/internal/numpy_argsort.h"

namespace stylokit::features {
namespace {

using detail::numpy_argsort;

std::vector<uint32_t> ours(const std::vector<int64_t>& v) {
  std::vector<uint32_t> idx(v.size());
  std::iota(idx.begin(), idx.end(), 0u);
  // sklearn sorts -counts ascending: a before b when count a > count b.
  numpy_argsort(idx, [&](uint32_t a, uint32_t b) { return v[a] > v[b]; });
  return idx;
}

// McIlroy's adversary ("A killer adversary for quicksort", 1999): values are fixed only when the
// sort compares them, so that each partition splits off as little as possible.
std::vector<int64_t> killer(size_t n) {
  const auto gas = static_cast<int64_t>(n);
  std::vector<int64_t> val(n, gas);
  int64_t solid = 0;
  uint32_t candidate = 0;
  std::vector<uint32_t> idx(n);
  std::iota(idx.begin(), idx.end(), 0u);
  size_t comparisons = 0;
  numpy_argsort(idx, [&](uint32_t a, uint32_t b) {
    ++comparisons;
    if (val[a] == gas && val[b] == gas) val[a == candidate ? a : b] = solid++;
    if (val[a] == gas) {
      candidate = a;
    } else if (val[b] == gas) {
      candidate = b;
    }
    // The values are sorted descending (a before b when a is larger): flip to the adversary's view.
    return val[a] < val[b];
  });
  EXPECT_GT(comparisons, n * 20) << "the adversary should push the sort far from n log n";
  for (auto& x : val) x = gas - x;  // larger first, as ours() sorts
  return val;
}

TEST(NumpyArgsort, EqualsNumpyWithTies) {
  std::mt19937_64 rng(20261203);
  std::vector<std::vector<int64_t>> arrays;
  for (size_t n : {0, 1, 2, 3, 15, 16, 17, 18, 31, 64, 100, 1000, 4097, 50000})
    for (int64_t distinct : {1, 2, 3, 10, 1000, 1000000}) {
      std::vector<int64_t> v(n);
      for (auto& x : v) x = 1 + static_cast<int64_t>(rng() % static_cast<uint64_t>(distinct));
      arrays.push_back(std::move(v));
    }
  // Zipf-like counts, as term counts are: most terms tied at small counts.
  {
    std::vector<int64_t> v(60000);
    for (size_t i = 0; i < v.size(); ++i) v[i] = static_cast<int64_t>(200000 / (1 + (rng() % 60000)));
    arrays.push_back(std::move(v));
  }
  arrays.push_back(killer(3000));
  std::vector<int64_t> sorted_desc(5000);
  std::iota(sorted_desc.rbegin(), sorted_desc.rend(), 0);
  arrays.push_back(sorted_desc);

  testing::TempDir dir;
  const std::string bin = (dir / "values.bin").string();
  std::string bytes, counts;
  for (const auto& a : arrays) {
    bytes.append(reinterpret_cast<const char*>(a.data()), a.size() * sizeof(int64_t));
    counts += fmt::format(" {}", a.size());
  }
  testing::write_text(bin, bytes);
  const auto r =
      testing::run_command(testing::python() + " " + testing::shell_quote(testing::script("reference_argsort.py")) +
                           " " + testing::shell_quote(bin) + counts);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  size_t tied_differently = 0;  // arrays where numpy's order is not the stable one
  for (size_t k = 0; k < arrays.size(); ++k) {
    SCOPED_TRACE(fmt::format("array {} of {} values", k, arrays[k].size()));
    const std::vector<uint32_t> got = ours(arrays[k]);
    std::vector<uint32_t> stable(got.size());
    std::iota(stable.begin(), stable.end(), 0u);
    std::stable_sort(stable.begin(), stable.end(), [&](uint32_t a, uint32_t b) { return arrays[k][a] > arrays[k][b]; });
    tied_differently += static_cast<size_t>(got != stable);
    for (const char* dtype : {"i64", "f64"}) {
      const std::string want_bytes = testing::read_text(fmt::format("{}.{}.{}", bin, k, dtype));
      std::vector<int64_t> want(want_bytes.size() / sizeof(int64_t));
      if (!want.empty()) std::memcpy(want.data(), want_bytes.data(), want_bytes.size());  // no null pointer
      ASSERT_EQ(want.size(), got.size()) << dtype;
      for (size_t i = 0; i < got.size(); ++i)
        ASSERT_EQ(static_cast<int64_t>(got[i]), want[i]) << dtype << " position " << i;
    }
  }
  EXPECT_GT(tied_differently, arrays.size() / 4) << "the arrays should exercise numpy's unstable tie order";
}

}  // namespace
}  // namespace stylokit::features
