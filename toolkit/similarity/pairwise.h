#pragma once
// All-pairs similarity or distance matrices for small corpora (n × n held in memory).
//
// Inputs: an MFW table (features/mfw.h: rows = documents, columns = words in rank order,
// `relative` in percent, `zscores` with the sample sd) for the dense measures, or a
// DocTermMatrix of any weighting for cosine and Jaccard. Formulas and directions are in
// measure.h. Every entry (i, j) is computed by one fixed-order reduction over the features
// of rows i and j (kernels.h: the same order whatever the instruction set, AVX-512, AVX2 or
// baseline, and wherever the pair falls in the register and thread tiles), so the matrix is
// symmetric bit for bit and identical for any thread count and on any x86-64 CPU. The
// diagonal is each measure's value of a row with itself (0 for distances, 1 for
// similarities of non-zero rows).
//
// Speed: the L1, squared-L2 and dot-product measures (the Delta family, Manhattan,
// Euclidean, cosine) run register-tiled kernels, 4 × 4 pairs per pass over the features with
// AVX-512; Cosine Delta is the dot product Z Z^T of the z-scores, computed by the same kernels
// (not Eigen's GEMM, whose summation order depends on its blocking and SIMD width) and divided
// by the row norms. 5,000 documents × 1,000 MFW take about 0.4 s on 2 cores (bench/README.md,
// "Similarity"); Canberra, MinMax and Jaccard use plain per-pair loops.

#include <Eigen/Core>
#include <string>
#include <vector>

#include "toolkit/features/matrix.h"
#include "toolkit/features/mfw.h"
#include "toolkit/similarity/measure.h"

namespace stylokit::similarity {

struct PairwiseOptions {
  Variant variant = Variant::kStylo;  // see measure.h; stylo by default
  int threads = 1;                    // worker threads, 0 = all cores; the result does not depend on it
};

struct PairwiseResult {
  Eigen::MatrixXd values;                // n × n, symmetric
  Measure measure = Measure::kCosine;
  Variant variant = Variant::kStylo;
  size_t features_used = 0;              // d in the formulas (after dropping zero-variance features)
  std::vector<std::string> dropped;      // features dropped (zero variance, zero Laplace scale)
  std::vector<size_t> zero_rows;         // documents whose vector is all zero (scored as measure.h says)
  std::vector<std::string> warnings;     // one line each, for the caller to print
};

// The measure on an MFW table. O(n^2 d / threads) time, O(n^2 + n d) memory.
// Throws DataError when the table has fewer than 2 documents or no usable feature (all
// dropped), ConfigError for threads < 0. Thread-safe (no shared state).
PairwiseResult pairwise(const features::MfwTable& table, Measure measure, const PairwiseOptions& options = {});

// Cosine (on the values as weighted) or Jaccard (on the sets of non-zero columns) between
// the rows of a sparse matrix. O(n^2 * average row nnz) time, O(n^2) memory; use top_k()
// for large n. Throws ConfigError for any other measure, DataError for fewer than 2 rows.
PairwiseResult pairwise_sparse(const DocTermMatrix& matrix, Measure measure, const PairwiseOptions& options = {});

// Helpers for tables from other tools ------------------------------------------------

// Fills mean, sd (sample, n - 1), zscores and constant_words of a table whose `relative`,
// `words` and `doc_ids` are set (a frequency table read from a file), as mfw.h defines
// them: a zero-sd word gets z = 0 and is listed in constant_words. O(n d).
// Throws DataError for fewer than 2 documents or a non-finite or negative value.
void standardize(features::MfwTable& table);

// The table restricted to the given columns, in the given order (indices into words);
// corpus statistics are copied, z-scores are not recomputed (a column's z-scores do not
// depend on other columns). O(n k).
features::MfwTable select_columns(const features::MfwTable& table, const std::vector<size_t>& columns);

}  // namespace stylokit::similarity
