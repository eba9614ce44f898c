// Classical MDS against numpy (double centring + eigh) and PCA against scikit-learn,
// both under the documented sign convention.

#include "toolkit/cluster/maps.h"

#include <gtest/gtest.h>

#include "tests/cluster/test_util.h"
#include "toolkit/common/error.h"

namespace stylokit::cluster {
namespace {

using testing::TempDir;

TEST(Mds, MatchesNumpyReference) {
  // Coordinates, eigenvalues and explained ratios equal numpy's to 1e-10.
  Eigen::MatrixXd dense = testing::euclidean(testing::random_points(30, 5, 2));
  TempDir dir("mds");
  testing::write_numbers(dir / "D.csv", dense);
  nlohmann::json ref = testing::python_reference("mds", dir);
  MapResult m = classical_mds(condensed_from_dense(dense, "t"), 2);
  for (int i = 0; i < 30; ++i)
    for (int c = 0; c < 2; ++c) EXPECT_NEAR(m.coords(i, c), ref["coords"][i][c].get<double>(), 1e-10);
  for (int c = 0; c < 2; ++c) {
    EXPECT_NEAR(m.variance(c), ref["eigenvalues"][c].get<double>(), 1e-10);
    EXPECT_NEAR(m.variance_ratio(c), ref["ratio"][c].get<double>(), 1e-12);
  }
}

TEST(Mds, FullEmbeddingReproducesEuclideanDistances) {
  // dims = 0 keeps every positive eigenvalue: distances between coordinates equal the input.
  Eigen::MatrixXd x = testing::random_points(12, 3, 5);
  Eigen::MatrixXd dense = testing::euclidean(x);
  MapResult m = classical_mds(condensed_from_dense(dense, "t"), 0);
  EXPECT_EQ(m.coords.cols(), 3);
  EXPECT_LT((testing::euclidean(m.coords) - dense).cwiseAbs().maxCoeff(), 1e-10);
  EXPECT_THROW(classical_mds(condensed_from_dense(dense, "t"), 13), ConfigError);
}

TEST(Pca, MatchesScikitLearnUpToTheSignConvention) {
  // Components, coordinates, explained variance and ratios equal scikit-learn's PCA.
  Eigen::MatrixXd x = testing::random_points(25, 8, 6);
  x.col(1) = 3 * x.col(0) + 0.1 * x.col(1);  // a dominant direction
  TempDir dir("pca");
  testing::write_numbers(dir / "X.csv", x);
  nlohmann::json ref = testing::python_reference("pca", dir);
  MapResult p = pca(x, 2);
  for (int c = 0; c < 2; ++c) {
    for (int j = 0; j < 8; ++j) EXPECT_NEAR(p.components(c, j), ref["components"][c][j].get<double>(), 1e-10);
    for (int i = 0; i < 25; ++i) EXPECT_NEAR(p.coords(i, c), ref["coords"][i][c].get<double>(), 1e-10);
    EXPECT_NEAR(p.variance(c), ref["variance"][c].get<double>(), 1e-12);
    EXPECT_NEAR(p.variance_ratio(c), ref["ratio"][c].get<double>(), 1e-12);
  }
}

TEST(Pca, RejectsBadInput) {
  // One row, NaN, too many components.
  EXPECT_THROW(pca(Eigen::MatrixXd::Ones(1, 3), 1), DataError);
  Eigen::MatrixXd x = testing::random_points(4, 3, 1);
  EXPECT_THROW(pca(x, 4), ConfigError);
  x(1, 1) = std::nan("");
  EXPECT_THROW(pca(x, 2), DataError);
}

}  // namespace
}  // namespace stylokit::cluster
