#pragma once
// The classify stage's common currency: what every classifier returns for a test set.
//
// Data contract. Classes are numbered 0 .. classes-1 in byte order of their names (the order
// std::sort gives the distinct training labels), so a class's number never depends on row
// order. A classifier reads relative frequencies in percent (rows = samples, columns =
// features, as features/mfw.h makes them) and applies its own scaling, as the stylo function it
// matches does: Delta reads z-scores, svm scales each column, knn and naive Bayes read the
// frequencies as they are. It returns one score per test row and class, larger = more likely
// (a posterior, a mean decision value, a vote share), and the predicted class of each row.

#include <vector>

#include <Eigen/Core>

namespace stylokit::classify {

struct ClassScores {
  Eigen::MatrixXd scores;      // test rows × classes; larger = more likely
  std::vector<int> predicted;  // per test row: the class predicted (an index into the classes)
};

// The classes of one test row from best to worst: by score descending, equal scores by class
// number ascending. O(C log C). Thread-safe.
std::vector<int> rank_classes(const Eigen::Ref<const Eigen::RowVectorXd>& scores);

}  // namespace stylokit::classify
