#include "toolkit/text/sklearn_tokenizer.h"

#include <unicode/uchar.h>
#include <unicode/ucasemap.h>
#include <unicode/utf8.h>

#include <memory>

#include "toolkit/common/error.h"

namespace stylokit::text {
namespace {

// ASCII classes: bit 0 = Python \w, bit 1 = Python white space.
constexpr auto kAsciiClass = [] {
  struct Table {
    uint8_t v[128] = {};
  } t;
  for (int c = 0; c < 128; ++c) {
    bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    // str.isspace(): \t \n \v \f \r, the information separators 0x1C-0x1F, and ' '.
    bool space = (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F) || c == ' ';
    t.v[c] = static_cast<uint8_t>((word ? 1 : 0) | (space ? 2 : 0));
  }
  return t;
}();

// Decodes the code point at p[i]; advances i. Ill-formed sequences give U+FFFD.
inline char32_t next_cp(const uint8_t* p, int32_t& i, int32_t n) {
  UChar32 c;
  U8_NEXT(p, i, n, c);
  return c < 0 ? 0xFFFD : static_cast<char32_t>(c);
}

struct CaseMapCloser {
  void operator()(UCaseMap* m) const { ucasemap_close(m); }
};

}  // namespace

bool is_python_space(char32_t c) {
  if (c < 0x80) return (kAsciiClass.v[c] & 2) != 0;
  // Python's _PyUnicode_IsWhitespace: bidi WS, B or S, or category Zs. Outside ASCII that is
  // U+0085, U+00A0, U+1680, U+2000-U+200A, U+2028, U+2029, U+202F, U+205F, U+3000 (stable since
  // Unicode 6.3; checked against Python by the tests).
  switch (c) {
    case 0x85: case 0xA0: case 0x1680: case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000:
      return true;
    default:
      return c >= 0x2000 && c <= 0x200A;
  }
}

bool is_python_word(char32_t c) {
  if (c < 0x80) return (kAsciiClass.v[c] & 1) != 0;
  if (c > 0x10FFFF) return false;
  const auto uc = static_cast<UChar32>(c);
  // str.isalpha(): categories Lu, Ll, Lt, Lm, Lo; isdecimal/isdigit/isnumeric: a Numeric_Type.
  if ((U_GET_GC_MASK(uc) & U_GC_L_MASK) != 0) return true;
  return u_getNumericValue(uc) != U_NO_NUMERIC_VALUE;
}

void python_lower_append(std::string_view text, std::string& out) {
  size_t i = 0;
  const size_t n = text.size();
  // Fast path while the text is ASCII.
  const size_t start = out.size();
  out.resize(start + n);
  char* w = out.data() + start;
  for (; i < n; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) break;
    w[i] = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  }
  if (i == n) return;
  out.resize(start);
  // Not ASCII: ICU's full lowercase of the whole text, so that Final_Sigma sees the context.
  static thread_local std::unique_ptr<UCaseMap, CaseMapCloser> casemap;
  UErrorCode status = U_ZERO_ERROR;
  if (!casemap) {
    casemap.reset(ucasemap_open("", U_FOLD_CASE_DEFAULT, &status));
    if (U_FAILURE(status)) throw InternalError(fmt::format("ICU ucasemap_open failed: {}", u_errorName(status)));
  }
  STYLOKIT_CHECK(text.size() < 0x7FFFFFFF, DataError, "text of {} bytes is too long to lower-case", text.size());
  size_t cap = text.size() + text.size() / 2 + 16;
  for (;;) {
    out.resize(start + cap);
    status = U_ZERO_ERROR;
    int32_t len = ucasemap_utf8ToLower(casemap.get(), out.data() + start, static_cast<int32_t>(cap), text.data(),
                                       static_cast<int32_t>(text.size()), &status);
    if (status == U_BUFFER_OVERFLOW_ERROR) {
      cap = static_cast<size_t>(len) + 16;
      continue;
    }
    if (U_FAILURE(status) && status != U_STRING_NOT_TERMINATED_WARNING)
      throw InternalError(fmt::format("ICU lower-casing failed: {}", u_errorName(status)));
    out.resize(start + static_cast<size_t>(len));
    return;
  }
}

void sklearn_word_spans(std::string_view lowered, std::vector<ByteSpan>& out) {
  const auto* p = reinterpret_cast<const uint8_t*>(lowered.data());
  const auto n = static_cast<int32_t>(lowered.size());
  int32_t i = 0;
  int32_t run_begin = -1;
  int32_t run_cps = 0;
  while (i < n) {
    const int32_t at = i;
    bool word;
    if (p[i] < 0x80) {
      word = (kAsciiClass.v[p[i]] & 1) != 0;
      ++i;
      if (word) {
        // The rest of an ASCII run of word characters in one tight loop.
        while (i < n && p[i] < 0x80 && (kAsciiClass.v[p[i]] & 1) != 0) ++i;
        if (run_begin < 0) {
          run_begin = at;
          run_cps = 0;
        }
        run_cps += i - at;
        continue;
      }
    } else {
      word = is_python_word(next_cp(p, i, n));
    }
    if (word) {
      if (run_begin < 0) {
        run_begin = at;
        run_cps = 0;
      }
      ++run_cps;
    } else if (run_begin >= 0) {
      if (run_cps >= 2) out.push_back({static_cast<uint32_t>(run_begin), static_cast<uint32_t>(at)});
      run_begin = -1;
    }
  }
  if (run_begin >= 0 && run_cps >= 2) out.push_back({static_cast<uint32_t>(run_begin), static_cast<uint32_t>(n)});
}

void collapse_python_spaces_append(std::string_view text, std::string& out) {
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  const auto n = static_cast<int32_t>(text.size());
  int32_t i = 0;
  while (i < n) {
    const int32_t at = i;
    bool space = p[i] < 0x80 ? (kAsciiClass.v[p[i++]] & 2) != 0 : is_python_space(next_cp(p, i, n));
    if (!space) {
      out.append(text.data() + at, static_cast<size_t>(i - at));
      continue;
    }
    // A white-space run: count it; two or more become one ' '.
    int32_t end = i;
    int32_t count = 1;
    while (end < n) {
      int32_t j = end;
      bool s = p[j] < 0x80 ? (kAsciiClass.v[p[j++]] & 2) != 0 : is_python_space(next_cp(p, j, n));
      if (!s) break;
      end = j;
      ++count;
    }
    if (count >= 2) {
      out.push_back(' ');
    } else {
      out.append(text.data() + at, static_cast<size_t>(end - at));
    }
    i = end;
  }
}

void python_split_spans(std::string_view text, std::vector<ByteSpan>& out) {
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  const auto n = static_cast<int32_t>(text.size());
  int32_t i = 0;
  int32_t word_begin = -1;
  while (i < n) {
    const int32_t at = i;
    bool space = p[i] < 0x80 ? (kAsciiClass.v[p[i++]] & 2) != 0 : is_python_space(next_cp(p, i, n));
    if (space) {
      if (word_begin >= 0) out.push_back({static_cast<uint32_t>(word_begin), static_cast<uint32_t>(at)});
      word_begin = -1;
    } else if (word_begin < 0) {
      word_begin = at;
    }
  }
  if (word_begin >= 0) out.push_back({static_cast<uint32_t>(word_begin), static_cast<uint32_t>(n)});
}

void code_point_offsets(std::string_view text, std::vector<uint32_t>& out) {
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  const auto n = static_cast<int32_t>(text.size());
  int32_t i = 0;
  while (i < n) {
    out.push_back(static_cast<uint32_t>(i));
    if (p[i] < 0x80) {
      ++i;
    } else {
      next_cp(p, i, n);
    }
  }
  out.push_back(static_cast<uint32_t>(n));
}

}  // namespace stylokit::text
