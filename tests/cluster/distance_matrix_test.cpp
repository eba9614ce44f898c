// Reading distance/similarity matrix CSVs with their S.json sidecar, and bad input.

#include "toolkit/cluster/distance_matrix.h"

#include <gtest/gtest.h>

#include "tests/cluster/test_util.h"
#include "toolkit/common/error.h"

namespace stylokit::cluster {
namespace {

using testing::TempDir;
using testing::write_text;

TEST(DistanceMatrix, ReadsPandasStyleDistanceCsv) {
  // Header ",a,b,c", rows in order, sidecar direction "distance": values kept as written.
  TempDir dir("read");
  write_text(dir / "S.csv", ",a,b,c\na,0,1.5,2\nb,1.5,0,0.25\nc,2,0.25,0\n");
  write_text(dir / "S.json", R"({"measure": "euclidean", "direction": "distance"})");
  LabeledDistances m = read_distance_csv(dir / "S.csv");
  EXPECT_EQ(m.ids, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(m.measure, "euclidean");
  EXPECT_EQ(m.direction, Direction::kDistance);
  EXPECT_TRUE(m.conversion.empty());
  EXPECT_EQ(m.distances.values(), (std::vector<double>{1.5, 2, 0.25}));
}

TEST(DistanceMatrix, ConvertsCosineLikeSimilarities) {
  // Similarities <= 1 (R's write.csv quoting, CRLF) become 1 - s; the rule is reported.
  TempDir dir("sim");
  write_text(dir / "S.csv", "\"\",\"x y\",\"z\"\r\n\"x y\",1,0.75\r\n\"z\",0.75,1\r\n");
  write_text(dir / "S.json", R"({"measure": "cosine", "direction": "similarity"})");
  LabeledDistances m = read_distance_csv(dir / "S.csv");
  EXPECT_EQ(m.ids, (std::vector<std::string>{"x y", "z"}));
  EXPECT_EQ(m.direction, Direction::kSimilarity);
  EXPECT_DOUBLE_EQ(m.distances(0, 1), 0.25);
  EXPECT_NE(m.conversion.find("1 - similarity"), std::string::npos);
}

TEST(DistanceMatrix, SelfCosineRoundingAboveOneIsStillCosineLike) {
  // A diagonal of 1 + 2^-52 (floating-point cosine of a row with itself) keeps the 1 - s rule.
  Eigen::MatrixXd s(2, 2);
  s << 1.0000000000000002, 0.5, 0.5, 1;
  std::string rule = similarity_to_distance(s, "t");
  EXPECT_NE(rule.find("1 - similarity"), std::string::npos) << rule;
  EXPECT_EQ(s(0, 1), 0.5);
  EXPECT_EQ(s(0, 0), 0.0);
}

TEST(DistanceMatrix, ConvertsUnboundedSimilaritiesByTheMaximum) {
  // Similarities above 1: d = max(S) - s, diagonal 0.
  Eigen::MatrixXd s(3, 3);
  s << 5, 2, 1, 2, 4, 3, 1, 3, 6;
  std::string rule = similarity_to_distance(s, "t");
  EXPECT_NE(rule.find("largest similarity"), std::string::npos);
  EXPECT_DOUBLE_EQ(s(0, 1), 4);
  EXPECT_DOUBLE_EQ(s(1, 2), 3);
  EXPECT_DOUBLE_EQ(s(0, 2), 5);
  EXPECT_DOUBLE_EQ(s(1, 1), 0);
}

TEST(DistanceMatrix, DirectionWithoutSidecar) {
  // No S.json: a zero diagonal means distances; otherwise the direction must be given.
  TempDir dir("nosidecar");
  write_text(dir / "D.csv", ",a,b\na,0,3\nb,3,0\n");
  EXPECT_DOUBLE_EQ(read_distance_csv(dir / "D.csv").distances(0, 1), 3);
  write_text(dir / "S.csv", ",a,b\na,1,0.5\nb,0.5,1\n");
  EXPECT_THROW(read_distance_csv(dir / "S.csv"), DataError);
  EXPECT_DOUBLE_EQ(read_distance_csv(dir / "S.csv", "similarity").distances(0, 1), 0.5);
}

TEST(DistanceMatrix, WriteReadRoundTrip) {
  // write_matrix_csv then read_distance_csv gives the same values bit for bit (17 digits).
  TempDir dir("roundtrip");
  Eigen::MatrixXd d = testing::euclidean(testing::random_points(7, 2, 1));
  std::vector<std::string> ids{"a,1", "b\"q", "c", "d", "e", "f", "g"};
  write_matrix_csv(dir / "D.csv", ids, d);
  LabeledDistances m = read_distance_csv(dir / "D.csv", "distance");
  EXPECT_EQ(m.ids, ids);
  EXPECT_EQ(m.distances.to_dense(), d);
}

TEST(DistanceMatrix, RejectsBadInputWithOneLine) {
  // Every malformed matrix gives one DataError line naming the file and the problem.
  TempDir dir("bad");
  struct Bad {
    std::string csv, expect;
  };
  const std::vector<Bad> cases = {
      {",a\na,0\n", "at least two documents"},
      {",a,b\na,0,1\n", "not square"},
      {",a,b,c\na,0,1,2\nb,1,0,3\n", "not square"},
      {",a,b\na,0,1\nb,2,0\n", "not symmetric"},
      {",a,b\na,0,nan\nb,nan,0\n", "NaN"},
      {",a,b\na,0,-1\nb,-1,0\n", "negative"},
      {",a,b\na,0,x\nb,1,0\n", "not a number"},
      {",a,b\na,0,\nb,1,0\n", "not a number"},
      {",a,b\nb,0,1\na,1,0\n", "header's order"},
      {",a,b\na,0,1,5\nb,1,0\n", "fields"},
  };
  for (const auto& c : cases) {
    write_text(dir / "M.csv", c.csv);
    try {
      read_distance_csv(dir / "M.csv", "distance");
      ADD_FAILURE() << "accepted: " << c.csv;
    } catch (const DataError& e) {
      std::string what = e.what();
      EXPECT_NE(what.find("M.csv"), std::string::npos) << what;
      EXPECT_NE(what.find(c.expect), std::string::npos) << what;
      EXPECT_EQ(what.find('\n'), std::string::npos) << what;
    }
  }
  EXPECT_THROW(read_distance_csv(dir / "missing.csv"), IoError);
  write_text(dir / "S.csv", ",a,b\na,1,0.5\nb,0.5,1\n");
  write_text(dir / "S.json", "{not json");
  EXPECT_THROW(read_distance_csv(dir / "S.csv"), DataError);
  write_text(dir / "S.json", R"({"direction": "closeness"})");
  EXPECT_THROW(read_distance_csv(dir / "S.csv"), DataError);
}

TEST(DistanceMatrix, DenseToCondensedFollowsSquareform) {
  // The upper triangle row by row, as scipy.spatial.distance.squareform.
  Eigen::MatrixXd d(4, 4);
  d << 0, 1, 2, 3, 1, 0, 4, 5, 2, 4, 0, 6, 3, 5, 6, 0;
  CondensedDistances c = condensed_from_dense(d, "t");
  EXPECT_EQ(c.values(), (std::vector<double>{1, 2, 3, 4, 5, 6}));
  EXPECT_EQ(c.index(2, 1), 3U);
  EXPECT_EQ(c.to_dense(), d);
  EXPECT_THROW(condensed_from_dense(Eigen::MatrixXd::Zero(2, 3), "t"), DataError);
}

}  // namespace
}  // namespace stylokit::cluster
