#pragma once
// The text stage: normalisation and segmentation of documents into tokens and sentences
// with ICU.
//
// Data contract. tokenize() reads the kept byte ranges of a document's raw bytes and
// returns tokens in text order. Each token carries
//   - its byte span [begin, end) in the raw bytes (for .txt corpora: the original file),
//     so raw.substr(begin, end - begin) is exactly the text the token came from;
//   - its normalised form, a slice of TokenizedDocument::norm (no allocation per token);
//   - the index of its sentence (sentences never span a hard gap between kept ranges).
// Kept ranges joined by soft gaps (tags that markup removal took out; see Gaps in
// toolkit/corpus/corpus.h) are read as one text, as stylo reads them: `for<hi>tune</hi>`
// is the one token "fortune", whose span runs from `f` to `e` over the tags, and a sentence
// runs on across an inline tag.
// Segmentation runs on the original text (UAX #29 word and sentence breaks, with ICU's
// dictionaries for Chinese, Japanese, Thai, Khmer, Lao, Burmese); normalisation is applied
// to each token afterwards, so offsets need no back-mapping. Ill-formed UTF-8 bytes read as
// U+FFFD and never become part of a word.
//
// Sentences and line breaks. Hard-wrapped texts (Project Gutenberg, the King James Bible)
// break lines inside sentences, so a line break ends a sentence only where it ends a
// paragraph:
//   - a blank line (two line breaks with only spaces and tabs between; a line break is
//     \n, \r\n or \r) ends the paragraph, as does a hard gap between kept ranges: lines
//     that cleaning removes therefore always end the sentence before them;
//   - a line indented deeper (more leading spaces and tabs) than the line before it starts
//     a paragraph (first-line indents); an equal or shallower indent continues it;
//   - any other line break is read as a space, so a text wrapped at any width gives the
//     same sentences as the same text on one line.
// A heading needs a blank line after it ("CHAPTER I\n\nIt was") to stay its own sentence;
// without one it joins the next sentence. U+2028, U+2029 and U+0085 always end a sentence
// (UAX #29). Segments of white space alone are not sentences: they join the one before.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "toolkit/corpus/corpus.h"

namespace stylokit::text {

// Unicode normalisation of each token. NFKC also rewrites characters a reader of the script
// may want kept: Thai SARA AM ำ (U+0E33) becomes NIKHAHIT + SARA AA ํา (U+0E4D U+0E32),
// which NFC leaves alone.
enum class Normalization { kNone, kNfc, kNfkc };

// Letter case of each token, by the ICU root locale (no language-specific rules such as
// Turkish dotted i):
//   kFold   full case folding (ß → ss, ΟΔΟΣ → οδοσ: every sigma becomes σ); with NFKC it is
//           ICU's NFKC_Casefold, which also drops default-ignorable characters
//   kLower  full lowercase (ucasemap_utf8ToLower): ΟΔΟΣ → οδος, a final sigma stays ς,
//           ß stays ß
//   kKeep   no change
// ASCII letters map A-Z → a-z under both kFold and kLower.
enum class CaseMapping { kFold, kLower, kKeep };

enum class TokenKind : uint8_t {
  kWord,    // letters (any script), including words with inner apostrophes or periods
  kNumber,  // digits, with inner separators ("4,000", "3.14")
  kPunct,   // a punctuation character (Unicode category P*)
  kSymbol,  // other non-space characters: symbols, emoji (ZWJ sequences stay whole)
};

struct TextOptions {
  Normalization normalization = Normalization::kNfkc;  // compatibility forms: full-width, ligatures
  CaseMapping case_mapping = CaseMapping::kFold;       // see CaseMapping
  bool unify_punctuation = true;  // curly quotes → ' and ", dashes and minus → -
  bool keep_numbers = true;       // emit kNumber tokens
  bool keep_punctuation = false;  // emit kPunct tokens (stylometry often wants them)
  bool keep_symbols = false;      // emit kSymbol tokens
  std::string locale = "en";      // ICU locale for the break rules (e.g. "th", "ja", "sv")

  bool operator==(const TextOptions&) const = default;
};

struct Token {
  uint64_t begin = 0;        // byte span in the document's raw bytes
  uint64_t end = 0;
  uint32_t norm_begin = 0;   // normalised form: norm.substr(norm_begin, norm_size)
  uint32_t norm_size = 0;
  uint32_t sentence = 0;     // sentence index within the document, from 0
  TokenKind kind = TokenKind::kWord;
};

struct TokenizedDocument {
  std::string norm;             // normalised forms of all tokens, back to back
  std::vector<Token> tokens;    // in text order
  uint32_t sentence_count = 0;  // sentences with any non-space text, holding a kept token or not

  std::string_view text(const Token& t) const { return std::string_view(norm).substr(t.norm_begin, t.norm_size); }
};

// Whether tokenize_into() finds sentence boundaries. kSkip, for callers that only count
// tokens: every token's sentence is 0 and sentence_count is 0, and ICU's sentence iterator
// does not run (about a third of the time on English text).
enum class Sentences : uint8_t { kSegment, kSkip };

// Segments and normalises documents. Holds ICU break iterators, which are not
// thread-safe: use one Tokenizer per thread (copying clones the iterators).
class Tokenizer {
 public:
  // Throws ConfigError for an unknown locale or an ICU set-up failure.
  explicit Tokenizer(TextOptions options = {});
  ~Tokenizer();
  Tokenizer(const Tokenizer& other);
  Tokenizer& operator=(const Tokenizer&) = delete;
  Tokenizer(Tokenizer&&) noexcept;

  // Tokenizes the kept ranges of a document. O(bytes). Never throws on any input bytes.
  TokenizedDocument tokenize(const Document& doc) const;

  // Tokenizes `bytes[range]` for each range; a convenience for tests and callers
  // without a Document.
  TokenizedDocument tokenize(std::string_view bytes, const std::vector<ByteRange>& ranges) const;
  TokenizedDocument tokenize(std::string_view bytes) const;
  // tokenize(bytes, ranges) into `out`, whose buffers are reused (no allocation once they are
  // large enough), optionally without sentences.
  void tokenize_into(std::string_view bytes, const std::vector<ByteRange>& ranges, TokenizedDocument& out,
                     Sentences sentences = Sentences::kSegment) const;

  // Normalises one piece of text as tokens are normalised (used for stop-word lists and
  // user-supplied terms), appending to `out`.
  void normalize_append(std::string_view piece, std::string& out) const;

  const TextOptions& options() const { return options_; }

 private:
  friend struct TokenizerTesting;  // internal/tokenizer_testing.h
  struct Impl;
  TextOptions options_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace stylokit::text
