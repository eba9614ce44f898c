#include "toolkit/similarity/topk.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "toolkit/common/error.h"
#include "toolkit/similarity/kernels.h"

namespace stylokit::similarity {

namespace {

// Pruning compares partial sums (in term-bound order) with exact sums (in term-id order);
// they differ by rounding only, far below this margin for scores in [0, 1].
constexpr double kMargin = 1e-9;

// L2-normalised rows (CSR) and, for the pruned product, their transpose (CSC).
struct Normalized {
  size_t n = 0, terms = 0;
  std::vector<int64_t> row_ptr;
  std::vector<uint32_t> col;
  std::vector<double> val;
  std::vector<int64_t> term_ptr;  // postings: documents in increasing order
  std::vector<uint32_t> doc;
  std::vector<double> tval;
  std::vector<double> colmax;     // largest weight of each term
  std::vector<size_t> zero_rows;
};

void check(const DocTermMatrix& m, const TopKOptions& o) {
  STYLOKIT_CHECK(o.k >= 1, ConfigError, "--top-k: expected at least 1, got {}", o.k);
  STYLOKIT_CHECK(o.threads >= 1, ConfigError, "--threads: expected at least 1, got {}", o.threads);
  STYLOKIT_CHECK(o.block_rows >= 1, ConfigError, "top-k: block_rows must be at least 1");
  STYLOKIT_CHECK(m.rows() >= 2, DataError, "top-k neighbours need at least 2 documents, got {}", m.rows());
  const size_t end = o.query_end ? o.query_end : static_cast<size_t>(m.rows());
  STYLOKIT_CHECK(o.query_begin < end && end <= static_cast<size_t>(m.rows()), ConfigError,
                 "top-k: query rows [{}, {}) outside the {} rows", o.query_begin, end, m.rows());
  STYLOKIT_CHECK(m.rows() < std::numeric_limits<uint32_t>::max() && m.cols() < std::numeric_limits<uint32_t>::max(),
                 DataError, "top-k: at most 2^32 - 2 documents and terms, got {} × {}", m.rows(), m.cols());
}

Normalized prepare(const DocTermMatrix& m, bool build_index) {
  Normalized x;
  x.n = static_cast<size_t>(m.rows());
  x.terms = static_cast<size_t>(m.cols());
  x.row_ptr.assign(x.n + 1, 0);
  x.col.reserve(static_cast<size_t>(m.nonZeros()));
  x.val.reserve(static_cast<size_t>(m.nonZeros()));
  for (size_t i = 0; i < x.n; ++i) {
    double ss = 0;
    for (DocTermMatrix::InnerIterator it(m, static_cast<Eigen::Index>(i)); it; ++it) {
      const double v = it.value();
      STYLOKIT_CHECK(std::isfinite(v) && v >= 0, DataError,
                     "top-k cosine needs finite non-negative weights; row {} term {} has {}", i, it.col(), v);
      ss += v * v;
    }
    const double norm = std::sqrt(ss);
    if (norm > 0) {
      for (DocTermMatrix::InnerIterator it(m, static_cast<Eigen::Index>(i)); it; ++it) {
        if (it.value() == 0) continue;
        x.col.push_back(static_cast<uint32_t>(it.col()));
        x.val.push_back(it.value() / norm);
      }
    } else {
      x.zero_rows.push_back(i);
    }
    x.row_ptr[i + 1] = static_cast<int64_t>(x.col.size());
  }
  if (!build_index) return x;
  x.term_ptr.assign(x.terms + 1, 0);
  x.colmax.assign(x.terms, 0.0);
  for (size_t p = 0; p < x.col.size(); ++p) {
    ++x.term_ptr[x.col[p] + 1];
    x.colmax[x.col[p]] = std::max(x.colmax[x.col[p]], x.val[p]);
  }
  for (size_t t = 0; t < x.terms; ++t) x.term_ptr[t + 1] += x.term_ptr[t];
  x.doc.resize(x.col.size());
  x.tval.resize(x.col.size());
  std::vector<int64_t> fill(x.term_ptr.begin(), x.term_ptr.end() - 1);
  for (size_t i = 0; i < x.n; ++i)
    for (int64_t p = x.row_ptr[i]; p < x.row_ptr[i + 1]; ++p) {
      const int64_t q = fill[x.col[p]]++;
      x.doc[q] = static_cast<uint32_t>(i);
      x.tval[q] = x.val[p];
    }
  return x;
}

// The one exact score: row j against the query scattered into `q`, summed in term order.
inline double exact(const Normalized& x, size_t j, const double* q) {
  double s = 0;
  for (int64_t p = x.row_ptr[j]; p < x.row_ptr[j + 1]; ++p) s += x.val[p] * q[x.col[p]];
  return s;
}

inline bool better(const Neighbor& a, const Neighbor& b) {
  return a.score > b.score || (a.score == b.score && a.index < b.index);
}

// Sorts `cands` and writes the best `per_row` into out, filling with score-0 documents
// (increasing index, skipping `self` and `taken`) when fewer were found.
void finish_row(std::vector<Neighbor>& cands, size_t self, size_t n, size_t per_row, bool fill_zeros,
                const std::vector<uint32_t>& stamp, uint32_t mark, Neighbor* out) {
  if (fill_zeros) {
    size_t added = 0;
    for (size_t j = 0; j < n && added < per_row; ++j) {
      if (j == self || stamp[j] == mark) continue;
      cands.push_back({static_cast<uint32_t>(j), 0.0});
      ++added;
    }
  }
  const size_t keep = std::min(per_row, cands.size());
  STYLOKIT_ASSERT(keep == per_row);
  std::partial_sort(cands.begin(), cands.begin() + static_cast<std::ptrdiff_t>(keep), cands.end(), better);
  std::copy(cands.begin(), cands.begin() + static_cast<std::ptrdiff_t>(keep), out);
}

struct Scratch {
  std::vector<double> acc, q;
  std::vector<uint32_t> stamp;
  uint32_t mark = 0;
  std::vector<uint32_t> touched;
  std::vector<std::pair<double, uint32_t>> order;  // (bound, term)
  std::vector<double> rest;                        // rest[p] = sum of bounds of order[p..]
  std::vector<Neighbor> cands;
  std::vector<uint32_t> pick;
  uint64_t postings = 0, scored = 0;
};

// One query row of the pruned product.
void query(const Normalized& x, size_t i, size_t k, size_t per_row, Scratch& s, Neighbor* out) {
  ++s.mark;
  s.touched.clear();
  s.cands.clear();
  const int64_t b = x.row_ptr[i], e = x.row_ptr[i + 1];
  if (b == e) {
    finish_row(s.cands, i, x.n, per_row, true, s.stamp, s.mark, out);
    return;
  }
  s.order.clear();
  for (int64_t p = b; p < e; ++p) {
    s.q[x.col[p]] = x.val[p];
    s.order.emplace_back(x.val[p] * x.colmax[x.col[p]], x.col[p]);
  }
  std::sort(s.order.begin(), s.order.end(),
            [](const auto& l, const auto& r) { return l.first > r.first || (l.first == r.first && l.second < r.second); });
  const size_t terms = s.order.size();
  s.rest.assign(terms + 1, 0.0);
  for (size_t p = terms; p-- > 0;) s.rest[p] = s.rest[p + 1] + s.order[p].first;

  bool have_theta = false;
  double theta = 0;
  uint64_t since_check = 0;
  size_t p = 0;
  auto estimate_theta = [&] {
    // Partial scores only grow (non-negative weights), so the k-th best partial score is a
    // lower bound of the true k-th best (up to rounding, covered by the margin).
    s.pick.assign(s.touched.begin(), s.touched.end());
    auto by_acc = [&](uint32_t l, uint32_t r) { return s.acc[l] > s.acc[r] || (s.acc[l] == s.acc[r] && l < r); };
    std::nth_element(s.pick.begin(), s.pick.begin() + static_cast<std::ptrdiff_t>(k - 1), s.pick.end(), by_acc);
    const double lo = s.acc[s.pick[k - 1]] - kMargin;
    if (!have_theta || lo > theta) theta = lo;
    have_theta = true;
    since_check = 0;
  };
  size_t next_stop_check = 0;  // touched size at which stopping early is considered again
  for (; p < terms; ++p) {
    if (have_theta && s.rest[p] < theta - kMargin && s.touched.size() >= next_stop_check) {
      // Stopping leaves every reached document whose partial score plus the bound of the
      // terms left reaches theta to be scored exactly; worth it only when they are few.
      size_t survivors = 0;
      for (uint32_t j : s.touched) survivors += s.acc[j] + s.rest[p] >= theta - kMargin;
      if (survivors <= 8 * k) break;
      next_stop_check = 2 * s.touched.size();
    }
    const uint32_t t = s.order[p].second;
    const double qt = s.q[t];
    for (int64_t r = x.term_ptr[t]; r < x.term_ptr[t + 1]; ++r) {
      const uint32_t j = x.doc[r];
      if (j == i) continue;
      if (s.stamp[j] != s.mark) {
        s.stamp[j] = s.mark;
        s.acc[j] = 0;
        s.touched.push_back(j);
      }
      s.acc[j] += qt * x.tval[r];
    }
    const uint64_t len = static_cast<uint64_t>(x.term_ptr[t + 1] - x.term_ptr[t]);
    s.postings += len;
    since_check += len;
    // Re-estimate when the work since the last estimate pays for the selection.
    if (s.touched.size() >= k && (!have_theta || since_check >= s.touched.size())) estimate_theta();
  }
  const bool complete = p == terms;
  const double rest = complete ? 0.0 : s.rest[p];
  if (s.touched.size() >= k && since_check > 0) estimate_theta();
  for (uint32_t j : s.touched) {
    if (have_theta && s.acc[j] + rest < theta - kMargin) continue;
    s.cands.push_back({j, exact(x, j, s.q.data())});
  }
  s.scored += s.cands.size();
  // Documents never reached score 0 when every term was processed; otherwise they are below theta.
  finish_row(s.cands, i, x.n, per_row, complete, s.stamp, s.mark, out);
  for (int64_t q = b; q < e; ++q) s.q[x.col[q]] = 0;
}

TopKResult make_result(const Normalized& x, const TopKOptions& o) {
  TopKResult r;
  r.first_row = o.query_begin;
  r.rows = (o.query_end ? o.query_end : x.n) - o.query_begin;
  r.per_row = std::min(o.k, x.n - 1);
  r.neighbors.resize(r.rows * r.per_row);
  r.zero_rows = x.zero_rows;
  return r;
}

}  // namespace

TopKResult top_k(const DocTermMatrix& matrix, const TopKOptions& options) {
  check(matrix, options);
  const Normalized x = prepare(matrix, true);
  TopKResult r = make_result(x, options);
  const size_t blocks = (r.rows + options.block_rows - 1) / options.block_rows;
  std::vector<Scratch> scratch(detail::worker_count(blocks, options.threads));
  for (auto& s : scratch) {
    s.acc.assign(x.n, 0.0);
    s.stamp.assign(x.n, 0);
    s.q.assign(x.terms, 0.0);
  }
  detail::parallel_for_workers(blocks, options.threads, [&](size_t block, size_t w) {
    Scratch& s = scratch[w];
    const size_t end = std::min(r.rows, (block + 1) * options.block_rows);
    for (size_t row = block * options.block_rows; row < end; ++row) {
      const size_t i = r.first_row + row;
      if (s.mark == std::numeric_limits<uint32_t>::max()) {
        std::fill(s.stamp.begin(), s.stamp.end(), 0);
        s.mark = 0;
      }
      query(x, i, r.per_row, r.per_row, s, r.neighbors.data() + row * r.per_row);
    }
  });
  for (const auto& s : scratch) {
    r.postings_visited += s.postings;
    r.candidates_scored += s.scored;
  }
  return r;
}

TopKResult top_k_brute_force(const DocTermMatrix& matrix, const TopKOptions& options) {
  check(matrix, options);
  const Normalized x = prepare(matrix, false);
  TopKResult r = make_result(x, options);
  detail::parallel_for(r.rows, options.threads, [&](size_t row) {
    const size_t i = r.first_row + row;
    std::vector<double> q(x.terms, 0.0);
    for (int64_t p = x.row_ptr[i]; p < x.row_ptr[i + 1]; ++p) q[x.col[p]] = x.val[p];
    std::vector<Neighbor> all;
    all.reserve(x.n - 1);
    for (size_t j = 0; j < x.n; ++j)
      if (j != i) all.push_back({static_cast<uint32_t>(j), exact(x, j, q.data())});
    std::partial_sort(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(r.per_row), all.end(), better);
    std::copy(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(r.per_row),
              r.neighbors.begin() + static_cast<std::ptrdiff_t>(row * r.per_row));
  });
  return r;
}

}  // namespace stylokit::similarity
