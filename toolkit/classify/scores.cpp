#include "toolkit/classify/scores.h"

#include <algorithm>
#include <numeric>

namespace stylokit::classify {

std::vector<int> rank_classes(const Eigen::Ref<const Eigen::RowVectorXd>& scores) {
  std::vector<int> order(static_cast<size_t>(scores.size()));
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return scores(a) > scores(b); });
  return order;
}

}  // namespace stylokit::classify
