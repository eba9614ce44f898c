// The ASCII fast path of word segmentation (toolkit/text/internal/ascii_words.h) against ICU's
// word iterator alone: the same segments and rule statuses, and through the tokenizer the same
// tokens (span, kind, normalised form, sentence), on Brown (when fetched), the letters, and
// seeded random text over the characters where UAX #29 has rules for ASCII, mixed with
// Latin-1 and other scripts.

#include <gtest/gtest.h>
#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include <filesystem>
#include <random>
#include <tuple>

#include "tests/test_util.h"
#include "toolkit/corpus/loaders.h"
#include "toolkit/text/internal/ascii_words.h"
#include "toolkit/text/internal/tokenizer_testing.h"
#include "toolkit/text/tokenizer.h"

using namespace stylokit;
using namespace stylokit::text;

namespace {

using Segment = std::tuple<size_t, size_t, int32_t>;

// ICU's root word segments of s but white space ones, with their rule status.
std::vector<Segment> icu_segments(std::string_view s) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> it(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
  UText* ut = utext_openUTF8(nullptr, s.data(), static_cast<int64_t>(s.size()), &status);
  it->setText(ut, status);
  EXPECT_TRUE(U_SUCCESS(status));
  std::vector<Segment> out;
  int32_t start = it->first();
  for (int32_t end = it->next(); end != icu::BreakIterator::DONE; start = end, end = it->next()) {
    const char c = s[static_cast<size_t>(start)];
    if (c == ' ' || (c >= '\t' && c <= '\r')) continue;
    out.emplace_back(start, end, it->getRuleStatus());
  }
  utext_close(ut);
  return out;
}

std::vector<Segment> fast_segments(std::string_view s) {
  std::vector<Segment> out;
  detail::ascii_words(reinterpret_cast<const uint8_t*>(s.data()), s.size(),
                      [&](size_t b, size_t e, int32_t rule) { out.emplace_back(b, e, rule); });
  return out;
}

TextOptions everything() {
  TextOptions o;
  o.keep_numbers = o.keep_punctuation = o.keep_symbols = true;
  return o;
}

// The tokens of both paths, field by field; returns how many tokens were compared.
size_t expect_same_tokens(std::string_view text, const std::string& what, const TextOptions& options = everything()) {
  Tokenizer fast(options);
  Tokenizer icu(options);
  TokenizerTesting::set_ascii_fast_path(icu, false);
  if (options.locale == "en" || options.locale.empty()) {
    EXPECT_TRUE(TokenizerTesting::ascii_fast_path(fast)) << "the root word rules should take the fast path";
  }
  const TokenizedDocument a = fast.tokenize(text);
  const TokenizedDocument b = icu.tokenize(text);
  EXPECT_EQ(a.sentence_count, b.sentence_count) << what;
  EXPECT_EQ(a.tokens.size(), b.tokens.size()) << what;
  for (size_t i = 0; i < std::min(a.tokens.size(), b.tokens.size()); ++i) {
    const Token& x = a.tokens[i];
    const Token& y = b.tokens[i];
    if (x.begin != y.begin || x.end != y.end || x.kind != y.kind || x.sentence != y.sentence ||
        a.text(x) != b.text(y)) {
      ADD_FAILURE() << what << ": token " << i << " fast [" << x.begin << ", " << x.end << ") kind "
                    << static_cast<int>(x.kind) << " sentence " << x.sentence << " '" << a.text(x) << "' vs ICU ["
                    << y.begin << ", " << y.end << ") kind " << static_cast<int>(y.kind) << " sentence " << y.sentence
                    << " '" << b.text(y) << "' in: "
                    << text.substr(std::min(x.begin, y.begin) > 20 ? std::min(x.begin, y.begin) - 20 : 0, 60);
      return i;
    }
  }
  return a.tokens.size();
}

// ASCII and Latin-1 pieces where the word rules act: mid letters and numbers, '_', quotes,
// the colon ICU leaves out of MidLetter, controls, every kind of ASCII space.
const std::vector<std::string> kFastPieces = {"a",
                                              "b",
                                              "Z",
                                              "x",
                                              "1",
                                              "2",
                                              "0",
                                              ".",
                                              ".",
                                              "'",
                                              "'",
                                              ",",
                                              ";",
                                              ":",
                                              "_",
                                              "_",
                                              "\"",
                                              "-",
                                              "(",
                                              ")",
                                              "!",
                                              "?",
                                              "$",
                                              "%",
                                              "&",
                                              "/",
                                              "@",
                                              "#",
                                              "*",
                                              "+",
                                              "=",
                                              "<",
                                              "`",
                                              "~",
                                              "^",
                                              "|",
                                              "\\",
                                              "[",
                                              "{",
                                              " ",
                                              " ",
                                              " ",
                                              "  ",
                                              "\t",
                                              "\n",
                                              "\r\n",
                                              "\r",
                                              "\v",
                                              "\f",
                                              "\x01",
                                              "\x1f",
                                              "\x7f",
                                              "\xc3\xa9",
                                              "\xc3\x80",
                                              "@",
                                              "\xc3\x9f",
                                              "\xc3\xbf",
                                              "\xe2\x80\x98",
                                              "\xe2\x80\x99",
                                              "\xe2\x80\x99",
                                              "\xe2\x80\x9c",
                                              "\xe2\x80\x9d",
                                              "\xe2\x80\x93",
                                              "\xe2\x80\x94",
                                              "\xe2\x80\xa6",
                                              "don\xe2\x80\x99t",
                                              "1\xe2\x80\x99"
                                              "2",
                                              "e.g.",
                                              "4,000.5",
                                              "3rd",
                                              "x2y",
                                              "don't",
                                              "U.S.A.",
                                              "a_1",
                                              "1_a",
                                              "__"};
// Characters the fast path leaves to ICU: Latin-1 non-letters (NBSP, soft hyphen, ª, µ, ©),
// combining marks, other scripts, CJK and Thai (dictionaries), emoji with ZWJ, curly quotes.
const std::vector<std::string> kOtherPieces = {"\xe2\x80\xa4",
                                               "\xe2\x80\x92",
                                               "\xe2\x80\x9b",
                                               "\xc3\x97",
                                               "\xc3\xb7",
                                               "\xc2\xa0",
                                               "\xc2\xad",
                                               "\xc2\xaa",
                                               "\xc2\xb5",
                                               "\xc2\xa9",
                                               "\xcc\x81",
                                               "\xce\xb1",
                                               "\xce\xa3",
                                               "\xd0\x96",
                                               "\xd7\x90",
                                               "\xd7\xb4",
                                               "\xe4\xb8\xad\xe6\x96\x87",
                                               "\xe0\xb8\x97\xe0\xb8\xb5\xe0\xb9\x88",
                                               "\xe2\x80\x99",
                                               "\xe2\x80\x9c",
                                               "\xe2\x80\x8d",
                                               "\xf0\x9f\x91\x8d",
                                               "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9",
                                               "\xe3\x81\x82",
                                               "\xef\xbc\x8e",
                                               "\xe2\x80\xa8",
                                               "\xc2\x85",
                                               "\xff",
                                               "\xe2\x80\x8b"};

std::string random_text(std::mt19937& rng, const std::vector<std::string>& pieces, size_t count) {
  std::string s;
  for (size_t i = 0; i < count; ++i) s += pieces[rng() % pieces.size()];
  return s;
}

TEST(AsciiWords, EqualsIcuOnTrickyCases) {
  for (std::string_view s : {"e.g. 4,000.5 and 3rd x2y a:b a'b a.b 1.a a.1 1,2 1;2 a,b a;b 1'2 _ __ a_ 1_ _1 _a 1__",
                             "a1 ab12 1a 1a2 a1.2 1.2.3 a.b.c a..b 1..2 U.S.A. don't 'tis o'clock rock'n'roll",
                             "..., ;; __init__ x_1_y 1_000 \x01\x7f\t\v\f\r\n\r\n end.", "caf\xc3\xa9 na\xc3\xafve",
                             "a@b _@ @1 1@ Q3 a1b2 1.2a a1_ x_@"}) {
    EXPECT_EQ(fast_segments(s), icu_segments(s)) << s;
    expect_same_tokens(s, std::string(s));
  }
}

TEST(AsciiWords, EqualsIcuOnRandomAsciiAndLatin1) {
  std::mt19937 rng(20261203);
  for (int i = 0; i < 20000; ++i) {
    const std::string s = random_text(rng, kFastPieces, 1 + rng() % 24);
    const auto fast = fast_segments(s);
    const auto icu = icu_segments(s);
    ASSERT_EQ(fast, icu) << "text: '" << s << "'";
  }
}

TEST(AsciiWords, TokenizerEqualsIcuOnMixedScripts) {
  std::mt19937 rng(7);
  std::vector<std::string> mixed = kFastPieces;
  mixed.insert(mixed.end(), kOtherPieces.begin(), kOtherPieces.end());
  for (int i = 0; i < 20000; ++i) {
    const std::string s = random_text(rng, mixed, 1 + rng() % 30);
    expect_same_tokens(s, "random mixed text");
    if (HasFailure()) return;
  }
  // Long documents: stretches of fast text longer than the fast path's resume distance
  // between rare other characters, and dense non-Latin text, under the default options too.
  for (int i = 0; i < 200; ++i) {
    std::string s;
    for (int k = 0; k < 40; ++k) {
      s += random_text(rng, kFastPieces, rng() % 300);
      s += random_text(rng, rng() % 4 == 0 ? mixed : kOtherPieces, 1 + rng() % 8);
    }
    expect_same_tokens(s, "long mixed document");
    expect_same_tokens(s, "long mixed document, default options", TextOptions{});
    if (HasFailure()) return;
  }
}

TEST(AsciiWords, TokenizerEqualsIcuOnLettersAndBrown) {
  size_t tokens = 0;
  for (const char* name : {"letters", "brown"}) {
    const std::filesystem::path dir = std::filesystem::path(STYLOKIT_TEST_DATA) / name;
    if (!std::filesystem::exists(dir)) {
      std::cout << "data/" << name << " absent (data/fetch-brown.sh fetches Brown): not compared\n";
      continue;
    }
    const Corpus corpus = load_corpus(dir);
    for (const auto& d : corpus.documents) {
      tokens += expect_same_tokens(d.raw, d.id);
      if (HasFailure()) return;
    }
  }
  EXPECT_GT(tokens, 1000u);
}

// A locale with word rules of its own (ICU tailors none of the usual ones, but the check is
// made on the rules) and the root locale both give ICU's tokens.
TEST(AsciiWords, OtherLocalesEqualIcu) {
  for (const char* locale : {"", "sv", "de", "th", "ja", "en_US_POSIX"}) {
    TextOptions o = everything();
    o.locale = locale;
    expect_same_tokens("It's 4,000.5 e.g. a:b x_1 caf\xc3\xa9 \xe0\xb8\x97\xe0\xb8\xb5\xe0\xb9\x88 U.S.A.", locale, o);
  }
}

}  // namespace

// tokenize_into without sentences: the same tokens with sentence 0, and a reused document
// holds nothing of the previous one.
TEST(TokenizeInto, SkippingSentencesKeepsTokens) {
  const Tokenizer tk(everything());
  const std::string a = "First sentence here. Second one, with 4,000.5 words! Third?\n\nA new paragraph.";
  const std::string b = "Short. Text.";
  TokenizedDocument reused;
  tk.tokenize_into(a, {ByteRange{0, a.size()}}, reused, Sentences::kSkip);
  tk.tokenize_into(b, {ByteRange{0, b.size()}}, reused, Sentences::kSkip);
  const TokenizedDocument full = tk.tokenize(b);
  EXPECT_EQ(full.sentence_count, 2u);
  EXPECT_EQ(reused.sentence_count, 0u);
  ASSERT_EQ(reused.tokens.size(), full.tokens.size());
  EXPECT_EQ(reused.norm, full.norm);
  for (size_t i = 0; i < full.tokens.size(); ++i) {
    EXPECT_EQ(reused.tokens[i].begin, full.tokens[i].begin);
    EXPECT_EQ(reused.tokens[i].end, full.tokens[i].end);
    EXPECT_EQ(reused.tokens[i].kind, full.tokens[i].kind);
    EXPECT_EQ(reused.tokens[i].sentence, 0u);
  }
  TokenizedDocument segmented;
  tk.tokenize_into(a, {ByteRange{0, a.size()}}, segmented);
  EXPECT_EQ(segmented.sentence_count, tk.tokenize(a).sentence_count);
}
