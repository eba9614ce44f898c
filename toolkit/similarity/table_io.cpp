#include "toolkit/similarity/table_io.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <set>

#include "toolkit/common/csv.h"
#include "toolkit/common/error.h"
#include "toolkit/similarity/pairwise.h"

namespace stylokit::similarity {

namespace {

std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return "";
  const auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

double parse_value(const std::string& field, const std::string& where) {
  const std::string t = trim(field);
  char* end = nullptr;
  errno = 0;
  const double v = t.empty() ? 0.0 : std::strtod(t.c_str(), &end);
  STYLOKIT_CHECK(!t.empty() && end == t.c_str() + t.size() && errno != ERANGE && std::isfinite(v) && v >= 0, DataError,
                 "{}: expected a relative frequency (a finite number >= 0), got '{}'", where, field);
  return v;
}

}  // namespace

features::MfwTable parse_frequency_table(const std::string& csv_text, const std::string& source) {
  // The first header cell is empty in R's write.csv ("") and pandas' to_csv output; the
  // CSV reader wants names, so give it one (it is ignored).
  std::string text = csv_text;
  const size_t bom = text.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;
  if (text.compare(bom, 1, ",") == 0) {
    text.insert(bom, "feature");
  } else if (text.compare(bom, 3, "\"\",") == 0) {
    text.replace(bom, 2, "feature");
  }
  const CsvTable csv = parse_csv(text, source);
  STYLOKIT_CHECK(csv.header.size() >= 2, DataError,
                 "{}: a frequency table needs a feature column and at least one document column (header `,doc1,doc2,...`)",
                 source);
  STYLOKIT_CHECK(!csv.rows.empty(), DataError, "{}: no feature rows", source);
  features::MfwTable t;
  t.doc_ids.assign(csv.header.begin() + 1, csv.header.end());
  const size_t n = t.doc_ids.size(), d = csv.rows.size();
  STYLOKIT_CHECK(n >= 2, DataError, "{}: needs at least 2 document columns, got {}", source, n);
  t.relative.resize(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(d));
  std::set<std::string> seen;
  for (size_t k = 0; k < d; ++k) {
    const auto& row = csv.rows[k];
    const std::string where = fmt::format("{}:{}", source, csv.row_lines[k]);
    std::string word = row[0];
    STYLOKIT_CHECK(!trim(word).empty(), DataError, "{}: empty feature name", where);
    STYLOKIT_CHECK(seen.insert(word).second, DataError, "{}: duplicate feature '{}'", where, word);
    t.words.push_back(word);
    for (size_t i = 0; i < n; ++i)
      t.relative(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(k)) =
          parse_value(row[i + 1], fmt::format("{} column '{}'", where, t.doc_ids[i]));
  }
  standardize(t);
  return t;
}

std::string format_frequency_table(const features::MfwTable& table) {
  std::string out;
  append_matrix_csv(out, "", table.doc_ids, table.words, table.relative.transpose());
  return out;
}

std::vector<std::string> parse_features_file(const std::string& text, const std::string& source) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  size_t line_no = 0, pos = 0;
  while (pos <= text.size()) {
    const size_t nl = text.find('\n', pos);
    const std::string_view line = std::string_view(text).substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
    ++line_no;
    const std::string word = trim(line);
    if (!word.empty() && word[0] != '#') {
      STYLOKIT_CHECK(seen.insert(word).second, DataError, "{}:{}: duplicate feature '{}'", source, line_no, word);
      out.push_back(word);
    }
    if (nl == std::string::npos) break;
    pos = nl + 1;
  }
  STYLOKIT_CHECK(!out.empty(), DataError, "{}: no feature listed (one per line)", source);
  return out;
}

std::string format_matrix_csv(const Eigen::MatrixXd& values, const std::vector<std::string>& ids) {
  STYLOKIT_ASSERT(values.rows() == values.cols() && static_cast<size_t>(values.rows()) == ids.size());
  STYLOKIT_CHECK(values.allFinite(), InternalError, "internal error: refusing to write a non-finite similarity value");
  std::string out;
  out.reserve(ids.size() * ids.size() * 20);
  append_matrix_csv(out, "", ids, ids, values);
  return out;
}

std::string format_topk_csv(const TopKResult& result, const std::vector<std::string>& ids) {
  STYLOKIT_ASSERT(result.first_row + result.rows <= ids.size());
  std::string out = "doc,neighbor,rank,score\n";
  for (size_t i = 0; i < result.rows; ++i) {
    const Neighbor* row = result.row(i);
    for (size_t r = 0; r < result.per_row; ++r) {
      out += csv_escape(ids[result.first_row + i]);
      out += ',';
      out += csv_escape(ids[row[r].index]);
      fmt::format_to(std::back_inserter(out), ",{},", r + 1);
      append_g17(out, row[r].score);
      out += '\n';
    }
  }
  return out;
}

}  // namespace stylokit::similarity
