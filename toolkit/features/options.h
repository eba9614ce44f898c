#pragma once
// The features stage's options: what terms a document yields and how counts are weighted.
// One VectorizerOptions drives count_terms / weight / vectorize (vectorizer.h); the parse_*
// functions turn the CLI's and the experiment file's spellings into these values.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "toolkit/text/stylo_tokenizer.h"
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
  kStylo,    // stylo's txt.to.words.ext() with VectorizerOptions::stylo (stylo_tokenizer.h)
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
  int ngram_min = 1;  // n-gram range [ngram_min, ngram_max], 1 <= min <= max
  int ngram_max = 1;
  TokenizerKind tokenizer = TokenizerKind::kIcu;
  text::TextOptions text;                     // kIcu only: normalisation, case folding, locale
  text::StyloOptions stylo;                   // kStylo only: language, case, splitting rule
  DfBound min_df = DfBound::count(1);         // keep terms with df >= min_df (sklearn min_df=1)
  DfBound max_df = DfBound::proportion(1.0);  // keep terms with df <= max_df (sklearn max_df=1.0)
  size_t max_features = 0;                    // 0 = all; else the most frequent in the corpus
                                              // (ties: the term that sorts first is kept)
  std::vector<std::string> stop_words;        // removed from the token stream before word n-grams
                                              // (analyzer kWord only), compared with tokens as
                                              // given; see load_stop_words()
  std::vector<std::string> vocabulary;        // fixed vocabulary in column order; when non-empty no
                                              // pruning is done (as sklearn's vocabulary=); duplicates
                                              // are a ConfigError
  size_t hash_buckets = 0;                    // > 0: feature hashing into this many columns
                                              // (term_hash() % buckets); no pruning, no vocabulary
  TfWeight tf = TfWeight::kRaw;
  IdfWeight idf = IdfWeight::kSmooth;  // sklearn TfidfVectorizer default
  Norm norm = Norm::kL2;               // sklearn TfidfVectorizer default
  int threads = 0;                     // worker threads; 0 = std::thread::hardware_concurrency()

  // Checks the options alone (ngram range, bounds in range, hashing combined with pruning or
  // a vocabulary, an empty stop word). Throws ConfigError with one line naming the option.
  void validate() const;
};

// Parses "word:1-2", "char:3-5", "char_wb:2-4" (also "word" = word:1-1) into analyzer and
// ngram range of `options`. Throws ConfigError naming --features.
void parse_feature_spec(const std::string& spec, VectorizerOptions& options);
// Parse enum names: "icu"|"sklearn"|"stylo", "raw"|"binary"|"sublinear"|"relative", "none"|"smooth"|
// "plain", "l2"|"l1"|"none". Throw ConfigError naming the option and the bad value.
TokenizerKind parse_tokenizer(const std::string& s);
TfWeight parse_tf(const std::string& s);
IdfWeight parse_idf(const std::string& s);
Norm parse_norm(const std::string& s);

}  // namespace stylokit::features
