#pragma once
// stylo's tokenizer, reproduced exactly (R package stylo 0.7.7, R/txt.to.words.ext.R and
// R/txt.to.words.R) for `--tokenizer stylo`, plus a token-matching mode for pydelta.
//
// Languages (stylo's corpus.lang, compared case-insensitively as stylo does):
//   English.all    lower-case; X'(t|s|d|m|ll|ve|em|im|re) followed by a non-word character
//                  becomes X^t ... (one left-to-right pass, ASCII apostrophe only); runs of
//                  2-5 hyphens become " -- " (greedy, left to right: a run of 6 leaves one
//                  hyphen glued to the next word, as in stylo); split on every character
//                  outside A-Za-z, stylo's Unicode letter ranges, '^' and '-'; tokens made
//                  only of hyphens are dropped;
//   English.contr  the same but hyphens separate ('^' is kept);
//   CJK            split on everything outside A-Za-z and the kana, CJK ideograph and Hangul
//                  ranges; case always kept (stylo passes preserve.case = TRUE);
//   Latin.corr     the default rules, then v → u and j → i in every token (stylo's & → et
//                  cannot apply: '&' is a separator);
//   English, Latin, Polish, French, German, Italian, Hungarian, Dutch, Spanish, Other ...
//                  the default: lower-case, split on everything outside A-Za-z and stylo's
//                  Unicode letter ranges.
// Lower-casing is R's tolower(): per code point simple lowercase (u_tolower), never a change
// of length in code points. [[:alpha:]] and the word characters of \b are read as Unicode
// Alphabetic (and '_' and ASCII digits for \b), which is what glibc's iswalpha/iswalnum give
// for the scripts stylo lists.
//
// splitting_rule (stylo's splitting.rule): a separator regex; each line of a kept range is
// lower-cased (unless preserve_case) and split with R's strsplit() algorithm (an empty match
// at the start of what is left yields one character as a token); empty tokens are dropped. No
// contraction or hyphen rule applies. The regex is ICU's, not R's TRE: POSIX classes
// ([[:alpha:]]) and ranges read the same; ICU takes the first alternative that matches where
// TRE takes the longest; [:space:] is read as glibc's (no no-break spaces); ICU also knows
// \p{...} (TRE reads [^\p{L}] as the characters \ p { L }) and look-around.
// token_pattern: tokens are the non-empty matches of this ICU regex over each kept range
// (lower-cased unless preserve_case): pydelta's `\p{L}+`.
//
// Tokens (text::TokenizedDocument): byte span = the original text the token came from (an
// apostrophe joined as '^' included); norm = stylo's token text ("don^t"); kind kWord.
// Sentences (stylo has none): a new sentence starts after a gap between two tokens that holds
// '.', '!', '?', '…', '。', '！', '？' or a blank line, and after every hard gap.
// Kept ranges joined by soft gaps (ByteRange::joins_previous: a tag removed by markup) read
// as one text, as stylo's delete.markup() replaces a tag by nothing; a token across such a gap
// spans the removed bytes too. Ill-formed UTF-8 bytes read as U+FFFD, a separator.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "toolkit/corpus/corpus.h"
#include "toolkit/text/tokenizer.h"

namespace stylokit::text {

struct StyloOptions {
  std::string language = "English.all";  // stylo's corpus.lang (stylo_languages())
  bool preserve_case = false;            // stylo's preserve.case
  std::string splitting_rule;            // separator regex (stylo's splitting.rule); "" = the language's
  std::string token_pattern;             // token regex (tokens = its matches); "" = none

  bool operator==(const StyloOptions&) const = default;
};

// stylo's language names as its GUI lists them, canonical spelling.
const std::vector<std::string>& stylo_languages();

// The canonical spelling of a stylo language name (case-insensitive), e.g. "english.all" →
// "English.all". Throws ConfigError "language: ..." listing the names for an unknown one.
std::string canonical_stylo_language(const std::string& name);

// Splits documents as stylo does. Holds an ICU regex matcher and scratch buffers, which are
// not thread-safe: use one StyloTokenizer per thread (copying makes an independent one).
class StyloTokenizer {
 public:
  // Throws ConfigError naming the field: "language: ..." (unknown name), "splitting_rule: ..."
  // or "token_pattern: ..." (does not compile, or both given).
  explicit StyloTokenizer(StyloOptions options = {});
  ~StyloTokenizer();
  StyloTokenizer(const StyloTokenizer& other);
  StyloTokenizer& operator=(const StyloTokenizer&) = delete;
  StyloTokenizer(StyloTokenizer&&) noexcept;

  // Tokenizes the kept ranges of a document. O(bytes). Never throws on any input bytes.
  TokenizedDocument tokenize(const Document& doc) const;
  TokenizedDocument tokenize(std::string_view bytes, const std::vector<ByteRange>& ranges) const;
  TokenizedDocument tokenize(std::string_view bytes) const;

  const StyloOptions& options() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace stylokit::text
