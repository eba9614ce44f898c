#include "toolkit/common/version.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

// The version is the project's MAJOR.MINOR.PATCH and the commit 12 hex digits or "unknown".
TEST(Version, Shape) {
  const std::string v = stylokit::version();
  EXPECT_EQ(std::count(v.begin(), v.end(), '.'), 2) << v;
  EXPECT_EQ(v.find_first_not_of("0123456789."), std::string::npos) << v;
  const std::string c = stylokit::git_commit();
  if (c != "unknown") {
    EXPECT_EQ(c.size(), 12u) << c;
    EXPECT_EQ(c.find_first_not_of("0123456789abcdef"), std::string::npos) << c;
  }
}
