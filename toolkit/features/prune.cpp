#include <algorithm>
#include <string>
#include <string_view>

#include "toolkit/common/error.h"
#include "toolkit/features/internal/fit.h"
#include "toolkit/features/internal/numpy_argsort.h"

namespace stylokit::features::detail {

namespace {

std::string describe(const DfBound& b, size_t n) {
  if (!b.is_proportion) return fmt::format("{} documents", b.value);
  return fmt::format("{} × {} = {} documents", b.value, n, b.documents(n));
}

}  // namespace

// Fills f.dfs and f.counts (per column of f.terms) from the entries, before pruning.
// With many entries per column (character n-grams: 23 per column on Brown char_wb 3-5) each
// worker counts its own entries into arrays of its own, summed afterwards (integer sums: the
// same for any split); with few (word n-grams: 2.4) those arrays would be more fresh memory
// than the pass is worth, and one thread counts.
void column_stats(Fit& f) {
  const size_t cols = f.terms.size();
  std::vector<int64_t>& dfs = f.dfs;
  std::vector<int64_t>& counts = f.counts;
  dfs.assign(cols, 0);
  counts.assign(cols, 0);
  size_t nnz = 0;
  for (const Worker& wk : f.workers) nnz += wk.entries.size();
  auto count = [&](const Worker& wk, int64_t* df, int64_t* cnt) {
    wk.entries.for_each([&](const Entry& e) {
      const uint32_t c = f.column(wk, e);
      ++df[c];
      cnt[c] += e.count;
    });
  };
  const size_t nw = f.workers.size();
  if (nw < 2 || cols * 8 > nnz) {
    for (const Worker& wk : f.workers) count(wk, dfs.data(), counts.data());
    return;
  }
  std::vector<std::vector<int64_t>> partial(nw - 1);  // worker w > 0: df then count, 2 × cols
  run_parallel(static_cast<int>(nw), [&](int wi) {
    const auto w = static_cast<size_t>(wi);
    if (w == 0) {
      count(f.workers[0], dfs.data(), counts.data());
    } else {
      partial[w - 1].assign(2 * cols, 0);
      count(f.workers[w], partial[w - 1].data(), partial[w - 1].data() + cols);
    }
  });
  for (const auto& p : partial)
    for (size_t c = 0; c < cols; ++c) {
      dfs[c] += p[c];
      counts[c] += p[cols + c];
    }
}

bool prune(Fit& f, const VectorizerOptions& options, std::string_view origin) {
  std::vector<std::string>& terms = f.terms;
  std::vector<Worker>& workers = f.workers;
  const size_t n = f.slices.size();
  bool pruned = false;
  // Pruning as sklearn's _limit_features: df within [min, max], then the max_features most
  // frequent, ties at the cut broken as numpy's argsort of -counts over the kept columns in
  // term order breaks them (internal/numpy_argsort.h).
  const double low = options.min_df.documents(n);
  const double high = options.max_df.documents(n);
  STYLOKIT_CHECK(high >= low, ConfigError, "min_df ({}) is above max_df ({}) for {} documents",
                 describe(options.min_df, n), describe(options.max_df, n), n);
  std::vector<char> keep(terms.size(), 0);
  size_t kept = 0;
  for (size_t c = 0; c < terms.size(); ++c) {
    const auto df = static_cast<double>(f.dfs[c]);
    keep[c] = df >= low && df <= high;
    kept += static_cast<size_t>(keep[c]);
  }
  if (options.max_features > 0 && kept > options.max_features) {
    std::vector<uint32_t> order;
    order.reserve(kept);
    for (size_t c = 0; c < terms.size(); ++c)
      if (keep[c]) order.push_back(static_cast<uint32_t>(c));
    numpy_argsort(order, [&](uint32_t a, uint32_t b) { return f.counts[a] > f.counts[b]; });
    std::fill(keep.begin(), keep.end(), 0);
    for (size_t k = 0; k < options.max_features; ++k) keep[order[k]] = 1;
    kept = options.max_features;
  }
  STYLOKIT_CHECK(kept > 0, DataError,
                 "{}: no terms remain after pruning ({} terms, min_df {}, max_df {}): lower min_df or raise max_df",
                 origin, terms.size(), describe(options.min_df, n), describe(options.max_df, n));
  if (kept < terms.size()) {
    pruned = true;
    std::vector<uint32_t> remap(terms.size(), kDropped);
    uint32_t w = 0;
    for (size_t c = 0; c < terms.size(); ++c) {
      if (!keep[c]) continue;
      remap[c] = w;
      if (w != c) terms[w] = std::move(terms[c]);
      f.dfs[w] = f.dfs[c];
      f.counts[w] = f.counts[c];
      ++w;
    }
    terms.resize(w);
    f.dfs.resize(w);
    f.counts.resize(w);
    run_parallel(static_cast<int>(workers.size()), [&](int wi) {
      for (uint32_t& c : workers[static_cast<size_t>(wi)].to_global) c = remap[c];
    });
  }
  return pruned;
}

}  // namespace stylokit::features::detail
