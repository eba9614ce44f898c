#include "toolkit/similarity/topk.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <numeric>

#include "toolkit/common/error.h"
#include "toolkit/common/parallel.h"
#include "toolkit/common/progress.h"
#include "toolkit/similarity/internal/kernels.h"

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
  std::vector<double> colmax;  // largest weight of each term
  std::vector<size_t> zero_rows;
};

void check(const DocTermMatrix& m, const TopKOptions& o) {
  STYLOKIT_CHECK(o.k >= 1, ConfigError, "--top-k: expected at least 1, got {}", o.k);
  resolve_thread_count(o.threads);  // a negative count fails here, before any work
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
  std::sort(s.order.begin(), s.order.end(), [](const auto& l, const auto& r) {
    return l.first > r.first || (l.first == r.first && l.second < r.second);
  });
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

// ---- The tiled product ----
//
// Memory traffic decides the speed: the dense table (F × n floats) is streamed once per tile,
// so tiles are large (1024 queries), and documents are taken in chunks of 64 so that a chunk's
// dense rows (F × 256 bytes) and the tile's accumulators for it (1024 × 256 bytes) stay in L2.
// After each chunk the tile's scores for it are folded into each query's running top k, so
// no query ever holds n scores.

constexpr size_t kChunk = 64;      // documents per chunk
constexpr size_t kMaxTile = 1024;  // queries per tile

// Frequent terms as a dense float table, chunk-major: chunk c holds F rows of kChunk documents
// (zero where a document lacks the term); each document's rare terms as a float CSR row.
struct Tiled {
  size_t chunks = 0, dense = 0;
  std::vector<int32_t> slot;      // per term: its dense row, or -1
  std::vector<float> table;       // chunks × dense × kChunk
  std::vector<int64_t> rare_ptr;  // per document
  std::vector<uint32_t> rare_term;
  std::vector<float> rare_val;

  const float* rows(size_t chunk) const { return table.data() + chunk * dense * kChunk; }
};

// Products of two float weights of at least this size are normal floats, so a document's float
// score is positive exactly when it shares a term with the query.
constexpr double kSmallestWeight = 1.1e-19;

bool tiled_is_safe(const Normalized& x) {
  for (double v : x.val)
    if (v < kSmallestWeight) return false;
  return true;
}

Tiled build_tiled(const Normalized& x, const TopKOptions& o) {
  Tiled t;
  t.chunks = (x.n + kChunk - 1) / kChunk;
  std::vector<uint32_t> df(x.terms, 0);
  for (uint32_t c : x.col) ++df[c];
  // The most frequent terms first (ties: smaller term id), while they pass the density bar
  // and fit the budget.
  std::vector<uint32_t> by_df(x.terms);
  std::iota(by_df.begin(), by_df.end(), 0u);
  std::sort(by_df.begin(), by_df.end(),
            [&](uint32_t a, uint32_t b) { return df[a] > df[b] || (df[a] == df[b] && a < b); });
  const double bar = std::max(2.0, o.dense_density * static_cast<double>(x.n));
  const size_t cap = o.dense_budget_bytes / (t.chunks * kChunk * sizeof(float));
  t.slot.assign(x.terms, -1);
  for (uint32_t term : by_df) {
    if (t.dense >= cap || static_cast<double>(df[term]) < bar) break;
    t.slot[term] = static_cast<int32_t>(t.dense++);
  }
  t.table.assign(t.chunks * t.dense * kChunk, 0.0f);
  t.rare_ptr.assign(x.n + 1, 0);
  for (size_t j = 0; j < x.n; ++j) {
    const size_t chunk = j / kChunk, at = j % kChunk;
    for (int64_t p = x.row_ptr[j]; p < x.row_ptr[j + 1]; ++p) {
      const auto v = static_cast<float>(x.val[p]);
      if (const int32_t s = t.slot[x.col[p]]; s >= 0) {
        t.table[(chunk * t.dense + static_cast<size_t>(s)) * kChunk + at] = v;
      } else {
        t.rare_term.push_back(x.col[p]);
        t.rare_val.push_back(v);
      }
    }
    t.rare_ptr[j + 1] = static_cast<int64_t>(t.rare_term.size());
  }
  return t;
}

struct DenseUse {
  uint32_t row;
  float weight;
};

// For each query q < queries: acc[q · kChunk + (0, kChunk)] += Σ weight · rows[row · kChunk + (0, kChunk)]
// over its uses [use_ptr[q], use_ptr[q + 1]), four rows per pass over the slice.
__attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default"))) void add_dense(
    float* __restrict acc, const float* __restrict rows, const DenseUse* uses, const uint32_t* use_ptr,
    size_t queries) {
  for (size_t q = 0; q < queries; ++q) {
    float* __restrict a = acc + q * kChunk;
    uint32_t u = use_ptr[q];
    const uint32_t e = use_ptr[q + 1];
    for (; u + 4 <= e; u += 4) {
      const float* __restrict r0 = rows + size_t{uses[u].row} * kChunk;
      const float* __restrict r1 = rows + size_t{uses[u + 1].row} * kChunk;
      const float* __restrict r2 = rows + size_t{uses[u + 2].row} * kChunk;
      const float* __restrict r3 = rows + size_t{uses[u + 3].row} * kChunk;
      const float w0 = uses[u].weight, w1 = uses[u + 1].weight, w2 = uses[u + 2].weight, w3 = uses[u + 3].weight;
      for (size_t j = 0; j < kChunk; ++j) a[j] += w0 * r0[j] + w1 * r1[j] + w2 * r2[j] + w3 * r3[j];
    }
    for (; u < e; ++u) {
      const float* __restrict r = rows + size_t{uses[u].row} * kChunk;
      const float w = uses[u].weight;
      for (size_t j = 0; j < kChunk; ++j) a[j] += w * r[j];
    }
  }
}

// How many of a[0, n) exceed `bar` (a loop the compiler vectorises; used to skip slices).
__attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default"))) size_t count_above(
    const float* __restrict a, size_t n, float bar) {
  size_t c = 0;
  for (size_t j = 0; j < n; ++j) c += a[j] > bar;
  return c;
}

struct RareUse {
  uint32_t term, query;
  float weight;
};

// One query's running selection over the chunks seen so far.
struct Running {
  std::vector<float> heap;                       // min-heap of the k best positive float scores
  std::vector<std::pair<uint32_t, float>> kept;  // documents that may still be in the top k
  double eps = 0;                                // float error bound of this query's scores
  // Documents at or above this can still be in the top k (0 until k positive scores are seen).
  float bar(size_t k) const {
    if (heap.size() < k) return 0.0f;
    const double b = static_cast<double>(heap.front()) - 2 * eps;
    return b <= 0 ? 0.0f : std::nextafter(static_cast<float>(b), -1.0f);
  }
};

struct TileScratch {
  std::vector<float> acc;  // tile × kChunk
  std::vector<double> q;   // the query scattered over terms, for exact scores
  std::vector<DenseUse> dense_uses;
  std::vector<uint32_t> dense_ptr;
  std::vector<RareUse> rare_uses;
  std::vector<uint32_t> term_lo, term_hi;  // per term: its range in rare_uses (empty: lo == hi)
  std::vector<Running> running;
  std::vector<Neighbor> cands;
  uint64_t postings = 0, scored = 0;
};

// Scores the queries [first, first + count) against every document and writes their rows.
void score_tile(const Normalized& x, const Tiled& t, size_t first, size_t count, size_t per_row, TileScratch& s,
                Neighbor* out) {
  const size_t n = x.n;
  // The tile's frequent terms by query, its rare terms by term.
  s.dense_uses.clear();
  s.dense_ptr.assign(1, 0);
  s.rare_uses.clear();
  for (size_t qi = 0; qi < count; ++qi) {
    const size_t i = first + qi;
    for (int64_t p = x.row_ptr[i]; p < x.row_ptr[i + 1]; ++p) {
      const auto w = static_cast<float>(x.val[p]);
      if (const int32_t sl = t.slot[x.col[p]]; sl >= 0)
        s.dense_uses.push_back({static_cast<uint32_t>(sl), w});
      else
        s.rare_uses.push_back({x.col[p], static_cast<uint32_t>(qi), w});
    }
    s.dense_ptr.push_back(static_cast<uint32_t>(s.dense_uses.size()));
    Running& run = s.running[qi];
    run.heap.clear();
    run.kept.clear();
    // |float score - exact score| <= eps for every document: recursive summation of at most
    // m products of unit-norm rows, each factor rounded to float once.
    run.eps = static_cast<double>(x.row_ptr[i + 1] - x.row_ptr[i] + 4) * std::ldexp(1.0, -23);
  }
  std::sort(s.rare_uses.begin(), s.rare_uses.end(),
            [](const RareUse& a, const RareUse& b) { return a.term != b.term ? a.term < b.term : a.query < b.query; });
  for (size_t u = 0; u < s.rare_uses.size(); ++u) {
    const uint32_t term = s.rare_uses[u].term;
    if (u == 0 || s.rare_uses[u - 1].term != term) s.term_lo[term] = static_cast<uint32_t>(u);
    s.term_hi[term] = static_cast<uint32_t>(u + 1);
  }
  auto greater = std::greater<float>();
  for (size_t c = 0; c < t.chunks; ++c) {
    const size_t d0 = c * kChunk, len = std::min(kChunk, n - d0);
    std::fill(s.acc.begin(), s.acc.begin() + static_cast<std::ptrdiff_t>(count * kChunk), 0.0f);
    add_dense(s.acc.data(), t.rows(c), s.dense_uses.data(), s.dense_ptr.data(), count);
    // Rare terms: each document of the chunk meets the tile's queries that share them.
    for (size_t d = 0; d < len; ++d) {
      for (int64_t p = t.rare_ptr[d0 + d]; p < t.rare_ptr[d0 + d + 1]; ++p) {
        const uint32_t term = t.rare_term[static_cast<size_t>(p)];
        const float v = t.rare_val[static_cast<size_t>(p)];
        for (uint32_t u = s.term_lo[term]; u < s.term_hi[term]; ++u)
          s.acc[s.rare_uses[u].query * kChunk + d] += s.rare_uses[u].weight * v;
        s.postings += s.term_hi[term] - s.term_lo[term];
      }
    }
    // Fold the chunk into each query's running selection.
    for (size_t qi = 0; qi < count; ++qi) {
      const size_t i = first + qi;
      float* a = s.acc.data() + qi * kChunk;
      if (i >= d0 && i < d0 + len) a[i - d0] = -1.0f;  // never its own neighbour
      Running& run = s.running[qi];
      float bar = run.bar(per_row);
      if (count_above(a, len, bar) == 0) continue;
      for (size_t j = 0; j < len; ++j) {
        const float v = a[j];
        if (!(v > bar)) continue;
        if (run.heap.size() < per_row) {
          run.heap.push_back(v);
          std::push_heap(run.heap.begin(), run.heap.end(), greater);
        } else if (v > run.heap.front()) {
          std::pop_heap(run.heap.begin(), run.heap.end(), greater);
          run.heap.back() = v;
          std::push_heap(run.heap.begin(), run.heap.end(), greater);
        }
        bar = run.bar(per_row);
        if (v > bar) run.kept.emplace_back(static_cast<uint32_t>(d0 + j), v);
      }
    }
  }
  for (size_t u = 0; u < s.rare_uses.size(); ++u) s.term_lo[s.rare_uses[u].term] = s.term_hi[s.rare_uses[u].term] = 0;

  for (size_t qi = 0; qi < count; ++qi) {
    const size_t i = first + qi;
    const Running& run = s.running[qi];
    // Fewer than k documents clearly above 0: every overlapping document is kept, the rest
    // score 0 and fill the row by index.
    const bool few = run.heap.size() < per_row || static_cast<double>(run.heap.front()) - 2 * run.eps <= 0;
    const float bar = run.bar(per_row);
    for (int64_t p = x.row_ptr[i]; p < x.row_ptr[i + 1]; ++p) s.q[x.col[p]] = x.val[p];
    s.cands.clear();
    for (const auto& [j, v] : run.kept)
      if (few || v > bar) s.cands.push_back({j, exact(x, j, s.q.data())});
    s.scored += s.cands.size();
    if (few) {
      size_t added = 0, next = 0;  // run.kept is in index order
      for (size_t j = 0; j < n && added < per_row; ++j) {
        while (next < run.kept.size() && run.kept[next].first < j) ++next;
        if (j == i || (next < run.kept.size() && run.kept[next].first == j)) continue;
        s.cands.push_back({static_cast<uint32_t>(j), 0.0});
        ++added;
      }
    }
    const size_t keep = std::min(per_row, s.cands.size());
    STYLOKIT_ASSERT(keep == per_row);
    std::partial_sort(s.cands.begin(), s.cands.begin() + static_cast<std::ptrdiff_t>(keep), s.cands.end(), better);
    std::copy(s.cands.begin(), s.cands.begin() + static_cast<std::ptrdiff_t>(keep), out + qi * per_row);
    for (int64_t p = x.row_ptr[i]; p < x.row_ptr[i + 1]; ++p) s.q[x.col[p]] = 0;
  }
}

TopKResult top_k_tiled(const Normalized& x, const TopKOptions& options) {
  TopKResult r = make_result(x, options);
  const Tiled t = build_tiled(x, options);
  const size_t tile = std::min(kMaxTile, options.block_rows);
  const size_t tiles = (r.rows + tile - 1) / tile;
  std::vector<TileScratch> scratch(detail::worker_count(tiles, options.threads));
  for (auto& s : scratch) {
    s.acc.assign(tile * kChunk, 0.0f);
    s.q.assign(x.terms, 0.0);
    s.term_lo.assign(x.terms, 0);
    s.term_hi.assign(x.terms, 0);
    s.running.resize(tile);
  }
  Progress progress("top-k", r.rows, "documents");
  detail::parallel_for_workers(tiles, options.threads, [&](size_t k, size_t w) {
    const size_t row = k * tile, count = std::min(tile, r.rows - row);
    score_tile(x, t, r.first_row + row, count, r.per_row, scratch[w], r.neighbors.data() + row * r.per_row);
    progress.add(count);
  });
  for (const auto& s : scratch) {
    r.postings_visited += s.postings;
    r.candidates_scored += s.scored;
  }
  return r;
}

}  // namespace

TopKResult top_k(const DocTermMatrix& matrix, const TopKOptions& options) {
  check(matrix, options);
  if (options.method == TopKMethod::kTiled) {
    const Normalized x = prepare(matrix, false);
    if (tiled_is_safe(x)) return top_k_tiled(x, options);
  }
  const Normalized x = prepare(matrix, true);
  TopKResult r = make_result(x, options);
  const size_t blocks = (r.rows + options.block_rows - 1) / options.block_rows;
  std::vector<Scratch> scratch(detail::worker_count(blocks, options.threads));
  for (auto& s : scratch) {
    s.acc.assign(x.n, 0.0);
    s.stamp.assign(x.n, 0);
    s.q.assign(x.terms, 0.0);
  }
  Progress progress("top-k", r.rows, "documents");
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
    progress.add(end - block * options.block_rows);
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
