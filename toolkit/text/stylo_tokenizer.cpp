#include "toolkit/text/stylo_tokenizer.h"

#include <unicode/regex.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstring>

#include "toolkit/common/error.h"

namespace stylokit::text {
namespace {

enum class Rules { kEnglishAll, kEnglishContr, kCjk, kLatinCorr, kDefault, kSplit, kMatch };

std::string ascii_lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return s;
}

struct Range {
  char32_t lo, hi;
};

// stylo's letters (R/txt.to.words.R, the default splitting.rule; the same list as
// unicode.letters in R/txt.to.words.ext.R), besides A-Za-z.
constexpr Range kDefaultLetters[] = {
    {0x00C0, 0x00FF}, {0x0100, 0x01BF}, {0x01C4, 0x02AF}, {0x0386, 0x0386}, {0x0388, 0x03FF}, {0x0400, 0x0481},
    {0x048A, 0x0527}, {0x05D0, 0x05EA}, {0x05F0, 0x05F4}, {0x0620, 0x065F}, {0x066E, 0x06D3}, {0x06D5, 0x06D5},
    {0x06DC, 0x06DC}, {0x1E00, 0x1EFF}, {0x1F00, 0x1FBC}, {0x1FC2, 0x1FCC}, {0x1FD0, 0x1FDB}, {0x1FE0, 0x1FEC},
    {0x1FF2, 0x1FFC}, {0x03E2, 0x03EF}, {0x2C80, 0x2CF3}, {0x10A0, 0x10FF}, {0x3040, 0x309F}, {0x30A0, 0x30FF},
    {0x3005, 0x3005}, {0x3031, 0x3035}, {0x4E00, 0x9FFF}, {0x3400, 0x4DBF}, {0xAC00, 0xD7AF}};
// corpus.lang = "CJK" (R/txt.to.words.ext.R).
constexpr Range kCjkLetters[] = {{0x3040, 0x309F}, {0x30A0, 0x30FF}, {0x3005, 0x3005}, {0x3031, 0x3035},
                                 {0x4E00, 0x9FFF}, {0x3400, 0x4DBF}, {0xAC00, 0xD7AF}};

template <size_t N>
bool in_ranges(char32_t c, const Range (&ranges)[N]) {
  for (const Range& r : ranges)
    if (c >= r.lo && c <= r.hi) return true;
  return false;
}

bool ascii_letter(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// A character kept inside tokens by the language's splitting class.
bool kept(char32_t c, Rules rules) {
  if (c < 0x80) {
    if (ascii_letter(c)) return true;
    if (c == '^') return rules == Rules::kEnglishAll || rules == Rules::kEnglishContr;
    if (c == '-') return rules == Rules::kEnglishAll;
    return false;
  }
  return rules == Rules::kCjk ? in_ranges(c, kCjkLetters) : in_ranges(c, kDefaultLetters);
}

// TRE's [[:alpha:]] (iswalpha) and its \b word characters ('_' or iswalnum).
bool is_alpha(char32_t c) {
  if (c < 0x80) return ascii_letter(c);
  return u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_ALPHABETIC) != 0;
}
bool is_word(char32_t c) {
  return c == '_' || (c >= '0' && c <= '9') || is_alpha(c);
}

// R's tolower(): simple lowercase of each code point.
char32_t lower(char32_t c) {
  if (c < 0x80) return c >= 'A' && c <= 'Z' ? c + 32 : c;
  return static_cast<char32_t>(u_tolower(static_cast<UChar32>(c)));
}

void append_utf8(std::string& out, char32_t c) {
  char buf[4];
  int32_t n = 0;
  U8_APPEND_UNSAFE(reinterpret_cast<uint8_t*>(buf), n, static_cast<UChar32>(c));
  out.append(buf, static_cast<size_t>(n));
}

// A sentence terminator between two tokens (see the header).
bool is_terminator(char32_t c) {
  return c == '.' || c == '!' || c == '?' || c == 0x2026 || c == 0x3002 || c == 0xFF01 || c == 0xFF1F;
}

}  // namespace

const std::vector<std::string>& stylo_languages() {
  // stylo's GUI list (R/gui.stylo.R) plus "English" variants; any other name stylo treats as
  // the default rules, so the list is for catching misspellings.
  static const std::vector<std::string> names{"English.all", "English.contr", "English", "Latin.corr", "Latin",
                                              "Polish",      "French",        "German",  "Italian",    "Hungarian",
                                              "Dutch",       "Spanish",       "CJK",     "Other"};
  return names;
}

std::string canonical_stylo_language(const std::string& name) {
  const std::string low = ascii_lower(name);
  std::string list;
  for (const auto& n : stylo_languages()) {
    if (ascii_lower(n) == low) return n;
    list += list.empty() ? n : ", " + n;
  }
  throw ConfigError(fmt::format("language: unknown stylo language '{}' (expected one of {})", name, list));
}

struct StyloTokenizer::Impl {
  StyloOptions options;
  Rules rules = Rules::kEnglishAll;
  std::shared_ptr<const icu::RegexPattern> pattern;  // immutable: shared by copies
  std::unique_ptr<icu::RegexMatcher> matcher;        // per tokenizer
  // Scratch, reused across calls.
  std::vector<char32_t> cps;
  std::vector<uint64_t> offsets;  // raw byte offset of each code point, plus the end
  std::vector<uint64_t> ends;     // raw byte offset just after each code point
  std::vector<uint8_t> keep;
  std::string work;                // lower-cased UTF-8 for the regex modes
  std::vector<uint64_t> work_raw;  // raw offset of each byte of `work` (its code point's start), plus the end
  std::vector<uint64_t> work_end;  // raw end of the code point each byte of `work` belongs to

  void make_matcher() {
    if (!pattern) return;
    UErrorCode status = U_ZERO_ERROR;
    matcher.reset(pattern->matcher(status));
    if (U_FAILURE(status)) throw InternalError(fmt::format("ICU regex matcher: {}", u_errorName(status)));
  }

  // Decodes the kept ranges [from, to) (a chain joined by soft gaps) into cps, back to back.
  void decode(std::string_view raw, const std::vector<ByteRange>& ranges, size_t from, size_t to);
  void emit(TokenizedDocument& out, size_t from, size_t to, bool latin_corr);
  void builtin(TokenizedDocument& out);
  void make_work(size_t from, size_t to);
  void regex_range(TokenizedDocument& out, size_t begin, size_t end, bool split);
  void emit_work(TokenizedDocument& out, int64_t b, int64_t e);
};

void StyloTokenizer::Impl::decode(std::string_view raw, const std::vector<ByteRange>& ranges, size_t from, size_t to) {
  cps.clear();
  offsets.clear();
  ends.clear();
  const auto* p = reinterpret_cast<const uint8_t*>(raw.data());
  for (size_t r = from; r < to; ++r) {
    const size_t end = ranges[r].end;
    STYLOKIT_ASSERT(ranges[r].begin <= end && end <= raw.size());
    size_t i = ranges[r].begin;
    while (i < end) {
      offsets.push_back(i);
      if (p[i] < 0x80) {
        cps.push_back(p[i++]);
        ends.push_back(i);
        continue;
      }
      int32_t j = 0;
      UChar32 c;
      const auto n = static_cast<int32_t>(std::min<size_t>(end - i, 4));
      U8_NEXT(p + i, j, n, c);
      cps.push_back(c < 0 ? 0xFFFD : static_cast<char32_t>(c));
      i += static_cast<size_t>(j);
      ends.push_back(i);
    }
  }
  offsets.push_back(ends.empty() ? ranges[from].begin : ends.back());
}

void StyloTokenizer::Impl::emit(TokenizedDocument& out, size_t from, size_t to, bool latin_corr) {
  Token t;
  // A token that crosses a soft gap spans the removed bytes too (its last code point's end).
  t.begin = offsets[from];
  t.end = ends[to - 1];
  t.norm_begin = static_cast<uint32_t>(out.norm.size());
  for (size_t k = from; k < to; ++k) {
    char32_t c = cps[k];
    // R/txt.to.words.ext.R, Latin.corr: gsub("v", "u"), gsub("j", "i") on the tokens.
    if (latin_corr) c = c == 'v' ? 'u' : c == 'j' ? 'i' : c;
    if (c < 0x80)
      out.norm.push_back(static_cast<char>(c));
    else
      append_utf8(out.norm, c);
  }
  t.norm_size = static_cast<uint32_t>(out.norm.size() - t.norm_begin);
  out.tokens.push_back(t);
}

void StyloTokenizer::Impl::builtin(TokenizedDocument& out) {
  // Lines need no separate pass here: '\n' and '\r' separate, end no hyphen run, and count as
  // a non-word character for \b exactly as the end of a line does.
  const size_t n = cps.size();
  const bool english = rules == Rules::kEnglishAll || rules == Rules::kEnglishContr;
  if (!options.preserve_case && rules != Rules::kCjk)
    for (auto& c : cps) c = lower(c);
  if (english) {
    // gsub("([[:alpha:]])'([tsdm]|ll|ve|em|im|re)\\b", "\\1^\\2"): leftmost matches, not
    // overlapping, so "i'd've" gives i^d've.
    size_t i = 0;
    while (i + 2 < n) {
      if (cps[i + 1] != '\'' || !is_alpha(cps[i])) {
        ++i;
        continue;
      }
      const char32_t a = cps[i + 2];
      const char32_t b = i + 3 < n ? cps[i + 3] : 0;
      size_t len = 0;
      if (a == 't' || a == 's' || a == 'd' || a == 'm')
        len = 1;
      else if ((a == 'l' && b == 'l') || (a == 'v' && b == 'e') || (a == 'e' && b == 'm') || (a == 'i' && b == 'm') ||
               (a == 'r' && b == 'e'))
        len = 2;
      const size_t after = i + 2 + len;
      // TRE's \b after a word character: the end of the string or a non-word character.
      if (len > 0 && after <= n && (after == n || !is_word(cps[after]))) {
        cps[i + 1] = '^';
        i = after;
      } else {
        ++i;
      }
    }
  }
  keep.assign(n, 0);
  for (size_t k = 0; k < n; ++k) keep[k] = kept(cps[k], rules) ? 1 : 0;
  if (rules == Rules::kEnglishAll) {
    // gsub("[-]{2,5}", " -- "): each run is cut greedily into chunks of 5, the last chunk of
    // 2-4; the chunks become separate "--" tokens (dropped below), so mark them separators. A
    // run of 5k + 1 leaves its last hyphen, which starts the next token.
    for (size_t k = 0; k < n;) {
      if (cps[k] != '-') {
        ++k;
        continue;
      }
      size_t e = k;
      while (e < n && cps[e] == '-') ++e;
      size_t run = e - k;
      size_t at = k;
      while (run >= 2) {
        const size_t chunk = std::min<size_t>(run, 5);
        std::fill(keep.begin() + static_cast<std::ptrdiff_t>(at),
                  keep.begin() + static_cast<std::ptrdiff_t>(at + chunk), 0);
        at += chunk;
        run -= chunk;
      }
      k = e;
    }
  }
  const bool latin = rules == Rules::kLatinCorr;
  for (size_t k = 0; k < n;) {
    if (!keep[k]) {
      ++k;
      continue;
    }
    size_t e = k;
    bool only_hyphens = true;
    while (e < n && keep[e]) {
      if (cps[e] != '-') only_hyphens = false;
      ++e;
    }
    // English.all: gsub("^[-]+$", "") drops tokens made of hyphens only.
    if (!(rules == Rules::kEnglishAll && only_hyphens)) emit(out, k, e, latin);
    k = e;
  }
}

void StyloTokenizer::Impl::make_work(size_t from, size_t to) {
  work.clear();
  work_raw.clear();
  work_end.clear();
  for (size_t k = from; k < to; ++k) {
    const char32_t c = options.preserve_case ? cps[k] : lower(cps[k]);
    const size_t before = work.size();
    if (c < 0x80)
      work.push_back(static_cast<char>(c));
    else
      append_utf8(work, c);
    work_raw.insert(work_raw.end(), work.size() - before, offsets[k]);
    work_end.insert(work_end.end(), work.size() - before, ends[k]);
  }
  work_raw.push_back(offsets[to]);
}

void StyloTokenizer::Impl::emit_work(TokenizedDocument& out, int64_t b, int64_t e) {
  if (e <= b) return;
  Token t;
  t.begin = work_raw[static_cast<size_t>(b)];
  t.end = work_end[static_cast<size_t>(e - 1)];
  t.norm_begin = static_cast<uint32_t>(out.norm.size());
  out.norm.append(work, static_cast<size_t>(b), static_cast<size_t>(e - b));
  t.norm_size = static_cast<uint32_t>(e - b);
  out.tokens.push_back(t);
}

void StyloTokenizer::Impl::regex_range(TokenizedDocument& out, size_t from, size_t to, bool split) {
  make_work(from, to);
  UErrorCode status = U_ZERO_ERROR;
  UText* ut = utext_openUTF8(nullptr, work.data(), static_cast<int64_t>(work.size()), &status);
  if (U_FAILURE(status)) throw InternalError(fmt::format("ICU utext_openUTF8: {}", u_errorName(status)));
  matcher->reset(ut);
  const auto n = static_cast<int64_t>(work.size());
  if (!split) {
    // Tokens are the matches; an empty match yields nothing (find() moves on by itself).
    while (matcher->find(status) && U_SUCCESS(status)) {
      const int64_t b = matcher->start64(status);
      const int64_t e = matcher->end64(status);
      emit_work(out, b, e);
    }
  } else {
    // R's strsplit() (src/main/grep.c, the TRE branch): search what is left as a new string;
    // a match ending after its start cuts a token before it; an empty match at the start
    // takes one character as a token.
    matcher->useAnchoringBounds(true);
    matcher->useTransparentBounds(false);
    int64_t pos = 0;
    while (pos < n) {
      matcher->region(pos, n, pos, status);
      if (!matcher->find(status) || U_FAILURE(status)) break;
      const int64_t so = matcher->start64(status);
      const int64_t eo = matcher->end64(status);
      if (eo > pos) {
        emit_work(out, pos, so);
        pos = eo;
      } else {
        int64_t next = pos;
        U8_FWD_1(reinterpret_cast<const uint8_t*>(work.data()), next, n);
        emit_work(out, pos, next);
        pos = next;
      }
    }
    if (pos < n) emit_work(out, pos, n);
  }
  utext_close(ut);
  if (U_FAILURE(status)) throw InternalError(fmt::format("ICU regex: {}", u_errorName(status)));
}

StyloTokenizer::StyloTokenizer(StyloOptions options) : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  m.options = std::move(options);
  StyloOptions& o = m.options;
  STYLOKIT_CHECK(o.splitting_rule.empty() || o.token_pattern.empty(), ConfigError,
                 "token_pattern: give either a splitting rule (separators) or a token pattern (tokens), not both");
  // Any name is checked, even when a regex overrides its rules, so that a typo is caught.
  o.language = canonical_stylo_language(o.language);
  const std::string lang = ascii_lower(o.language);
  if (!o.splitting_rule.empty() || !o.token_pattern.empty()) {
    const bool split = !o.splitting_rule.empty();
    std::string re = split ? o.splitting_rule : o.token_pattern;
    // TRE's [:space:] is glibc's iswspace, which leaves out the no-break spaces (U+00A0, U+2007,
    // U+202F) that ICU's [:space:] holds.
    if (split)
      for (size_t at; (at = re.find("[:space:]")) != std::string::npos;)
        re.replace(at, 9, "\\t-\\r \\u1680\\u2000-\\u2006\\u2008-\\u200A\\u2028\\u2029\\u205F\\u3000");
    const char* field = split ? "splitting_rule" : "token_pattern";
    UErrorCode status = U_ZERO_ERROR;
    UParseError pe{};
    std::unique_ptr<icu::RegexPattern> p(icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(re), 0, pe, status));
    STYLOKIT_CHECK(U_SUCCESS(status) && p, ConfigError,
                   "{}: the regular expression '{}' does not compile ({} at offset {})", field,
                   split ? o.splitting_rule : o.token_pattern, u_errorName(status), pe.offset);
    m.pattern = std::move(p);
    m.rules = split ? Rules::kSplit : Rules::kMatch;
    m.make_matcher();
    return;
  }
  if (lang == "english.all")
    m.rules = Rules::kEnglishAll;
  else if (lang == "english.contr")
    m.rules = Rules::kEnglishContr;
  else if (lang == "cjk")
    m.rules = Rules::kCjk;
  else if (lang == "latin.corr")
    m.rules = Rules::kLatinCorr;
  else
    m.rules = Rules::kDefault;
}

StyloTokenizer::~StyloTokenizer() = default;
StyloTokenizer::StyloTokenizer(StyloTokenizer&&) noexcept = default;

StyloTokenizer::StyloTokenizer(const StyloTokenizer& other) : impl_(std::make_unique<Impl>()) {
  impl_->options = other.impl_->options;
  impl_->rules = other.impl_->rules;
  impl_->pattern = other.impl_->pattern;
  impl_->make_matcher();
}

const StyloOptions& StyloTokenizer::options() const {
  return impl_->options;
}

TokenizedDocument StyloTokenizer::tokenize(const Document& doc) const {
  return tokenize(doc.raw, doc.kept);
}

TokenizedDocument StyloTokenizer::tokenize(std::string_view bytes) const {
  return tokenize(bytes, std::vector<ByteRange>{ByteRange{0, bytes.size()}});
}

TokenizedDocument StyloTokenizer::tokenize(std::string_view bytes, const std::vector<ByteRange>& ranges) const {
  Impl& m = *impl_;
  TokenizedDocument out;
  // A chain of kept ranges joined by soft gaps (markup removed there) reads as one text, as
  // stylo's delete.markup() replaces a tag by nothing; chain_first holds each chain's first
  // token and first range.
  std::vector<std::pair<size_t, size_t>> chain_first;
  for (size_t from = 0; from < ranges.size();) {
    size_t to = from + 1;
    while (to < ranges.size() && ranges[to].joins_previous) ++to;
    chain_first.emplace_back(out.tokens.size(), from);
    m.decode(bytes, ranges, from, to);
    from = to;
    if (m.rules == Rules::kMatch) {
      m.regex_range(out, 0, m.cps.size(), false);
    } else if (m.rules == Rules::kSplit) {
      // readLines(): "\n", "\r\n" and "\r" end a line; each line is split on its own.
      size_t k = 0;
      const size_t n = m.cps.size();
      while (k <= n) {
        size_t e = k;
        while (e < n && m.cps[e] != '\n' && m.cps[e] != '\r') ++e;
        if (e > k) m.regex_range(out, k, e, true);
        if (e < n && m.cps[e] == '\r' && e + 1 < n && m.cps[e + 1] == '\n') ++e;
        k = e + 1;
      }
    } else {
      m.builtin(out);
    }
  }
  // Sentences: look at the kept bytes between two tokens (removed bytes are skipped); a
  // chain's first token starts one.
  std::vector<uint8_t> starts(out.tokens.size(), 0);
  std::vector<size_t> chain_of(out.tokens.size(), 0);
  for (size_t c = 0; c < chain_first.size(); ++c) {
    if (c > 0 && chain_first[c].first < starts.size()) starts[chain_first[c].first] = 1;
    const size_t last = c + 1 < chain_first.size() ? chain_first[c + 1].first : out.tokens.size();
    for (size_t k = chain_first[c].first; k < last; ++k) chain_of[k] = chain_first[c].second;
  }
  uint32_t sentence = 0;
  const auto* p = reinterpret_cast<const uint8_t*>(bytes.data());
  for (size_t k = 0; k < out.tokens.size(); ++k) {
    if (k > 0) {
      bool boundary = starts[k] != 0;
      const uint64_t to = out.tokens[k].begin;
      const uint64_t from = out.tokens[k - 1].end;
      bool line_blank = false;  // only white space since the last '\n'
      for (size_t r = chain_of[k]; r < ranges.size() && ranges[r].begin < to && !boundary; ++r) {
        int32_t i = static_cast<int32_t>(std::max<uint64_t>(from, ranges[r].begin));
        const int32_t end = static_cast<int32_t>(std::min<uint64_t>(to, ranges[r].end));
        while (i < end && !boundary) {
          UChar32 c;
          U8_NEXT(p, i, end, c);
          if (c == '\n') {
            if (line_blank) boundary = true;
            line_blank = true;
          } else if (c >= 0 && is_terminator(static_cast<char32_t>(c))) {
            boundary = true;
          } else if (!(c == ' ' || c == '\t' || c == '\r')) {
            line_blank = false;
          }
        }
      }
      if (boundary) ++sentence;
    }
    out.tokens[k].sentence = sentence;
  }
  out.sentence_count = out.tokens.empty() ? 0 : sentence + 1;
  return out;
}

}  // namespace stylokit::text
