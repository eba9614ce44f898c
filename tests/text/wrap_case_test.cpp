// Sentences in hard-wrapped text, and the case and normalisation options of the tokenizer.
// Expected strings for case and normalisation were checked against Python's str.lower(),
// str.casefold() and unicodedata.normalize (independent implementations of the same
// Unicode data).

#include <gtest/gtest.h>

#include <cctype>
#include <string>
#include <vector>

#include "tests/test_util.h"
#include "toolkit/text/tokenizer.h"

namespace stylokit::text {
namespace {

// The normalised words of `s`, grouped by sentence; sentences without a word are kept
// as empty groups so that sentence numbering is compared too.
std::vector<std::vector<std::string>> sentences(const Tokenizer& tk, std::string_view s) {
  const TokenizedDocument d = tk.tokenize(s);
  std::vector<std::vector<std::string>> out(d.sentence_count);
  for (const Token& t : d.tokens) {
    EXPECT_LT(t.sentence, d.sentence_count);
    if (t.sentence < out.size()) out[t.sentence].emplace_back(d.text(t));
  }
  return out;
}

// Greedy wrapping of each paragraph (paragraphs are separated by "\n\n" in `text`) at
// `width` bytes, lines ended by `eol`.
std::string wrap(const std::string& text, size_t width, const std::string& eol) {
  std::string out;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find("\n\n", pos);
    if (end == std::string::npos) end = text.size();
    const std::string para = text.substr(pos, end - pos);
    out += testing::wrap_paragraph(para, width, eol);
    if (end == text.size()) break;
    out += eol + eol;
    pos = end + 2;
  }
  return out;
}

const std::string kOneLine =
    "CHAPTER I\n\n"
    "It was the best of times, it was the worst of times, it was the age of wisdom, it was "
    "the age of foolishness; we had everything before us, we had nothing before us. \"Are you "
    "sure?\" asked the man in the grey coat. He was not sure at all, and said so! Mr. Lorry "
    "nodded (slowly) and went on: the coach was late.\n\n"
    "1:5 And God called the light Day, and the darkness he called Night. And the evening and "
    "the morning were the first day.\n\n"
    "1:6 And God said, Let there be a firmament in the midst of the waters, and let it divide "
    "the waters from the waters.";

TEST(WrappedText, HardWrappedGivesTheSentencesOfOneLine) {
  const Tokenizer tk;
  const auto reference = sentences(tk, kOneLine);
  ASSERT_GE(reference.size(), 8u);
  EXPECT_EQ(reference[0], (std::vector<std::string>{"chapter", "i"}));
  for (const std::string eol : {"\n", "\r\n", "\r"}) {
    for (size_t width : {10, 20, 33, 50, 72}) {
      const std::string wrapped = wrap(kOneLine, width, eol);
      size_t inside = 0;  // line breaks inside a sentence: before a lowercase word
      for (size_t p = wrapped.find(eol); p != std::string::npos; p = wrapped.find(eol, p + 1))
        inside += p + eol.size() < wrapped.size() && std::islower(static_cast<unsigned char>(wrapped[p + eol.size()]));
      ASSERT_GE(inside, 3u) << "the test must wrap inside sentences";
      EXPECT_EQ(sentences(tk, wrapped), reference) << "width " << width << ", eol " << (eol == "\n" ? "LF" : "CR(LF)");
    }
  }
}

// Counted by hand: the heading, two sentences, and the last paragraph's sentence.
TEST(WrappedText, BlankLinesEndParagraphs) {
  const Tokenizer tk;
  using S = std::vector<std::vector<std::string>>;
  const S expected{{"chapter", "i"},
                   {"it", "was", "a", "dark", "and", "stormy", "night"},
                   {"the", "rain", "fell", "in", "torrents"},
                   {"except", "at", "occasional", "intervals"}};
  EXPECT_EQ(sentences(tk,
                      "CHAPTER I\n\nIt was a dark\nand stormy night. The rain fell\nin torrents.\n\nExcept at\n"
                      "occasional intervals."),
            expected);
  // A blank line may hold spaces and tabs; CRLF and CR line ends behave as LF.
  EXPECT_EQ(sentences(tk,
                      "CHAPTER I\r\n \t\r\nIt was a dark\r\nand stormy night. The rain fell\r\nin torrents.\r\n"
                      "\r\n\r\n\r\nExcept at\r\noccasional intervals.\r\n"),
            expected);
  EXPECT_EQ(sentences(tk,
                      "CHAPTER I\r\rIt was a dark\rand stormy night. The rain fell\rin torrents.\r\rExcept at\r"
                      "occasional intervals.\r"),
            expected);
  // Blank lines are no sentences of their own.
  EXPECT_EQ(tk.tokenize("One.\n\n\n\nTwo.\n\n").sentence_count, 2u);
  // A heading with no blank line after it joins the next sentence (documented).
  EXPECT_EQ(sentences(tk, "CHAPTER I\nIt was dark."), (S{{"chapter", "i", "it", "was", "dark"}}));
}

TEST(WrappedText, DeeperIndentStartsAParagraph) {
  const Tokenizer tk;
  using S = std::vector<std::vector<std::string>>;
  EXPECT_EQ(sentences(tk, "    the end of one\nparagraph\n    Another begins\nand goes on"),
            (S{{"the", "end", "of", "one", "paragraph"}, {"another", "begins", "and", "goes", "on"}}));
  // The same indent on every line (a quoted block) continues the paragraph.
  EXPECT_EQ(sentences(tk, "  a quoted block\n  of two lines\n\tand a tab"),
            (S{{"a", "quoted", "block", "of", "two", "lines", "and", "a", "tab"}}));
}

// Token spans still slice the original bytes of a wrapped CRLF text.
TEST(WrappedText, SpansSliceTheOriginal) {
  const Tokenizer tk;
  const std::string raw = "over the\r\nhills and\r\nfar away.";
  const TokenizedDocument d = tk.tokenize(raw);
  ASSERT_EQ(d.tokens.size(), 6u);
  EXPECT_EQ(d.sentence_count, 1u);
  EXPECT_EQ(raw.substr(d.tokens[2].begin, d.tokens[2].end - d.tokens[2].begin), "hills");
  EXPECT_EQ(raw.substr(d.tokens[4].begin, d.tokens[4].end - d.tokens[4].begin), "far");
}

std::string normalized(CaseMapping c, Normalization n, std::string_view s) {
  TextOptions o;
  o.case_mapping = c;
  o.normalization = n;
  std::string out;
  Tokenizer(o).normalize_append(s, out);
  return out;
}

const char* const kOdosUpper = "\xCE\x9F\xCE\x94\xCE\x9F\xCE\xA3";  // ΟΔΟΣ
const char* const kOdosFold = "\xCE\xBF\xCE\xB4\xCE\xBF\xCF\x83";   // οδοσ
const char* const kOdosLower = "\xCE\xBF\xCE\xB4\xCE\xBF\xCF\x82";  // οδος, final ς

TEST(CaseOption, GreekFinalSigma) {
  for (Normalization n : {Normalization::kNfkc, Normalization::kNfc, Normalization::kNone}) {
    EXPECT_EQ(normalized(CaseMapping::kFold, n, kOdosUpper), kOdosFold);
    EXPECT_EQ(normalized(CaseMapping::kLower, n, kOdosUpper), kOdosLower);
    EXPECT_EQ(normalized(CaseMapping::kKeep, n, kOdosUpper), kOdosUpper);
  }
  // Through tokenization too: the token is lowercased as a word, so its last sigma is final.
  TextOptions lower;
  lower.case_mapping = CaseMapping::kLower;
  lower.locale = "el";
  const Tokenizer tk(lower);
  const TokenizedDocument d = tk.tokenize(std::string("\xCE\x97 ") + kOdosUpper + ".");
  ASSERT_EQ(d.tokens.size(), 2u);
  EXPECT_EQ(d.text(d.tokens[1]), kOdosLower);
}

TEST(CaseOption, LowerAndFoldDifferOnSharpS) {
  EXPECT_EQ(normalized(CaseMapping::kFold, Normalization::kNfkc,
                       "Stra\xC3\x9F"
                       "e"),
            "strasse");
  EXPECT_EQ(normalized(CaseMapping::kLower, Normalization::kNfkc,
                       "Stra\xC3\x9F"
                       "e"),
            "stra\xC3\x9F"
            "e");
  EXPECT_EQ(normalized(CaseMapping::kLower, Normalization::kNfkc, "ASCII Only"), "ascii only");
  EXPECT_EQ(normalized(CaseMapping::kKeep, Normalization::kNfkc, "ASCII Only"), "ASCII Only");
  // NFKC can make capitals (U+210C BLACK-LETTER H → H); lower still returns lowercase.
  EXPECT_EQ(normalized(CaseMapping::kLower, Normalization::kNfkc,
                       "\xE2\x84\x8C"
                       "ello"),
            "hello");
}

TEST(NormalizeOption, ThaiSaraAm) {
  const char* const nam = "\xE0\xB8\x99\xE0\xB9\x89\xE0\xB8\xB3";                   // น้ำ, with ำ U+0E33
  const char* const nam_nfkc = "\xE0\xB8\x99\xE0\xB9\x89\xE0\xB9\x8D\xE0\xB8\xB2";  // น้ํา: U+0E4D U+0E32
  EXPECT_EQ(normalized(CaseMapping::kFold, Normalization::kNfkc, nam), nam_nfkc);
  EXPECT_EQ(normalized(CaseMapping::kLower, Normalization::kNfkc, nam), nam_nfkc);
  EXPECT_EQ(normalized(CaseMapping::kFold, Normalization::kNfc, nam), nam);
  EXPECT_EQ(normalized(CaseMapping::kKeep, Normalization::kNone, nam), nam);
}

}  // namespace
}  // namespace stylokit::text
