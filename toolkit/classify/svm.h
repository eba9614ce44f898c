#pragma once
// A linear support vector machine, one-vs-one, as stylo's perform.svm() runs it.
//
// What it computes (stylo R/perform.svm.R over e1071::svm and libsvm):
//   1. Columns whose training variance is zero are dropped, in training and test alike (stylo
//      drops the all-zero ones; a constant column cannot be scaled, and adds the same constant
//      to every linear kernel value, which cancels from every decision function).
//   2. With `scale`, every column is centred on its training mean and divided by its training
//      standard deviation (n - 1); test rows with the same mean and sd (e1071 svm.default and
//      predict.svm, R's scale()).
//   3. libsvm's C-SVC with a linear kernel, cost `cost`, stopping tolerance `tolerance`, one
//      binary machine per pair of classes (libsvm's own one-vs-one). The pairs are trained
//      one by one, in parallel, on exactly the sub-problems libsvm's multi-class svm_train
//      builds, so every decision value is libsvm's to the bit.
//   4. The score of class k for a test row is the mean, over the other classes j, of the
//      decision value of the (k, j) machine taken with the sign that favours k (stylo's
//      raw_scores: the decision-value matrix and its negation, averaged per class name). The
//      predicted class is the one with the largest score (stylo's order(..., decreasing =
//      TRUE)[1]), not the one-vs-one vote libsvm's own predict would give: the two differ
//      when the votes tie or split.
// Differences from e1071: where some training column is constant but not all zero, e1071
// gives up scaling altogether (with a warning) and stylo's SVM then runs on raw
// frequencies; here that column is dropped and the others are scaled. A class with no
// training row (a test-only class) is scored -infinity and never predicted; e1071 has no such
// class (perform.svm takes the levels from the training labels).
//
// Agreement: on stylo's 117 samples of the nine novels (100 and 500 MFW) the scores equal
// stylo's raw_scores to about 1e-15 and the predictions are stylo's (tests/classify/svm_test.cpp).

#include <vector>

#include <Eigen/Core>

#include "toolkit/classify/scores.h"

namespace stylokit::classify {

struct SvmOptions {
  double cost = 1.0;         // C, the penalty on margin violations (stylo's svm.cost; e1071's cost); > 0
  bool scale = true;         // z-score every column with the training mean and sd (e1071 scale = TRUE)
  double tolerance = 0.001;  // libsvm's stopping criterion eps (e1071's tolerance); > 0
  int threads = 1;  // threads training pairs and scoring test rows, 0 = all cores; the result does not depend on it
};

// Trains on `train` (rows = samples, columns = features; relative frequencies, any unit) with
// `train_class[i]` in 0 .. classes-1 the class of row i, and scores every row of `test` (same
// columns). Returns scores (test rows × classes, mean one-vs-one decision value, larger = more
// likely; -infinity for a class without training rows) and the predicted classes.
// Complexity: training is libsvm's SMO, typically O(n_ab^2 d) for each pair of classes with
// n_ab rows between them and d columns (kernel values cached, 40 MB per pair as e1071);
// prediction O(m s d + m s C) for m test rows and s support vectors. Pairs and test rows are
// spread over `threads`. Deterministic, whatever the thread count (libsvm draws no random
// numbers without probability estimates).
// Thread-safe: calls may run concurrently. libsvm's one global, its print function, is
// silenced once, by a thread-safe static initialisation, before the first training; a
// program that sets libsvm's print function itself must not do so while a training runs.
// Throws ConfigError for cost or tolerance <= 0; DataError when the shapes disagree, a class
// number is out of range, a value is not finite, fewer than two classes have training rows
// ("svm: one class only"), or every column has zero variance in the training rows.
// A class with a single training row is fine.
ClassScores svm_linear(const Eigen::MatrixXd& train, const std::vector<int>& train_class, int classes,
                       const Eigen::MatrixXd& test, const SvmOptions& options = {});

// The one-vs-one decision values behind svm_linear's scores: test rows × C (C - 1) / 2
// machines (a, b), a < b, in the order (0,1), (0,2), ..., (0,C-1), (1,2), ... (scikit-learn's
// decision_function_shape = "ovo" layout); positive favours a. NaN for a machine with a class
// that has no training rows. Same inputs, cost, thread-safety and errors as svm_linear.
Eigen::MatrixXd svm_linear_decision_values(const Eigen::MatrixXd& train, const std::vector<int>& train_class,
                                           int classes, const Eigen::MatrixXd& test, const SvmOptions& options = {});

}  // namespace stylokit::classify
