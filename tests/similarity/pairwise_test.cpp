// All-pairs measures: agreement with an independent numpy/scipy reference for every
// measure and variant, hand-computed values, properties, thread independence, bad input.

#include "toolkit/similarity/pairwise.h"

#include <gtest/gtest.h>

#include "tests/similarity/sim_test_util.h"
#include "toolkit/common/error.h"
#include "toolkit/similarity/internal/kernels.h"

namespace stylokit::similarity {
namespace {

using features::MfwTable;
using simtest::random_table;

MfwTable table_from(const std::vector<std::vector<double>>& rows) {
  MfwTable t;
  t.relative.resize(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(rows[0].size()));
  for (size_t i = 0; i < rows.size(); ++i) {
    t.doc_ids.push_back(fmt::format("d{}", i));
    for (size_t k = 0; k < rows[i].size(); ++k)
      t.relative(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(k)) = rows[i][k];
  }
  for (size_t k = 0; k < rows[0].size(); ++k) t.words.push_back(fmt::format("w{}", k));
  standardize(t);
  return t;
}

// Compares every measure in both variants with reference_measures.py on table t.
void expect_matches_numpy(const MfwTable& t, int threads) {
  testing::TempDir dir;
  testing::write_file(dir / "table.csv", simtest::table_csv(t));
  const auto ref = simtest::run_reference(
      "reference_measures.py", (dir / "table.csv").string() + " " + (dir / "ref.json").string(),
      (dir / "ref.json").string());
  ASSERT_FALSE(ref.is_null());
  for (Variant v : {Variant::kStylo, Variant::kPublished})
    for (Measure m : all_measures()) {
      const std::string key = std::string(to_string(m)) + "/" + to_string(v) +
                              fmt::format(" ({} x {})", t.relative.rows(), t.relative.cols());
      const std::string ref_key = std::string(to_string(m)) + "/" + to_string(v);
      ASSERT_TRUE(ref.contains(ref_key)) << key;
      const PairwiseResult r = pairwise(t, m, {v, threads});
      simtest::expect_close(r.values, ref[ref_key], 1e-12, key);
    }
}

// Every measure in both variants equals the numpy/scipy implementation of its formula.
TEST(Pairwise, MatchesNumpyReferenceForEveryMeasureAndVariant) { expect_matches_numpy(random_table(9, 23, 7), 2); }

// The same on shapes that do not fill the register tiles (4 × 4 pairs), the lanes (8 features)
// or the thread tiles (32 rows): 70 documents over 3 tiles, 17 and 9 features with a
// zero-variance one (dropped by the z-based measures), 1 and 7 usable features.
TEST(Pairwise, MatchesNumpyReferenceOnOddShapes) {
  MfwTable a = random_table(70, 17, 31, 0.1);
  a.relative.col(5).setConstant(0.7);
  standardize(a);
  expect_matches_numpy(a, 3);
  expect_matches_numpy(random_table(7, 9, 5, 0.0), 1);
  MfwTable b = random_table(5, 2, 8, 0.0);
  b.relative.col(1).setConstant(2.0);  // one usable feature for the z-based measures
  standardize(b);
  expect_matches_numpy(b, 2);
  MfwTable c = random_table(33, 8, 12, 0.0);
  c.relative.col(0).setConstant(4.0);  // 7 usable features: no full group of 8 lanes
  standardize(c);
  expect_matches_numpy(c, 2);
}

// The tiled matrix holds, bit for bit, the one-pair kernel's value for every pair: Manhattan
// (stylo: percent, no rescaling) is the plain L1 sum and Cosine Delta its dot form.
TEST(Pairwise, TiledEqualsOnePairKernelBitForBit) {
  const MfwTable t = random_table(45, 19, 17);
  const PairwiseResult man = pairwise(t, Measure::kManhattan, {Variant::kStylo, 2});
  const PairwiseResult bur = pairwise(t, Measure::kBurrowsDelta, {Variant::kStylo, 3});
  const size_t d = static_cast<size_t>(t.relative.cols());
  for (Eigen::Index i = 0; i < 45; ++i)
    for (Eigen::Index j = 0; j < 45; ++j) {
      if (i == j) continue;  // the diagonal is snapped to exactly 0
      ASSERT_EQ(man.values(i, j), detail::l1(t.relative.row(i).data(), t.relative.row(j).data(), d)) << i << "," << j;
      ASSERT_EQ(bur.values(i, j), detail::l1(t.zscores.row(i).data(), t.zscores.row(j).data(), d) /
                                      static_cast<double>(d))
          << i << "," << j;
    }
}

// Burrows' Delta on a 3 × 2 table, by hand: z-scores of (1,2,3) and (2,2,5) with sd 1 and
// sqrt(3); Delta(d0, d2) = (|−1 − 1| + |−1/√3 − 2/√3|) / 2 = (2 + √3) / 2.
TEST(Pairwise, BurrowsDeltaHandComputed) {
  const MfwTable t = table_from({{1, 2}, {2, 2}, {3, 5}});
  const PairwiseResult r = pairwise(t, Measure::kBurrowsDelta);
  EXPECT_NEAR(r.values(0, 2), (2 + std::sqrt(3.0)) / 2, 1e-15);
  EXPECT_NEAR(r.values(0, 1), (1 + 0) / 2.0, 1e-15);
  EXPECT_EQ(r.features_used, 2u);
}

// stylo's Eder's Delta weights rank k by (d-k+2)/d and does not divide by d; published
// weights by (d-k+1)/d and divides: on the 3 × 2 table above, by hand.
TEST(Pairwise, EderDeltaWeightsHandComputed) {
  const MfwTable t = table_from({{1, 2}, {2, 2}, {3, 5}});
  const double dz0 = 2, dz1 = 3 / std::sqrt(3.0);  // |z diffs| between d0 and d2
  EXPECT_NEAR(pairwise(t, Measure::kEderDelta, {Variant::kStylo, 1}).values(0, 2), dz0 * 3 / 2 + dz1 * 2 / 2, 1e-14);
  EXPECT_NEAR(pairwise(t, Measure::kEderDelta, {Variant::kPublished, 1}).values(0, 2),
              (dz0 * 2 / 2 + dz1 * 1 / 2) / 2, 1e-14);
}

// Distances are 0 on the diagonal, non-negative and symmetric bit for bit; similarities
// are 1 on the diagonal (non-zero rows) and within [0, 1].
TEST(Pairwise, IdentitySymmetryRange) {
  const MfwTable t = random_table(12, 40, 3);
  for (Variant v : {Variant::kStylo, Variant::kPublished})
    for (Measure m : all_measures()) {
      const PairwiseResult r = pairwise(t, m, {v, 1});
      for (Eigen::Index i = 0; i < r.values.rows(); ++i) {
        if (larger_is_closer(m)) {
          EXPECT_NEAR(r.values(i, i), 1.0, 1e-15) << to_string(m);
        } else {
          EXPECT_NEAR(r.values(i, i), 0.0, 1e-12) << to_string(m);
        }
        for (Eigen::Index j = 0; j < r.values.cols(); ++j) {
          EXPECT_EQ(r.values(i, j), r.values(j, i)) << to_string(m);
          EXPECT_GE(r.values(i, j), larger_is_closer(m) ? 0.0 : -1e-12) << to_string(m);
          if (larger_is_closer(m)) {
            EXPECT_LE(r.values(i, j), 1.0 + 1e-15) << to_string(m);
          }
        }
      }
    }
}

// Direction: a slightly perturbed copy of a document is closer to it than a distant
// document, read through larger_is_closer() for every measure.
// Identity holds exactly, not to rounding: self-similarity is 1.0 and self-distance 0.0
// (no -2.2e-16 on a diagonal), for every measure and variant, including duplicated rows.
TEST(Pairwise, ExactIdentityOnTheDiagonal) {
  MfwTable t = random_table(8, 40, 11);
  t.relative.row(7) = t.relative.row(3);  // two identical documents
  standardize(t);
  for (Variant v : {Variant::kStylo, Variant::kPublished})
    for (Measure m : all_measures()) {
      if (m == Measure::kCosine || m == Measure::kJaccard) continue;  // sparse-only below
      PairwiseResult r = pairwise(t, m, {v, 1});
      const double self = larger_is_closer(m) ? 1.0 : 0.0;
      for (Eigen::Index i = 0; i < r.values.rows(); ++i) EXPECT_EQ(r.values(i, i), self) << to_string(m);
      if (!larger_is_closer(m)) {
        EXPECT_GE(r.values.minCoeff(), 0.0) << to_string(m);
      }
    }
  DocTermMatrix x = simtest::random_sparse(12, 300, 40, 5);  // row 5 is empty: scored 0, as measure.h says
  PairwiseResult c = pairwise_sparse(x, Measure::kCosine, {});
  ASSERT_EQ(c.zero_rows, std::vector<size_t>{5});
  for (Eigen::Index i = 0; i < c.values.rows(); ++i) EXPECT_EQ(c.values(i, i), i == 5 ? 0.0 : 1.0);
  EXPECT_LE(c.values.maxCoeff(), 1.0);
}

TEST(Pairwise, DirectionPredicateAgreesWithValues) {
  MfwTable t = random_table(10, 30, 11, 0.0);
  t.relative.row(1) = t.relative.row(0) * 1.01;  // near copy of doc 0
  t.relative.block(7, 0, 1, 12).setZero();        // doc 7 also differs in its feature set
  standardize(t);
  for (Variant v : {Variant::kStylo, Variant::kPublished})
    for (Measure m : all_measures()) {
      const PairwiseResult r = pairwise(t, m, {v, 1});
      const double near = r.values(0, 1), far = r.values(0, 7);
      if (larger_is_closer(m)) {
        EXPECT_GT(near, far) << to_string(m);
      } else {
        EXPECT_LT(near, far) << to_string(m);
      }
    }
}

// The matrix does not depend on the number of threads (several tiles of 32 rows).
TEST(Pairwise, IdenticalForAnyThreadCount) {
  const MfwTable t = random_table(75, 37, 5);
  for (Variant v : {Variant::kStylo, Variant::kPublished})
    for (Measure m : all_measures()) {
      const PairwiseResult a = pairwise(t, m, {v, 1});
      for (int threads : {2, 3, 8}) {
        const PairwiseResult b = pairwise(t, m, {v, threads});
        EXPECT_TRUE((a.values.array() == b.values.array()).all()) << to_string(m) << " threads=" << threads;
      }
    }
}

// A zero-variance feature is dropped (d shrinks) with a warning, never NaN.
TEST(Pairwise, ZeroVarianceFeatureDroppedWithWarning) {
  MfwTable t = random_table(6, 5, 9, 0.0);
  t.relative.col(2).setConstant(1.5);
  standardize(t);
  const PairwiseResult r = pairwise(t, Measure::kBurrowsDelta);
  EXPECT_EQ(r.features_used, 4u);
  ASSERT_EQ(r.dropped.size(), 1u);
  EXPECT_EQ(r.dropped[0], "w002");
  EXPECT_FALSE(r.warnings.empty());
  EXPECT_TRUE(r.values.allFinite());
}

// A document with no feature: cosine 0 with everything (scikit-learn's convention), minmax
// distance 1, a warning naming it; no NaN anywhere.
TEST(Pairwise, ZeroVectorScoredAndWarned) {
  MfwTable t = random_table(5, 8, 13, 0.0);
  t.relative.row(3).setZero();
  standardize(t);
  const PairwiseResult c = pairwise(t, Measure::kCosine);
  for (Eigen::Index j = 0; j < 5; ++j) EXPECT_EQ(c.values(3, j), 0.0);
  ASSERT_EQ(c.zero_rows.size(), 1u);
  EXPECT_EQ(c.zero_rows[0], 3u);
  EXPECT_FALSE(c.warnings.empty());
  const PairwiseResult mm = pairwise(t, Measure::kMinMax);
  EXPECT_EQ(mm.values(3, 0), 1.0);
  EXPECT_EQ(mm.values(3, 3), 1.0);
  for (Measure m : all_measures()) EXPECT_TRUE(pairwise(t, m).values.allFinite()) << to_string(m);
}

// One document, a table whose every feature is constant, bad thread counts: clear errors.
TEST(Pairwise, BadInputThrows) {
  const MfwTable one = [] {
    MfwTable t;
    t.relative = features::DenseTable::Constant(1, 3, 1.0);
    t.zscores = features::DenseTable::Zero(1, 3);
    t.doc_ids = {"a"};
    t.words = {"x", "y", "z"};
    return t;
  }();
  EXPECT_THROW(pairwise(one, Measure::kBurrowsDelta), DataError);
  const MfwTable flat = table_from({{1, 2}, {1, 2}, {1, 2}});
  EXPECT_THROW(pairwise(flat, Measure::kBurrowsDelta), DataError);
  EXPECT_NO_THROW(pairwise(flat, Measure::kManhattan));
  EXPECT_THROW(pairwise(random_table(3, 3, 1), Measure::kCosine, {Variant::kStylo, -1}), ConfigError);
  // 0 threads = all cores, the same matrix as one thread.
  EXPECT_EQ(pairwise(random_table(40, 5, 2), Measure::kCosine, {Variant::kStylo, 0}).values,
            pairwise(random_table(40, 5, 2), Measure::kCosine, {Variant::kStylo, 1}).values);
  EXPECT_THROW(table_from({{1, 2}}), DataError);  // standardize needs 2 documents
}

// Sparse cosine equals scikit-learn's cosine_similarity; sparse Jaccard equals the set
// formula by hand on two rows.
TEST(PairwiseSparse, CosineMatchesSklearn) {
  testing::TempDir dir;
  const DocTermMatrix x = simtest::random_sparse(120, 300, 40, 21);
  testing::write_file(dir / "m.mtx", simtest::mtx_text(x));
  const auto ref = simtest::run_reference(
      "reference_cosine.py", (dir / "m.mtx").string() + " " + (dir / "ref.json").string() + " 3",
      (dir / "ref.json").string());
  ASSERT_FALSE(ref.is_null());
  const PairwiseResult r = pairwise_sparse(x, Measure::kCosine, {Variant::kStylo, 2});
  simtest::expect_close(r.values, ref["cosine"], 1e-12, "cosine");
  EXPECT_FALSE(r.zero_rows.empty());  // the generator leaves empty rows
}

// Jaccard on non-zero sets: {0,1,2} vs {1,2,3} = 2/4; empty vs empty = 0.
TEST(PairwiseSparse, JaccardHandComputed) {
  std::vector<Eigen::Triplet<double, std::int64_t>> trip = {{0, 0, 1}, {0, 1, 2}, {0, 2, 3}, {1, 1, 5}, {1, 2, 1}, {1, 3, 1}};
  DocTermMatrix x(4, 4);
  x.setFromTriplets(trip.begin(), trip.end());
  x.makeCompressed();
  const PairwiseResult r = pairwise_sparse(x, Measure::kJaccard);
  EXPECT_DOUBLE_EQ(r.values(0, 1), 0.5);
  EXPECT_EQ(r.values(2, 3), 0.0);
  EXPECT_EQ(r.values(0, 0), 1.0);
  EXPECT_THROW(pairwise_sparse(x, Measure::kBurrowsDelta), ConfigError);
}

}  // namespace
}  // namespace stylokit::similarity
