#pragma once
// Reading feature inputs made by other tools, and writing the stage's CSV outputs.
//
// Frequency table CSV (stylo's table_with_frequencies layout, as CSV): one row per
// FEATURE in rank order (most frequent first), one column per DOCUMENT; the header is
// `,<doc1>,<doc2>,…` (the first header cell is ignored, usually empty), the first field of
// each row is the feature, the other fields are relative frequencies in percent. This is
// what R's write.csv(t(freqs)) and pandas' df.T.to_csv() write for stylo's
// table.with.all.freqs, so tables move between stylo, Python and stylokit unchanged.
//
// Features file: one feature per line in the order wanted; blank lines and lines whose
// first non-blank character is '#' are skipped; surrounding white space is trimmed.

#include <Eigen/Core>
#include <string>
#include <vector>

#include "toolkit/features/mfw.h"
#include "toolkit/similarity/topk.h"

namespace stylokit::similarity {

// Parses a frequency table; `source` names the file in errors. Returns a table with words,
// doc_ids, relative (documents × features, percent) and z-scores filled (standardize()).
// Throws DataError naming the file and line for: no document column, no feature row, a
// duplicate feature or document id, an empty feature name, a value that is not a finite
// number >= 0, fewer than 2 documents. O(cells).
features::MfwTable parse_frequency_table(const std::string& csv_text, const std::string& source);

// Writes a table in the layout parse_frequency_table() reads (relative frequencies, 17
// significant digits; append_matrix_csv of common/csv.h with an empty corner), so a run's MFW
// table can be checked with other tools. O(cells).
std::string format_frequency_table(const features::MfwTable& table);

// Parses a features file (format above). Throws DataError naming file and line for a
// duplicate feature, and DataError when no feature is listed. O(bytes).
std::vector<std::string> parse_features_file(const std::string& text, const std::string& source);

// Matrix CSV: header `,<id1>,…`, one row per document starting with its id, values with 17
// significant digits (append_matrix_csv of common/csv.h, as cluster::write_matrix_csv).
// Throws InternalError on a non-finite value (never written). O(n^2).
std::string format_matrix_csv(const Eigen::MatrixXd& values, const std::vector<std::string>& ids);

// Top-k CSV: header `doc,neighbor,rank,score`, rank from 1, rows in document order
// (`ids` are all documents' ids; a partial result writes its rows only).
std::string format_topk_csv(const TopKResult& result, const std::vector<std::string>& ids);

}  // namespace stylokit::similarity
