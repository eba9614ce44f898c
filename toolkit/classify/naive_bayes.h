#pragma once
// Gaussian naive Bayes, as stylo's perform.naivebayes() runs it (e1071::naiveBayes and
// predict.naiveBayes, e1071 1.7-13, R/naiveBayes.R).
//
// What it computes. Fitting: per class c and column j, the mean m_cj and the SAMPLE
// standard deviation s_cj (n_c - 1) of the class's training rows; the prior of c is its share
// of the training rows. Prediction, for a test row x (e1071's predict with threshold = 0.001,
// eps = 0):
//   s_cj <= eps        is replaced by `threshold` (a column constant within the class);
//   p_cj = dnorm(x_j, m_cj, s_cj), computed in linear space as R's dnorm does, so that it
//                      underflows to 0 where R's does (|z| > 38.59);
//   p_cj <= eps        (an underflow) is replaced by `threshold`;
//   L_c = log prior_c + sum_j log p_cj        (the joint log-likelihood; e1071 adds log n_c,
//                                               a constant shift that changes nothing).
// The score of class c is its posterior exp(L_c) / sum_k exp(L_k) (e1071's type = "raw",
// 1 / sum_k exp(L_k - L_c)); the predicted class maximises L, ties to the lower class number
// (R's which.max over the levels in byte order). Note the threshold's effect, faithful to
// e1071: a density that underflows counts as 0.001, more than a density of 1e-300 that does
// not; on word frequencies with many in-class zeros this decides many predictions.
//
// Versus scikit-learn's GaussianNB: sklearn uses the maximum-likelihood variance (n_c, not
// n_c - 1), adds var_smoothing (1e-9) times the largest column variance to every variance,
// and works in log space throughout (no threshold). With the sample variance set and
// var_smoothing = 0, its joint log-likelihood equals L wherever no threshold applies
// (tests/classify/naive_bayes_test.cpp checks both).
//
// Classes are numbered as in scores.h. A class without training rows gets posterior 0 and is
// never predicted (e1071's prior 0).

#include <vector>

#include <Eigen/Core>

#include "toolkit/classify/scores.h"

namespace stylokit::classify {

struct NaiveBayesOptions {
  double threshold = 0.001;  // replaces a standard deviation or density <= eps (e1071 predict.naiveBayes); > 0
  double eps = 0.0;          // the cut below which a standard deviation or density is replaced; >= 0
};

// The joint log-likelihoods L (test rows × classes; -infinity for a class without training
// rows). Inputs as naive_bayes(). O((n + m C) d) for n training rows, m test rows, C classes,
// d columns. Thread-safe (no shared state). Throws as naive_bayes().
Eigen::MatrixXd naive_bayes_log_joint(const Eigen::MatrixXd& train, const std::vector<int>& train_class, int classes,
                                      const Eigen::MatrixXd& test, const NaiveBayesOptions& options = {});

// Fits on `train` (rows = samples, columns = features; relative frequencies as they are,
// stylo passes percent) with `train_class[i]` in 0 .. classes-1 the class of row i, and
// scores every row of `test` (same columns): posterior per class, and the predicted class.
// O((n + m C) d). Thread-safe. Deterministic.
// Throws ConfigError for threshold <= 0 or eps < 0; DataError when the shapes disagree, a
// class number is out of range, a value is not finite, fewer than two classes have training
// rows ("naive_bayes: one class only"), or a class has exactly one training row (its standard
// deviation is undefined; e1071 makes it NA and silently never predicts that class).
// Zero-variance columns are no error: their s_cj is replaced by `threshold`, as above.
ClassScores naive_bayes(const Eigen::MatrixXd& train, const std::vector<int>& train_class, int classes,
                        const Eigen::MatrixXd& test, const NaiveBayesOptions& options = {});

}  // namespace stylokit::classify
