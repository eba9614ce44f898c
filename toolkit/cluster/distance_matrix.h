#pragma once
// Distance matrices for the cluster stage.
//
// Data contract: n documents, n >= 2, each with an id; pairwise distances d(i, j) >= 0,
// finite, symmetric, stored in SciPy's condensed order (the upper triangle row by row:
// (0,1), (0,2), ..., (0,n-1), (1,2), ...), n(n-1)/2 float64 values, so 20,000 documents
// take 1.6 GB. The diagonal is implicitly 0. Larger means farther apart.

#include <Eigen/Core>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace stylokit::cluster {

// A symmetric distance matrix in condensed form. Cheap to move; copying copies n^2/2 doubles.
class CondensedDistances {
 public:
  CondensedDistances() = default;
  // n points, all distances 0. Throws DataError when n < 2.
  explicit CondensedDistances(std::size_t n);
  // Takes a condensed vector of size n(n-1)/2 as is (no validation; see validate()).
  CondensedDistances(std::size_t n, std::vector<double> values);

  std::size_t size() const { return n_; }  // number of points
  // Position of (i, j), i != j, in the condensed vector.
  std::size_t index(std::size_t i, std::size_t j) const {
    if (i > j) std::swap(i, j);
    return n_ * i - i * (i + 1) / 2 + j - i - 1;
  }
  double operator()(std::size_t i, std::size_t j) const { return i == j ? 0.0 : values_[index(i, j)]; }
  double& at(std::size_t i, std::size_t j) { return values_[index(i, j)]; }  // i != j
  const std::vector<double>& values() const { return values_; }
  std::vector<double>& values() { return values_; }

  // Dense n x n copy (diagonal 0). O(n^2) memory.
  Eigen::MatrixXd to_dense() const;

 private:
  std::size_t n_ = 0;
  std::vector<double> values_;
};

// Builds condensed distances from a dense square matrix, reading the upper triangle
// (as scipy.spatial.distance.squareform does). `source` names the input in errors.
// Throws DataError when the matrix is not square, has fewer than two rows, is not
// symmetric (|a_ij - a_ji| > 1e-9 * max(1, |a_ij|)), holds NaN/inf off the diagonal,
// or a negative value. The diagonal is ignored except that it must be finite. O(n^2).
CondensedDistances condensed_from_dense(const Eigen::Ref<const Eigen::MatrixXd>& dense, const std::string& source);

// Throws DataError naming `source` when a condensed matrix has fewer than two points,
// a wrong length, a NaN/inf or a negative value. O(n^2), thread-safe.
void validate(const CondensedDistances& d, const std::string& source);

// How a similarity matrix was turned into distances (printed by the CLI, saved with outputs).
enum class Direction { kDistance, kSimilarity };

// Converts a dense similarity matrix into distances in place. Rule, chosen by the values:
//  * every value <= 1 + 1e-9 (cosine, Jaccard, MinMax, correlation): d = max(0, 1 - s)
//    (the tolerance absorbs a self-cosine that rounds to 1 + 2^-52);
//  * otherwise (unbounded similarities):                     d = max(S) - s;
// the diagonal is set to 0 afterwards. Returns a one-line description of the rule.
// Throws DataError on NaN/inf. O(n^2).
std::string similarity_to_distance(Eigen::MatrixXd& s, const std::string& source);

// A similarity or distance matrix as read from a CSV, values as written.
struct LabeledMatrix {
  std::vector<std::string> ids;
  Eigen::MatrixXd values;                      // n x n
  std::string measure;                         // from the sidecar JSON, or ""
  Direction direction = Direction::kDistance;
};

// Reads the matrix CSV (format and direction rules as read_distance_csv below) without
// converting it: for pictures of the values themselves. Same throws.
LabeledMatrix read_matrix_csv(const std::filesystem::path& csv, const std::string& direction_hint = "");

// A distance matrix with the ids of its documents (row i = ids[i]) and where it came from.
struct LabeledDistances {
  std::vector<std::string> ids;
  CondensedDistances distances;
  std::string measure;     // from the sidecar JSON, or "" when unknown
  Direction direction = Direction::kDistance;  // of the input file
  std::string conversion;  // how similarities became distances, "" when the input was a distance
};

// Reads a similarity/distance matrix CSV as docs/DESIGN.md specifies it: header `,<id1>,<id2>,...`
// (the first header cell may be empty, "" or any name), then one row per document
// starting with its id, in the header's order. The direction comes from `direction_hint`
// when it is not empty ("similarity" | "distance"), else from the sidecar `S.json` beside
// `S.csv` (keys "measure" and "direction"), else it is assumed to be a distance when the
// diagonal is all 0 and an error otherwise. Similarities are converted with
// similarity_to_distance(). Throws IoError (unreadable file) or DataError (malformed CSV,
// non-numeric cell, row ids not matching the header, or any problem of condensed_from_dense)
// with one line naming the file. O(n^2) time and memory (the CSV text is held once).
LabeledDistances read_distance_csv(const std::filesystem::path& csv, const std::string& direction_hint = "");

// Writes `dense` as a matrix CSV in the same format (common/csv.h's matrix layout with an
// empty corner, values "{:.17g}"; the bytes of similarity::format_matrix_csv). Atomic.
void write_matrix_csv(const std::filesystem::path& path, const std::vector<std::string>& ids,
                      const Eigen::Ref<const Eigen::MatrixXd>& dense);

}  // namespace stylokit::cluster
