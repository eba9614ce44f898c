#pragma once
// Hierarchical agglomerative clustering (HAC) on a distance matrix.
//
// Data contract: input is a validated CondensedDistances over n >= 2 points; output is
// the merge history in SciPy's linkage-matrix convention: n - 1 merges, merge i creates
// cluster n + i, each merge names its two clusters with the smaller id first and records
// the merge height and the new size. Merges come in order of increasing height (a stable
// sort); centroid and median keep the order they were made in, where heights may decrease.
// Heights equal scipy.cluster.hierarchy.linkage to 1e-12, and so do the merge order and the
// ids, ties included: the algorithms, their tie-breaks and the Lance-Williams updates follow
// SciPy's _hierarchy.pyx step by step. (Centroid and median on tied distances excepted: SciPy
// takes equal candidates in heap order, we take the lowest index.) Memory: one working copy
// of the condensed matrix (8 n(n-1)/2 bytes).

#include <cstdint>
#include <string>
#include <vector>

#include "toolkit/cluster/distance_matrix.h"

namespace stylokit::cluster {

enum class Method {
  kSingle,    // nearest neighbour (minimum spanning tree, Prim, O(n^2))
  kComplete,  // farthest neighbour
  kAverage,   // UPGMA: size-weighted mean of the two clusters' distances
  kWeighted,  // WPGMA: plain mean of the two clusters' distances
  kWardD,     // R's "ward.D": Lance-Williams Ward update on the distances as given
              // (unsquared) - stylo's default
  kWardD2,    // R's "ward.D2" = SciPy's "ward": the Ward update on squared distances,
              // heights are square roots (Euclidean inputs: increase of within-cluster SS)
  kCentroid,  // UPGMC (SciPy's 'centroid'); heights may decrease (inversions)
  kMedian,    // WPGMC (SciPy's 'median'); heights may decrease (inversions)
};

// Parses "single", "complete", "average", "weighted", "ward.D", "ward.D2" (also "ward"
// = ward.D2 as in SciPy), "centroid", "median". Throws ConfigError naming `what`.
Method parse_method(const std::string& name, const std::string& what = "--method");
const char* to_string(Method method);

struct Merge {
  std::int64_t left = 0;   // cluster id (< n: a point; n + i: merge i), the smaller of the two
  std::int64_t right = 0;  // the other cluster id
  double height = 0;       // merge distance
  std::int64_t size = 0;   // points in the new cluster
};

struct Linkage {
  std::size_t n = 0;          // number of points (leaves)
  Method method = Method::kAverage;
  std::vector<Merge> merges;  // n - 1 merges
};

// Clusters `d` (consumed: it is the working matrix, so pass std::move to avoid a copy).
// Complete, average, weighted, ward.D, ward.D2 use the nearest-neighbour chain (O(n^2)
// time, exactly SciPy's nn_chain including its tie-breaks); single uses Prim's MST;
// centroid and median use Müllner's generic algorithm (O(n^2)..O(n^3)). Thread-safe
// (no shared state). Throws DataError via validate() on bad input.
Linkage linkage(CondensedDistances d, Method method);

// Leaves in dendrogram order, left to right (scipy.cluster.hierarchy.leaves_list). O(n).
std::vector<std::int64_t> leaf_order(const Linkage& z);

// For each merge, the largest height in its subtree (= height for monotone methods).
std::vector<double> max_heights(const Linkage& z);

// Flat clusters where every cluster's subtree has max height <= t, numbered 1.. in
// fcluster's traversal order: labels equal scipy's fcluster(Z, t, 'distance'). O(n).
std::vector<int> cut_height(const Linkage& z, double t);

// At most k flat clusters (exactly k unless heights tie at the cut), numbered like
// cut_height: the smallest threshold among the subtree max heights giving <= k clusters.
// This is fcluster(Z, k, 'maxclust') as fixed in SciPy 1.15 (gh-12651; older SciPy can
// return fewer clusters). Throws ConfigError unless 1 <= k <= n. O(n log n).
std::vector<int> cut_k(const Linkage& z, std::size_t k);

// Cophenetic distances (height of the merge joining i and j), condensed. O(n^2).
CondensedDistances cophenetic(const Linkage& z);

// Pearson correlation between the input distances and the cophenetic distances
// (scipy.cluster.hierarchy.cophenet(Z, Y)[0]). NaN-free: throws DataError when either
// side is constant. O(n^2).
double cophenetic_correlation(const Linkage& z, const CondensedDistances& d);

// Writes the linkage matrix as CSV `left,right,height,size` (SciPy's Z, one row per merge,
// 17 significant digits). Atomic; throws IoError.
void write_linkage_csv(const std::filesystem::path& path, const Linkage& z);

// Writes `doc,cluster` rows in document order. Atomic; throws IoError.
void write_assignments_csv(const std::filesystem::path& path, const std::vector<std::string>& ids,
                           const std::vector<int>& labels);

}  // namespace stylokit::cluster
