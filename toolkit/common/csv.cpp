#include "toolkit/common/csv.h"

#include <iterator>
#include <set>

#include "toolkit/common/error.h"
#include "toolkit/common/utf8.h"

namespace stylokit {

int CsvTable::column(std::string_view name) const {
  for (size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return static_cast<int>(i);
  return -1;
}

CsvTable parse_csv(std::string_view text, const std::string& source) {
  text.remove_prefix(utf8_bom_length(text));
  std::vector<std::vector<std::string>> records;
  std::vector<size_t> lines;
  size_t line = 1;
  size_t i = 0;
  const size_t n = text.size();
  while (i < n) {
    std::vector<std::string> record;
    size_t record_line = line;
    for (;;) {  // one field per pass
      std::string field;
      if (i < n && text[i] == '"') {
        size_t quote_line = line;
        ++i;
        for (;;) {
          if (i >= n) throw DataError(fmt::format("{}:{}: unterminated quoted field", source, quote_line));
          char c = text[i++];
          if (c == '"') {
            if (i < n && text[i] == '"') {
              field.push_back('"');
              ++i;
            } else {
              break;
            }
          } else {
            if (c == '\n') ++line;
            field.push_back(c);
          }
        }
        if (i < n && text[i] != ',' && text[i] != '\n' && text[i] != '\r')
          throw DataError(fmt::format("{}:{}: unexpected character after a closing quote", source, line));
      } else {
        while (i < n && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
          if (text[i] == '"') throw DataError(fmt::format("{}:{}: quote inside an unquoted field", source, line));
          field.push_back(text[i++]);
        }
      }
      record.push_back(std::move(field));
      if (i < n && text[i] == ',') {
        ++i;
        continue;
      }
      break;
    }
    if (i < n && text[i] == '\r') ++i;
    if (i < n && text[i] == '\n') ++i;
    ++line;
    // A blank line (one empty field) is skipped rather than read as a record.
    if (record.size() == 1 && record[0].empty()) continue;
    records.push_back(std::move(record));
    lines.push_back(record_line);
  }
  if (records.empty()) throw DataError(fmt::format("{}: empty CSV, expected a header row", source));
  CsvTable table;
  table.header = std::move(records[0]);
  std::set<std::string> seen;
  for (const auto& h : table.header) {
    if (h.empty()) throw DataError(fmt::format("{}:{}: empty column name in the header", source, lines[0]));
    if (!seen.insert(h).second)
      throw DataError(fmt::format("{}:{}: duplicate column '{}' in the header", source, lines[0], h));
  }
  for (size_t r = 1; r < records.size(); ++r) {
    if (records[r].size() != table.header.size())
      throw DataError(
          fmt::format("{}:{}: {} fields, the header has {}", source, lines[r], records[r].size(), table.header.size()));
    table.rows.push_back(std::move(records[r]));
    table.row_lines.push_back(lines[r]);
  }
  return table;
}

std::string csv_escape(std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(field);
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

void append_csv_row(std::string& out, const std::vector<std::string>& fields) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) out.push_back(',');
    out += csv_escape(fields[i]);
  }
  out.push_back('\n');
}

void throw_matrix_csv_shape(std::ptrdiff_t rows, std::ptrdiff_t cols, size_t row_labels, size_t column_labels) {
  throw InternalError(fmt::format("internal error: a {} x {} matrix written with {} row and {} column labels", rows,
                                  cols, row_labels, column_labels));
}

void append_g17(std::string& out, double v) {
  fmt::format_to(std::back_inserter(out), "{:.17g}", v);
}

void append_matrix_csv_header(std::string& out, std::string_view corner, const std::vector<std::string>& labels) {
  out += csv_escape(corner);
  for (const auto& label : labels) {
    out += ',';
    out += csv_escape(label);
  }
  out += '\n';
}

}  // namespace stylokit
