#pragma once
// Internal to the features stage: turns one document into its terms (word or character
// n-grams) and hands each to a sink, with per-thread scratch buffers so that no term
// allocates. One DocAnalyzer per thread.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "toolkit/features/internal/term_table.h"
#include "toolkit/features/options.h"
#include "toolkit/text/sklearn_tokenizer.h"
#include "toolkit/text/tokenizer.h"

namespace stylokit::features::detail {

class DocAnalyzer {
 public:
  // `stop` (may be null) holds the stop words; it must outlive the analyzer.
  DocAnalyzer(const VectorizerOptions& options, const TermTable* stop);

  // Calls sink(std::string_view term) for every term of raw[ranges] (ranges joined by '\n'),
  // in analysis order. The view is valid only during the call.
  template <class Sink>
  void run(std::string_view raw, const std::vector<ByteRange>& ranges, Sink&& sink);

  // Analyzers kWord and kCharWb: the units n-grams are made of — the tokens after stop words
  // (kWord) or the words char_wb pads (kCharWb) — in text order. Valid until the next call.
  const std::vector<std::string_view>& units(std::string_view raw, const std::vector<ByteRange>& ranges);

  // The char_wb n-grams of one word, as sklearn's _char_wb_ngrams makes them.
  template <class Sink>
  void char_wb_word(std::string_view word, Sink&& sink);

 private:
  template <class Sink>
  void word_ngrams(Sink& sink);
  template <class Sink>
  void char_ngrams(std::string_view s, Sink& sink);
  void drop_stop_words();

  const VectorizerOptions& o_;
  const TermTable* stop_;
  std::optional<text::Tokenizer> icu_;
  std::string lowered_;
  std::string norm_;
  std::string buf_;
  std::string gram_;
  std::vector<text::ByteSpan> spans_;
  std::vector<uint32_t> offsets_;
  std::vector<std::string_view> tokens_;
};

inline DocAnalyzer::DocAnalyzer(const VectorizerOptions& options, const TermTable* stop) : o_(options), stop_(stop) {
  if (o_.tokenizer == TokenizerKind::kIcu) icu_.emplace(o_.text);
}

inline const std::vector<std::string_view>& DocAnalyzer::units(std::string_view raw,
                                                               const std::vector<ByteRange>& ranges) {
  tokens_.clear();
  if (o_.tokenizer == TokenizerKind::kSklearn) {
    lowered_.clear();
    for (size_t r = 0; r < ranges.size(); ++r) {
      if (r > 0) lowered_.push_back('\n');
      text::python_lower_append(raw.substr(ranges[r].begin, ranges[r].size()), lowered_);
    }
    spans_.clear();
    if (o_.analyzer == Analyzer::kWord) {
      text::sklearn_word_spans(lowered_, spans_);
    } else {
      text::python_split_spans(lowered_, spans_);
    }
    for (const auto& s : spans_) tokens_.emplace_back(lowered_.data() + s.begin, s.end - s.begin);
  } else {
    // ICU tokens: normalised forms, kept in norm_ until the next call.
    text::TokenizedDocument td = icu_->tokenize(raw, ranges);
    norm_.swap(td.norm);
    for (const auto& t : td.tokens) tokens_.emplace_back(norm_.data() + t.norm_begin, t.norm_size);
  }
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

template <class Sink>
void DocAnalyzer::run(std::string_view raw, const std::vector<ByteRange>& ranges, Sink&& sink) {
  if (o_.analyzer == Analyzer::kWord) {
    units(raw, ranges);
    word_ngrams(sink);
    return;
  }
  if (o_.analyzer == Analyzer::kCharWb) {
    units(raw, ranges);
    for (const auto& w : tokens_) char_wb_word(w, sink);
    return;
  }
  // kChar: sklearn reads the lower-cased text with white-space runs collapsed; ICU reads the
  // normalised tokens joined by ' '.
  buf_.clear();
  if (o_.tokenizer == TokenizerKind::kSklearn) {
    lowered_.clear();
    for (size_t r = 0; r < ranges.size(); ++r) {
      if (r > 0) lowered_.push_back('\n');
      text::python_lower_append(raw.substr(ranges[r].begin, ranges[r].size()), lowered_);
    }
    text::collapse_python_spaces_append(lowered_, buf_);
  } else {
    text::TokenizedDocument td = icu_->tokenize(raw, ranges);
    for (size_t i = 0; i < td.tokens.size(); ++i) {
      if (i > 0) buf_.push_back(' ');
      buf_.append(td.text(td.tokens[i]));
    }
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
