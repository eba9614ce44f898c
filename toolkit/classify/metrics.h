#pragma once
// Performance measures of a classification, as stylo's performance.measures()
// (R/performance.measures.R) computes them.
//
// Classes are the union of the expected and the predicted labels, in byte order. The confusion
// matrix has one row per expected class and one column per predicted class. Per class:
// precision = diagonal / column sum, recall = diagonal / row sum, F1 = 2PR / (P + R); a 0/0
// precision or recall is 0 and so is F when P + R = 0. Averages are plain means over all
// classes of the union, so a class that is predicted but never expected enters with precision
// 0 and recall 0 (as in stylo). Accuracy = correct / all.

#include <string>
#include <vector>

#include <Eigen/Core>

namespace stylokit::classify {

struct Metrics {
  std::vector<std::string> classes;  // union of expected and predicted, byte order
  Eigen::MatrixXi confusion;         // expected (rows) × predicted (columns)
  std::vector<double> precision, recall, f1;
  double accuracy = 0;
  double macro_precision = 0, macro_recall = 0, macro_f1 = 0;
  size_t correct = 0, total = 0;
};

// Throws DataError when the vectors differ in length or are empty. O(n log n + C²).
Metrics performance_measures(const std::vector<std::string>& expected, const std::vector<std::string>& predicted);

}  // namespace stylokit::classify
