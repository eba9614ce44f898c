#pragma once
// Internal to the text stage: UAX #29 word segmentation of ASCII and Latin-1 letters without
// ICU, giving exactly the boundaries and rule statuses of ICU's word break iterator (rules
// icu4c/source/data/brkitr/rules/word.txt, ICU 72) for text made only of those characters.
//
// For such text UAX #29 reduces to pairwise rules over these Word_Break classes:
//   ALetter      A-Z a-z @, U+00C0-U+00FF but × (D7) and ÷ (F7) (ICU adds '@' to $ALetter)
//   Numeric      0-9
//   MidNumLet    . ‘ ’    Single_Quote '      (joins letters on both sides, WB6/7; digits, WB11/12)
//   MidNum       , ;                          (digits only, WB11/12)
//   ExtendNumLet _                            (WB13a/b)
//   everything else: a segment of its own (runs of spaces are one, WB3d; CR LF is one, WB3).
// ':' is MidLetter in UAX #29, but ICU's word.txt removes it from $MidLetter, so "a:b" is three
// segments. The rule status is that of the rule that matched last: a segment ending in a letter
// is a word (200, "1a"), ending in a digit a number (100, "a1" too); ending in '_', a word after
// a letter or '_' and a number after a digit; a lone '_' has status 0.
//
// Thread-safe (no state). No allocation.

#include <cstddef>
#include <cstdint>

namespace stylokit::text::detail {

// ICU's rule status values (unicode/ubrk.h: UBRK_WORD_NONE, _NUMBER, _LETTER).
inline constexpr int32_t kStatusNone = 0;
inline constexpr int32_t kStatusNumber = 100;
inline constexpr int32_t kStatusLetter = 200;

// The number of bytes of the character at p[0] (end: one past the text) if the fast segmenter
// handles it, else 0: ASCII; a Latin-1 letter (two UTF-8 bytes); and the typographic quotes
// and dashes of English text, U+2018 U+2019 (MidNumLet, as '), U+201C U+201D U+2013 U+2014
// U+2026 (Word_Break Other: a segment each).
inline size_t fast_char_size(const uint8_t* p, const uint8_t* end) {
  if (p[0] < 0x80) return 1;
  // U+00C0-U+00FF are C3 80-BF; × and ÷ are C3 97 and C3 B7.
  if (p[0] == 0xC3 && p + 1 < end && (p[1] & 0xC0) == 0x80 && p[1] != 0x97 && p[1] != 0xB7) return 2;
  if (p[0] == 0xE2 && p + 2 < end && p[1] == 0x80) {
    switch (p[2]) {
      case 0x93:
      case 0x94:
      case 0x98:
      case 0x99:
      case 0x9C:
      case 0x9D:
      case 0xA6: return 3;
      default: return 0;
    }
  }
  return 0;
}

// Whether a segment can start at `pos` whatever came before, and the segmentation of
// text[0, pos) does not depend on what follows: the character before is ASCII white space and
// the one at pos is ASCII and not white space (no rule joins across such a pair, and no rule
// looks further).
inline bool is_safe_point(const uint8_t* text, size_t pos) {
  auto space = [](uint8_t c) { return c == ' ' || (c >= '\t' && c <= '\r'); };
  return pos > 0 && space(text[pos - 1]) && text[pos] < 0x80 && !space(text[pos]);
}

// Calls emit(begin, end, status) for every segment of text[0, n) but white space (one or more of
// ' ' \t \n \v \f \r), in order; offsets are relative to text. Every character of text must be
// one fast_char_size accepts.
template <class Emit>
void ascii_words(const uint8_t* text, size_t n, Emit&& emit);

}  // namespace stylokit::text::detail

#include "toolkit/text/internal/ascii_words_impl.h"
