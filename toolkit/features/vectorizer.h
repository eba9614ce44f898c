#pragma once
// The features stage: a corpus becomes a document-term matrix.
//
// Data contract. vectorize() returns a DocTermMatrix whose row i is corpus.documents[i]
// (ids in doc_ids, same order) and whose column j is vocabulary.term(j). Terms are word
// n-grams (tokens joined by one space) or character n-grams. Without a fixed vocabulary or
// hashing, column ids follow the terms' UTF-8 byte order (= code-point order, the order
// scikit-learn sorts its vocabulary in), so the output is fully determined by the input and
// the options: identical, byte for byte, for any thread count. Values are
//   tf(t, d) × idf(t), then each row normalised,
// with tf from VectorizerOptions::tf, idf from VectorizerOptions::idf and the norm from
// VectorizerOptions::norm. With tokenizer = kSklearn and the options named in the comments
// below, the matrix equals scikit-learn 1.2's TfidfVectorizer / CountVectorizer output to
// 1e-12 with the same vocabulary.
//
// Pipeline (fit, then transform on the same corpus):
//   analyse each document into terms (tokens → stop words removed → n-grams, or char n-grams)
//   → count per document (thread-local tables) → merge in term order → prune by document
//   frequency (min_df, max_df) → keep the max_features most frequent → weight → normalise.
// The tokens may also come from a text::TokenCorpus tokenized once for several stages
// (count_terms(const text::TokenCorpus&, ...)): only the first step differs, and the result
// is the same as from the corpus the TokenCorpus was built from.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "toolkit/corpus/corpus.h"
#include "toolkit/features/matrix.h"
#include "toolkit/features/options.h"
#include "toolkit/features/vocabulary.h"
#include "toolkit/features/word_lists.h"

namespace stylokit::text {
struct TokenCorpus;
}

namespace stylokit::features {

// Raw counts before weighting: the fitted state of the vectorizer.
struct CountResult {
  DocTermMatrix counts;              // documents × terms, raw counts (after pruning)
  Vocabulary vocabulary;             // columns, with df and corpus counts (after pruning)
  std::vector<std::string> doc_ids;  // rows, corpus order
  std::vector<int64_t> doc_totals;   // terms per document before pruning (denominator of kRelative)
  size_t terms_before_pruning = 0;   // distinct terms seen (0 with hashing or a fixed vocabulary)
};

struct Vectorized {
  DocTermMatrix matrix;  // documents × terms, weighted and normalised
  Vocabulary vocabulary;
  std::vector<std::string> doc_ids;
};

// Analyses and counts a corpus (the fit): one CountResult with pruning applied. Work is split
// over `options.threads` threads by document; results are merged in a fixed order so the
// output is identical for any thread count. O(total bytes + T log T) time for T distinct
// terms; memory O(distinct terms + non-zeros). Throws ConfigError for bad options (see
// validate(), and min_df above max_df once resolved against the corpus size) and DataError
// when pruning leaves no term ("no terms remain after pruning: ..."). Thread-safe.
CountResult count_terms(const Corpus& corpus, const VectorizerOptions& options);

// count_terms from a corpus already tokenized: document d of `tokens` is row d (ids
// tokens.doc_ids), its units the vocab texts of its token ids. Returns the same CountResult
// (vocabulary, counts, doc_totals, terms_before_pruning) as count_terms(corpus, options) when
// `tokens` was built from `corpus` by text::build_token_corpus with a text::Tokenizer(options.text):
// ICU tokenization is a function of the text alone, and every analyzer reads only the tokens'
// normalised texts. Throws ConfigError naming `tokenizer` when options.tokenizer is kSklearn
// (sklearn tokens are not ICU tokens) and ConfigError naming `text` when tokens.text_options is
// set and differs from options.text; otherwise throws as count_terms. O(tokens + T log T) time;
// thread-safe; output identical for any thread count.
CountResult count_terms(const text::TokenCorpus& tokens, const VectorizerOptions& options);

// Applies tf, idf and norm to a CountResult as VectorizerOptions says (the transform).
// idf uses counts.vocabulary's document frequencies and the number of rows. O(nnz).
DocTermMatrix weight(const CountResult& counts, const VectorizerOptions& options);

// count_terms + weight.
Vectorized vectorize(const Corpus& corpus, const VectorizerOptions& options);

// count_terms(tokens, options) + weight. Same throws.
Vectorized vectorize(const text::TokenCorpus& tokens, const VectorizerOptions& options);

// The shape of a matrix vectorize_to_file wrote.
struct WrittenMatrix {
  size_t rows = 0;
  size_t cols = 0;
  int64_t non_zeros = 0;
};

// vectorize + save_matrix (matrix_io.h) without holding the matrix: rows are built, weighted
// and written straight from the counts, with no CSR arrays (16 bytes per non-zero; char_wb 3-5
// on Brown peaks at ~100 MB instead of ~155). Same bytes as save_matrix(mtx_path,
// vectorize(...)) with options.threads; same errors as both.
WrittenMatrix vectorize_to_file(const Corpus& corpus, const VectorizerOptions& options,
                                const std::filesystem::path& mtx_path);

// The terms one document yields under the options (after stop words, before pruning), in
// analysis order; for tests and inspection. Allocates one string per term.
std::vector<std::string> analyze(std::string_view text, const VectorizerOptions& options);

// The pinned hash of feature hashing (column = term_hash(term) % hash_buckets). Pinned because
// it decides output columns: 64-bit FNV-1a over the term's UTF-8 bytes (offset basis
// 0xcbf29ce484222325, prime 0x100000001b3), then the splitmix64 finaliser
// (x ^= x >> 30; x *= 0xbf58476d1ce4e5b9; x ^= x >> 27; x *= 0x94d049bb133111eb; x ^= x >> 31)
// so that low bits are well mixed. Golden-tested; never change it. O(bytes), thread-safe.
uint64_t term_hash(std::string_view term);

}  // namespace stylokit::features
