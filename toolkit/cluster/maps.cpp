#include "toolkit/cluster/maps.h"

#include <Eigen/Eigenvalues>
#include <Eigen/SVD>

#include "toolkit/common/csv.h"
#include "toolkit/common/error.h"
#include "toolkit/common/io.h"

namespace stylokit::cluster {

namespace {

// True when the entry of largest magnitude in v is negative (first one on ties).
bool needs_flip(const Eigen::Ref<const Eigen::VectorXd>& v) {
  Eigen::Index arg = 0;
  for (Eigen::Index i = 1; i < v.size(); ++i)
    if (std::abs(v(i)) > std::abs(v(arg))) arg = i;
  return v.size() > 0 && v(arg) < 0;
}

}  // namespace

MapResult classical_mds(const CondensedDistances& d, std::size_t dims) {
  validate(d, "MDS input");
  const auto n = static_cast<Eigen::Index>(d.size());
  STYLOKIT_CHECK(dims <= d.size(), ConfigError, "MDS: {} dimensions asked for {} documents", dims, d.size());
  Eigen::MatrixXd b = d.to_dense().array().square().matrix();
  // Double centring.
  Eigen::VectorXd row_mean = b.rowwise().mean();
  Eigen::VectorXd col_mean = b.colwise().mean().transpose();
  double all_mean = b.mean();
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < n; ++j) b(i, j) = -0.5 * (b(i, j) - row_mean(i) - col_mean(j) + all_mean);
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(b);
  STYLOKIT_CHECK(eig.info() == Eigen::Success, DataError, "MDS: the eigendecomposition did not converge");
  const Eigen::VectorXd& values = eig.eigenvalues();  // ascending
  double positive = 0;
  Eigen::Index npos = 0;  // eigenvalues above rounding noise (1e-10 of the largest)
  for (Eigen::Index i = 0; i < n; ++i) {
    if (values(i) > 0) positive += values(i);
    if (values(i) > 1e-10 * values(n - 1)) ++npos;
  }
  const Eigen::Index k = dims == 0 ? std::max<Eigen::Index>(npos, 1) : static_cast<Eigen::Index>(dims);
  MapResult out;
  out.coords.resize(n, k);
  out.variance.resize(k);
  out.variance_ratio.resize(k);
  for (Eigen::Index c = 0; c < k; ++c) {
    const Eigen::Index src = n - 1 - c;
    double lambda = values(src);
    Eigen::VectorXd col = eig.eigenvectors().col(src) * std::sqrt(std::max(lambda, 0.0));
    if (needs_flip(col)) col = -col;
    out.coords.col(c) = col;
    out.variance(c) = lambda;
    out.variance_ratio(c) = positive > 0 ? lambda / positive : 0.0;
  }
  return out;
}

MapResult pca(const Eigen::Ref<const Eigen::MatrixXd>& x, std::size_t dims) {
  STYLOKIT_CHECK(x.allFinite(), DataError, "PCA: the data hold NaN or infinite values");
  STYLOKIT_CHECK(x.rows() >= 2, DataError, "PCA needs at least two documents, got {}", x.rows());
  const auto limit = static_cast<std::size_t>(std::min(x.rows(), x.cols()));
  STYLOKIT_CHECK(dims >= 1 && dims <= limit, ConfigError, "PCA: {} components asked, 1 to {} possible", dims, limit);
  Eigen::MatrixXd centred = x.rowwise() - x.colwise().mean();
  Eigen::BDCSVD<Eigen::MatrixXd> svd(centred, Eigen::ComputeThinU | Eigen::ComputeThinV);
  const Eigen::VectorXd& s = svd.singularValues();
  const double denom = static_cast<double>(x.rows() - 1);
  const double total = s.squaredNorm() / denom;
  const auto k = static_cast<Eigen::Index>(dims);
  MapResult out;
  out.coords.resize(x.rows(), k);
  out.components.resize(k, x.cols());
  out.variance.resize(k);
  out.variance_ratio.resize(k);
  for (Eigen::Index c = 0; c < k; ++c) {
    Eigen::VectorXd v = svd.matrixV().col(c);
    Eigen::VectorXd u = svd.matrixU().col(c) * s(c);
    if (needs_flip(v)) {
      v = -v;
      u = -u;
    }
    out.components.row(c) = v.transpose();
    out.coords.col(c) = u;
    out.variance(c) = s(c) * s(c) / denom;
    out.variance_ratio(c) = total > 0 ? out.variance(c) / total : 0.0;
  }
  return out;
}

void write_coordinates_csv(const std::filesystem::path& path, const std::vector<std::string>& ids,
                           const Eigen::Ref<const Eigen::MatrixXd>& coords) {
  std::vector<std::string> dims;
  for (Eigen::Index c = 0; c < coords.cols(); ++c) dims.push_back(fmt::format("dim{}", c + 1));
  std::string out;
  append_matrix_csv(out, "doc", dims, ids, coords);
  write_file_atomic(path, out);
}

}  // namespace stylokit::cluster
