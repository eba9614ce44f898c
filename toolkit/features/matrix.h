#pragma once
// The one matrix type of stylokit's numeric core.
//
// Data contract: rows are documents in corpus order, columns are terms in vocabulary
// order (ids assigned by a fully tie-broken order), values are counts or weights.
// Row-major so that a document's terms are contiguous (InnerIterator over a row);
// 64-bit indices so that non-zeros beyond 2^31 (200k-document char n-gram matrices)
// fit. Build from triplets (duplicates are summed); pass as `const DocTermMatrix&`.

#include <Eigen/SparseCore>
#include <cstdint>

namespace stylokit {

using DocTermMatrix = Eigen::SparseMatrix<double, Eigen::RowMajor, std::int64_t>;

}  // namespace stylokit
