#pragma once
// Text reuse across a corpus: candidate document pairs from shared rare n-grams, then
// seeded local alignment (align.h) of each candidate pair.

#include <cstdint>
#include <string>
#include <vector>

#include "toolkit/phrases/align.h"
#include "toolkit/text/token_corpus.h"

namespace stylokit::phrases {

struct ReuseOptions {
  AlignOptions align;          // scoring, seeds, band and min_len of the alignment
  uint32_t ngram = 4;          // n-grams (tokens) that pick candidate pairs and define formulae
  uint32_t max_df = 0;         // n-grams in more documents are not rare; 0 = max(5, documents / 1000)
  uint32_t min_shared = 2;     // distinct rare n-grams a pair must share to be aligned
  uint32_t mask_df = 0;        // mask n-grams found in at least this many documents (0 = off), so
                               // letters sharing only stock formulae are not reported as reuse
  int threads = 0;             // worker threads, 0 = all cores; results do not depend on it
};

// A passage shared by documents doc_a < doc_b, with token spans (document-relative) and
// byte spans into each document's raw bytes.
struct ReusePassage {
  uint32_t doc_a = 0, doc_b = 0;
  TokenPassage tokens;
  uint64_t a_start = 0, a_end = 0, b_start = 0, b_end = 0;
};

struct ReuseResult {
  std::vector<ReusePassage> passages;  // sorted by (doc_a, doc_b, a_start, b_start)
  uint64_t candidate_pairs = 0;        // pairs aligned
  uint64_t masked_tokens = 0;          // tokens masked as formulae
};

// Candidate pairs and their passages. O(T log T) for the n-grams, plus the sum over rare
// n-grams of df^2 for the pairs, plus the alignments (parallel over pairs). Deterministic
// for any thread count. Throws ConfigError for bad options, rethrows worker errors.
ReuseResult find_reuse(const text::TokenCorpus& tc, const ReuseOptions& options);

// The reuse CSV of `stylokit reuse` and experiment runs: doc_a,doc_b,a_start,a_end,
// b_start,b_end,score,a_tokens,b_tokens,matches,a_text,b_text (byte spans into the file
// each document was read from, Document::file_offset; the texts are those spans, in UTF-8). `corpus` is the one `tc` was built from.
std::string reuse_csv(const Corpus& corpus, const ReuseResult& result);

// Passages of two documents of one text::TokenCorpus (byte spans filled). Thread-safe.
std::vector<ReusePassage> align_documents(const text::TokenCorpus& tc, uint32_t doc_a, uint32_t doc_b,
                                          const AlignOptions& options);

}  // namespace stylokit::phrases
