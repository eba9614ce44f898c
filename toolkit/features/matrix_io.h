#pragma once
// Saving and loading a document-term matrix as Matrix Market plus two TSV side files, the
// format docs/DESIGN.md fixes (readable by scipy.io.mmread, R's Matrix::readMM and pandas):
//   M.mtx        "%%MatrixMarket matrix coordinate real general", one comment line, then
//                "rows cols nnz" and one "row col value" line per non-zero (1-based, row-major
//                order, values in the shortest form that reads back exactly, integers as
//                integers);
//   M.terms.tsv  header "term<TAB>df", one row per column in order; in terms '\t', '\n',
//                '\r' and '\\' are written as \t, \n, \r and \\;
//   M.docs.tsv   header "id", one row per matrix row, ids escaped the same way.
// The side files are named after the .mtx path: "out/M.mtx" → "out/M.terms.tsv",
// "out/M.docs.tsv".

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "toolkit/common/tsv.h"
#include "toolkit/features/matrix.h"
#include "toolkit/features/vocabulary.h"

namespace stylokit::features {

// The side-file paths of an .mtx path. Throws ConfigError when the path does not end in ".mtx".
std::filesystem::path terms_path(const std::filesystem::path& mtx_path);
std::filesystem::path docs_path(const std::filesystem::path& mtx_path);

// Writes the three files, each atomically (temporary + rename; all three are written before
// any is renamed). Rows are formatted by `threads` threads (0 = hardware concurrency) in runs
// of whole rows of about `chunk_entries` entries, each written at its place: identical bytes
// for any thread count and chunk size. O(nnz); memory beside the matrix: one buffer of
// `chunk_entries` lines per thread (a longer row is written in several pieces).
// Throws ConfigError for a bad path or sizes that do not match (vocabulary.size() != cols,
// doc_ids.size() != rows), IoError when a file cannot be written. Values that are not finite
// are a DataError (never written silently).
void save_matrix(const std::filesystem::path& mtx_path, const DocTermMatrix& matrix, const Vocabulary& vocabulary,
                 const std::vector<std::string>& doc_ids, int threads = 1, size_t chunk_entries = size_t{1} << 15);

// One row of a matrix that is written without being held whole (save_matrix_rows).
struct MatrixRow {
  std::vector<int64_t> cols;  // ascending
  std::vector<double> values;
};
// Fills `out` with row `row`. Called from several threads at once for different rows, each
// with its own `worker` index in [0, resolve_thread_count(threads)) (for scratch space).
using RowProducer = std::function<void(size_t row, size_t worker, MatrixRow& out)>;

// As save_matrix, for a matrix of row_offsets.size() - 1 rows and `cols` columns whose rows
// come from produce(): row r must have row_offsets[r + 1] - row_offsets[r] entries (an
// InternalError otherwise). Memory: one row and one chunk buffer per thread. Same bytes as
// save_matrix of the same matrix.
void save_matrix_rows(const std::filesystem::path& mtx_path, const std::vector<int64_t>& row_offsets, size_t cols,
                      const RowProducer& produce, const Vocabulary& vocabulary, const std::vector<std::string>& doc_ids,
                      int threads = 1, size_t chunk_entries = size_t{1} << 15);

struct LoadedMatrix {
  DocTermMatrix matrix;
  Vocabulary vocabulary;             // terms and dfs from M.terms.tsv (corpus counts unknown)
  std::vector<std::string> doc_ids;  // from M.docs.tsv
};

// Reads the three files back. Accepts any "coordinate real|integer general" Matrix Market file
// (comments and blank lines skipped, duplicate entries summed). Throws IoError for a missing
// file and DataError naming the file and line for anything malformed: bad banner, bad size
// line, index out of range, non-numeric or non-finite value, fewer or more entries than
// declared, side files whose row counts do not match the matrix. O(nnz log nnz).
LoadedMatrix load_matrix(const std::filesystem::path& mtx_path);

}  // namespace stylokit::features
