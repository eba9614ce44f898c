#include "toolkit/classify/scores.h"

#include <gtest/gtest.h>

namespace stylokit::classify {
namespace {

TEST(RankClassesTest, OrdersByScoreDescendingAndTiesByClassNumber) {
  Eigen::RowVectorXd s(5);
  s << 0.1, 0.7, 0.1, 0.9, 0.7;
  EXPECT_EQ(rank_classes(s), (std::vector<int>{3, 1, 4, 0, 2}));
}

TEST(RankClassesTest, EmptyRowGivesEmptyRanking) {
  EXPECT_TRUE(rank_classes(Eigen::RowVectorXd(0)).empty());
}

}  // namespace
}  // namespace stylokit::classify
