#pragma once
// Most-frequent-word (MFW) tables for stylometry, as R's stylo builds them for the Delta
// family.
//
// Data contract. An MfwTable has one row per document (corpus order, ids in doc_ids) and one
// column per selected word (rank order, words in `words`).
//   relative(i, j) = 100 × count(word j in doc i) / tokens(doc i)      (percent)
// where tokens(doc i) counts every word token of the document, before any selection (stylo's
// relative frequencies). Words are ranked by corpus count, descending, ties in ICU root
// collation order (default strength), as stylo's sort(table(tokens)) leaves them in R under a
// UTF-8 locale (-a < ^a < a < a-b < a^s < ab < b < B); strings the collator calls equal
// by their UTF-8 bytes. Culling keeps a word only if it occurs in
// at least `culling` percent of the documents; it is applied before the top N are taken.
//   zscores(i, j) = (relative(i, j) − mean[j]) / sd[j]
// with mean and the sample standard deviation (divisor n − 1) over all documents, as R's
// scale(). A word whose sd is 0 (same frequency everywhere, e.g. absent from every document of
// a fixed list) has zscores 0 in every row and is listed in `constant_words`: no NaN ever.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "toolkit/features/vectorizer.h"

namespace stylokit::features {

// Row-major dense table: a document's values are contiguous.
using DenseTable = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

struct MfwOptions {
  size_t mfw = 100;                   // words in the table (fewer when the corpus has fewer); 0 = all
  size_t skip = 0;                    // ranks skipped before the first word taken (stylo's
                                      // start.at = skip + 1; stylo's "mfw = M" with start.at = S
                                      // is mfw = M − S + 1, skip = S − 1 here)
  double culling = 0;                 // percent in [0, 100]: keep a word only if it occurs in at
                                      // least this share of documents (stylo culling)
  std::vector<std::string> features;  // fixed feature list (already normalised as tokens are),
                                      // used in this order instead of the ranking; words absent
                                      // from the corpus get frequency 0; culling still applies,
                                      // mfw and skip do not. Duplicates are a ConfigError.

  // Throws ConfigError naming the field (culling outside [0, 100], duplicate feature).
  void validate() const;
};

struct MfwTable {
  std::vector<std::string> words;           // columns, rank order (or the fixed list's order)
  std::vector<std::string> doc_ids;         // rows, corpus order
  std::vector<int64_t> corpus_counts;       // per word: occurrences in the corpus
  std::vector<int64_t> doc_freqs;           // per word: documents holding it
  std::vector<int64_t> doc_tokens;          // per document: word tokens (the denominator)
  DenseTable relative;                      // documents × words, percent
  Eigen::VectorXd mean;                     // per word, over documents
  Eigen::VectorXd sd;                       // per word, sample sd (n − 1)
  DenseTable zscores;                       // documents × words
  std::vector<std::string> constant_words;  // words with sd == 0 (their z-scores are 0)
};

// Ids of all vocabulary terms ranked by corpus count descending, ties in ICU root collation
// order, then by bytes. O(T log T) plus a collation key for each tied term. Requires counts in the vocabulary
// (count_terms fills them).
std::vector<size_t> rank_by_count(const Vocabulary& vocabulary);

// Builds the table from word-unigram counts made by count_terms() WITHOUT pruning (analyzer
// kWord, ngram 1-1, no stop words, no max_features, no fixed vocabulary) — its doc_totals are
// the token counts. O(nnz + T log T + docs × words). Throws ConfigError for bad options and
// DataError when fewer than 2 documents (no sample sd) or no word is left after culling.
// Thread-safe (no shared state).
MfwTable mfw_table(const CountResult& word_counts, const MfwOptions& options);

// Counts the features of `corpus` with `word_options` — its tokenizer, text options, thread
// count, analyzer and n-gram range (word unigrams by default, as stylo; word or character
// n-grams otherwise, ranked and divided by the document's n-gram total the same way); pruning,
// weighting and stop words are overridden to plain counts — and builds the table. Same throws.
MfwTable mfw_table(const Corpus& corpus, const MfwOptions& options, const VectorizerOptions& word_options = {});

// The same from a corpus already tokenized (count_terms(const text::TokenCorpus&, ...)): the
// same table as from the corpus `tokens` was built from with a text::Tokenizer(word_options.text).
// Throws as that count_terms (ConfigError naming `tokenizer` for kSklearn) and as above.
MfwTable mfw_table(const text::TokenCorpus& tokens, const MfwOptions& options,
                   const VectorizerOptions& word_options = {});

}  // namespace stylokit::features
