#pragma once
// Helpers for the similarity tests: seeded random inputs, writing them in the formats the
// Python references read, and running those references.

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "tests/test_util.h"
#include "toolkit/features/matrix.h"
#include "toolkit/features/mfw.h"
#include "toolkit/similarity/pairwise.h"

namespace stylokit::simtest {

// A documents × features table of percentages, about `zero_share` of cells zero, columns
// roughly in decreasing frequency (as MFW tables are), seeded.
inline features::MfwTable random_table(size_t n, size_t d, uint64_t seed, double zero_share = 0.2) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  features::MfwTable t;
  t.relative.resize(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(d));
  for (size_t i = 0; i < n; ++i) {
    t.doc_ids.push_back(fmt::format("doc{:03}", i));
    for (size_t k = 0; k < d; ++k) {
      const double v = u(rng) < zero_share ? 0.0 : 5.0 / static_cast<double>(k + 1) * (0.2 + u(rng));
      t.relative(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(k)) = v;
    }
  }
  for (size_t k = 0; k < d; ++k) t.words.push_back(fmt::format("w{:03}", k));
  similarity::standardize(t);
  return t;
}

// stylo's table layout: features as rows, documents as columns.
inline std::string table_csv(const features::MfwTable& t) {
  std::string out;
  for (const auto& id : t.doc_ids) {
    out += ',';
    out += id;
  }
  out += "\n";
  for (size_t k = 0; k < t.words.size(); ++k) {
    out += t.words[k];
    for (Eigen::Index i = 0; i < t.relative.rows(); ++i)
      out += fmt::format(",{:.17g}", t.relative(i, static_cast<Eigen::Index>(k)));
    out += "\n";
  }
  return out;
}

// A sparse Zipf-like count matrix with some duplicate and some empty rows, seeded.
inline DocTermMatrix random_sparse(size_t n, size_t terms, size_t words_per_doc, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<double> weights(terms);
  for (size_t t = 0; t < terms; ++t) weights[t] = 1.0 / static_cast<double>(t + 1);
  std::discrete_distribution<size_t> zipf(weights.begin(), weights.end());
  std::vector<Eigen::Triplet<double, std::int64_t>> trip;
  for (size_t i = 0; i < n; ++i) {
    if (i % 97 == 5) continue;  // an empty document
    const size_t src = (i % 53 == 7 && i > 0) ? i - 1 : i;  // a near copy of the previous row
    std::mt19937_64 doc_rng(seed * 1000003 + src);
    std::uniform_int_distribution<size_t> len(1, words_per_doc);
    const size_t m = len(doc_rng);
    for (size_t w = 0; w < m; ++w) trip.emplace_back(i, zipf(src == i ? rng : doc_rng), 1.0);
  }
  DocTermMatrix x(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(terms));
  x.setFromTriplets(trip.begin(), trip.end());
  x.makeCompressed();
  return x;
}

inline std::string mtx_text(const DocTermMatrix& x) {
  std::string out = "%%MatrixMarket matrix coordinate real general\n";
  out += fmt::format("{} {} {}\n", x.rows(), x.cols(), x.nonZeros());
  for (Eigen::Index i = 0; i < x.rows(); ++i)
    for (DocTermMatrix::InnerIterator it(x, i); it; ++it)
      out += fmt::format("{} {} {:.17g}\n", i + 1, it.col() + 1, it.value());
  return out;
}

// Runs tests/similarity/<script> with arguments; returns the JSON it wrote to `out`.
inline nlohmann::json run_reference(const std::string& script, const std::string& args, const std::string& out) {
  const std::string cmd = fmt::format("{} {}/similarity/{} {}", STYLOKIT_PYTHON, STYLOKIT_TESTS_DIR, script, args);
  const auto r = testing::run_shell(cmd);
  EXPECT_EQ(r.exit_code, 0) << cmd << "\n" << r.err;
  std::ifstream in(out);
  nlohmann::json j;
  if (in) in >> j;
  return j;
}

// |a - b| <= tol * max(1, |b|) for every entry.
inline void expect_close(const Eigen::MatrixXd& a, const nlohmann::json& b, double tol, const std::string& what) {
  ASSERT_EQ(static_cast<size_t>(a.rows()), b.size()) << what;
  for (Eigen::Index i = 0; i < a.rows(); ++i)
    for (Eigen::Index j = 0; j < a.cols(); ++j) {
      const double ref = b[static_cast<size_t>(i)][static_cast<size_t>(j)].get<double>();
      ASSERT_LE(std::fabs(a(i, j) - ref), tol * std::max(1.0, std::fabs(ref)))
          << what << " at (" << i << ", " << j << "): " << a(i, j) << " vs " << ref;
    }
}

}  // namespace stylokit::simtest
