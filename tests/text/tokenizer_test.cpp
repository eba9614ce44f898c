#include "toolkit/text/tokenizer.h"

#include <gtest/gtest.h>

#include "tests/test_util.h"
#include "toolkit/corpus/loaders.h"
#include "toolkit/text/stopwords.h"

using namespace stylokit;
using namespace stylokit::text;

namespace {

std::vector<std::string> words(const Tokenizer& tk, std::string_view s) {
  TokenizedDocument d = tk.tokenize(s);
  std::vector<std::string> out;
  for (const auto& t : d.tokens) out.emplace_back(d.text(t));
  return out;
}

// Every token's span lies inside the input, spans are ordered and do not overlap, and
// re-normalising the original slice gives the token's text.
void expect_offsets_map_back(const Tokenizer& tk, std::string_view s) {
  TokenizedDocument d = tk.tokenize(s);
  uint64_t last_end = 0;
  for (const auto& t : d.tokens) {
    ASSERT_LE(t.end, s.size());
    ASSERT_LT(t.begin, t.end);
    ASSERT_GE(t.begin, last_end);
    last_end = t.end;
    std::string again;
    tk.normalize_append(s.substr(t.begin, t.end - t.begin), again);
    EXPECT_EQ(again, d.text(t));
  }
}

struct Case {
  const char* name;
  std::string input;
  std::vector<std::string> expected;
};

}  // namespace

// The tokenizer table: each input gives exactly these normalised words (default
// options: NFKC, full case folding, quote/dash unification, numbers kept, no punctuation).
TEST(Tokenizer, Table) {
  const std::vector<Case> cases = {
      {"empty", "", {}},
      {"whitespace only", " \t\r\n\xC2\xA0\xE3\x80\x80 ", {}},
      {"plain", "The letter says.", {"the", "letter", "says"}},
      {"apostrophe curly = straight", "Azerbaijan\xE2\x80\x99s Azerbaijan's", {"azerbaijan's", "azerbaijan's"}},
      {"NFC vs NFD", "caf\xC3\xA9 cafe\xCC\x81", {"caf\xC3\xA9", "caf\xC3\xA9"}},
      {"full-width", "\xEF\xBC\xA1\xEF\xBC\xA2\xEF\xBC\xA3 \xEF\xBC\x91\xEF\xBC\x92", {"abc", "12"}},
      {"full case folding", "STRASSE Stra\xC3\x9F" "e \xCE\xA3\xCE\x99\xCE\xA3\xCE\xA5\xCE\xA6\xCE\x9F\xCE\xA3",
       {"strasse", "strasse", "\xCF\x83\xCE\xB9\xCF\x83\xCF\x85\xCF\x86\xCE\xBF\xCF\x83"}},
      {"combining marks stay in the word", "n\xCC\x83o\xCC\x88 x", {"\xC3\xB1\xC3\xB6", "x"}},
      {"numbers", "about 4,000 of 93 civilians, 3.5%", {"about", "4,000", "of", "93", "civilians", "3.5"}},
      {"hyphen splits", "44-day Nagorno-Karabakh", {"44", "day", "nagorno", "karabakh"}},
      {"right to left", "\xD8\xB3\xD9\x84\xD8\xA7\xD9\x85 \xD8\xB9\xD9\x84\xD9\x8A\xD9\x83\xD9\x85",
       {"\xD8\xB3\xD9\x84\xD8\xA7\xD9\x85", "\xD8\xB9\xD9\x84\xD9\x8A\xD9\x83\xD9\x85"}},
      {"hebrew", "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D \xD7\xA2\xD7\x95\xD7\x9C\xD7\x9D",
       {"\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D", "\xD7\xA2\xD7\x95\xD7\x9C\xD7\x9D"}},
      {"emoji and ZWJ dropped by default", "hi \xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9 there", {"hi", "there"}},
      {"control characters dropped", "a\x01" "b\x7F c", {"a", "b", "c"}},
      {"invalid UTF-8 splits words", "ab\xFF" "cd \xC3", {"ab", "cd"}},
      {"soft hyphen and ZWJ vanish inside words", "co\xC2\xAD" "operation", {"cooperation"}},
  };
  Tokenizer tk;
  for (const auto& c : cases) {
    EXPECT_EQ(words(tk, c.input), c.expected) << c.name;
    expect_offsets_map_back(tk, c.input);
  }
}

// Chinese, Japanese and Thai are split into dictionary words, not kept as one run.
TEST(Tokenizer, CjkAndThaiAreSegmented) {
  Tokenizer tk;
  auto zh = words(tk, "\xE6\x88\x91\xE4\xBB\xAC\xE6\x98\xAF\xE6\x9C\x8B\xE5\x8F\x8B");  // 我们是朋友
  EXPECT_EQ(zh, (std::vector<std::string>{"\xE6\x88\x91\xE4\xBB\xAC", "\xE6\x98\xAF", "\xE6\x9C\x8B\xE5\x8F\x8B"}));
  auto th = words(tk, "\xE0\xB8\xAA\xE0\xB8\xA7\xE0\xB8\xB1\xE0\xB8\xAA\xE0\xB8\x94\xE0\xB8\xB5"
                      "\xE0\xB8\x84\xE0\xB8\xA3\xE0\xB8\xB1\xE0\xB8\x9A");  // สวัสดีครับ
  EXPECT_EQ(th.size(), 2u);
  auto ja = words(tk, "\xE6\x9D\xB1\xE4\xBA\xAC\xE3\x81\xAB\xE8\xA1\x8C\xE3\x81\x8D\xE3\x81\xBE\xE3\x81\x99");
  EXPECT_GE(ja.size(), 3u);  // 東京に行きます: at least 東京 / に / 行きます-ish pieces
  EXPECT_EQ(ja[0], "\xE6\x9D\xB1\xE4\xBA\xAC");
  expect_offsets_map_back(tk, "\xE6\x88\x91\xE4\xBB\xAC\xE6\x98\xAF\xE6\x9C\x8B\xE5\x8F\x8B");
}

// Punctuation and symbol tokens appear only when asked for, with unified quotes/dashes.
TEST(Tokenizer, PunctuationOption) {
  TextOptions opt;
  opt.keep_punctuation = true;
  opt.keep_symbols = true;
  Tokenizer tk(opt);
  EXPECT_EQ(words(tk, "\xE2\x80\x9CPeace\xE2\x80\x9D \xE2\x80\x94 now! \xE2\x82\xAC"),
            (std::vector<std::string>{"\"", "peace", "\"", "-", "now", "!", "\xE2\x82\xAC"}));
  TokenizedDocument d = tk.tokenize("a \xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9 b");
  ASSERT_EQ(d.tokens.size(), 3u);
  EXPECT_EQ(d.tokens[1].kind, TokenKind::kSymbol);
  EXPECT_EQ(d.tokens[1].end - d.tokens[1].begin, 11u);  // the ZWJ sequence stays whole
}

// Options switch off folding, normalisation, unification and numbers independently.
TEST(Tokenizer, OptionsAreIndependent) {
  TextOptions opt;
  opt.case_mapping = CaseMapping::kKeep;
  opt.normalization = Normalization::kNone;
  opt.unify_punctuation = false;
  opt.keep_numbers = false;
  Tokenizer tk(opt);
  EXPECT_EQ(words(tk, "Caf\xC3\xA9 Azerbaijan\xE2\x80\x99s \xEF\xBC\xA1 42"),
            (std::vector<std::string>{"Caf\xC3\xA9", "Azerbaijan\xE2\x80\x99s", "\xEF\xBC\xA1"}));
  TextOptions nfc;
  nfc.normalization = Normalization::kNfc;
  Tokenizer tk2(nfc);
  EXPECT_EQ(words(tk2, "cafe\xCC\x81 \xEF\xBC\xA1"), (std::vector<std::string>{"caf\xC3\xA9", "\xEF\xBD\x81"}));
}

// Sentences are numbered in order, and a kept-range boundary always starts a sentence.
TEST(Tokenizer, Sentences) {
  Tokenizer tk;
  TokenizedDocument d = tk.tokenize("First one. Second one? Third!");
  ASSERT_EQ(d.tokens.size(), 5u);
  EXPECT_EQ(d.sentence_count, 3u);
  EXPECT_EQ(d.tokens[0].sentence, 0u);
  EXPECT_EQ(d.tokens[2].sentence, 1u);
  EXPECT_EQ(d.tokens[4].sentence, 2u);
  std::string raw = "No stop here\nand here";
  TokenizedDocument two = tk.tokenize(raw, {{0, 12}, {13, raw.size()}});
  EXPECT_EQ(two.tokens[2].sentence, 0u);
  EXPECT_EQ(two.tokens[3].sentence, 1u);
  EXPECT_EQ(raw.substr(two.tokens[3].begin, two.tokens[3].end - two.tokens[3].begin), "and");
}

// CRLF text gives the same tokens as LF text, and spans still slice the original.
TEST(Tokenizer, CrlfAndBomOffsets) {
  Tokenizer tk;
  std::string crlf = "\xEF\xBB\xBFOne line.\r\nTwo lines.\r\n";
  EXPECT_EQ(words(tk, crlf), (std::vector<std::string>{"one", "line", "two", "lines"}));
  TokenizedDocument d = tk.tokenize(crlf);
  EXPECT_EQ(crlf.substr(d.tokens[2].begin, 3), "Two");
  EXPECT_EQ(d.sentence_count, 2u);
}

// On the letters, every token's byte span slices the original file to its source text.
TEST(Tokenizer, LettersOffsetsSliceOriginalFiles) {
  Corpus c = load_corpus(stylokit::testing::letters_dir(), {});
  Tokenizer tk;
  for (const auto& doc : c.documents) {
    std::string file = stylokit::testing::slurp(doc.source);
    TokenizedDocument d = tk.tokenize(doc);
    for (const auto& t : d.tokens) {
      std::string again;
      tk.normalize_append(std::string_view(file).substr(t.begin, t.end - t.begin), again);
      ASSERT_EQ(again, d.text(t)) << doc.id << " at " << t.begin;
    }
    EXPECT_GT(d.tokens.size(), 200u) << doc.id;
  }
}

// A tokenizer copy works independently (each thread takes one).
TEST(Tokenizer, CopiesAreIndependent) {
  Tokenizer a;
  Tokenizer b(a);
  EXPECT_EQ(words(a, "one two"), words(b, "one two"));
}

// Stop-word lists are normalised like tokens: "ABOUT" in a list matches "about".
TEST(StopWords, ShippedEnglishAndCustomLists) {
  Tokenizer tk;
  StopWords en = StopWords::load("english", tk);
  EXPECT_EQ(en.size(), 318u);
  EXPECT_TRUE(en.contains("the"));
  EXPECT_FALSE(en.contains("azerbaijan"));
  stylokit::testing::TempDir dir;
  stylokit::testing::write_file(dir / "list.txt", "# comment\nABOUT\n  Stra\xC3\x9F" "e  \n\n");
  StopWords custom = StopWords::load((dir / "list.txt").string(), tk);
  EXPECT_EQ(custom.size(), 2u);
  EXPECT_TRUE(custom.contains("about"));
  EXPECT_TRUE(custom.contains("strasse"));
  EXPECT_THROW(StopWords::load("klingon", tk), ConfigError);
}
