#pragma once
// Nearest shrunken centroids (Tibshirani, Hastie, Narasimhan & Chu 2002, PNAS 99:6567) as the R
// package pamr computes it and stylo's perform.nsc() calls it: pamr.train on the training rows
// with every default, then pamr.predict(threshold = 1, type = "posterior") and
// pamr.listgenes(threshold = 1).
//
// Data contract. `train` and `test` are relative frequencies in percent (rows = samples,
// columns = features, the same columns in both), passed as they are: no z-scores, no scaling
// (stylo passes its frequency tables to pamr unchanged). `train_class[i]` is the class of
// training row i, a number in 0 .. classes-1 (byte order of the class names, see scores.h).
// With x_ij the value of feature j in training sample i, n samples, n_k of them in class k,
// K = classes:
//   centroid      xbar_jk = mean of x_ij over class k;  xbar_j = mean over all n samples
//   pooled sd     s_j = sqrt( sum_i (x_ij - xbar_j,class(i))^2 / (n - K) )
//   offset        s0 = the offset_percent-th percentile of the s_j (R quantile type 7; the
//                 median by default), added to every s_j
//   standardized  d_jk = (xbar_jk - xbar_j) / (m_k (s_j + s0)),  m_k = sqrt(1/n_k - 1/n)
//   shrunk        d'_jk = sign(d_jk) max(|d_jk| - threshold, 0)
//   score         of test row x: delta_k = sum_j over features with some d'_jk != 0 of
//                 z_j c_jk - sum_j c_jk^2 / 2 + log prior_k, with z_j = (x_j - xbar_j) /
//                 (s_j + s0) and c_jk = m_k d'_jk
//   posterior     exp(clip(delta_k)) / sum_l exp(clip(delta_l)), clip = to [-500, 500] as
//                 pamr's safe.exp (so a row whose every delta_k is below -500 gets the
//                 uniform posterior, as in pamr)
// The predicted class is the one of largest posterior, ties to the lower class number (stylo
// orders the posteriors with R's stable order()).

#include <string>
#include <vector>

#include <Eigen/Core>

#include "toolkit/classify/scores.h"

namespace stylokit::classify {

struct NscOptions {
  // Soft-threshold applied to every d_jk (pamr's threshold; stylo's perform.nsc passes 1).
  double threshold = 1.0;
  // s0, the offset added to every pooled sd, is this percentile of the pooled sds (pamr.train's
  // offset.percent, default 50 = the median); penalizes features of tiny variance.
  double offset_percent = 50.0;
  // Prior probability of each class (pamr.train's prior), empty = n_k / n, the class
  // proportions in the training set. Need not sum to 1: only ratios matter.
  std::vector<double> prior;
};

struct NscResult {
  ClassScores scores;  // posterior probability per test row and class (rows sum to 1)
  // pamr.listgenes at the threshold: the features with some non-zero d'_jk, most distinctive
  // first (by max_k |score| descending, ties by feature index ascending, as pamr's order()).
  std::vector<int> features;       // column indices into train/test
  Eigen::MatrixXd feature_scores;  // features.size() × classes: the shrunken centroid
                                   // difference in pooled-sd units, m_k d'_jk (unrounded)
};

// Trains on (train, train_class) and scores every test row. O((n + m) p K + p log p) time for
// n training rows, m test rows, p features, K classes; O((m + p) K) memory besides the inputs.
// Thread-safe (no shared state).
//
// Edge cases: a class with one training sample is allowed (pamr warns; its m_k = sqrt(1 - 1/n)).
// A feature constant within every class has s_j = 0 and is divided by s0 alone; a feature
// constant everywhere has d_jk = 0 up to rounding error, so no sensible threshold keeps it.
// A threshold that shrinks every d_jk to zero leaves no feature: every test row gets the prior
// as its posterior and `features` is empty (as pamr.predict). One class (K = 1) gives posterior
// 1 and no features (pamr would divide 0 by 0).
//
// Throws DataError: train_class of the wrong length or with a number outside 0 .. classes-1, a
// class with no training sample, no more training samples than classes (the pooled sd divides
// by n - K), test and train with different numbers of columns, a NaN or infinite value, or a
// feature with s_j + s0 = 0 (zero within-class sd while s0 is 0: pamr divides by zero there).
// Throws ConfigError ("threshold: ...", "offset_percent: ...", "prior: ...") for a negative or
// non-finite threshold, an offset_percent outside [0, 100], or a prior of the wrong length or
// with a value that is not positive and finite.
NscResult nearest_shrunken_centroids(const Eigen::Ref<const Eigen::MatrixXd>& train,
                                     const std::vector<int>& train_class, int classes,
                                     const Eigen::Ref<const Eigen::MatrixXd>& test, const NscOptions& options = {});

// A feature score as pamr.listgenes prints it: R's round(x, 4) (R >= 4.0.0's algorithm, which
// picks the nearer of the two 4-decimal candidates, ties to even) then as.character ("0.695",
// "-1.6283", "0" also for -0). O(1). Thread-safe.
std::string pamr_score_string(double score);

}  // namespace stylokit::classify
