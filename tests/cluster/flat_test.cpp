// k-means, k-medoids, silhouettes and the adjusted Rand index against scikit-learn and
// brute force.

#include "toolkit/cluster/flat.h"
#include "toolkit/cluster/linkage.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "tests/cluster/test_util.h"
#include "toolkit/common/error.h"

namespace stylokit::cluster {
namespace {

using testing::TempDir;

// Three blobs of 20 points in 2-D around (0,0), (5,5), (0,6), fixed seed.
Eigen::MatrixXd blobs() {
  Eigen::MatrixXd noise = testing::random_points(60, 2, 17);
  Eigen::MatrixXd x(60, 2);
  const double cx[3] = {0, 5, 0}, cy[3] = {0, 5, 6};
  for (int i = 0; i < 60; ++i) {
    x(i, 0) = cx[i % 3] + 2.5 * (noise(i, 0) - 0.5);
    x(i, 1) = cy[i % 3] + 2.5 * (noise(i, 1) - 0.5);
  }
  return x;
}

TEST(KMeans, LloydMatchesScikitLearnFromFixedCentres) {
  // Same initial centres: same labels, centres and inertia as KMeans(init=C, n_init=1, tol=0).
  Eigen::MatrixXd x = testing::random_points(200, 4, 3);
  Eigen::MatrixXd init = x.topRows(5);
  TempDir dir("kmeans");
  testing::write_numbers(dir / "X.csv", x);
  testing::write_numbers(dir / "init.csv", init);
  nlohmann::json ref = testing::python_reference("kmeans", dir);
  KMeansResult r = lloyd(x, init);
  std::vector<int> want = ref["labels"].get<std::vector<int>>();
  for (int& l : want) ++l;  // scikit-learn numbers clusters from 0, the cluster stage from 1
  EXPECT_EQ(r.labels, want);
  EXPECT_NEAR(r.inertia, ref["inertia"].get<double>(), 1e-10 * r.inertia);
  for (int j = 0; j < 5; ++j)
    for (int c = 0; c < 4; ++c) EXPECT_NEAR(r.centers(j, c), ref["centers"][j][c].get<double>(), 1e-12);
}

TEST(KMeans, PlusPlusFindsSeparatedBlobsDeterministically) {
  // k-means++ with restarts recovers three separated blobs; the same seed gives the same answer.
  Eigen::MatrixXd x = blobs();
  KMeansParams p;
  p.k = 3;
  KMeansResult a = kmeans(x, p), b = kmeans(x, p);
  EXPECT_EQ(a.labels, b.labels);
  std::vector<int> truth(60);
  for (int i = 0; i < 60; ++i) truth[static_cast<std::size_t>(i)] = i % 3;
  EXPECT_DOUBLE_EQ(adjusted_rand_index(a.labels, truth), 1.0);
}

TEST(KMeans, RejectsBadK) {
  // k = 0, k > n and NaN points are errors.
  Eigen::MatrixXd x = testing::random_points(5, 2, 1);
  KMeansParams p;
  p.k = 0;
  EXPECT_THROW(kmeans(x, p), ConfigError);
  p.k = 6;
  EXPECT_THROW(kmeans(x, p), ConfigError);
  x(0, 0) = std::nan("");
  p.k = 2;
  EXPECT_THROW(kmeans(x, p), DataError);
}

double medoid_cost(const CondensedDistances& d, const std::vector<std::size_t>& medoids) {
  double cost = 0;
  for (std::size_t j = 0; j < d.size(); ++j) {
    double best = INFINITY;
    for (auto m : medoids) best = std::min(best, d(j, m));
    cost += best;
  }
  return cost;
}

TEST(KMedoids, PamReachesTheBruteForceOptimumOnBlobs) {
  // On well-separated data PAM's cost equals the best of all C(n, k) medoid sets, and no
  // single swap improves the result (local optimality).
  Eigen::MatrixXd x = blobs().topRows(24);
  CondensedDistances d = condensed_from_dense(testing::euclidean(x), "t");
  KMedoidsResult r = kmedoids(d, 3);
  double best = INFINITY;
  for (std::size_t a = 0; a < 24; ++a)
    for (std::size_t b = a + 1; b < 24; ++b)
      for (std::size_t c = b + 1; c < 24; ++c) best = std::min(best, medoid_cost(d, {a, b, c}));
  EXPECT_NEAR(r.cost, best, 1e-12 * best);
  EXPECT_NEAR(medoid_cost(d, r.medoids), r.cost, 1e-12 * best);
  for (std::size_t m = 0; m < 3; ++m)
    for (std::size_t h = 0; h < 24; ++h) {
      auto swapped = r.medoids;
      if (std::find(swapped.begin(), swapped.end(), h) != swapped.end()) continue;
      swapped[m] = h;
      EXPECT_GE(medoid_cost(d, swapped), r.cost - 1e-12);
    }
  for (std::size_t j = 0; j < 24; ++j) {  // each point is labelled with its nearest medoid
    double nearest = INFINITY;
    for (auto m : r.medoids) nearest = std::min(nearest, d(j, m));
    EXPECT_EQ(d(j, r.medoids[static_cast<std::size_t>(r.labels[j] - 1)]), nearest);
  }
}

TEST(KMedoids, RandomMatrixIsLocallyOptimal) {
  // On a random non-metric matrix PAM stops only when no medoid/non-medoid swap lowers the cost.
  Eigen::MatrixXd r = testing::random_points(30, 30, 9);
  Eigen::MatrixXd dense = (r + r.transpose()) / 2;
  dense.diagonal().setZero();
  CondensedDistances d = condensed_from_dense(dense, "t");
  KMedoidsResult res = kmedoids(d, 4);
  for (std::size_t m = 0; m < 4; ++m)
    for (std::size_t h = 0; h < 30; ++h) {
      auto swapped = res.medoids;
      if (std::find(swapped.begin(), swapped.end(), h) != swapped.end()) continue;
      swapped[m] = h;
      EXPECT_GE(medoid_cost(d, swapped), res.cost - 1e-9);
    }
  EXPECT_THROW(kmedoids(d, 31), ConfigError);
  EXPECT_THROW(kmedoids(d, 0), ConfigError);
}

// Every labelling the cluster stage returns (k-means, Lloyd, k-medoids, cut_k, cut_height)
// numbers its clusters 1..k, each number used; silhouettes and the adjusted Rand index take
// them as returned.
TEST(Labels, OneBasedInEveryFunction) {
  const Eigen::MatrixXd x = blobs();
  const CondensedDistances d = condensed_from_dense(testing::euclidean(x), "t");
  const Linkage z = linkage(d, Method::kAverage);
  KMeansParams p;
  p.k = 3;
  const std::vector<std::pair<const char*, std::vector<int>>> labellings = {
      {"kmeans", kmeans(x, p).labels},
      {"lloyd", lloyd(x, x.topRows(3)).labels},
      {"kmedoids", kmedoids(d, 3).labels},
      {"cut_k", cut_k(z, 3)},
      {"cut_height", cut_height(z, z.merges[z.merges.size() - 3].height)},
  };
  for (const auto& [name, labels] : labellings) {
    ASSERT_EQ(labels.size(), 60U) << name;
    std::vector<int> used = labels;
    std::sort(used.begin(), used.end());
    used.erase(std::unique(used.begin(), used.end()), used.end());
    EXPECT_EQ(used, (std::vector<int>{1, 2, 3})) << name;
    EXPECT_GT(silhouette_score(d, labels), 0.5) << name;  // three separated blobs
    EXPECT_DOUBLE_EQ(adjusted_rand_index(labels, cut_k(z, 3)), 1.0) << name;
  }
  // k = 1: everything in cluster 1.
  p.k = 1;
  EXPECT_EQ(kmeans(x, p).labels, std::vector<int>(60, 1));
  EXPECT_EQ(kmedoids(d, 1).labels, std::vector<int>(60, 1));
}

TEST(Silhouette, MatchesScikitLearnPrecomputed) {
  // silhouette_samples / silhouette_score with metric="precomputed", including a singleton cluster.
  Eigen::MatrixXd x = testing::random_points(40, 3, 4);
  Eigen::MatrixXd dense = testing::euclidean(x);
  std::vector<int> labels(40);
  for (int i = 0; i < 40; ++i) labels[static_cast<std::size_t>(i)] = (i * 7) % 4 + 10;
  labels[5] = 99;  // a singleton scores 0
  TempDir dir("silhouette");
  testing::write_numbers(dir / "D.csv", dense);
  Eigen::MatrixXd l(40, 1);
  for (int i = 0; i < 40; ++i) l(i, 0) = labels[static_cast<std::size_t>(i)];
  testing::write_numbers(dir / "labels.csv", l);
  nlohmann::json ref = testing::python_reference("silhouette", dir);
  CondensedDistances d = condensed_from_dense(dense, "t");
  std::vector<double> s = silhouette_samples(d, labels);
  auto expected = ref["samples"].get<std::vector<double>>();
  for (std::size_t i = 0; i < 40; ++i) EXPECT_NEAR(s[i], expected[i], 1e-12) << i;
  EXPECT_EQ(s[5], 0.0);
  EXPECT_NEAR(silhouette_score(d, labels), ref["score"].get<double>(), 1e-12);
}

TEST(Silhouette, RejectsOneClusterOrAllSingletons) {
  // 1 cluster or n clusters: silhouette is undefined (scikit-learn raises too).
  CondensedDistances d(3, {1, 2, 3});
  EXPECT_THROW(silhouette_score(d, {1, 1, 1}), DataError);
  EXPECT_THROW(silhouette_score(d, {1, 2, 3}), DataError);
  EXPECT_THROW(silhouette_score(d, {1, 2}), DataError);
}

TEST(Silhouette, ChoosesTheNumberOfBlobs) {
  // Scanning k = 2..6 with k-medoids on three blobs picks k = 3.
  CondensedDistances d = condensed_from_dense(testing::euclidean(blobs()), "t");
  SilhouetteScan scan = choose_k_by_silhouette(d, 2, 6, [&](std::size_t k) { return kmedoids(d, k).labels; });
  EXPECT_EQ(scan.ks, (std::vector<std::size_t>{2, 3, 4, 5, 6}));
  EXPECT_EQ(scan.best_k, 3U);
  EXPECT_THROW(choose_k_by_silhouette(d, 1, 3, [](std::size_t) { return std::vector<int>(); }), ConfigError);
  EXPECT_THROW(choose_k_by_silhouette(d, 2, 60, [](std::size_t) { return std::vector<int>(); }), ConfigError);
}

TEST(AdjustedRand, MatchesScikitLearn) {
  // Random labelings of 500 points into 15 and 11 groups, and hand cases.
  std::vector<int> a(500), b(500);
  Eigen::MatrixXd r = testing::random_points(500, 2, 8);
  Eigen::MatrixXd la(500, 1), lb(500, 1);
  for (int i = 0; i < 500; ++i) {
    a[static_cast<std::size_t>(i)] = static_cast<int>(r(i, 0) * 15);
    b[static_cast<std::size_t>(i)] = i % 3 == 0 ? a[static_cast<std::size_t>(i)] : static_cast<int>(r(i, 1) * 11);
    la(i, 0) = a[static_cast<std::size_t>(i)];
    lb(i, 0) = b[static_cast<std::size_t>(i)];
  }
  TempDir dir("ari");
  testing::write_numbers(dir / "a.csv", la);
  testing::write_numbers(dir / "b.csv", lb);
  nlohmann::json ref = testing::python_reference("ari", dir);
  EXPECT_NEAR(adjusted_rand_index(a, b), ref["ari"].get<double>(), 1e-12);
  EXPECT_DOUBLE_EQ(adjusted_rand_index({0, 0, 1, 1}, {5, 5, 2, 2}), 1.0);
  EXPECT_DOUBLE_EQ(adjusted_rand_index({0, 0, 0}, {0, 0, 0}), 1.0);
  // Hand case: no pair together in both, 2 together in each: (0 - 4/6 * ...) = -0.5.
  EXPECT_DOUBLE_EQ(adjusted_rand_index({0, 0, 1, 1}, {0, 1, 0, 1}), -0.5);
  EXPECT_THROW(adjusted_rand_index({1, 2}, {1}), DataError);
}

}  // namespace
}  // namespace stylokit::cluster
