#pragma once
// A small RFC 4180 CSV reader and writer: comma separator, fields quoted with '"'
// when they hold a comma, quote, CR or LF; "" inside quotes is a quote. Used for
// corpora, metadata, matrices and tables, so the error messages name file and line.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace stylokit {

struct CsvTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;  // every row has header.size() fields
  std::vector<size_t> row_lines;               // 1-based line where each row starts

  // Index of a column by name, or -1.
  int column(std::string_view name) const;
};

// Parses CSV text whose first record is the header. `source` names the file in
// errors. Throws DataError on an unterminated quote, a stray quote, a row with the
// wrong number of fields, an empty or duplicate header name. A trailing newline and
// CRLF line ends are accepted; a leading UTF-8 BOM is skipped.
CsvTable parse_csv(std::string_view text, const std::string& source);

// Quotes a field when needed.
std::string csv_escape(std::string_view field);

// Appends fields joined by commas and a '\n' to `out`.
void append_csv_row(std::string& out, const std::vector<std::string>& fields);

// Labelled numeric tables (similarity and distance matrices, frequency tables, coordinates)
// all share one layout, written by the functions below so that they cannot drift apart:
//   <corner>,<column label 1>,...,<column label m>
//   <row label 1>,<value>,...,<value>
// labels quoted when needed (csv_escape), values with 17 significant digits ("{:.17g}", which
// reads back as the same double; NaN and infinities come out as "nan", "inf", "-inf": callers
// that must not write them check first), no trailing comma, every line ending in '\n'.

// Throws InternalError: a matrix CSV's labels do not match the matrix's shape.
[[noreturn]] void throw_matrix_csv_shape(std::ptrdiff_t rows, std::ptrdiff_t cols, size_t row_labels,
                                         size_t column_labels);

// Appends v as "{:.17g}". O(1).
void append_g17(std::string& out, double v);

// Appends the header line: corner, then the labels. O(label bytes).
void append_matrix_csv_header(std::string& out, std::string_view corner, const std::vector<std::string>& labels);

// Appends one data line: `label`, then values(row, 0), ..., values(row, cols - 1). Matrix is any
// type with cols() and operator()(row, col) -> double (an Eigen matrix or expression). O(cols).
template <class Matrix>
void append_matrix_csv_row(std::string& out, std::string_view label, const Matrix& values, std::ptrdiff_t row) {
  out += csv_escape(label);
  for (std::ptrdiff_t c = 0; c < static_cast<std::ptrdiff_t>(values.cols()); ++c) {
    out += ',';
    append_g17(out, values(row, c));
  }
  out += '\n';
}

// Appends the whole table: header (corner, column_labels), then row r of `values` labelled
// row_labels[r]. The label counts must match the matrix's shape (InternalError otherwise).
// O(rows × cols).
template <class Matrix>
void append_matrix_csv(std::string& out, std::string_view corner, const std::vector<std::string>& column_labels,
                       const std::vector<std::string>& row_labels, const Matrix& values) {
  if (static_cast<size_t>(values.rows()) != row_labels.size() ||
      static_cast<size_t>(values.cols()) != column_labels.size())
    throw_matrix_csv_shape(values.rows(), values.cols(), row_labels.size(), column_labels.size());
  append_matrix_csv_header(out, corner, column_labels);
  for (size_t r = 0; r < row_labels.size(); ++r)
    append_matrix_csv_row(out, row_labels[r], values, static_cast<std::ptrdiff_t>(r));
}

}  // namespace stylokit
