#include "toolkit/cluster/distance_matrix.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>

#include "toolkit/common/csv.h"
#include "toolkit/common/error.h"
#include "toolkit/common/io.h"
#include "toolkit/common/utf8.h"

namespace stylokit::cluster {

CondensedDistances::CondensedDistances(std::size_t n) : n_(n) {
  STYLOKIT_CHECK(n >= 2, DataError, "a distance matrix needs at least two documents, got {}", n);
  values_.assign(n * (n - 1) / 2, 0.0);
}

CondensedDistances::CondensedDistances(std::size_t n, std::vector<double> values)
    : n_(n), values_(std::move(values)) {}

Eigen::MatrixXd CondensedDistances::to_dense() const {
  Eigen::MatrixXd m = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(n_), static_cast<Eigen::Index>(n_));
  for (std::size_t i = 0; i < n_; ++i)
    for (std::size_t j = i + 1; j < n_; ++j) {
      double v = values_[index(i, j)];
      m(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = v;
      m(static_cast<Eigen::Index>(j), static_cast<Eigen::Index>(i)) = v;
    }
  return m;
}

void validate(const CondensedDistances& d, const std::string& source) {
  const std::size_t n = d.size();
  STYLOKIT_CHECK(n >= 2, DataError, "{}: a distance matrix needs at least two documents, got {}", source, n);
  STYLOKIT_CHECK(d.values().size() == n * (n - 1) / 2, DataError,
                 "{}: condensed distance vector has {} values, {} documents need {}", source, d.values().size(), n,
                 n * (n - 1) / 2);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j) {
      double v = d.values()[d.index(i, j)];
      STYLOKIT_CHECK(std::isfinite(v), DataError, "{}: distance between documents {} and {} is {} (not finite)",
                     source, i, j, v);
      STYLOKIT_CHECK(v >= 0, DataError, "{}: negative distance {} between documents {} and {}", source, v, i, j);
    }
}

CondensedDistances condensed_from_dense(const Eigen::Ref<const Eigen::MatrixXd>& dense, const std::string& source) {
  STYLOKIT_CHECK(dense.rows() == dense.cols(), DataError, "{}: the matrix is not square ({} rows, {} columns)", source,
                 dense.rows(), dense.cols());
  STYLOKIT_CHECK(dense.rows() >= 2, DataError, "{}: a distance matrix needs at least two documents, got {}", source,
                 dense.rows());
  const auto n = static_cast<std::size_t>(dense.rows());
  CondensedDistances d(n);
  for (Eigen::Index i = 0; i < dense.rows(); ++i) {
    STYLOKIT_CHECK(std::isfinite(dense(i, i)), DataError, "{}: diagonal value {} of row {} is not finite", source,
                   dense(i, i), i + 1);
    for (Eigen::Index j = i + 1; j < dense.cols(); ++j) {
      double a = dense(i, j), b = dense(j, i);
      STYLOKIT_CHECK(std::isfinite(a) && std::isfinite(b), DataError,
                     "{}: value at row {}, column {} is not finite ({}, {})", source, i + 1, j + 1, a, b);
      STYLOKIT_CHECK(std::abs(a - b) <= 1e-9 * std::max(1.0, std::abs(a)), DataError,
                     "{}: the matrix is not symmetric: row {}, column {} is {} but row {}, column {} is {}", source,
                     i + 1, j + 1, a, j + 1, i + 1, b);
      STYLOKIT_CHECK(a >= 0, DataError, "{}: negative distance {} at row {}, column {}", source, a, i + 1, j + 1);
      d.at(static_cast<std::size_t>(i), static_cast<std::size_t>(j)) = a;
    }
  }
  return d;
}

std::string similarity_to_distance(Eigen::MatrixXd& s, const std::string& source) {
  for (Eigen::Index i = 0; i < s.rows(); ++i)
    for (Eigen::Index j = 0; j < s.cols(); ++j)
      STYLOKIT_CHECK(std::isfinite(s(i, j)), DataError, "{}: similarity at row {}, column {} is not finite ({})",
                     source, i + 1, j + 1, s(i, j));
  const double max = s.size() ? s.maxCoeff() : 0.0;
  std::string rule;
  // Cosine of a vector with itself can round to 1 + 2^-52; such noise is still "<= 1".
  if (max <= 1.0 + 1e-9) {
    s = (1.0 - s.array()).max(0.0).matrix();
    rule = "distance = 1 - similarity (all similarities <= 1; values rounding above 1 give 0)";
  } else {
    s = (max - s.array()).matrix();
    rule = fmt::format("distance = {:.17g} - similarity (the largest similarity; some exceed 1)", max);
  }
  s.diagonal().setZero();
  return rule;
}

namespace {

double parse_cell(const std::string& cell, const std::string& source, std::size_t line, std::size_t column) {
  std::string_view v = cell;
  while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
  while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
  if (!v.empty() && v.front() == '+') v.remove_prefix(1);
  double x = 0;
  auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), x);
  STYLOKIT_CHECK(!v.empty() && ec == std::errc() && ptr == v.data() + v.size(), DataError,
                 "{}:{}: column {} holds '{}', not a number", source, line, column, cell);
  STYLOKIT_CHECK(std::isfinite(x), DataError, "{}:{}: column {} holds '{}' (NaN or infinite)", source, line, column,
                 cell);
  return x;
}

}  // namespace

LabeledMatrix read_matrix_csv(const std::filesystem::path& csv, const std::string& direction_hint) {
  const std::string source = csv.string();
  std::string text = read_file(csv);
  // The first header cell is the (unnamed) index column of pandas/R; parse_csv refuses
  // empty names, so give it one that no id can collide with.
  std::size_t bom = utf8_bom_length(text);
  std::string_view body = std::string_view(text).substr(bom);
  std::string patched;
  if (body.starts_with("\"\",") || body.starts_with(",")) {
    patched = "\x1f" + std::string(body.substr(body.front() == '"' ? 2 : 0));
  } else {
    patched = std::string(body);
  }
  text.clear();
  text.shrink_to_fit();
  CsvTable table = parse_csv(patched, source);
  patched.clear();
  patched.shrink_to_fit();

  const std::size_t n = table.header.size() - 1;
  STYLOKIT_CHECK(table.header.size() >= 3, DataError,
                 "{}: a distance matrix needs at least two documents, the header names {}", source, n);
  STYLOKIT_CHECK(table.rows.size() == n, DataError, "{}: the matrix is not square: {} columns but {} rows", source, n,
                 table.rows.size());
  LabeledMatrix out;
  out.ids.assign(table.header.begin() + 1, table.header.end());
  Eigen::MatrixXd& dense = out.values;
  dense.resize(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(n));
  for (std::size_t r = 0; r < n; ++r) {
    const auto& row = table.rows[r];
    STYLOKIT_CHECK(row[0] == out.ids[r], DataError,
                   "{}:{}: row {} is for '{}' but column {} is '{}' (rows must follow the header's order)", source,
                   table.row_lines[r], r + 1, row[0], r + 1, out.ids[r]);
    for (std::size_t c = 0; c < n; ++c)
      dense(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c)) =
          parse_cell(row[c + 1], source, table.row_lines[r], c + 2);
  }
  table = CsvTable();

  std::string direction = direction_hint;
  std::filesystem::path sidecar = csv;
  sidecar.replace_extension(".json");
  if (std::filesystem::exists(sidecar)) {
    nlohmann::json j;
    try {
      j = nlohmann::json::parse(read_file(sidecar));
    } catch (const nlohmann::json::exception& e) {
      throw DataError(fmt::format("{}: not valid JSON: {}", sidecar.string(), e.what()));
    }
    STYLOKIT_CHECK(j.is_object(), DataError, "{}: expected a JSON object", sidecar.string());
    if (j.contains("measure") && j["measure"].is_string()) out.measure = j["measure"].get<std::string>();
    if (direction.empty()) {
      STYLOKIT_CHECK(j.contains("direction") && j["direction"].is_string(), DataError,
                     "{}: no \"direction\" key (\"similarity\" or \"distance\")", sidecar.string());
      direction = j["direction"].get<std::string>();
      STYLOKIT_CHECK(direction == "similarity" || direction == "distance", DataError,
                     "{}: \"direction\" is '{}', expected \"similarity\" or \"distance\"", sidecar.string(), direction);
    }
  }
  if (direction.empty()) {
    STYLOKIT_CHECK(dense.diagonal().isZero(0.0), DataError,
                   "{}: no {} beside it says whether it holds similarities or distances, and its diagonal is not 0; "
                   "pass the direction (--direction similarity|distance)",
                   source, sidecar.filename().string());
    direction = "distance";
  }
  STYLOKIT_CHECK(direction == "similarity" || direction == "distance", ConfigError,
                 "direction '{}' is not 'similarity' or 'distance'", direction);
  out.direction = direction == "similarity" ? Direction::kSimilarity : Direction::kDistance;
  return out;
}

LabeledDistances read_distance_csv(const std::filesystem::path& csv, const std::string& direction_hint) {
  LabeledMatrix m = read_matrix_csv(csv, direction_hint);
  LabeledDistances out;
  out.ids = std::move(m.ids);
  out.measure = std::move(m.measure);
  out.direction = m.direction;
  if (m.direction == Direction::kSimilarity) out.conversion = similarity_to_distance(m.values, csv.string());
  out.distances = condensed_from_dense(m.values, csv.string());
  return out;
}

void write_matrix_csv(const std::filesystem::path& path, const std::vector<std::string>& ids,
                      const Eigen::Ref<const Eigen::MatrixXd>& dense) {
  STYLOKIT_ASSERT(dense.rows() == static_cast<Eigen::Index>(ids.size()) && dense.cols() == dense.rows());
  AtomicFile file(path);
  std::string line;
  append_matrix_csv_header(line, "", ids);
  file.write(line);
  // Line by line: the text of a large matrix is several times the size of its doubles.
  for (std::size_t r = 0; r < ids.size(); ++r) {
    line.clear();
    append_matrix_csv_row(line, ids[r], dense, static_cast<Eigen::Index>(r));
    file.write(line);
  }
  file.commit();
}

}  // namespace stylokit::cluster
