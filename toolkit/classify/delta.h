#pragma once
// Delta (1-nearest-neighbour on a similarity-stage measure) and k-nearest-neighbour
// classification, as stylo's perform.delta() and perform.knn() do it.
//
// Inputs: relative frequencies in percent (rows = samples, columns = features in rank order,
// as scores.h says), training classes numbered 0 .. classes-1.
//
// Delta. Each test row is scored against every training row with `measure` (measure.h);
// z-based measures read z-scores made with the training rows' mean and sample sd (n − 1)
// (ZScores::kTraining, stylo classify()'s z.scores.of.all.samples = FALSE) or with all rows,
// training and test (ZScores::kAll, perform.delta's z.scores.both.sets = TRUE). A feature whose
// sd is 0 over the rows the z-scores come from drops out of every distance (d counts the other
// features): in stylo the column becomes NaN and R's dist() leaves it out and rescales the
// sum, which for Delta's sum / d is the same thing. The prediction is the class of the nearest
// training SAMPLE (equal distances: the earlier training row, as R's order()); a class's score
// is minus its nearest member's distance (distances) or its nearest member's similarity
// (cosine, jaccard), so rank_classes() orders classes as their nearest members are ordered.
//
// kNN (stylo's perform.knn = class::knn): Euclidean distance on the frequencies as they are (no
// z-scores), the k nearest training rows (equal distances: the earlier training row), one vote
// each. Deterministic tie rule (class::knn breaks ties at random): among the classes with the
// most votes, the one whose nearest member is nearest wins. The score is the vote share.
//
// Threads: `threads` never changes a result. Errors: ConfigError naming the field (k, top_n,
// threads), DataError when the tables disagree in width or no feature is usable.

#include <cstddef>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "toolkit/classify/scores.h"
#include "toolkit/similarity/measure.h"

namespace stylokit::classify {

// kCrossv is leave-one-out only: stylo's crossv() duplicates the held-out row
// (rbind(test, test), R/crossv.R) and perform.delta() scales over the training rows and both
// copies, so each fold's mean and sd come from the n − 1 other rows plus row i twice.
enum class ZScores { kTraining, kAll, kCrossv };
ZScores parse_zscores(const std::string& name);  // training | all | crossv; ConfigError naming z_scores
const char* to_string(ZScores z);

// Options of every classifier of this stage; each reads the fields it needs.
struct Options {
  similarity::Measure measure = similarity::Measure::kBurrowsDelta;  // delta: the measure
  similarity::Variant variant = similarity::Variant::kStylo;         // delta: its variant
  ZScores z_scores = ZScores::kTraining;                             // delta: z-score rows
  int k = 1;                                                         // knn: neighbours
  size_t top_n = 3;  // delta: nearest training samples kept per test row (stylo: 3)
  int threads = 1;   // 0 = all cores
};

// One training sample close to a test row.
struct Neighbour {
  size_t row = 0;    // training row
  double value = 0;  // the measure's value (a distance, or a similarity for cosine/jaccard)
};

struct DeltaResult {
  ClassScores scores;
  // test × training: the measure's values. Leave-one-out: n × n, diagonal 0; for Burrows Delta
  // with training z-scores on 1,000 rows or more, only the pairs that can decide a result are
  // computed (see delta_loo) and the others hold +inf.
  Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> values;
  std::vector<std::vector<Neighbour>> nearest;  // per test row: min(top_n, training) nearest
  std::vector<size_t> dropped;                  // features left out (zero sd)
  size_t features_used = 0;
  std::vector<std::string> warnings;
};

// Delta on a training and a test table. O((n_train + n_test)² d / threads) (the similarity
// stage's kernels on the stacked table). Thread-safe.
DeltaResult delta(const Eigen::MatrixXd& train, const std::vector<int>& train_class, int classes,
                  const Eigen::MatrixXd& test, const Options& options);

// Leave-one-out Delta: every row of `table` is classified by all the others. With
// ZScores::kTraining the z-scores of each held-out row's decision use the mean and sd of the
// other n − 1 rows (exactly what delta() would do with that row as the test set), computed
// in O(n d) updates, so the whole run is O(n² d / threads) like one distance matrix:
// for Burrows Delta the distance to b is Σ_k |x_ik − x_bk| / sd_{−i,k} / d_i (the means
// cancel). Measures available there: burrows-delta, argamon-linear/-quadratic (stylo
// variant), eder-delta (stylo), cosine-delta, and every measure that reads no z-scores;
// others throw ConfigError naming measure. ZScores::kCrossv: the same path with each held-out
// row's mean and sd over the n − 1 others plus two copies of it (stylo's crossv()). With
// ZScores::kAll: one matrix over all rows.
// `values` is then n × n (the diagonal is not a candidate). Burrows Delta on 1,000 rows or
// more bounds every pair from one matrix with the all-row sd (the similarity stage's tiled
// kernel) and computes exactly only the pairs whose lower bound reaches the row's top_n-th
// or its class's smallest upper bound: the same predictions, candidates and class scores.
DeltaResult delta_loo(const Eigen::MatrixXd& table, const std::vector<int>& row_class, int classes,
                      const Options& options);

// kNN as above. O(n_test n_train d). Thread-safe.
ClassScores knn(const Eigen::MatrixXd& train, const std::vector<int>& train_class, int classes,
                const Eigen::MatrixXd& test, const Options& options);

// The common classifier signature of scores.h for Delta (delta(...).scores).
ClassScores delta_scores(const Eigen::MatrixXd& train, const std::vector<int>& train_class, int classes,
                         const Eigen::MatrixXd& test, const Options& options);

}  // namespace stylokit::classify
