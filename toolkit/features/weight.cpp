// Weighting (the transform): tf, idf and row norms over counted rows, in memory or streamed to
// a file row by row.

#include <algorithm>
#include <cmath>

#include "toolkit/common/error.h"
#include "toolkit/common/parallel.h"
#include "toolkit/features/internal/fit.h"
#include "toolkit/features/matrix_io.h"
#include "toolkit/features/vectorizer.h"

namespace stylokit::features {

namespace {

// idf per column (empty for IdfWeight::kNone). As sklearn: idf = log(n_samples / df) + 1,
// with n_samples and df both + 1 when smoothing.
std::vector<double> idf_weights(const Vocabulary& vocabulary, size_t rows, const VectorizerOptions& options) {
  std::vector<double> idf;
  if (options.idf == IdfWeight::kNone) return idf;
  idf.resize(vocabulary.size());
  const int smooth = options.idf == IdfWeight::kSmooth ? 1 : 0;
  const double n_samples = static_cast<double>(rows + static_cast<size_t>(smooth));
  for (size_t c = 0; c < idf.size(); ++c) {
    const double df = static_cast<double>(vocabulary.df(c) + smooth);
    idf[c] = std::log(n_samples / df) + 1.0;
  }
  return idf;
}

// Applies tf, idf and norm to one row's n counts (columns cols), in place; `total` is the
// document's number of terms before pruning (kRelative). One fixed order of arithmetic, so
// the in-memory and the streamed matrix hold the same doubles.
void weight_row(double* values, const int64_t* cols, size_t n, int64_t total, const std::vector<double>& idf,
                const VectorizerOptions& options) {
  for (size_t k = 0; k < n; ++k) {
    double v = values[k];
    switch (options.tf) {
      case TfWeight::kRaw: break;
      case TfWeight::kBinary: v = 1.0; break;
      case TfWeight::kSublinear: v = std::log(v) + 1.0; break;
      case TfWeight::kRelative: v = v / static_cast<double>(total) * 100.0; break;
    }
    if (!idf.empty()) v *= idf[static_cast<size_t>(cols[k])];
    values[k] = v;
  }
  if (options.norm == Norm::kNone) return;
  double sum = 0;
  if (options.norm == Norm::kL2) {
    for (size_t k = 0; k < n; ++k) sum += values[k] * values[k];
    if (sum == 0.0) return;
    sum = std::sqrt(sum);
  } else {
    for (size_t k = 0; k < n; ++k) sum += std::fabs(values[k]);
    if (sum == 0.0) return;
  }
  for (size_t k = 0; k < n; ++k) values[k] /= sum;
}

// Applies tf, idf and norm to `m` in place (the counts of `counts`).
void weight_in_place(DocTermMatrix& m, const CountResult& counts, const VectorizerOptions& options) {
  const size_t rows = static_cast<size_t>(m.rows());
  STYLOKIT_ASSERT(counts.doc_totals.size() == rows || options.tf != TfWeight::kRelative);
  STYLOKIT_ASSERT(counts.vocabulary.size() == static_cast<size_t>(m.cols()));
  const auto* outer = m.outerIndexPtr();
  const auto* inner = m.innerIndexPtr();
  double* values = m.valuePtr();
  const std::vector<double> idf = idf_weights(counts.vocabulary, rows, options);
  // Rows are independent: blocks of rows in parallel, each row's arithmetic in one fixed order.
  constexpr size_t kRowsPerTask = 32;
  parallel_for((rows + kRowsPerTask - 1) / kRowsPerTask, options.threads, [&](size_t t) {
    for (size_t r = t * kRowsPerTask; r < std::min(rows, (t + 1) * kRowsPerTask); ++r)
      weight_row(values + outer[r], inner + outer[r], static_cast<size_t>(outer[r + 1] - outer[r]),
                 counts.doc_totals.empty() ? 0 : counts.doc_totals[r], idf, options);
  });
}

}  // namespace

DocTermMatrix weight(const CountResult& counts, const VectorizerOptions& options) {
  DocTermMatrix m = counts.counts;
  weight_in_place(m, counts, options);
  return m;
}

namespace {

Vectorized weighted(CountResult counts, const VectorizerOptions& options) {
  Vectorized out;
  out.matrix.swap(counts.counts);
  weight_in_place(out.matrix, counts, options);
  out.vocabulary = std::move(counts.vocabulary);
  out.doc_ids = std::move(counts.doc_ids);
  return out;
}

}  // namespace

Vectorized vectorize(const Corpus& corpus, const VectorizerOptions& options) {
  return weighted(count_terms(corpus, options), options);
}

Vectorized vectorize(const text::TokenCorpus& tokens, const VectorizerOptions& options) {
  return weighted(count_terms(tokens, options), options);
}

WrittenMatrix vectorize_to_file(const Corpus& corpus, const VectorizerOptions& options,
                                const std::filesystem::path& mtx_path) {
  detail::Fit f = detail::fit(corpus, options);
  const size_t rows = f.slices.size();
  const WrittenMatrix shape{rows, f.terms.size(), f.outer.back()};
  const Vocabulary vocabulary(std::move(f.terms), std::move(f.dfs), std::move(f.counts));
  const std::vector<double> idf = idf_weights(vocabulary, rows, options);
  std::vector<std::vector<uint64_t>> scratch(2 * static_cast<size_t>(resolve_thread_count(options.threads)));
  save_matrix_rows(
      mtx_path, f.outer, vocabulary.size(),
      [&](size_t r, size_t w, MatrixRow& out) {
        std::vector<uint64_t>& v = scratch[2 * w];
        f.row(r, v, scratch[2 * w + 1]);
        out.cols.resize(v.size());
        out.values.resize(v.size());
        for (size_t k = 0; k < v.size(); ++k) {
          out.cols[k] = static_cast<int64_t>(v[k] >> 32);
          out.values[k] = static_cast<double>(static_cast<uint32_t>(v[k]));
        }
        weight_row(out.values.data(), out.cols.data(), v.size(), f.doc_totals[r], idf, options);
      },
      vocabulary, corpus.ids(), options.threads);
  return shape;
}

}  // namespace stylokit::features
