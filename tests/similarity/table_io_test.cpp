// Frequency tables and features files from other tools, and the CSV outputs: round
// trips, 17 significant digits, and one clear error per malformed input.

#include "toolkit/similarity/table_io.h"

#include <gtest/gtest.h>

#include "tests/similarity/sim_test_util.h"
#include "toolkit/common/csv.h"
#include "toolkit/common/error.h"

namespace stylokit::similarity {
namespace {

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const DataError& e) {
    return e.what();
  }
  return "";
}

// A table written in stylo's layout reads back to the same doubles and z-scores.
TEST(TableIo, FrequencyTableRoundTrip) {
  const auto t = simtest::random_table(6, 9, 2);
  const auto back = parse_frequency_table(simtest::table_csv(t), "t.csv");
  EXPECT_EQ(back.words, t.words);
  EXPECT_EQ(back.doc_ids, t.doc_ids);
  EXPECT_TRUE((back.relative.array() == t.relative.array()).all());
  EXPECT_TRUE((back.zscores.array() == t.zscores.array()).all());
}

// R's write.csv form: quoted names, "" as the first header cell.
TEST(TableIo, ReadsRWriteCsvQuoting) {
  const auto t = parse_frequency_table("\"\",\"a\",\"b\"\n\"the\",1,2\n", "t.csv");
  EXPECT_EQ(t.doc_ids, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(t.words, std::vector<std::string>{"the"});
}

// Hand-made table: features as rows, documents as columns; z-scores with the sample sd.
TEST(TableIo, LayoutIsFeaturesByDocuments) {
  const auto t = parse_frequency_table(",a,b,c\nthe,1,2,3\nof,0.5,0.5,0.5\n", "t.csv");
  ASSERT_EQ(t.doc_ids, (std::vector<std::string>{"a", "b", "c"}));
  ASSERT_EQ(t.words, (std::vector<std::string>{"the", "of"}));
  EXPECT_EQ(t.relative(2, 0), 3.0);
  EXPECT_DOUBLE_EQ(t.zscores(0, 0), -1.0);  // mean 2, sample sd 1
  EXPECT_EQ(t.constant_words, std::vector<std::string>{"of"});
}

// Malformed tables: each error names the file and line and the problem.
TEST(TableIo, MalformedTablesFailWithOneLine) {
  EXPECT_NE(error_of([] { parse_frequency_table(",a,b\nthe,1,x\n", "t.csv"); }).find("t.csv:2"), std::string::npos);
  EXPECT_NE(error_of([] { parse_frequency_table(",a,b\nthe,1,-2\n", "t.csv"); }).find("-2"), std::string::npos);
  EXPECT_NE(error_of([] { parse_frequency_table(",a,b\nthe,1,nan\n", "t.csv"); }).find("nan"), std::string::npos);
  EXPECT_NE(error_of([] { parse_frequency_table(",a,b\nthe,1,2\nthe,3,4\n", "t.csv"); }).find("duplicate"),
            std::string::npos);
  EXPECT_NE(error_of([] { parse_frequency_table(",a\nthe,1\n", "t.csv"); }).find("2 document"), std::string::npos);
  EXPECT_NE(error_of([] { parse_frequency_table(",a,b\n", "t.csv"); }).find("no feature"), std::string::npos);
  EXPECT_NE(error_of([] { parse_frequency_table(",a,b\nthe,1\n", "t.csv"); }), "");  // ragged row
  EXPECT_NE(error_of([] { parse_frequency_table(",a,b\n,1,2\n", "t.csv"); }).find("empty feature"), std::string::npos);
}

// Features file: order kept, comments and blanks skipped; duplicates and empty lists fail.
TEST(TableIo, FeaturesFile) {
  EXPECT_EQ(parse_features_file("# list\nthe\n\n  of \nand", "f.txt"),
            (std::vector<std::string>{"the", "of", "and"}));
  EXPECT_NE(error_of([] { parse_features_file("the\nof\nthe\n", "f.txt"); }).find("f.txt:3"), std::string::npos);
  EXPECT_NE(error_of([] { parse_features_file("# nothing\n\n", "f.txt"); }).find("no feature"), std::string::npos);
}

// Matrix CSV: header ,ids; ids quoted when needed; 17 significant digits that read back
// to the same double; non-finite values refused.
TEST(TableIo, MatrixCsvFormat) {
  Eigen::MatrixXd m(2, 2);
  m << 0.1, 1.0 / 3, 1.0 / 3, 0;
  const std::string csv = format_matrix_csv(m, {"a,1", "b"});
  ASSERT_EQ(csv.rfind(",\"a,1\",b\n", 0), 0u) << csv;
  const CsvTable t = parse_csv("id" + csv, "S.csv");
  EXPECT_EQ(t.header, (std::vector<std::string>{"id", "a,1", "b"}));
  EXPECT_EQ(t.rows[0][1], "0.10000000000000001");
  EXPECT_EQ(std::stod(t.rows[0][2]), 1.0 / 3);
  m(0, 1) = std::nan("");
  EXPECT_THROW(format_matrix_csv(m, {"a", "b"}), InternalError);
}

// Top-k CSV: doc,neighbor,rank,score with rank from 1.
TEST(TableIo, TopKCsvFormat) {
  TopKResult r;
  r.rows = 2;
  r.per_row = 1;
  r.neighbors = {{1, 0.5}, {0, 0.5}};
  EXPECT_EQ(format_topk_csv(r, {"x", "y"}), "doc,neighbor,rank,score\nx,y,1,0.5\ny,x,1,0.5\n");
}

}  // namespace
}  // namespace stylokit::similarity
