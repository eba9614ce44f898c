#pragma once
// Flat clustering: k-means (k-means++ seeding, Lloyd iterations, restarts), k-medoids
// (PAM: BUILD + SWAP), silhouette scores and choosing k by silhouette.
//
// Data contract: k-means takes points as rows of a dense matrix (documents x dimensions);
// k-medoids and silhouettes take a CondensedDistances. Labels returned here are 1-based
// cluster numbers in [1, k], as everywhere in the cluster stage (cut_k and cut_height in
// linkage.h number theirs 1.. as SciPy's fcluster does), so any labelling the stage returns
// can be written, scored or compared as it is: label l is centre l - 1 (k-means) or medoid
// l - 1 (k-medoids). Functions that take labels (silhouettes, the adjusted Rand index) accept
// any ints. Deterministic for a given seed: the random generator is SplitMix64
// (common/random.h; specified, not std::*_distribution, so results are the same with any
// standard library), restart r uses seed + r.

#include <Eigen/Core>
#include <cstdint>
#include <functional>
#include <vector>

#include "toolkit/cluster/distance_matrix.h"
#include "toolkit/common/random.h"

namespace stylokit::cluster {

struct KMeansParams {
  std::size_t k = 2;            // clusters, 1 <= k <= points
  std::size_t restarts = 10;    // k-means++ seedings; the lowest inertia wins (earliest on ties)
  std::size_t max_iter = 300;   // Lloyd iterations per restart
  std::uint64_t seed = 42;      // fixed default seed
};

struct KMeansResult {
  std::vector<int> labels;      // 1-based, per point: label l is row l - 1 of centers
  Eigen::MatrixXd centers;      // k x dimensions
  double inertia = 0;           // sum of squared distances to the assigned centre
  std::size_t iterations = 0;   // Lloyd iterations of the winning run
};

// k-means++ seeding as scikit-learn's (greedy: 2 + floor(ln k) candidates per centre,
// sampled in proportion to the squared distance, the one lowering the potential most
// kept). Draws: the first centre is row rng.next_mod(n); each candidate is the first row
// whose running sum of squared distances is >= rng.uniform() * total (clamped to n - 1).
// Returns k x d centres. O(n k log k d).
Eigen::MatrixXd kmeans_plus_plus(const Eigen::Ref<const Eigen::MatrixXd>& x, std::size_t k, SplitMix64& rng);

// Lloyd's algorithm from given centres until the assignment no longer changes (or
// max_iter): the fixed point scikit-learn's KMeans(init=centers, n_init=1, tol=0)
// reaches (its labels + 1). Ties go to the lower centre index; an emptied cluster takes the point
// farthest from its centre. O(iterations n k d). Throws DataError on bad shapes/NaN.
KMeansResult lloyd(const Eigen::Ref<const Eigen::MatrixXd>& x, Eigen::MatrixXd centers, std::size_t max_iter = 300);

// Restarts of k-means++ then Lloyd. Throws ConfigError unless 1 <= k <= rows.
KMeansResult kmeans(const Eigen::Ref<const Eigen::MatrixXd>& x, const KMeansParams& params);

struct KMedoidsResult {
  std::vector<int> labels;               // 1-based, per point: label l is medoids[l - 1]
  std::vector<std::size_t> medoids;      // point indices, ascending
  double cost = 0;                       // sum of distances to the nearest medoid
  std::size_t swaps = 0;                 // SWAP steps performed
};

// PAM (Kaufman & Rousseeuw): BUILD (greedy), then SWAP (best improving medoid/non-medoid
// exchange, until none improves). Deterministic (ties to the lowest index), so no seed.
// O(k n^2) per swap step, O(n) memory beyond d. Throws ConfigError unless 1 <= k <= n.
KMedoidsResult kmedoids(const CondensedDistances& d, std::size_t k);

// Silhouette of each point (scikit-learn's silhouette_samples with metric="precomputed"):
// (b - a) / max(a, b), 0 for a point alone in its cluster. Labels are any ints. Throws
// DataError unless 2 <= number of distinct labels <= n - 1. O(n^2).
std::vector<double> silhouette_samples(const CondensedDistances& d, const std::vector<int>& labels);
double silhouette_score(const CondensedDistances& d, const std::vector<int>& labels);  // mean of the above

struct SilhouetteScan {
  std::vector<std::size_t> ks;      // k values tried, ascending
  std::vector<double> scores;       // mean silhouette per k
  std::size_t best_k = 0;           // highest score; the smaller k on ties
};

// Clusters with `cluster(k)` for k in [k_min, k_max] and scores each partition. A
// partition with fewer than two clusters (heights tied) scores -1. Throws ConfigError
// unless 2 <= k_min <= k_max <= n - 1.
SilhouetteScan choose_k_by_silhouette(const CondensedDistances& d, std::size_t k_min, std::size_t k_max,
                                      const std::function<std::vector<int>(std::size_t)>& cluster);

// Adjusted Rand index of two labelings of the same points (scikit-learn's
// adjusted_rand_score: 1 for identical partitions, ~0 for random). O(n log n).
// Throws DataError when the sizes differ or are 0.
double adjusted_rand_index(const std::vector<int>& a, const std::vector<int>& b);

}  // namespace stylokit::cluster
