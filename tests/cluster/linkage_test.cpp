// Hierarchical clustering against SciPy (linkage, leaves_list, fcluster, cophenet), R's
// ward.D formula, and hand-computed cases.

#include "toolkit/cluster/linkage.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "tests/cluster/test_util.h"
#include "toolkit/common/error.h"

namespace stylokit::cluster {
namespace {

using testing::TempDir;

bool close(double a, double b, double tol = 1e-12) { return std::abs(a - b) <= tol * std::max(1.0, std::abs(b)); }

// Compares a linkage with SciPy's Z (ids, heights to 1e-12, sizes).
void expect_same_z(const Linkage& z, const nlohmann::json& ref, const std::string& what) {
  ASSERT_EQ(z.merges.size(), ref.size()) << what;
  for (std::size_t i = 0; i < z.merges.size(); ++i) {
    const auto& r = ref[i];
    EXPECT_EQ(z.merges[i].left, static_cast<std::int64_t>(r[0].get<double>())) << what << " merge " << i;
    EXPECT_EQ(z.merges[i].right, static_cast<std::int64_t>(r[1].get<double>())) << what << " merge " << i;
    EXPECT_TRUE(close(z.merges[i].height, r[2].get<double>()))
        << what << " merge " << i << ": " << z.merges[i].height << " vs " << r[2].get<double>();
    EXPECT_EQ(z.merges[i].size, static_cast<std::int64_t>(r[3].get<double>())) << what << " merge " << i;
  }
}

// Thresholds between consecutive subtree max heights (plus one below and one above all),
// so that fcluster(Z, t_k, 'distance') has exactly k clusters when heights are distinct.
std::vector<double> thresholds_for(const Linkage& z) {
  std::vector<double> md = max_heights(z);
  std::sort(md.begin(), md.end());
  std::vector<double> t{md.front() / 2};
  for (std::size_t i = 0; i + 1 < md.size(); ++i) t.push_back((md[i] + md[i + 1]) / 2);
  t.push_back(md.back() * 2);
  return t;
}

struct Case {
  Eigen::MatrixXd dense;
  std::vector<std::string> methods;  // SciPy names
};

// Runs every method on `c`, asks SciPy, and compares Z, leaves, cophenet and flat cuts.
void compare_with_scipy(const Case& c, const std::string& tag, bool check_ids = true) {
  TempDir dir(tag);
  testing::write_numbers(dir / "D.csv", c.dense);
  CondensedDistances d = condensed_from_dense(c.dense, "test");
  std::map<std::string, Linkage> ours;
  std::string methods;
  for (const auto& m : c.methods) {
    ours[m] = linkage(d, parse_method(m));
    Eigen::MatrixXd t(1, 0);
    std::vector<double> th = thresholds_for(ours[m]);
    t.resize(1, static_cast<Eigen::Index>(th.size()));
    for (std::size_t i = 0; i < th.size(); ++i) t(0, static_cast<Eigen::Index>(i)) = th[i];
    testing::write_numbers(dir / ("thresholds_" + m + ".csv"), t);
    methods += m + "\n";
  }
  testing::write_text(dir / "methods.txt", methods);
  nlohmann::json ref = testing::python_reference("linkage", dir);
  const std::size_t n = d.size();
  for (const auto& m : c.methods) {
    const Linkage& z = ours[m];
    const auto& r = ref[m];
    if (check_ids) {
      expect_same_z(z, r["Z"], tag + "/" + m);
      EXPECT_EQ(leaf_order(z), r["leaves"].get<std::vector<std::int64_t>>()) << tag << "/" << m;
    } else {
      for (std::size_t i = 0; i < z.merges.size(); ++i)
        EXPECT_TRUE(close(z.merges[i].height, r["Z"][i][2].get<double>())) << tag << "/" << m << " merge " << i;
    }
    EXPECT_TRUE(close(cophenetic_correlation(z, d), r["cophenet"].get<double>())) << tag << "/" << m;
    CondensedDistances coph = cophenetic(z);
    auto ref_coph = r["coph"].get<std::vector<double>>();
    ASSERT_EQ(coph.values().size(), ref_coph.size());
    for (std::size_t i = 0; i < ref_coph.size(); ++i) ASSERT_TRUE(close(coph.values()[i], ref_coph[i])) << m << i;
    if (!check_ids) continue;
    std::vector<double> th = thresholds_for(z);
    for (std::size_t i = 0; i < th.size(); ++i) {
      auto expected = r["fcluster"][i].get<std::vector<int>>();
      EXPECT_EQ(cut_height(z, th[i]), expected) << tag << "/" << m << " t=" << th[i];
      // Threshold i lies between the (i-1)th and ith smallest max heights: n - i clusters.
      std::size_t k = n - std::min(i, n - 1);
      if (i < th.size() - 1 || k == 1) {
        EXPECT_EQ(cut_k(z, k), expected) << tag << "/" << m << " k=" << k;
      }
    }
  }
}

TEST(Linkage, MatchesScipyOnEuclideanPoints) {
  // Every SciPy method on 40 random points in 3-D: same Z (ids, order, heights to 1e-12),
  // leaves_list, cophenet, and fcluster labels at every cut.
  Case c{testing::euclidean(testing::random_points(40, 3, 7)),
         {"single", "complete", "average", "weighted", "ward", "centroid", "median"}};
  compare_with_scipy(c, "euclid");
}

TEST(Linkage, MatchesScipyOnNonEuclideanMatrix) {
  // A symmetric matrix of uniform random values (not a metric): the reducible methods agree.
  Eigen::MatrixXd r = testing::random_points(60, 60, 11);
  Eigen::MatrixXd dense = (r + r.transpose()) / 2;
  dense.diagonal().setZero();
  compare_with_scipy({dense, {"single", "complete", "average", "weighted", "ward"}}, "noneuclid");
}

TEST(Linkage, MatchesScipyTieBreaksOnIntegerDistances) {
  // Distances in {1, ..., 4} tie everywhere: SciPy's chain order and stable sort decide,
  // and ours follows them merge for merge.
  Eigen::MatrixXd r = testing::random_points(30, 30, 5);
  Eigen::MatrixXd dense = (1 + (((r + r.transpose()) / 2) * 4).array().floor()).matrix();
  dense.diagonal().setZero();
  compare_with_scipy({dense, {"single", "complete", "average", "weighted", "ward"}}, "ties");
}

TEST(Linkage, WardDEqualsNaiveLanceWilliams) {
  // ward.D (R) heights equal the primitive O(n^3) Lance-Williams algorithm on unsquared
  // distances, and ward.D of d^2 has the squared heights of SciPy's ward (= ward.D2) of d.
  Eigen::MatrixXd x = testing::random_points(35, 4, 3);
  Eigen::MatrixXd dense = testing::euclidean(x);
  TempDir dir("wardd");
  testing::write_numbers(dir / "D.csv", dense);
  testing::write_text(dir / "methods.txt", "ward\n");
  testing::write_numbers(dir / "thresholds_ward.csv", Eigen::MatrixXd::Constant(1, 1, 0.5));
  nlohmann::json ref = testing::python_reference("linkage", dir);
  Linkage z = linkage(condensed_from_dense(dense, "test"), Method::kWardD);
  auto heights = ref["ward.D"]["heights"].get<std::vector<double>>();
  ASSERT_EQ(heights.size(), z.merges.size());
  for (std::size_t i = 0; i < heights.size(); ++i) EXPECT_TRUE(close(z.merges[i].height, heights[i])) << i;
  Eigen::MatrixXd squared = dense.array().square().matrix();
  Linkage zs = linkage(condensed_from_dense(squared, "test"), Method::kWardD);
  const auto& ward = ref["ward_squared"]["Z"];
  for (std::size_t i = 0; i < zs.merges.size(); ++i) {
    double h = ward[i][2].get<double>();
    EXPECT_TRUE(close(zs.merges[i].height, h * h, 1e-11)) << i;
    EXPECT_EQ(zs.merges[i].left, static_cast<std::int64_t>(ward[i][0].get<double>()));
  }
}

TEST(Linkage, HandComputedPointsOnALine) {
  // Points 0, 1, 3, 7: single merges at 1, 2, 4; average at 1, 2.5, 17/3; complete at 1, 3, 7.
  Eigen::MatrixXd p(4, 1);
  p << 0, 1, 3, 7;
  CondensedDistances d = condensed_from_dense(testing::euclidean(p), "line");
  Linkage s = linkage(d, Method::kSingle);
  EXPECT_EQ(s.merges[0].left, 0);
  EXPECT_EQ(s.merges[0].right, 1);
  EXPECT_DOUBLE_EQ(s.merges[0].height, 1);
  EXPECT_EQ(s.merges[1].left, 2);
  EXPECT_EQ(s.merges[1].right, 4);
  EXPECT_DOUBLE_EQ(s.merges[1].height, 2);
  EXPECT_EQ(s.merges[2].left, 3);
  EXPECT_EQ(s.merges[2].right, 5);
  EXPECT_DOUBLE_EQ(s.merges[2].height, 4);
  EXPECT_EQ(s.merges[2].size, 4);
  Linkage a = linkage(d, Method::kAverage);
  EXPECT_DOUBLE_EQ(a.merges[1].height, 2.5);
  EXPECT_DOUBLE_EQ(a.merges[2].height, 17.0 / 3);
  Linkage c = linkage(d, Method::kComplete);
  EXPECT_DOUBLE_EQ(c.merges[1].height, 3);
  EXPECT_DOUBLE_EQ(c.merges[2].height, 7);
  EXPECT_EQ(cut_k(a, 2), (std::vector<int>{1, 1, 1, 2}));
  EXPECT_EQ(cut_k(a, 4), (std::vector<int>{1, 2, 3, 4}));  // fcluster numbering: singletons after subtrees
  EXPECT_EQ(cut_height(a, 1.5), (std::vector<int>{1, 1, 2, 3}));
  EXPECT_EQ(leaf_order(a), (std::vector<std::int64_t>{3, 2, 0, 1}));
}

TEST(Linkage, TwoPoints) {
  // The smallest input: one merge at their distance.
  CondensedDistances d(2, {0.25});
  for (Method m : {Method::kSingle, Method::kComplete, Method::kAverage, Method::kWardD, Method::kWardD2,
                   Method::kCentroid}) {
    Linkage z = linkage(d, m);
    ASSERT_EQ(z.merges.size(), 1U);
    EXPECT_DOUBLE_EQ(z.merges[0].height, 0.25);
    EXPECT_EQ(z.merges[0].size, 2);
  }
}

TEST(Linkage, RejectsBadInput) {
  // One document, NaN, negative distances and bad cuts are errors, never a tree.
  EXPECT_THROW(CondensedDistances(1), DataError);
  EXPECT_THROW(linkage(CondensedDistances(3, {1, std::nan(""), 1}), Method::kAverage), DataError);
  EXPECT_THROW(linkage(CondensedDistances(3, {1, -0.5, 1}), Method::kAverage), DataError);
  EXPECT_THROW(linkage(CondensedDistances(3, {1, 2}), Method::kAverage), DataError);
  Linkage z = linkage(CondensedDistances(3, {1, 2, 3}), Method::kAverage);
  EXPECT_THROW(cut_k(z, 0), ConfigError);
  EXPECT_THROW(cut_k(z, 4), ConfigError);
  EXPECT_THROW(parse_method("ward.D3"), ConfigError);
  EXPECT_THROW(cophenetic_correlation(linkage(CondensedDistances(3, {1, 1, 1}), Method::kAverage),
                                      CondensedDistances(3, {1, 1, 1})),
               DataError);
}

}  // namespace
}  // namespace stylokit::cluster
