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
// Algorithm. Rows are processed in blocks of `block_rows` queries handed to threads; each
// query row multiplies the transposed matrix (an inverted index, one posting list per
// term) — X_block · Xᵀ one row at a time — into a dense accumulator, so memory is
// O(nnz + threads × (n + terms)), never n × n. Exact pruning (MaxScore): terms of the query
// are taken by decreasing upper bound q_t · max_j x_jt; once the bounds of the terms left sum
// to less than the k-th best exact score found so far, documents not yet reached cannot
// enter the top k, and reached ones whose partial score plus that bound is below it are
// dropped. Every reported score is recomputed exactly by one fixed-order sum over the
// candidate's row (increasing term id), so the output is identical for any thread count and
// equal, bit for bit, to top_k_brute_force().

#include <cstddef>
#include <cstdint>
#include <vector>

#include "toolkit/features/matrix.h"

namespace stylokit::similarity {

struct TopKOptions {
  size_t k = 10;            // neighbours per document (>= 1)
  int threads = 1;          // worker threads (>= 1); the result does not depend on it
  size_t block_rows = 256;  // queries per task handed to a thread
  size_t query_begin = 0;   // answer only rows [query_begin, query_end) (all rows are searched);
  size_t query_end = 0;     // 0 = to the last row. For partitioned runs and sampling.
};

struct Neighbor {
  uint32_t index = 0;  // row of the neighbour
  double score = 0;    // cosine similarity (larger is closer)
  bool operator==(const Neighbor&) const = default;
};

struct TopKResult {
  size_t rows = 0;                   // rows answered (query_end - query_begin; n by default)
  size_t first_row = 0;              // query_begin: row(i) holds the neighbours of first_row + i
  size_t per_row = 0;                // min(k, n - 1)
  std::vector<Neighbor> neighbors;   // rows × per_row, row-major
  std::vector<size_t> zero_rows;     // documents with no non-zero weight (all scores 0)
  uint64_t postings_visited = 0;     // work counters (independent of thread count)
  uint64_t candidates_scored = 0;

  const Neighbor* row(size_t i) const { return neighbors.data() + i * per_row; }
};

// Exact top-k cosine by the pruned sparse product above. Time: output-sensitive, at worst
// O(sum over terms of df^2 + n k log k); memory O(nnz + threads × (n + terms) + n k).
// Throws ConfigError for k == 0, threads < 1 or block_rows == 0; DataError for fewer than
// 2 rows, more than 2^32 - 1 rows, or a negative or non-finite weight; ConfigError for a
// query range outside the rows. Thread-safe.
TopKResult top_k(const DocTermMatrix& matrix, const TopKOptions& options);

// The reference: every pair scored by the same exact dot product, O(n^2 · row nnz).
// For tests and small corpora. Same throws.
TopKResult top_k_brute_force(const DocTermMatrix& matrix, const TopKOptions& options);

}  // namespace stylokit::similarity
