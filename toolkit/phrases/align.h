#pragma once
// Local alignment of the passages two token sequences share: Smith-Waterman with Gotoh's
// affine gaps, seeded by shared n-grams and banded around the seeds' diagonals.
//
// Scores: a pair of equal tokens scores `match`, unequal `mismatch`; a gap of k tokens
// costs gap_open + (k - 1) * gap_extend (EMBOSS water's convention: the open penalty is
// the first gapped token). Negative token ids are masked tokens: they equal nothing, not
// even themselves, so masked formulae neither seed nor extend a passage.
//
// All non-overlapping passages are reported, not only the best: no two passages share a
// token of A, and none share a token of B. Seeds are chained into regions (same band of
// diagonals, at most max_gap tokens apart); each region is aligned in its band, the best
// local alignment is kept when long enough, its tokens are blocked, and the region's
// remaining seeds are aligned again, until no seed is left.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace stylokit::phrases {

struct AlignOptions {
  double match = 2.0;          // score of two equal tokens
  double mismatch = -1.0;      // score of two different tokens
  double gap_open = -5.0;      // first token of a gap
  double gap_extend = -0.5;    // each further token of a gap
  uint32_t seed_len = 3;       // shared n-grams of this many tokens seed the alignment
  uint32_t max_seed_occurrences = 16;  // n-grams more frequent in either sequence are not seeds
  uint32_t band = 8;           // diagonals aligned on each side of the seeds' diagonals
  uint32_t max_gap = 30;       // seeds at most this many tokens apart join one region
  uint32_t min_len = 8;        // shortest passage reported, in tokens, on both sides
  double min_score = 0.0;      // lowest passage score reported
  uint64_t max_cells = uint64_t{1} << 27;  // largest banded region (cells = bytes of traceback)
};

// A shared passage as token spans [begin, end) in both sequences.
struct TokenPassage {
  uint64_t a_begin = 0, a_end = 0;
  uint64_t b_begin = 0, b_end = 0;
  double score = 0;
  uint64_t matches = 0;  // aligned pairs of equal tokens
};

// All non-overlapping passages, sorted by a_begin then b_begin. O((|A| + |B|) log) for the
// seeds plus O(band * aligned tokens) per region. Thread-safe (no shared state).
// Throws ConfigError for a bad option (seed_len 0, min_len 0, positive gap or mismatch,
// match <= 0) and DataError when a region exceeds max_cells.
std::vector<TokenPassage> align_tokens(std::span<const int32_t> a, std::span<const int32_t> b,
                                       const AlignOptions& options);

// The Smith-Waterman-Gotoh score of the best local alignment over the full matrix (no
// seeds, no band). O(|A| |B|) time, O(|B|) space: a reference for tests and small inputs.
double best_local_score(std::span<const int32_t> a, std::span<const int32_t> b, const AlignOptions& options);

// Checks an AlignOptions; throws ConfigError naming the field.
void validate(const AlignOptions& options);

}  // namespace stylokit::phrases
