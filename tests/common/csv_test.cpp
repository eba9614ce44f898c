#include "toolkit/common/csv.h"

#include <gtest/gtest.h>

#include "toolkit/common/error.h"

using namespace stylokit;

// Quoted fields keep commas, quotes and newlines; CRLF and a BOM are accepted.
TEST(Csv, ParsesQuotedFieldsAndCrlf) {
  CsvTable t = parse_csv("\xEF\xBB\xBFid,text\r\na,\"x, \"\"y\"\"\nz\"\r\nb,plain\r\n", "t.csv");
  ASSERT_EQ(t.header, (std::vector<std::string>{"id", "text"}));
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0][1], "x, \"y\"\nz");
  EXPECT_EQ(t.rows[1][1], "plain");
  EXPECT_EQ(t.row_lines[1], 4u);
  EXPECT_EQ(t.column("text"), 1);
  EXPECT_EQ(t.column("nope"), -1);
}

// Writing then reading gives the fields back, whatever they hold.
TEST(Csv, RoundTrip) {
  std::vector<std::vector<std::string>> rows = {{"id", "v"}, {"a,b", "say \"hi\""}, {"line\nbreak", ""}, {"", "x"}};
  std::string text;
  for (const auto& r : rows) append_csv_row(text, r);
  CsvTable t = parse_csv(text, "rt.csv");
  EXPECT_EQ(t.header, rows[0]);
  ASSERT_EQ(t.rows.size(), 3u);
  for (size_t i = 0; i < 3; ++i) EXPECT_EQ(t.rows[i], rows[i + 1]);
}

// Malformed CSV is a DataError naming the file and line.
TEST(Csv, MalformedInputNamesFileAndLine) {
  auto message = [](const std::string& text) {
    try {
      parse_csv(text, "bad.csv");
    } catch (const DataError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(message("id,text\na,\"open\n"), "bad.csv:2: unterminated quoted field");
  EXPECT_EQ(message("id,text\na,b,c\n"), "bad.csv:2: 3 fields, the header has 2");
  EXPECT_EQ(message("id,id\n"), "bad.csv:1: duplicate column 'id' in the header");
  EXPECT_EQ(message("id,text\na,b\"c\n"), "bad.csv:2: quote inside an unquoted field");
  EXPECT_EQ(message(""), "bad.csv: empty CSV, expected a header row");
  EXPECT_EQ(message("id,\n"), "bad.csv:1: empty column name in the header");
}

// The matrix layout: corner and labels escaped, 17 significant digits that read back to the
// same double, one line per row; mismatched labels are an internal error.
TEST(Csv, MatrixLayout) {
  struct Matrix {
    std::vector<std::vector<double>> v;
    std::ptrdiff_t rows() const { return static_cast<std::ptrdiff_t>(v.size()); }
    std::ptrdiff_t cols() const { return static_cast<std::ptrdiff_t>(v[0].size()); }
    double operator()(std::ptrdiff_t r, std::ptrdiff_t c) const { return v[r][c]; }
  };
  const Matrix m{{{0.1, 1.0 / 3, 2}, {-0.0, 1e300, 5e-324}}};
  std::string out;
  append_matrix_csv(out, "", {"x", "y,z", "w"}, {"a", "b\"c"}, m);
  EXPECT_EQ(out,
            ",x,\"y,z\",w\n"
            "a,0.10000000000000001,0.33333333333333331,2\n"
            "\"b\"\"c\",-0,1.0000000000000001e+300,4.9406564584124654e-324\n");
  const CsvTable t = parse_csv("id" + out, "m.csv");
  EXPECT_EQ(std::stod(t.rows[0][2]), 1.0 / 3);
  std::string header;
  append_matrix_csv_header(header, "doc", {"dim1"});
  EXPECT_EQ(header, "doc,dim1\n");
  EXPECT_THROW(append_matrix_csv(out, "", {"x"}, {"a", "b"}, m), InternalError);
}
