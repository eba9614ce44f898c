#pragma once
// A small RFC 4180 CSV reader and writer: comma separator, fields quoted with '"'
// when they hold a comma, quote, CR or LF; "" inside quotes is a quote. Used for
// corpora, metadata, matrices and tables, so the error messages name file and line.

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

}  // namespace stylokit
