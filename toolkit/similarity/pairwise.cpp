#include "toolkit/similarity/pairwise.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

#if defined(__linux__)
#include <sys/mman.h>
#endif

#include "toolkit/common/error.h"
#include "toolkit/common/parallel.h"
#include "toolkit/common/progress.h"
#include "toolkit/similarity/internal/kernels.h"

namespace stylokit::similarity {

namespace {

using features::DenseTable;
using features::MfwTable;

// Rows per tile: two tiles of 32 rows × 1,000 doubles stay in L2 while their pairs run.
constexpr size_t kTile = 32;

// Pairs i <= j of a tile (rows [i0, i1) by columns [j0, j1); a diagonal tile counts each once).
size_t tile_pairs(size_t i0, size_t i1, size_t j0, size_t j1, bool diagonal) {
  const size_t rows = i1 - i0;
  return diagonal ? rows * (rows + 1) / 2 : rows * (j1 - j0);
}

// Calls f(i, j) for every pair i <= j, tiles handed to threads in a fixed list. f writes
// only entries (i, j) and (j, i), so threads never touch the same entry.
template <class F>
void for_all_pairs(size_t n, int threads, F&& f) {
  const size_t tiles = (n + kTile - 1) / kTile;
  std::vector<std::pair<size_t, size_t>> work;
  work.reserve(tiles * (tiles + 1) / 2);
  for (size_t a = 0; a < tiles; ++a)
    for (size_t b = a; b < tiles; ++b) work.emplace_back(a, b);
  Progress progress("all pairs", n * (n + 1) / 2, "pairs");
  detail::parallel_for(work.size(), threads, [&](size_t t) {
    const auto [a, b] = work[t];
    const size_t i_end = std::min(n, (a + 1) * kTile), j_end = std::min(n, (b + 1) * kTile);
    progress.add(tile_pairs(a * kTile, i_end, b * kTile, j_end, a == b));
    for (size_t i = a * kTile; i < i_end; ++i)
      for (size_t j = std::max(i, b * kTile); j < j_end; ++j) f(i, j);
  });
}

std::string join_ids(const std::vector<std::string>& ids, const std::vector<size_t>& rows) {
  std::string out;
  for (size_t k = 0; k < rows.size() && k < 10; ++k) out += (k ? ", " : "") + ids[rows[k]];
  if (rows.size() > 10) out += fmt::format(", ... ({} in all)", rows.size());
  return out;
}

// An uninitialised rows × cols matrix. On Linux, transparent huge pages are requested
// before the first touch: a 5,000-document result is 200 MB, and with 4 KiB pages its 50,000
// page faults (slow on a virtual machine) and the TLB misses of the transposed writes cost
// about as much as the arithmetic. A hint only (ignored where unsupported); values are
// unaffected.
template <class Matrix>
Matrix big_matrix(Eigen::Index rows, Eigen::Index cols) {
  Matrix out(rows, cols);
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  constexpr std::uintptr_t kHuge = std::uintptr_t{2} << 20;
  const std::uintptr_t start = reinterpret_cast<std::uintptr_t>(out.data());
  const std::uintptr_t begin = (start + kHuge - 1) & ~(kHuge - 1);
  const std::uintptr_t end = (start + static_cast<std::uintptr_t>(out.size()) * sizeof(double)) & ~(kHuge - 1);
  if (end > begin) static_cast<void>(madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE));
#endif
  return out;
}

Eigen::MatrixXd square_matrix(size_t n) {
  return big_matrix<Eigen::MatrixXd>(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(n));
}

// Floating-point sums leave the diagonal a few ulps off its exact value (cosine of a row
// with itself = 1.0000000000000002, 1 - that = -2.2e-16) and can push identical rows below
// zero distance. Identity is a property users check, so rounding noise is snapped: a
// similarity's diagonal within 1e-9 of 1 becomes 1 and values are clamped to [-1, 1];
// a distance within 1e-9 of 0 becomes 0 (on the diagonal, or when negative). Larger
// departures (zero vectors, scored as measure.h says) are left as computed.
inline double snap(double v, bool diagonal, bool similarity) {
  constexpr double kTol = 1e-9;
  if (similarity) {
    if (diagonal && std::abs(v - 1.0) < kTol) v = 1.0;
    return std::clamp(v, -1.0, 1.0);
  }
  return std::abs(v) < kTol && (diagonal || v < 0) ? 0.0 : v;
}

// Fills a symmetric matrix from a row kernel on a prepared row-major table; values are
// snapped as they are written (one pass over n^2 values saved) and must be finite.
template <class Kernel>
Eigen::MatrixXd fill(const DenseTable& x, bool similarity, int threads, Kernel&& kernel) {
  const size_t n = static_cast<size_t>(x.rows()), m = static_cast<size_t>(x.cols());
  Eigen::MatrixXd out = square_matrix(n);
  for_all_pairs(n, threads, [&](size_t i, size_t j) {
    const double v = snap(kernel(x.row(i).data(), x.row(j).data(), m), i == j, similarity);
    STYLOKIT_ASSERT(std::isfinite(v));
    out(i, j) = v;
    out(j, i) = v;
  });
  return out;
}

// The same for the three blocked reductions (kernels.h): the upper triangle in tiles of
// kTile × kTile pairs, each tile computed by reduce_tile() into a worker's scratch, then
// `post(value, i, j)`, snapped, written to (i, j) and (j, i). A pair's value does not depend
// on the tile, the worker or the instruction set (kernels.h), so the matrix is symmetric bit
// for bit and identical for any thread count.
template <class Post>
Eigen::MatrixXd fill_blocked(const DenseTable& x, bool similarity, int threads, detail::Reduction op, Post&& post) {
  const size_t n = static_cast<size_t>(x.rows()), m = static_cast<size_t>(x.cols());
  Eigen::MatrixXd out = square_matrix(n);
  const size_t tiles = (n + kTile - 1) / kTile;
  std::vector<std::pair<size_t, size_t>> work;
  work.reserve(tiles * (tiles + 1) / 2);
  for (size_t a = 0; a < tiles; ++a)
    for (size_t b = a; b < tiles; ++b) work.emplace_back(a, b);
  std::vector<std::vector<double>> scratch(detail::worker_count(work.size(), threads),
                                           std::vector<double>(kTile * kTile));
  const detail::Isa isa = detail::best_isa();
  Progress progress("all pairs", n * (n + 1) / 2, "pairs");
  detail::parallel_for_workers(work.size(), threads, [&](size_t t, size_t w) {
    const auto [ta, tb] = work[t];
    const size_t i0 = ta * kTile, i1 = std::min(n, i0 + kTile), j0 = tb * kTile, j1 = std::min(n, j0 + kTile);
    progress.add(tile_pairs(i0, i1, j0, j1, ta == tb));
    double* vals = scratch[w].data();
    detail::reduce_tile(op, x.data(), m, m, i0, i1, j0, j1, ta == tb, vals, kTile, isa);
    for (size_t i = i0; i < i1; ++i)
      for (size_t j = ta == tb ? i : j0; j < j1; ++j) {
        const double v = snap(post(vals[(i - i0) * kTile + (j - j0)], i, j), i == j, similarity);
        STYLOKIT_ASSERT(std::isfinite(v));
        out(i, j) = v;
        out(j, i) = v;
      }
  });
  return out;
}

double median(std::vector<double> v) {
  const size_t h = v.size() / 2;
  std::nth_element(v.begin(), v.begin() + h, v.end());
  const double upper = v[h];
  if (v.size() % 2) return upper;
  const double lower = *std::max_element(v.begin(), v.begin() + h);
  return (lower + upper) / 2;
}

// The whole matrix, for the sparse measures (the dense ones snap as they write).
void snap_rounding(PairwiseResult& r) {
  const bool similarity = larger_is_closer(r.measure);
  const Eigen::Index n = r.values.rows();
  for (Eigen::Index j = 0; j < n; ++j)  // column-major: j outer
    for (Eigen::Index i = 0; i < n; ++i) r.values(i, j) = snap(r.values(i, j), i == j, similarity);
}

}  // namespace

void standardize(MfwTable& table) {
  const Eigen::Index n = table.relative.rows(), d = table.relative.cols();
  STYLOKIT_CHECK(n >= 2, DataError, "a frequency table needs at least 2 documents to compute z-scores, got {}", n);
  STYLOKIT_ASSERT(static_cast<size_t>(d) == table.words.size() && static_cast<size_t>(n) == table.doc_ids.size());
  table.mean.resize(d);
  table.sd.resize(d);
  table.zscores.resize(n, d);
  table.constant_words.clear();
  for (Eigen::Index k = 0; k < d; ++k) {
    double sum = 0;
    for (Eigen::Index i = 0; i < n; ++i) {
      const double v = table.relative(i, k);
      STYLOKIT_CHECK(std::isfinite(v) && v >= 0, DataError,
                     "frequency of '{}' in '{}' is {}: expected a finite value >= 0", table.words[k], table.doc_ids[i],
                     v);
      sum += v;
    }
    const double mean = sum / static_cast<double>(n);
    double ss = 0;
    for (Eigen::Index i = 0; i < n; ++i) ss += (table.relative(i, k) - mean) * (table.relative(i, k) - mean);
    const double sd = std::sqrt(ss / static_cast<double>(n - 1));
    table.mean[k] = mean;
    table.sd[k] = sd;
    if (sd == 0) table.constant_words.push_back(table.words[k]);
    for (Eigen::Index i = 0; i < n; ++i) table.zscores(i, k) = sd == 0 ? 0.0 : (table.relative(i, k) - mean) / sd;
  }
}

MfwTable select_columns(const MfwTable& table, const std::vector<size_t>& columns) {
  MfwTable out;
  out.doc_ids = table.doc_ids;
  out.doc_tokens = table.doc_tokens;
  const Eigen::Index n = table.relative.rows(), k = static_cast<Eigen::Index>(columns.size());
  out.relative.resize(n, k);
  out.zscores.resize(table.zscores.rows(), k);
  out.mean.resize(k);
  out.sd.resize(k);
  for (Eigen::Index c = 0; c < k; ++c) {
    const size_t src = columns[c];
    STYLOKIT_ASSERT(src < table.words.size());
    out.words.push_back(table.words[src]);
    if (src < table.corpus_counts.size()) out.corpus_counts.push_back(table.corpus_counts[src]);
    if (src < table.doc_freqs.size()) out.doc_freqs.push_back(table.doc_freqs[src]);
    out.relative.col(c) = table.relative.col(src);
    if (table.zscores.cols() == table.relative.cols()) out.zscores.col(c) = table.zscores.col(src);
    if (table.mean.size() == table.relative.cols()) out.mean[c] = table.mean[src];
    if (table.sd.size() == table.relative.cols()) out.sd[c] = table.sd[src];
    if (std::find(table.constant_words.begin(), table.constant_words.end(), table.words[src]) !=
        table.constant_words.end())
      out.constant_words.push_back(table.words[src]);
  }
  return out;
}

PairwiseResult pairwise(const MfwTable& table, Measure measure, const PairwiseOptions& options) {
  resolve_thread_count(options.threads);  // a negative count fails here, before any work
  const Eigen::Index n = table.relative.rows();
  const Eigen::Index m = table.relative.cols();
  STYLOKIT_CHECK(n >= 2, DataError, "{}: needs at least 2 documents, got {}", to_string(measure), n);
  STYLOKIT_ASSERT(table.zscores.rows() == n && table.zscores.cols() == m);
  const bool stylo = options.variant == Variant::kStylo;
  PairwiseResult r;
  r.measure = measure;
  r.variant = options.variant;

  // Columns to keep: all, minus zero-variance ones for z-based measures (z undefined).
  std::vector<Eigen::Index> keep;
  if (uses_zscores(measure, options.variant)) {
    for (Eigen::Index k = 0; k < m; ++k) {
      if (table.sd.size() == m && !(table.sd[k] > 0)) {
        r.dropped.push_back(table.words[k]);
      } else {
        keep.push_back(k);
      }
    }
    if (!r.dropped.empty())
      r.warnings.push_back(
          fmt::format("{} feature(s) with zero variance dropped (z-score undefined; stylo would give "
                      "NaN): {}",
                      r.dropped.size(), r.dropped.front()));
  } else {
    for (Eigen::Index k = 0; k < m; ++k) keep.push_back(k);
  }

  // x: the prepared row-major table the kernel reads (kept columns only).
  const bool z = uses_zscores(measure, options.variant);
  const DenseTable& src = z ? table.zscores : table.relative;
  const double scale = stylo ? 1.0 : 0.01;  // percent → proportion for the published forms
  // Measures that read the values as they are use the table in place when no column is
  // dropped; the others (rescaled, weighted or transformed values) read a copy.
  bool as_is = false;
  switch (measure) {
    case Measure::kEuclidean:
    case Measure::kManhattan:
    case Measure::kArgamonLinear: as_is = stylo; break;
    case Measure::kEderDelta:
    case Measure::kEderSimple:
    case Measure::kEntropy: as_is = false; break;
    default: as_is = true; break;
  }
  const bool in_place = as_is && keep.size() == static_cast<size_t>(m);
  DenseTable x;
  if (!in_place) {
    x = big_matrix<DenseTable>(n, static_cast<Eigen::Index>(keep.size()));
    for (Eigen::Index i = 0; i < n; ++i)  // row by row: both tables are row-major
      for (size_t c = 0; c < keep.size(); ++c) x(i, static_cast<Eigen::Index>(c)) = src(i, keep[c]);
  }
  const DenseTable& xin = in_place ? src : x;  // what the kernels read

  if (measure == Measure::kArgamonLinear && !stylo) {
    // Laplace scale per feature: mean absolute deviation from the median.
    std::vector<Eigen::Index> usable;
    std::vector<double> inv_b;
    for (Eigen::Index c = 0; c < x.cols(); ++c) {
      std::vector<double> col(static_cast<size_t>(n));
      for (Eigen::Index i = 0; i < n; ++i) col[i] = x(i, c) * scale;
      const double med = median(col);
      double b = 0;
      for (double v : col) b += std::fabs(v - med);
      b /= static_cast<double>(n);
      if (b > 0) {
        usable.push_back(c);
        inv_b.push_back(1.0 / b);
      } else {
        r.dropped.push_back(table.words[keep[c]]);
      }
    }
    if (usable.size() < keep.size())
      r.warnings.push_back(fmt::format("{} feature(s) with zero Laplace scale (no deviation from the median) dropped",
                                       keep.size() - usable.size()));
    DenseTable y(n, static_cast<Eigen::Index>(usable.size()));
    for (size_t c = 0; c < usable.size(); ++c)
      y.col(static_cast<Eigen::Index>(c)) = x.col(usable[c]) * (scale * inv_b[c]);
    x.swap(y);
  }

  const size_t d = static_cast<size_t>(xin.cols());
  r.features_used = d;
  STYLOKIT_CHECK(d >= 1, DataError, "{}: no usable feature left ({} dropped)", to_string(measure), r.dropped.size());
  const double dd = static_cast<double>(d);

  // Zero rows (no feature at all) matter where a measure divides by a row's mass.
  STYLOKIT_CHECK(table.relative.allFinite(), DataError, "{}: the frequency table holds a non-finite value",
                 to_string(measure));
  if (measure == Measure::kMinMax || measure == Measure::kJaccard || measure == Measure::kCanberra)
    for (Eigen::Index i = 0; i < n; ++i)
      if ((table.relative.row(i).array() == 0).all()) r.zero_rows.push_back(static_cast<size_t>(i));

  const bool sim = larger_is_closer(measure);
  switch (measure) {
    case Measure::kBurrowsDelta:
      r.values = fill_blocked(xin, sim, options.threads, detail::Reduction::kL1,
                              [&](double v, size_t, size_t) { return v / dd; });
      break;
    case Measure::kArgamonLinear:
      if (!stylo) {
        r.values =
            fill_blocked(xin, sim, options.threads, detail::Reduction::kL1, [](double v, size_t, size_t) { return v; });
        break;
      }
      [[fallthrough]];
    case Measure::kArgamonQuadratic:
      if (stylo) {
        r.values = fill_blocked(xin, sim, options.threads, detail::Reduction::kL2sq,
                                [&](double v, size_t, size_t) { return std::sqrt(v) / dd; });
      } else {
        r.values = fill_blocked(xin, sim, options.threads, detail::Reduction::kL2sq,
                                [](double v, size_t, size_t) { return v; });
      }
      break;
    case Measure::kEderDelta: {
      std::vector<double> w(d);
      for (size_t k = 0; k < d; ++k) {
        const double rank = static_cast<double>(k + 1);
        w[k] = stylo ? (dd - rank + 2) / dd : (dd - rank + 1) / dd;
      }
      for (Eigen::Index i = 0; i < n; ++i)  // row by row: x is row-major
        for (size_t k = 0; k < d; ++k) x(i, static_cast<Eigen::Index>(k)) *= w[k];
      const double div = stylo ? 1.0 : dd;
      r.values = fill_blocked(x, sim, options.threads, detail::Reduction::kL1,
                              [&](double v, size_t, size_t) { return v / div; });
      break;
    }
    case Measure::kEderSimple:
      x = (x.array() * scale).sqrt().matrix();
      r.values =
          fill_blocked(x, sim, options.threads, detail::Reduction::kL1, [](double v, size_t, size_t) { return v; });
      break;
    case Measure::kEuclidean:
      if (!in_place) x *= scale;
      r.values = fill_blocked(xin, sim, options.threads, detail::Reduction::kL2sq,
                              [](double v, size_t, size_t) { return std::sqrt(v); });
      break;
    case Measure::kManhattan:
      if (!in_place) x *= scale;
      r.values =
          fill_blocked(xin, sim, options.threads, detail::Reduction::kL1, [](double v, size_t, size_t) { return v; });
      break;
    case Measure::kCanberra:
      r.values = fill(xin, sim, options.threads, [&](const double* a, const double* b, size_t k) {
        double sum = 0;
        size_t skipped = 0;
        detail::canberra(a, b, k, sum, skipped);
        if (!stylo || skipped == 0 || skipped == k) return sum;
        return sum * static_cast<double>(k) / static_cast<double>(k - skipped);
      });
      break;
    case Measure::kCosine:
    case Measure::kCosineDelta: {
      Eigen::VectorXd norms(n);
      std::vector<size_t> zero_norm;
      for (Eigen::Index i = 0; i < n; ++i) {
        norms[i] = std::sqrt(detail::dot(xin.row(i).data(), xin.row(i).data(), d));
        if (norms[i] == 0) zero_norm.push_back(static_cast<size_t>(i));
      }
      const bool distance = measure == Measure::kCosineDelta;
      r.values = fill_blocked(xin, sim, options.threads, detail::Reduction::kDot, [&](double v, size_t i, size_t j) {
        const double den = norms[i] * norms[j];
        const double cos = den > 0 ? v / den : 0.0;
        return distance ? 1.0 - cos : cos;
      });
      r.zero_rows = zero_norm;
      break;
    }
    case Measure::kMinMax:
      r.values = fill(xin, sim, options.threads, [](const double* a, const double* b, size_t k) {
        double lo = 0, hi = 0;
        detail::min_max(a, b, k, lo, hi);
        return hi > 0 ? 1.0 - lo / hi : 1.0;
      });
      break;
    case Measure::kEntropy: {
      // stylo's dist.entropy: column sums run over documents.
      for (size_t k = 0; k < d; ++k) {
        auto col = x.col(static_cast<Eigen::Index>(k));
        const Eigen::ArrayXd a = (col.array() + 1) / (col.array() + 1).sum();
        const double h = -(a * a.log()).sum();
        col = ((col.array() + 2).log() / h).matrix();
      }
      r.values =
          fill_blocked(x, sim, options.threads, detail::Reduction::kL1, [](double v, size_t, size_t) { return v; });
      break;
    }
    case Measure::kJaccard:
      r.values = fill(xin, sim, options.threads, [](const double* a, const double* b, size_t k) {
        size_t both = 0, either = 0;
        for (size_t t = 0; t < k; ++t) {
          both += (a[t] != 0) && (b[t] != 0);
          either += (a[t] != 0) || (b[t] != 0);
        }
        return either ? static_cast<double>(both) / static_cast<double>(either) : 0.0;
      });
      break;
  }
  if (!r.zero_rows.empty())
    r.warnings.push_back(
        fmt::format("{} document(s) with an all-zero vector, scored as unrelated to every document "
                    "(see measure.h): {}",
                    r.zero_rows.size(), join_ids(table.doc_ids, r.zero_rows)));
  return r;  // snapped and checked finite as written (fill, fill_blocked)
}

PairwiseResult pairwise_sparse(const DocTermMatrix& matrix, Measure measure, const PairwiseOptions& options) {
  resolve_thread_count(options.threads);  // a negative count fails here, before any work
  STYLOKIT_CHECK(measure == Measure::kCosine || measure == Measure::kJaccard, ConfigError,
                 "{} needs an MFW table; on a sparse matrix only cosine and jaccard are defined", to_string(measure));
  const Eigen::Index n = matrix.rows();
  STYLOKIT_CHECK(n >= 2, DataError, "{}: needs at least 2 documents, got {}", to_string(measure), n);
  STYLOKIT_CHECK(matrix.isCompressed(), InternalError, "pairwise_sparse: matrix must be compressed");
  PairwiseResult r;
  r.measure = measure;
  r.variant = options.variant;
  r.features_used = static_cast<size_t>(matrix.cols());
  const auto* outer = matrix.outerIndexPtr();
  const auto* inner = matrix.innerIndexPtr();
  const double* val = matrix.valuePtr();
  Eigen::VectorXd norms(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    double s = 0;
    for (auto p = outer[i]; p < outer[i + 1]; ++p) s += val[p] * val[p];
    norms[i] = std::sqrt(s);
    if (outer[i] == outer[i + 1] || norms[i] == 0) r.zero_rows.push_back(static_cast<size_t>(i));
  }
  r.values.resize(n, n);
  const bool cosine = measure == Measure::kCosine;
  // Cosine on L2-normalised rows (as scikit-learn and top_k() compute it), so the matrix and
  // the top-k file agree to the last bit.
  std::vector<double> unit(static_cast<size_t>(matrix.nonZeros()));
  for (Eigen::Index i = 0; i < n; ++i)
    for (auto p = outer[i]; p < outer[i + 1]; ++p) unit[p] = norms[i] > 0 ? val[p] / norms[i] : 0.0;
  std::vector<size_t> nonzeros(static_cast<size_t>(n), 0);
  for (Eigen::Index i = 0; i < n; ++i)
    for (auto p = outer[i]; p < outer[i + 1]; ++p) nonzeros[i] += val[p] != 0;
  for_all_pairs(static_cast<size_t>(n), options.threads, [&](size_t i, size_t j) {
    auto p = outer[i], pe = outer[i + 1], q = outer[j], qe = outer[j + 1];
    double dotv = 0;
    size_t both = 0;
    while (p < pe && q < qe) {
      if (inner[p] < inner[q]) {
        ++p;
      } else if (inner[q] < inner[p]) {
        ++q;
      } else {
        // Summed in term order, row j's weight first, exactly as top_k() does.
        dotv += unit[q] * unit[p];
        both += (val[p] != 0 && val[q] != 0);
        ++p;
        ++q;
      }
    }
    double v;
    if (cosine) {
      v = dotv;
    } else {
      const size_t either = nonzeros[i] + nonzeros[j] - both;
      v = either ? static_cast<double>(both) / static_cast<double>(either) : 0.0;
    }
    r.values(i, j) = v;
    r.values(j, i) = v;
  });
  if (!r.zero_rows.empty())
    r.warnings.push_back(
        fmt::format("{} document(s) with no feature, scored 0 against every document", r.zero_rows.size()));
  snap_rounding(r);
  return r;
}

}  // namespace stylokit::similarity
