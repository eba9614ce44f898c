#pragma once
// scikit-learn's default text analysis, reproduced exactly (sklearn 1.2,
// sklearn/feature_extraction/text.py) for `--tokenizer sklearn`:
//   preprocessing  Python's str.lower(): full Unicode lowercase mapping (İ → i̇) with the
//                  Final_Sigma rule (Σ → ς at the end of a word), root locale, nothing else
//                  (no normalisation, no accent stripping);
//   word tokens    re.findall(r"(?u)\b\w\w+\b"): maximal runs of Python-\w code points of
//                  length >= 2, where \w = Unicode letters (L*), code points with a
//                  Numeric_Type (decimal, digit, numeric) and '_'; combining marks are NOT \w;
//   char / char_wb the analyzers' white-space handling: runs of 2+ Python white-space code
//                  points become one ' ' (re.sub(r"\s\s+", " ")), and char_wb splits words
//                  with str.split() (any Python white space).
// Character properties come from ICU (Unicode 15 in ICU 72; Python 3.11 uses Unicode 14, so
// code points assigned in Unicode 15 may differ — tested against /usr/bin/python3).
// Ill-formed UTF-8 bytes (Python would refuse to decode them) read as U+FFFD, a non-word,
// non-space code point. All functions are thread-safe and allocate only in the output string.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace stylokit::text {

// Python str.isspace() of one code point (bidi class WS, B or S, or category Zs).
bool is_python_space(char32_t c);

// Python re's \w of one code point for a str pattern (str.isalnum() or '_').
bool is_python_word(char32_t c);

// Appends Python's `text.lower()` to `out`. ASCII text is lowered byte by byte; other text
// goes through ICU's full lowercase (ucasemap_utf8ToLower, root locale). O(bytes).
void python_lower_append(std::string_view text, std::string& out);

// A token or word: byte span [begin, end) in the text it was found in.
struct ByteSpan {
  uint32_t begin = 0;
  uint32_t end = 0;
};

// Byte spans of the tokens of r"(?u)\b\w\w+\b" in `lowered` (already lower-cased), in text
// order, appended to `out`. O(bytes). Requires text.size() < 2^32.
void sklearn_word_spans(std::string_view lowered, std::vector<ByteSpan>& out);

// Appends re.sub(r"\s\s+", " ", text) to `out`: every run of two or more Python white-space
// code points becomes one ' '; a single white-space code point is kept as it is. O(bytes).
void collapse_python_spaces_append(std::string_view text, std::string& out);

// Byte spans of text.split() (no argument: split on runs of Python white space, no empty
// parts), appended to `out`. O(bytes).
void python_split_spans(std::string_view text, std::vector<ByteSpan>& out);

// Byte offset where each code point of `text` starts, plus text.size() at the end, appended
// to `out` (so code point k is text[out[k], out[k+1])). An ill-formed sequence (as U8_NEXT
// delimits it) counts as one code point, read as U+FFFD. O(bytes).
void code_point_offsets(std::string_view text, std::vector<uint32_t>& out);

}  // namespace stylokit::text
