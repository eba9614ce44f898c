#include "toolkit/classify/metrics.h"

#include <algorithm>

#include "toolkit/common/error.h"

namespace stylokit::classify {

Metrics performance_measures(const std::vector<std::string>& expected, const std::vector<std::string>& predicted) {
  STYLOKIT_CHECK(expected.size() == predicted.size(), DataError, "performance measures: {} expected but {} predicted",
                 expected.size(), predicted.size());
  STYLOKIT_CHECK(!expected.empty(), DataError, "performance measures: no prediction to score");
  Metrics m;
  m.classes = expected;
  m.classes.insert(m.classes.end(), predicted.begin(), predicted.end());
  std::sort(m.classes.begin(), m.classes.end());
  m.classes.erase(std::unique(m.classes.begin(), m.classes.end()), m.classes.end());
  const auto index = [&](const std::string& c) {
    return static_cast<Eigen::Index>(std::lower_bound(m.classes.begin(), m.classes.end(), c) - m.classes.begin());
  };
  const Eigen::Index nc = static_cast<Eigen::Index>(m.classes.size());
  m.confusion.setZero(nc, nc);
  for (size_t i = 0; i < expected.size(); ++i) {
    ++m.confusion(index(expected[i]), index(predicted[i]));
    m.correct += expected[i] == predicted[i];
  }
  m.total = expected.size();
  m.accuracy = static_cast<double>(m.correct) / static_cast<double>(m.total);
  for (Eigen::Index c = 0; c < nc; ++c) {
    const double tp = m.confusion(c, c);
    const double col = m.confusion.col(c).sum(), row = m.confusion.row(c).sum();
    const double p = col > 0 ? tp / col : 0.0, r = row > 0 ? tp / row : 0.0;
    m.precision.push_back(p);
    m.recall.push_back(r);
    m.f1.push_back(p + r > 0 ? 2 * p * r / (p + r) : 0.0);
  }
  const double n = static_cast<double>(nc);
  for (Eigen::Index c = 0; c < nc; ++c) {
    m.macro_precision += m.precision[static_cast<size_t>(c)];
    m.macro_recall += m.recall[static_cast<size_t>(c)];
    m.macro_f1 += m.f1[static_cast<size_t>(c)];
  }
  m.macro_precision /= n;
  m.macro_recall /= n;
  m.macro_f1 /= n;
  return m;
}

}  // namespace stylokit::classify
