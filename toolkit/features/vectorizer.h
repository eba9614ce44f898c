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

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "toolkit/corpus/corpus.h"
#include "toolkit/features/matrix.h"
#include "toolkit/text/tokenizer.h"

namespace stylokit::features {

enum class Analyzer {
  kWord,    // word n-grams: tokens joined by ' ' (sklearn analyzer="word")
  kChar,    // character n-grams across words, white-space runs of 2+ made one ' ' (analyzer="char")
  kCharWb,  // character n-grams inside words, each word padded with ' ' (analyzer="char_wb")
};

enum class TokenizerKind {
  kIcu,      // stylokit::text::Tokenizer with VectorizerOptions::text (NFKC, case folding, UAX #29)
  kSklearn,  // scikit-learn's default: Python str.lower(), tokens (?u)\b\w\w+\b (sklearn_tokenizer.h)
};

enum class TfWeight {
  kRaw,        // the count (sklearn default)
  kBinary,     // 1 when present (sklearn binary=True)
  kSublinear,  // 1 + ln(count) (sklearn sublinear_tf=True)
  kRelative,   // 100 × count / (all terms of the document before pruning): stylo's relative frequency in percent
};

enum class IdfWeight {
  kNone,    // no idf (sklearn use_idf=False, or CountVectorizer)
  kSmooth,  // ln((1 + n) / (1 + df)) + 1 (sklearn default smooth_idf=True)
  kPlain,   // ln(n / df) + 1 (sklearn smooth_idf=False)
};

enum class Norm {
  kL2,    // each row divided by its Euclidean norm (sklearn default); all-zero rows stay zero
  kL1,    // each row divided by the sum of absolute values
  kNone,  // no normalisation
};

// A document-frequency bound as sklearn takes it: an integer count of documents, or a
// proportion of the corpus in [0, 1] (sklearn: a float). Bound = count, or proportion × n.
struct DfBound {
  bool is_proportion = false;
  double value = 0;

  static DfBound count(int64_t n) { return {false, static_cast<double>(n)}; }
  static DfBound proportion(double p) { return {true, p}; }
  // Parses "2" (a count) or "0.5", "1.0", "5e-1" (a proportion: the text has '.' or 'e').
  // Throws ConfigError naming `what` for a negative count or a proportion outside [0, 1].
  static DfBound parse(const std::string& text, const std::string& what);
  // The bound in documents for a corpus of n documents (proportion × n, not rounded).
  double documents(size_t n) const { return is_proportion ? value * static_cast<double>(n) : value; }
};

struct VectorizerOptions {
  Analyzer analyzer = Analyzer::kWord;
  int ngram_min = 1;                           // n-gram range [ngram_min, ngram_max], 1 <= min <= max
  int ngram_max = 1;
  TokenizerKind tokenizer = TokenizerKind::kIcu;
  text::TextOptions text;                      // kIcu only: normalisation, case folding, locale
  DfBound min_df = DfBound::count(1);          // keep terms with df >= min_df (sklearn min_df=1)
  DfBound max_df = DfBound::proportion(1.0);   // keep terms with df <= max_df (sklearn max_df=1.0)
  size_t max_features = 0;                     // 0 = all; else the most frequent in the corpus
                                               // (ties: the term that sorts first is kept)
  std::vector<std::string> stop_words;         // removed from the token stream before word n-grams
                                               // (analyzer kWord only), compared with tokens as
                                               // given; see load_stop_words()
  std::vector<std::string> vocabulary;         // fixed vocabulary in column order; when non-empty no
                                               // pruning is done (as sklearn's vocabulary=); duplicates
                                               // are a ConfigError
  size_t hash_buckets = 0;                     // > 0: feature hashing into this many columns
                                               // (term_hash() % buckets); no pruning, no vocabulary
  TfWeight tf = TfWeight::kRaw;
  IdfWeight idf = IdfWeight::kSmooth;          // sklearn TfidfVectorizer default
  Norm norm = Norm::kL2;                       // sklearn TfidfVectorizer default
  int threads = 0;                             // worker threads; 0 = std::thread::hardware_concurrency()

  // Checks the options alone (ngram range, bounds in range, hashing combined with pruning or
  // a vocabulary, an empty stop word). Throws ConfigError with one line naming the option.
  void validate() const;
};

// Term ↔ column id, with the statistics pruning and weighting need. Copyable; lookups are
// thread-safe on a const Vocabulary.
class Vocabulary {
 public:
  Vocabulary() = default;
  // Terms in column order with their document frequencies and corpus counts (same length;
  // counts may be empty = unknown). Throws ConfigError on a duplicate term.
  Vocabulary(std::vector<std::string> terms, std::vector<int64_t> dfs, std::vector<int64_t> counts = {});

  size_t size() const { return terms_.size(); }
  bool empty() const { return terms_.empty(); }
  const std::string& term(size_t id) const { return terms_[id]; }
  int64_t df(size_t id) const { return dfs_[id]; }         // documents holding the term
  int64_t count(size_t id) const { return counts_.empty() ? 0 : counts_[id]; }  // occurrences in the corpus
  const std::vector<std::string>& terms() const { return terms_; }
  const std::vector<int64_t>& dfs() const { return dfs_; }
  const std::vector<int64_t>& counts() const { return counts_; }
  // Column id of a term, or nullopt. O(log T) (binary search).
  std::optional<size_t> find(std::string_view term) const;

 private:
  std::vector<std::string> terms_;
  std::vector<int64_t> dfs_;
  std::vector<int64_t> counts_;
  std::vector<uint32_t> by_term_;  // ids in term order; empty when terms_ is sorted already (the usual case)
};

// Raw counts before weighting: the fitted state of the vectorizer.
struct CountResult {
  DocTermMatrix counts;                // documents × terms, raw counts (after pruning)
  Vocabulary vocabulary;               // columns, with df and corpus counts (after pruning)
  std::vector<std::string> doc_ids;    // rows, corpus order
  std::vector<int64_t> doc_totals;     // terms per document before pruning (denominator of kRelative)
  size_t terms_before_pruning = 0;     // distinct terms seen (0 with hashing or a fixed vocabulary)
};

struct Vectorized {
  DocTermMatrix matrix;                // documents × terms, weighted and normalised
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

// Applies tf, idf and norm to a CountResult as VectorizerOptions says (the transform).
// idf uses counts.vocabulary's document frequencies and the number of rows. O(nnz).
DocTermMatrix weight(const CountResult& counts, const VectorizerOptions& options);

// count_terms + weight.
Vectorized vectorize(const Corpus& corpus, const VectorizerOptions& options);

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

// Reads a stop-word list: a shipped name ("english" → data/stopwords/english.txt) or a path;
// one word per line, '#' starts a comment, blank lines ignored. Words are returned as written
// (lower-cased text matches them for kSklearn; for kIcu they are normalised with `text` options
// when `normalize_for` is given). Throws ConfigError / IoError / DataError naming the file.
std::vector<std::string> load_stop_words(const std::string& name_or_path,
                                         const text::TextOptions* normalize_for = nullptr);

// Reads a fixed vocabulary: a .tsv written by save_matrix (header `term<TAB>df`, escapes
// undone) or any other file with one term per line (blank lines ignored). Throws IoError /
// DataError naming the file and line; ConfigError on a duplicate term.
std::vector<std::string> load_vocabulary(const std::string& path);

// The pinned hash of feature hashing (column = term_hash(term) % hash_buckets). Pinned because
// it decides output columns: 64-bit FNV-1a over the term's UTF-8 bytes (offset basis
// 0xcbf29ce484222325, prime 0x100000001b3), then the splitmix64 finaliser
// (x ^= x >> 30; x *= 0xbf58476d1ce4e5b9; x ^= x >> 27; x *= 0x94d049bb133111eb; x ^= x >> 31)
// so that low bits are well mixed. Golden-tested; never change it. O(bytes), thread-safe.
uint64_t term_hash(std::string_view term);

// Parses "word:1-2", "char:3-5", "char_wb:2-4" (also "word" = word:1-1) into analyzer and
// ngram range of `options`. Throws ConfigError naming --features.
void parse_feature_spec(const std::string& spec, VectorizerOptions& options);
// Parse enum names: "icu"|"sklearn", "raw"|"binary"|"sublinear"|"relative", "none"|"smooth"|
// "plain", "l2"|"l1"|"none". Throw ConfigError naming the option and the bad value.
TokenizerKind parse_tokenizer(const std::string& s);
TfWeight parse_tf(const std::string& s);
IdfWeight parse_idf(const std::string& s);
Norm parse_norm(const std::string& s);

}  // namespace stylokit::features
