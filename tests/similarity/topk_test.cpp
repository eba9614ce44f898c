// Top-k cosine neighbours: equal to brute force bit for bit, to scikit-learn's
// cosine_similarity, independent of threads and blocks; ties, empty rows, bad input.

#include "toolkit/similarity/topk.h"

#include <gtest/gtest.h>

#include "tests/similarity/sim_test_util.h"
#include "toolkit/common/error.h"

namespace stylokit::similarity {
namespace {

void expect_same(const TopKResult& a, const TopKResult& b, const std::string& what) {
  ASSERT_EQ(a.rows, b.rows) << what;
  ASSERT_EQ(a.per_row, b.per_row) << what;
  for (size_t i = 0; i < a.rows; ++i)
    for (size_t r = 0; r < a.per_row; ++r) {
      ASSERT_EQ(a.row(i)[r].index, b.row(i)[r].index) << what << " row " << i << " rank " << r;
      ASSERT_EQ(a.row(i)[r].score, b.row(i)[r].score) << what << " row " << i << " rank " << r;
    }
}

// The pruned product returns exactly the brute-force answer (same neighbours, same bits),
// for several k, including k larger than the number of overlapping documents.
TEST(TopK, EqualsBruteForce) {
  const DocTermMatrix x = simtest::random_sparse(700, 500, 60, 4);
  for (size_t k : {1, 5, 10, 50}) {
    const TopKResult fast = top_k(x, {k, 1, 64});
    const TopKResult slow = top_k_brute_force(x, {k, 1, 64});
    expect_same(fast, slow, "k=" + std::to_string(k));
  }
}

// Pruning is exercised: with TF-IDF-like skew most postings are skipped, yet results stay exact.
TEST(TopK, PrunesWorkOnSkewedWeights) {
  DocTermMatrix x = simtest::random_sparse(1500, 2000, 80, 8);
  // Weight rare terms up (idf-like), as TF-IDF does.
  for (Eigen::Index i = 0; i < x.outerSize(); ++i)
    for (DocTermMatrix::InnerIterator it(x, i); it; ++it)
      it.valueRef() *= std::log(2.0 + static_cast<double>(it.col()));
  const TopKResult fast = top_k(x, {10, 2, 128});
  expect_same(fast, top_k_brute_force(x, {10, 2, 128}), "skewed");
  uint64_t all_postings = 0;  // what an unpruned product visits: sum of df^2 minus self pairs
  std::vector<uint64_t> df(static_cast<size_t>(x.cols()), 0);
  for (Eigen::Index i = 0; i < x.outerSize(); ++i)
    for (DocTermMatrix::InnerIterator it(x, i); it; ++it) ++df[static_cast<size_t>(it.col())];
  for (uint64_t d : df) all_postings += d * d;
  EXPECT_LT(fast.postings_visited, all_postings);
}

// 1, 2, 3 threads, all cores (0), and different block sizes give identical results.
TEST(TopK, IdenticalForAnyThreadCountAndBlock) {
  const DocTermMatrix x = simtest::random_sparse(900, 400, 50, 15);
  const TopKResult one = top_k(x, {10, 1, 256});
  expect_same(one, top_k(x, {10, 2, 256}), "2 threads");
  expect_same(one, top_k(x, {10, 3, 7}), "3 threads, block 7");
  expect_same(one, top_k(x, {10, 0, 256}), "all cores");
}

// A query range answers those rows only, exactly as the full run does (partitioned runs).
TEST(TopK, QueryRangeEqualsSliceOfFullRun) {
  const DocTermMatrix x = simtest::random_sparse(300, 200, 30, 17);
  const TopKResult full = top_k(x, {4, 1, 32});
  TopKOptions o{4, 2, 16};
  o.query_begin = 100;
  o.query_end = 180;
  const TopKResult part = top_k(x, o);
  ASSERT_EQ(part.rows, 80u);
  EXPECT_EQ(part.first_row, 100u);
  for (size_t i = 0; i < part.rows; ++i)
    for (size_t r = 0; r < part.per_row; ++r) EXPECT_EQ(part.row(i)[r], full.row(100 + i)[r]);
  expect_same(part, top_k_brute_force(x, o), "range");
  o.query_end = 400;
  EXPECT_THROW(top_k(x, o), ConfigError);
}

// Scores agree with scikit-learn's cosine_similarity and the neighbour order with its
// ranking (score descending, smaller index first on ties).
TEST(TopK, MatchesSklearn) {
  testing::TempDir dir;
  const DocTermMatrix x = simtest::random_sparse(150, 120, 30, 33);
  testing::write_file(dir / "m.mtx", simtest::mtx_text(x));
  const auto ref =
      simtest::run_reference("reference_cosine.py", (dir / "m.mtx").string() + " " + (dir / "ref.json").string() + " 5",
                             (dir / "ref.json").string());
  ASSERT_FALSE(ref.is_null());
  const TopKResult r = top_k(x, {5, 2, 32});
  for (size_t i = 0; i < r.rows; ++i)
    for (size_t k = 0; k < r.per_row; ++k) {
      const double want = ref["topk"][i][k][1].get<double>();
      EXPECT_NEAR(r.row(i)[k].score, want, 1e-12) << i << "," << k;
      // Indices must agree unless sklearn's score ties within rounding with the next one.
      if (r.row(i)[k].index != ref["topk"][i][k][0].get<uint32_t>()) {
        const double ours = ref["cosine"][i][r.row(i)[k].index].get<double>();
        EXPECT_NEAR(ours, want, 1e-12) << "row " << i << " rank " << k;
      }
    }
}

// Ties are broken by the smaller index; empty documents get score 0 and the first others.
TEST(TopK, TiesAndEmptyRows) {
  // Rows 1, 2 and 3 are identical; row 4 is empty; row 0 shares one term with 1-3.
  std::vector<Eigen::Triplet<double, std::int64_t>> trip = {{0, 0, 1}, {0, 1, 1}, {1, 1, 2}, {1, 2, 1}, {2, 1, 2},
                                                            {2, 2, 1}, {3, 1, 2}, {3, 2, 1}, {5, 3, 1}};
  DocTermMatrix x(6, 4);
  x.setFromTriplets(trip.begin(), trip.end());
  x.makeCompressed();
  const TopKResult r = top_k(x, {3, 1, 2});
  EXPECT_EQ(r.row(0)[0].index, 1u);
  EXPECT_EQ(r.row(0)[1].index, 2u);
  EXPECT_EQ(r.row(0)[2].index, 3u);
  EXPECT_EQ(r.row(1)[0].index, 2u);
  EXPECT_NEAR(r.row(1)[0].score, 1.0, 1e-15);
  EXPECT_EQ(r.row(1)[2].index, 0u);
  EXPECT_EQ(r.row(4)[0].index, 0u);  // empty: first three others, score 0
  EXPECT_EQ(r.row(4)[0].score, 0.0);
  EXPECT_EQ(r.row(4)[2].index, 2u);
  EXPECT_EQ(r.row(5)[0].index, 0u);  // shares nothing: zero fill in index order
  ASSERT_EQ(r.zero_rows.size(), 1u);
  EXPECT_EQ(r.zero_rows[0], 4u);
  expect_same(r, top_k_brute_force(x, {3, 1, 2}), "ties");
  // k above n - 1 is cut to n - 1.
  EXPECT_EQ(top_k(x, {100, 1, 2}).per_row, 5u);
}

// The tiled product equals brute force however the terms are split between the dense table
// and the posting lists (all rare, mostly dense, a budget that cuts the dense table short), for
// tiles shorter than the block, and so does the MaxScore path; so does a matrix whose tiny
// weights send the tiled path to MaxScore (float products would underflow).
TEST(TopK, EveryTermSplitAndMethodEqualsBruteForce) {
  DocTermMatrix x = simtest::random_sparse(1100, 300, 70, 23);  // more than two 512-document chunks
  for (Eigen::Index i = 0; i < x.outerSize(); ++i)
    for (DocTermMatrix::InnerIterator it(x, i); it; ++it)
      it.valueRef() *= 1.0 + std::log(1.0 + static_cast<double>(it.col()));
  const TopKResult slow = top_k_brute_force(x, {10, 2, 64});
  for (double density : {0.0, 0.02, 0.3, 1.0}) {
    TopKOptions o{10, 2, 64};
    o.dense_density = density;
    expect_same(top_k(x, o), slow, "density " + std::to_string(density));
  }
  TopKOptions o{10, 2, 5};
  o.dense_budget_bytes = 3 * 1536 * sizeof(float);  // room for three dense terms
  expect_same(top_k(x, o), slow, "budget of three terms, tiles of 5");
  o.method = TopKMethod::kMaxScore;
  expect_same(top_k(x, o), slow, "maxscore");
  x.coeffRef(3, 0) = 1e-30;
  expect_same(top_k(x, {10, 2, 64}), top_k_brute_force(x, {10, 2, 64}), "tiny weight");
}

// Near-ties closer than float resolution are ordered exactly: rows that differ from the query
// in the 12th digit keep their exact order, not their float order.
TEST(TopK, NearTiesBelowFloatResolution) {
  std::vector<Eigen::Triplet<double, std::int64_t>> trip;
  for (int i = 0; i < 40; ++i) {
    trip.emplace_back(i, 0, 1.0);
    trip.emplace_back(i, 1, 1.0 + 1e-11 * (i % 7));
    trip.emplace_back(i, 2 + i % 3, 0.5);
  }
  DocTermMatrix x(40, 5);
  x.setFromTriplets(trip.begin(), trip.end());
  x.makeCompressed();
  for (size_t k : {1, 3, 12, 39}) {
    TopKOptions o{k, 2, 8};
    o.dense_density = 0.0;
    expect_same(top_k(x, o), top_k_brute_force(x, o), "k=" + std::to_string(k));
  }
}

// Bad input: k = 0, one document, negative or non-finite weights, negative threads.
TEST(TopK, BadInputThrows) {
  DocTermMatrix one(1, 3);
  EXPECT_THROW(top_k(one, {1, 1, 8}), DataError);
  DocTermMatrix x = simtest::random_sparse(20, 10, 5, 1);
  EXPECT_THROW(top_k(x, {0, 1, 8}), ConfigError);
  EXPECT_THROW(top_k(x, {3, -1, 8}), ConfigError);
  x.coeffRef(2, 3) = -1.0;
  EXPECT_THROW(top_k(x, {3, 1, 8}), DataError);
  x.coeffRef(2, 3) = std::nan("");
  EXPECT_THROW(top_k(x, {3, 1, 8}), DataError);
}

}  // namespace
}  // namespace stylokit::similarity
