#include "toolkit/text/tokenizer.h"

#include <unicode/brkiter.h>
#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/rbbi.h>
#include <unicode/ucasemap.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <cstring>

#include "toolkit/common/error.h"
#include "toolkit/text/internal/ascii_words.h"
#include "toolkit/text/internal/range_join.h"
#include "toolkit/text/internal/tokenizer_testing.h"

namespace stylokit::text {
namespace {

bool is_ascii(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0x80) return false;
  return true;
}

// The ASCII replacement of a quote, apostrophe or dash, or 0 if `c` is none of them.
char unified_punct(UChar32 c) {
  switch (c) {
    case 0x2018:
    case 0x2019:
    case 0x201A:
    case 0x201B:
    case 0x2032:
    case 0x02BC:
    case 0x2039:
    case 0x203A:
    case 0xFF07: return '\'';
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x201F:
    case 0x2033:
    case 0x00AB:
    case 0x00BB:
    case 0xFF02: return '"';
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2015:
    case 0x2212:
    case 0xFE58:
    case 0xFE63:
    case 0xFF0D: return '-';
    default: return 0;
  }
}

// Rewrites out[from..] in place; every replacement is shorter than what it replaces.
void unify_in_place(std::string& out, size_t from) {
  size_t w = from;
  const auto* p = reinterpret_cast<const uint8_t*>(out.data());
  const int32_t n = static_cast<int32_t>(out.size());
  int32_t r = static_cast<int32_t>(from);
  while (r < n) {
    if (p[r] < 0x80) {
      out[w++] = static_cast<char>(p[r++]);
      continue;
    }
    int32_t s = r;
    UChar32 c;
    U8_NEXT(p, r, n, c);
    if (char a = unified_punct(c)) {
      out[w++] = a;
    } else {
      for (int32_t k = s; k < r; ++k) out[w++] = static_cast<char>(p[k]);
    }
  }
  out.resize(w);
}

// Whether `words` runs ICU's root word rules, the ones detail::ascii_words follows.
bool has_root_word_rules(const icu::BreakIterator& words) {
  const auto* rbbi = dynamic_cast<const icu::RuleBasedBreakIterator*>(&words);
  if (rbbi == nullptr) return false;
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> root(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
  const auto* root_rbbi = dynamic_cast<const icu::RuleBasedBreakIterator*>(root.get());
  if (U_FAILURE(status) || root_rbbi == nullptr) return false;
  uint32_t size = 0, root_size = 0;
  const uint8_t* rules = const_cast<icu::RuleBasedBreakIterator*>(rbbi)->getBinaryRules(size);
  const uint8_t* root_rules = const_cast<icu::RuleBasedBreakIterator*>(root_rbbi)->getBinaryRules(root_size);
  return rules != nullptr && size == root_size && std::memcmp(rules, root_rules, size) == 0;
}

// On destruction, maps the spans of tokens[first..] from a joined chain's text back to the
// document's bytes (nothing for a lone range, whose spans already are).
struct ChainTokens {
  const detail::RangeJoin& chain;
  std::vector<Token>& tokens;
  size_t first;
  bool joined;
  ~ChainTokens() {
    if (!joined) return;
    for (size_t k = first; k < tokens.size(); ++k) {
      Token& t = tokens[k];
      const uint64_t b = chain.map_back(static_cast<size_t>(t.begin));
      t.end = chain.map_back_end(static_cast<size_t>(t.end));
      t.begin = b;
    }
  }
};

struct UTextCloser {
  void operator()(UText* t) const { utext_close(t); }
};

bool is_blank(char c) {
  return c == ' ' || c == '\t';
}
bool is_line_break(char c) {
  return c == '\n' || c == '\r';
}

// Writes into `out` a copy of `in` in which every line break that does not end a paragraph
// is replaced by spaces of the same byte length, so sentence offsets in the copy are
// offsets in `in`; returns false (leaving `out` unspecified) when there is no such break.
// A line break ends a paragraph (see the contract in tokenizer.h) when the line before or
// after it is blank (only spaces and tabs), or when the line after it is indented deeper
// than the line before it (a first-line paragraph indent).
bool join_wrapped_lines(std::string_view in, std::string& out) {
  const size_t n = in.size();
  size_t first = 0;
  while (first < n && !is_line_break(in[first])) ++first;
  if (first == n) return false;
  bool joined = false;
  size_t line = 0;  // start of the current line
  for (size_t i = first; i < n;) {
    if (!is_line_break(in[i])) {
      ++i;
      continue;
    }
    const size_t next = i + (in[i] == '\r' && i + 1 < n && in[i + 1] == '\n' ? 2 : 1);
    size_t indent = 0;
    while (line + indent < i && is_blank(in[line + indent])) ++indent;
    const bool blank_before = line + indent == i;
    size_t next_indent = 0;
    while (next + next_indent < n && is_blank(in[next + next_indent])) ++next_indent;
    const bool blank_after = next + next_indent == n || is_line_break(in[next + next_indent]);
    if (!blank_before && !blank_after && next_indent <= indent) {
      if (!joined) out.assign(in);
      joined = true;
      for (size_t k = i; k < next; ++k) out[k] = ' ';
    }
    line = i = next;
  }
  return joined;
}

// True when `s` holds only white space (Unicode White_Space; ill-formed bytes are not).
bool is_white(std::string_view s) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const int32_t n = static_cast<int32_t>(s.size());
  for (int32_t i = 0; i < n;) {
    if (p[i] < 0x80) {
      if (p[i] != ' ' && (p[i] < '\t' || p[i] > '\r')) return false;
      ++i;
      continue;
    }
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0 || !u_isUWhiteSpace(c)) return false;
  }
  return true;
}

}  // namespace

struct Tokenizer::Impl {
  std::unique_ptr<icu::BreakIterator> words;
  std::unique_ptr<icu::BreakIterator> sentences;
  const icu::Normalizer2* nfkc_cf = nullptr;
  const icu::Normalizer2* nfkc = nullptr;
  const icu::Normalizer2* nfc = nullptr;
  UCaseMap* casemap = nullptr;
  std::string scratch;   // reused across tokens: no allocation per token
  std::string scratch2;  // likewise, for lowercasing after NFKC
  std::vector<int32_t> sentence_ends;
  std::string joined;               // a kept range with its soft line breaks made spaces
  UText piece = UTEXT_INITIALIZER;  // the stretch of text the word iterator reads
  // The word rules are the root ones, which detail::ascii_words reproduces for ASCII and
  // Latin-1 letters (a locale with its own word rules always takes ICU).
  bool ascii_fast_path = false;
  detail::RangeJoin chain;  // kept ranges joined by soft gaps (markup), read as one text

  ~Impl() {
    if (casemap) ucasemap_close(casemap);
    utext_close(&piece);
  }
};

Tokenizer::Tokenizer(TextOptions options) : options_(std::move(options)), impl_(std::make_unique<Impl>()) {
  UErrorCode status = U_ZERO_ERROR;
  icu::Locale locale(options_.locale.c_str());
  if (locale.isBogus()) throw ConfigError(fmt::format("locale: '{}' is not a valid ICU locale", options_.locale));
  // ICU answers an unknown language with its root rules and no error, so a typo ("eb" for
  // "en") would go unnoticed: the language must be one ICU has data for.
  if (!options_.locale.empty()) {
    int32_t count = 0;
    const icu::Locale* known = icu::Locale::getAvailableLocales(count);
    bool found = false;
    for (int32_t i = 0; i < count && !found; ++i)
      found = std::strcmp(known[i].getLanguage(), locale.getLanguage()) == 0;
    if (!found)
      throw ConfigError(
          fmt::format("locale: '{}' is not a language ICU knows (e.g. en, de, sv, th, ja)", options_.locale));
  }
  impl_->words.reset(icu::BreakIterator::createWordInstance(locale, status));
  impl_->ascii_fast_path = U_SUCCESS(status) && has_root_word_rules(*impl_->words);
  impl_->sentences.reset(icu::BreakIterator::createSentenceInstance(locale, status));
  impl_->nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
  impl_->nfkc = icu::Normalizer2::getNFKCInstance(status);
  impl_->nfc = icu::Normalizer2::getNFCInstance(status);
  impl_->casemap = ucasemap_open("", U_FOLD_CASE_DEFAULT, &status);
  if (U_FAILURE(status))
    throw ConfigError(fmt::format("text: ICU set-up failed for locale '{}': {}", options_.locale, u_errorName(status)));
}

Tokenizer::~Tokenizer() = default;

void TokenizerTesting::set_ascii_fast_path(Tokenizer& t, bool on) {
  t.impl_->ascii_fast_path = on && has_root_word_rules(*t.impl_->words);
}

bool TokenizerTesting::ascii_fast_path(const Tokenizer& t) {
  return t.impl_->ascii_fast_path;
}
Tokenizer::Tokenizer(Tokenizer&&) noexcept = default;

Tokenizer::Tokenizer(const Tokenizer& other) : Tokenizer(other.options_) {}

void Tokenizer::normalize_append(std::string_view piece, std::string& out) const {
  const size_t from = out.size();
  const CaseMapping mapping = options_.case_mapping;
  if (is_ascii(piece)) {
    // NFC/NFKC leave ASCII unchanged, and full case folding and full lowercasing of ASCII
    // are both A-Z → a-z, so this path gives the same bytes as the ICU path below.
    if (mapping != CaseMapping::kKeep) {
      for (char c : piece) out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
    } else {
      out.append(piece);
    }
    return;
  }
  UErrorCode status = U_ZERO_ERROR;
  icu::StringByteSink<std::string> sink(&out);
  icu::StringPiece sp(piece.data(), static_cast<int32_t>(piece.size()));
  const icu::Normalizer2* normalizer = options_.normalization == Normalization::kNfkc  ? impl_->nfkc
                                       : options_.normalization == Normalization::kNfc ? impl_->nfc
                                                                                       : nullptr;
  if (mapping == CaseMapping::kFold && options_.normalization == Normalization::kNfkc) {
    // NFKC_Casefold: NFKC plus full case folding (and removal of default ignorables) in one pass.
    impl_->nfkc_cf->normalizeUTF8(0, sp, sink, nullptr, status);
  } else {
    std::string& buf = impl_->scratch;
    if (mapping == CaseMapping::kLower && options_.normalization == Normalization::kNfkc) {
      // NFKC can make capitals (ℌ → H, ㎒ → MHz): normalise before lowercasing, as
      // NFKC_Casefold does for folding; the result is normalised once more below.
      std::string& pre = impl_->scratch2;
      pre.clear();
      icu::StringByteSink<std::string> pre_sink(&pre);
      impl_->nfkc->normalizeUTF8(0, sp, pre_sink, nullptr, status);
      sp = icu::StringPiece(pre.data(), static_cast<int32_t>(pre.size()));
    }
    if (mapping != CaseMapping::kKeep && U_SUCCESS(status)) {
      auto map = [&](char* dest, int32_t capacity) {
        return mapping == CaseMapping::kFold
                   ? ucasemap_utf8FoldCase(impl_->casemap, dest, capacity, sp.data(), sp.size(), &status)
                   : ucasemap_utf8ToLower(impl_->casemap, dest, capacity, sp.data(), sp.size(), &status);
      };
      buf.resize(static_cast<size_t>(sp.size()) * 3 + 16);
      int32_t len = map(buf.data(), static_cast<int32_t>(buf.size()));
      if (status == U_BUFFER_OVERFLOW_ERROR) {
        status = U_ZERO_ERROR;
        buf.resize(static_cast<size_t>(len));
        len = map(buf.data(), len);
      }
      sp = icu::StringPiece(buf.data(), len);
    }
    if (normalizer && U_SUCCESS(status))
      normalizer->normalizeUTF8(0, sp, sink, nullptr, status);
    else
      out.append(sp.data(), static_cast<size_t>(sp.size()));
  }
  if (U_FAILURE(status)) {
    // Only possible on ill-formed input, which segmentation never hands us; keep the
    // original bytes rather than lose the token.
    out.resize(from);
    out.append(piece);
  }
  if (options_.unify_punctuation) unify_in_place(out, from);
}

TokenizedDocument Tokenizer::tokenize(const Document& doc) const {
  return tokenize(doc.raw, doc.kept);
}

TokenizedDocument Tokenizer::tokenize(std::string_view bytes) const {
  return tokenize(bytes, {ByteRange{0, bytes.size()}});
}

TokenizedDocument Tokenizer::tokenize(std::string_view bytes, const std::vector<ByteRange>& ranges) const {
  TokenizedDocument out;
  tokenize_into(bytes, ranges, out, Sentences::kSegment);
  return out;
}

void Tokenizer::tokenize_into(std::string_view doc_bytes, const std::vector<ByteRange>& ranges, TokenizedDocument& out,
                              Sentences sentences) const {
  out.tokens.clear();
  out.norm.clear();
  out.sentence_count = 0;
  size_t total = 0;
  for (const auto& r : ranges) total += r.size();
  out.tokens.reserve(total / 5 + 8);
  out.norm.reserve(total);

  // Each chain of ranges joined by soft gaps (markup) is segmented as one text: a lone
  // range as bytes[range], with no copy; a longer chain as its ranges back to back, whose
  // token spans are then mapped back to the document's bytes.
  detail::RangeJoin& chain = impl_->chain;
  for (size_t next = 0, first = 0; first < ranges.size(); first = next) {
    next = chain.next_chain(doc_bytes, ranges, first);
    const bool joined_chain = chain.joined();
    const std::string_view bytes = joined_chain ? chain.text() : doc_bytes;
    const ByteRange range = joined_chain ? ByteRange{0, bytes.size()}
                                         : ByteRange{chain.map_back(0), chain.map_back(0) + chain.text().size()};
    const auto* ubytes = reinterpret_cast<const uint8_t*>(bytes.data());
    // Maps the chain's tokens back to the document's bytes when this iteration ends, however
    // the segmentation below leaves it.
    const ChainTokens map_back{chain, out.tokens, out.tokens.size(), joined_chain};
    if (range.size() == 0) continue;
    // ICU break iterators index with int32_t; a kept range above 2 GiB is cut there.
    const int64_t len = std::min<int64_t>(static_cast<int64_t>(range.size()), INT32_MAX);
    auto& ends = impl_->sentence_ends;
    ends.clear();
    if (sentences == Sentences::kSegment) {
      // Sentence ends: UAX #29 on the text with its soft line breaks made spaces, then
      // segments of white space alone joined to the sentence before them. The word
      // segmentation below (ICU or the fast path) assigns tokens to these ends.
      UErrorCode status = U_ZERO_ERROR;
      const std::string_view text = bytes.substr(range.begin, static_cast<size_t>(len));
      const bool joined = join_wrapped_lines(text, impl_->joined);
      std::unique_ptr<UText, UTextCloser> st(
          utext_openUTF8(nullptr, joined ? impl_->joined.data() : text.data(), len, &status));
      impl_->sentences->setText(st.get(), status);
      if (U_FAILURE(status)) throw InternalError(fmt::format("internal error: ICU setText: {}", u_errorName(status)));

      int32_t prev = impl_->sentences->first();
      for (int32_t e = impl_->sentences->next(); e != icu::BreakIterator::DONE; prev = e, e = impl_->sentences->next()) {
        if (!is_white(text.substr(static_cast<size_t>(prev), static_cast<size_t>(e - prev))))
          ends.push_back(e);
        else if (!ends.empty())
          ends.back() = e;
      }
    }
    size_t sent = 0;
    const uint32_t sentence_base = out.sentence_count;
    out.sentence_count += static_cast<uint32_t>(ends.size());

    // One segment of the range, offsets relative to range.begin, with its ICU rule status.
    auto emit = [&](int32_t start, int32_t end, int32_t rule) {
      TokenKind kind;
      if (rule >= UBRK_WORD_NUMBER && rule < UBRK_WORD_NUMBER_LIMIT) {
        kind = TokenKind::kNumber;
      } else if (rule >= UBRK_WORD_LETTER) {
        kind = TokenKind::kWord;
      } else {
        int32_t i = 0;
        UChar32 c;
        U8_NEXT(ubytes + range.begin + start, i, end - start, c);
        if (c < 0 || u_isUWhiteSpace(c)) return;  // spaces and ill-formed bytes
        int8_t type = u_charType(c);
        if (type == U_CONTROL_CHAR || type == U_FORMAT_CHAR || type == U_UNASSIGNED || type == U_SURROGATE ||
            type == U_PRIVATE_USE_CHAR)
          return;
        kind = (U_GET_GC_MASK(c) & U_GC_P_MASK) ? TokenKind::kPunct : TokenKind::kSymbol;
      }
      if ((kind == TokenKind::kNumber && !options_.keep_numbers) ||
          (kind == TokenKind::kPunct && !options_.keep_punctuation) ||
          (kind == TokenKind::kSymbol && !options_.keep_symbols))
        return;
      while (sent < ends.size() && ends[sent] <= start) ++sent;
      Token t;
      t.begin = range.begin + static_cast<uint64_t>(start);
      t.end = range.begin + static_cast<uint64_t>(end);
      t.norm_begin = static_cast<uint32_t>(out.norm.size());
      normalize_append(bytes.substr(t.begin, t.end - t.begin), out.norm);
      t.norm_size = static_cast<uint32_t>(out.norm.size() - t.norm_begin);
      if (t.norm_size == 0) return;  // a token that normalises to nothing
      t.sentence = sentence_base + static_cast<uint32_t>(std::min(sent, ends.empty() ? 0 : ends.size() - 1));
      t.kind = kind;
      out.tokens.push_back(t);
    };
    // ICU's word iterator over [from, to) of the range: both ends are boundaries of the whole
    // range's segmentation, so segmenting the piece alone gives the same segments.
    auto icu_words = [&](int32_t from, int32_t to) {
      UErrorCode st = U_ZERO_ERROR;
      utext_openUTF8(&impl_->piece, bytes.data() + range.begin + from, to - from, &st);
      impl_->words->setText(&impl_->piece, st);
      if (U_FAILURE(st)) throw InternalError(fmt::format("internal error: ICU setText: {}", u_errorName(st)));
      int32_t start = impl_->words->first();
      for (int32_t end = impl_->words->next(); end != icu::BreakIterator::DONE; start = end, end = impl_->words->next())
        emit(from + start, from + end, impl_->words->getRuleStatus());
    };
    const auto* text = ubytes + range.begin;
    const auto n = static_cast<size_t>(len);
    if (!impl_->ascii_fast_path) {
      icu_words(0, static_cast<int32_t>(n));
      continue;
    }
    // ASCII and Latin-1 letters take the fast segmenter; a stretch around other characters goes
    // to ICU, cut at safe points (detail::is_safe_point) and extended until 256 fast bytes follow
    // so that non-Latin text does not restart ICU at every word.
    size_t pos = 0;
    while (pos < n) {
      size_t bad = pos;
      while (bad < n) {
        const size_t size = detail::fast_char_size(text + bad, text + n);
        if (size == 0) break;
        bad += size;
      }
      size_t safe = bad;
      if (bad < n) {
        while (safe > pos && !detail::is_safe_point(text, safe)) --safe;
      }
      detail::ascii_words(text + pos, safe - pos, [&](size_t b, size_t e, int32_t rule) {
        emit(static_cast<int32_t>(pos + b), static_cast<int32_t>(pos + e), rule);
      });
      if (bad == n) break;
      constexpr size_t kFastStretch = 256;
      size_t resume = n;
      size_t candidate = n;
      for (size_t p = bad; p < n;) {
        const size_t size = detail::fast_char_size(text + p, text + n);
        if (size == 0) {
          candidate = n;
          ++p;
          continue;
        }
        if (candidate == n && detail::is_safe_point(text, p)) candidate = p;
        p += size;
        if (candidate != n && p - candidate >= kFastStretch) break;
      }
      resume = candidate;
      icu_words(static_cast<int32_t>(safe), static_cast<int32_t>(resume));
      pos = resume;
    }
  }
}

}  // namespace stylokit::text
