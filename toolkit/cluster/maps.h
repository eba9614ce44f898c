#pragma once
// Low-dimensional maps of documents: classical (Torgerson) MDS of a distance matrix and
// PCA of a data matrix, with explained variance.
//
// Data contract: coordinates are documents x dims, row i = document i. Sign convention
// (eigenvectors are defined up to sign): every output axis is flipped so that its entry of
// largest magnitude is positive (the first such entry on ties) - for MDS the coordinate
// column, for PCA the component's loading vector (the coordinates follow).

#include <Eigen/Core>

#include "toolkit/cluster/distance_matrix.h"

namespace stylokit::cluster {

struct MapResult {
  Eigen::MatrixXd coords;            // n x dims
  Eigen::VectorXd variance;          // MDS: eigenvalues of B; PCA: explained_variance_ (S^2 / (n-1))
  Eigen::VectorXd variance_ratio;    // MDS: eigenvalue / sum of positive eigenvalues; PCA: / total variance
  Eigen::MatrixXd components;        // PCA only: dims x features (scikit-learn's components_)
};

// Classical MDS: B = -1/2 J D^2 J (J = I - 11'/n), eigendecomposition (Eigen's
// SelfAdjointEigenSolver), coordinates v_k * sqrt(max(lambda_k, 0)) for the `dims` largest
// eigenvalues. dims = 0 keeps every eigenvalue above 1e-10 of the largest (a Euclidean embedding). O(n^3)
// time, O(n^2) memory. Throws ConfigError when dims > n.
MapResult classical_mds(const CondensedDistances& d, std::size_t dims = 2);

// PCA of the rows of x (documents x features), centred per column; thin SVD (Eigen's
// BDCSVD). Equals scikit-learn's PCA(n_components=dims) up to the sign convention above.
// O(n p min(n, p)). Throws ConfigError when dims > min(n, p), DataError on NaN/inf.
MapResult pca(const Eigen::Ref<const Eigen::MatrixXd>& x, std::size_t dims = 2);

// Writes `doc,dim1,dim2,...` then one row per document (common/csv.h's matrix layout, values
// "{:.17g}"). Atomic; throws IoError.
void write_coordinates_csv(const std::filesystem::path& path, const std::vector<std::string>& ids,
                           const Eigen::Ref<const Eigen::MatrixXd>& coords);

}  // namespace stylokit::cluster
