#pragma once
// Internal to the features stage: turns one document into its terms (word or character
// n-grams) and hands each to a sink, with per-thread scratch buffers so that no term
// allocates. One DocAnalyzer per thread.
//
// A document comes as raw bytes to tokenize (RawDoc) or as a document of a TokenCorpus
// (TokenDoc) whose tokens are already the ICU (or stylo) tokenizer's normalised texts. Only the step that
// produces the tokens differs; stop words, n-grams and the character paths read the same
// token views either way, so both give the same terms in the same order.

#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "toolkit/common/error.h"
#include "toolkit/features/internal/term_table.h"
#include "toolkit/features/options.h"
#include "toolkit/text/sklearn_tokenizer.h"
#include "toolkit/text/token_corpus.h"
#include "toolkit/text/tokenizer.h"

namespace stylokit::features::detail {

// The kept ranges of a document's raw bytes, tokenized by the analyzer.
struct RawDoc {
  std::string_view raw;
  const std::vector<ByteRange>& ranges;
};

// Document `doc` of a TokenCorpus built with a text::Tokenizer(VectorizerOptions::text).
struct TokenDoc {
  const text::TokenCorpus& tokens;
  size_t doc;
};

class DocAnalyzer {
 public:
  // `stop` (may be null) holds the stop words; it must outlive the analyzer.
  DocAnalyzer(const VectorizerOptions& options, const TermTable* stop);

  // Calls sink(std::string_view term) for every term of the document (raw input: raw[ranges],
  // ranges joined by '\n', or by nothing across a soft gap), in analysis order. The view is valid only during the call.
  template <class Doc, class Sink>
  void run(const Doc& doc, Sink&& sink);

  // Analyzers kWord and kCharWb: the units n-grams are made of — the tokens after stop words
  // (kWord) or the words char_wb pads (kCharWb) — in text order. Valid until the next call.
  template <class Doc>
  const std::vector<std::string_view>& units(const Doc& doc);

  // The char_wb n-grams of one word, as sklearn's _char_wb_ngrams makes them.
  template <class Sink>
  void char_wb_word(std::string_view word, Sink&& sink);

 private:
  // Fill tokens_ with the document's tokens, before stop words.
  void read_tokens(const RawDoc& doc);
  void read_tokens(const TokenDoc& doc);
  void lower_sklearn(const RawDoc& doc);
  template <class Sink>
  void word_ngrams(Sink& sink);
  template <class Sink>
  void char_ngrams(std::string_view s, Sink& sink);
  void drop_stop_words();

  const VectorizerOptions& o_;
  const TermTable* stop_;
  std::optional<text::Tokenizer> icu_;
  std::optional<text::StyloTokenizer> stylo_;
  std::string lowered_;
  text::TokenizedDocument icu_doc_;
  std::string buf_;
  std::string gram_;
  std::vector<text::ByteSpan> spans_;
  std::vector<uint32_t> offsets_;
  std::vector<std::string_view> tokens_;
};

inline DocAnalyzer::DocAnalyzer(const VectorizerOptions& options, const TermTable* stop) : o_(options), stop_(stop) {
  if (o_.tokenizer == TokenizerKind::kIcu) icu_.emplace(o_.text);
  if (o_.tokenizer == TokenizerKind::kStylo) stylo_.emplace(o_.stylo);
}

inline void DocAnalyzer::lower_sklearn(const RawDoc& doc) {
  lowered_.clear();
  for (size_t r = 0; r < doc.ranges.size(); ++r) {
    // Ranges meet at a line break, except across a soft gap (a removed tag, read as nothing
    // as stylo reads it; see Gaps in toolkit/corpus/corpus.h).
    if (r > 0 && !doc.ranges[r].joins_previous) lowered_.push_back('\n');
    text::python_lower_append(doc.raw.substr(doc.ranges[r].begin, doc.ranges[r].size()), lowered_);
  }
}

inline void DocAnalyzer::read_tokens(const RawDoc& doc) {
  tokens_.clear();
  if (o_.tokenizer == TokenizerKind::kSklearn) {
    lower_sklearn(doc);
    spans_.clear();
    if (o_.analyzer == Analyzer::kWord) {
      text::sklearn_word_spans(lowered_, spans_);
    } else {
      text::python_split_spans(lowered_, spans_);
    }
    for (const auto& s : spans_) tokens_.emplace_back(lowered_.data() + s.begin, s.end - s.begin);
  } else {
    // ICU or stylo tokens: normalised forms, kept in icu_doc_ until the next call. Counting
    // needs no sentences.
    if (stylo_) {
      icu_doc_ = stylo_->tokenize(doc.raw, doc.ranges);
    } else {
      icu_->tokenize_into(doc.raw, doc.ranges, icu_doc_, text::Sentences::kSkip);
    }
    const std::string& norm = icu_doc_.norm;
    for (const auto& t : icu_doc_.tokens) tokens_.emplace_back(norm.data() + t.norm_begin, t.norm_size);
  }
}

inline void DocAnalyzer::read_tokens(const TokenDoc& doc) {
  // The caller rejects kSklearn: a TokenCorpus holds ICU or stylo tokens.
  STYLOKIT_ASSERT(o_.tokenizer != TokenizerKind::kSklearn);
  const text::TokenCorpus& tc = doc.tokens;
  tokens_.clear();
  for (uint64_t k = tc.doc_begin[doc.doc]; k < tc.doc_begin[doc.doc + 1]; ++k)
    tokens_.emplace_back(tc.vocab[static_cast<size_t>(tc.ids[k])]);
}

template <class Doc>
const std::vector<std::string_view>& DocAnalyzer::units(const Doc& doc) {
  read_tokens(doc);
  if (o_.analyzer == Analyzer::kWord) drop_stop_words();
  return tokens_;
}

inline void DocAnalyzer::drop_stop_words() {
  if (stop_ == nullptr || stop_->size() == 0) return;
  size_t w = 0;
  for (size_t i = 0; i < tokens_.size(); ++i)
    if (stop_->find(tokens_[i]) == TermTable::kAbsent) tokens_[w++] = tokens_[i];
  tokens_.resize(w);
}

template <class Doc, class Sink>
void DocAnalyzer::run(const Doc& doc, Sink&& sink) {
  if (o_.analyzer == Analyzer::kWord) {
    units(doc);
    word_ngrams(sink);
    return;
  }
  if (o_.analyzer == Analyzer::kCharWb) {
    units(doc);
    for (const auto& w : tokens_) char_wb_word(w, sink);
    return;
  }
  // kChar: sklearn reads the lower-cased text with white-space runs collapsed (not a function
  // of its tokens); ICU reads the normalised tokens joined by ' '.
  buf_.clear();
  if constexpr (std::is_same_v<Doc, RawDoc>) {
    if (o_.tokenizer == TokenizerKind::kSklearn) {
      lower_sklearn(doc);
      text::collapse_python_spaces_append(lowered_, buf_);
      char_ngrams(buf_, sink);
      return;
    }
  }
  read_tokens(doc);
  for (size_t i = 0; i < tokens_.size(); ++i) {
    if (i > 0) buf_.push_back(' ');
    buf_.append(tokens_[i]);
  }
  char_ngrams(buf_, sink);
}

template <class Sink>
void DocAnalyzer::word_ngrams(Sink& sink) {
  const size_t m = tokens_.size();
  for (int n = o_.ngram_min; n <= o_.ngram_max; ++n) {
    const auto un = static_cast<size_t>(n);
    if (un > m) break;
    if (n == 1) {
      for (const auto& t : tokens_) sink(t);
      continue;
    }
    for (size_t i = 0; i + un <= m; ++i) {
      gram_.assign(tokens_[i]);
      for (size_t k = 1; k < un; ++k) {
        gram_.push_back(' ');
        gram_.append(tokens_[i + k]);
      }
      sink(std::string_view(gram_));
    }
  }
}

template <class Sink>
void DocAnalyzer::char_ngrams(std::string_view s, Sink& sink) {
  offsets_.clear();
  text::code_point_offsets(s, offsets_);
  const size_t m = offsets_.size() - 1;  // code points
  for (int n = o_.ngram_min; n <= o_.ngram_max; ++n) {
    const auto un = static_cast<size_t>(n);
    if (un > m) break;
    for (size_t i = 0; i + un <= m; ++i) sink(s.substr(offsets_[i], offsets_[i + un] - offsets_[i]));
  }
}

template <class Sink>
void DocAnalyzer::char_wb_word(std::string_view word, Sink&& sink) {
  // sklearn: w = " " + w + " "; for each n: all n-grams of w, except that once n reaches
  // len(w) the whole padded word is emitted once and larger n are skipped.
  buf_.clear();
  buf_.push_back(' ');
  buf_.append(word);
  buf_.push_back(' ');
  offsets_.clear();
  text::code_point_offsets(buf_, offsets_);
  const size_t m = offsets_.size() - 1;
  const std::string_view w(buf_);
  for (int n = o_.ngram_min; n <= o_.ngram_max; ++n) {
    const auto un = static_cast<size_t>(n);
    if (un >= m) {
      sink(w);
      break;
    }
    for (size_t i = 0; i + un <= m; ++i) sink(w.substr(offsets_[i], offsets_[i + un] - offsets_[i]));
  }
}

}  // namespace stylokit::features::detail
