#pragma once
// Top-k cosine neighbours of every document, for corpora too large for an n × n matrix.
//
// Data contract. Input: a DocTermMatrix (rows = documents) of NON-NEGATIVE weights (counts,
// TF-IDF, relative frequencies); rows are L2-normalised internally. Output: for each
// document i, the min(k, n - 1) documents j != i with the largest cosine(i, j), ordered by
// score descending, ties broken by the smaller document index. A document sharing no
// feature with i has cosine 0, so rows with few overlaps are filled with score-0 documents
// in index order (an empty document gets the first k others, all with score 0).
//
// Algorithm (TopKMethod::kTiled, the default). Terms are split by document frequency: the
// frequent ones (df >= dense_density × n, at most what dense_budget_bytes allows) are stored
// as a dense float table cut into chunks of documents, the rest as float posting lists. A
// block of queries is scored against every document at once: for each chunk, each query adds
// its frequent terms' dense rows (4 at a time, SIMD), then scatters its rare terms' postings.
// That is the blocked sparse product X_block · Xᵀ; memory O(nnz + F·n + threads × block × n),
// never n × n. The float scores only choose candidates: every document whose float score is
// within twice the float error bound ((m + 4)·2⁻²³ for a query of m terms; rows have unit norm)
// of the k-th best float score is scored exactly in double by one fixed-order sum over its row
// (increasing term id), and the k best exact scores are kept. So the output is identical for
// any thread count, block size or CPU, and equal, bit for bit, to top_k_brute_force().
//
// TopKMethod::kMaxScore, the other path, takes one query at a time through the inverted
// index with MaxScore pruning (terms by decreasing upper bound q_t · max_j x_jt; stops when the
// bounds left cannot reach the k-th best exact score). It is exact too, and is used instead of
// the tiled path when a weight is so small (< 1e-19 after normalisation) that float products
// could underflow.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "toolkit/features/matrix.h"

namespace stylokit::similarity {

enum class TopKMethod { kTiled, kMaxScore };

struct TopKOptions {
  size_t k = 10;             // neighbours per document (>= 1)
  int threads = 1;           // worker threads, 0 = all cores; the result does not depend on it
  size_t block_rows = 1024;  // queries per task handed to a thread (kTiled: the tile, at most 1024)
  size_t query_begin = 0;    // answer only rows [query_begin, query_end) (all rows are searched);
  size_t query_end = 0;      // 0 = to the last row. For partitioned runs and sampling.
  TopKMethod method = TopKMethod::kTiled;
  double dense_density = 0.02;             // kTiled: terms in at least this share of documents are dense
  size_t dense_budget_bytes = 512u << 20;  // kTiled: memory for the dense table (the most frequent first)
};

struct Neighbor {
  uint32_t index = 0;  // row of the neighbour
  double score = 0;    // cosine similarity (larger is closer)
  bool operator==(const Neighbor&) const = default;
};

struct TopKResult {
  size_t rows = 0;                  // rows answered (query_end - query_begin; n by default)
  size_t first_row = 0;             // query_begin: row(i) holds the neighbours of first_row + i
  size_t per_row = 0;               // min(k, n - 1)
  std::vector<Neighbor> neighbors;  // rows × per_row, row-major
  std::vector<size_t> zero_rows;    // documents with no non-zero weight (all scores 0)
  uint64_t postings_visited = 0;    // work counters (independent of thread count)
  uint64_t candidates_scored = 0;

  const Neighbor* row(size_t i) const { return neighbors.data() + i * per_row; }
};

// Exact top-k cosine by the pruned sparse product above. Time: output-sensitive, at worst
// O(sum over terms of df^2 + n k log k); memory O(nnz + threads × (n + terms) + n k).
// Throws ConfigError for k == 0, threads < 0 or block_rows == 0; DataError for fewer than
// 2 rows, more than 2^32 - 1 rows, or a negative or non-finite weight; ConfigError for a
// query range outside the rows. Thread-safe.
TopKResult top_k(const DocTermMatrix& matrix, const TopKOptions& options);

// The reference: every pair scored by the same exact dot product, O(n^2 · row nnz).
// For tests and small corpora. Same throws.
TopKResult top_k_brute_force(const DocTermMatrix& matrix, const TopKOptions& options);

}  // namespace stylokit::similarity
