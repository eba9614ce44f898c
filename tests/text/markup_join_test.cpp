// Soft gaps (markup removal) read as one text, against stylo: the reference tokens in
// tests/data/stylo_markup/ are stylo's own (delete.markup + txt.to.words.ext, see the
// README there), and stylo replaces every tag by nothing.

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "tests/test_util.h"
#include "toolkit/corpus/cleaning.h"
#include "toolkit/corpus/loaders.h"
#include "toolkit/corpus/markup.h"
#include "toolkit/text/internal/range_join.h"
#include "toolkit/text/stylo_tokenizer.h"
#include "toolkit/text/tokenizer.h"

using namespace stylokit;
using stylokit::testing::TempDir;
using stylokit::testing::write_file;

namespace {

const std::string kDir = std::string(STYLOKIT_TESTS_DIR) + "/data/stylo_markup/";

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Runs of ASCII letters, lowercased: both tokenizers' outputs cut the same way (stylo splits
// at digits and apostrophes, which it writes as ^; ICU keeps "it's" and numbers whole).
void letter_runs(std::string_view s, std::vector<std::string>& out) {
  std::string w;
  for (char c : std::string(s) + ' ') {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      w += static_cast<char>(c | 0x20);
    } else if (!w.empty()) {
      out.push_back(w);
      w.clear();
    }
  }
}

Document document(const std::string& text) {
  Document d;
  d.id = std::string(1, 'd');
  d.raw = text;
  d.kept = {ByteRange{0, text.size()}};
  return d;
}

bool has_token(const text::TokenizedDocument& td, std::string_view w) {
  return std::any_of(td.tokens.begin(), td.tokens.end(), [&](const text::Token& t) { return td.text(t) == w; });
}

}  // namespace

// Each fixture under each markup: the words ICU reads are stylo's words, in stylo's order.
TEST(MarkupJoin, TokensAreStylos) {
  text::Tokenizer tok;
  for (const char* fixture : {"tei_play.xml", "tei_corpus.xml", "page.html"}) {
    for (const char* markup : {"xml", "xml.drama", "xml.notitles", "html"}) {
      Document d = document(read(kDir + fixture));
      ASSERT_FALSE(d.raw.empty()) << fixture;
      strip_markup(d, parse_markup(markup));
      text::TokenizedDocument td = tok.tokenize(d);
      std::vector<std::string> ours, stylos;
      for (const auto& t : td.tokens) letter_runs(td.text(t), ours);
      const std::string stem = std::string(fixture).substr(0, std::string(fixture).find('.'));
      letter_runs(read(kDir + "tokens_" + stem + "__" + markup + ".txt"), stylos);
      ASSERT_FALSE(stylos.empty()) << stem << " " << markup;
      EXPECT_EQ(ours, stylos) << fixture << " " << markup;
      // Every span still slices raw, from the first byte of the token to its last.
      for (const auto& t : td.tokens) {
        ASSERT_LT(t.begin, t.end);
        ASSERT_LE(t.end, d.raw.size());
      }
    }
  }
}

// The words stylo joins across a tag are single tokens, spanning the tag in raw.
TEST(MarkupJoin, TagInsideAWordJoinsIt) {
  text::Tokenizer tok;
  Document play = document(read(kDir + "tei_play.xml"));
  strip_markup(play, Markup::kXml);
  text::TokenizedDocument td = tok.tokenize(play);
  EXPECT_TRUE(has_token(td, "fortune"));
  EXPECT_TRUE(has_token(td, "remembrances"));
  EXPECT_FALSE(has_token(td, "remem"));
  for (const auto& t : td.tokens) {
    if (td.text(t) == "fortune") {
      EXPECT_EQ(play.raw.substr(t.begin, t.end - t.begin), "for<hi>tune");
    }
  }
  Document page = document(read(kDir + "page.html"));
  strip_markup(page, Markup::kHtml);
  EXPECT_TRUE(has_token(tok.tokenize(page), "brthird"));
}

// An inline tag does not end a sentence; a removed line (a hard gap) does, and a blank line
// between paragraphs still does.
TEST(MarkupJoin, SentencesRunAcrossInlineTags) {
  text::Tokenizer tok;
  Document d = document("<p>It was <hi>the</hi> best<lb/>\nof <emph>times</emph>, it was the worst.</p>\n");
  strip_markup(d, Markup::kXml);
  text::TokenizedDocument td = tok.tokenize(d);
  EXPECT_EQ(td.sentence_count, 1u);
  EXPECT_EQ(td.tokens.size(), 10u);
  Document two = document("<p>One <hi>two</hi> three</p>\n\n<p>Four five</p>\n");
  strip_markup(two, Markup::kXml);
  EXPECT_EQ(tok.tokenize(two).sentence_count, 2u);
  // Cleaning after markup: the removed line is a hard gap, which ends the sentence.
  Document c = document("<p>One <hi>two</hi>\nPAGE 12\nthree <hi>four</hi></p>\n");
  strip_markup(c, Markup::kXml);
  EXPECT_EQ(tok.tokenize(c).sentence_count, 1u);
  Cleaner({{"page", CleaningKind::kLine, "PAGE \\d+"}}).apply(c);
  EXPECT_EQ(tok.tokenize(c).sentence_count, 2u);
}

// The join helper: one range is not copied; a chain maps every offset back to raw.
TEST(MarkupJoin, RangeJoinMapsBack) {
  const std::string raw = "ab<x>cd<y/>e|fg";
  const std::vector<ByteRange> ranges = {{0, 2}, {5, 7, true}, {11, 12, true}, {13, 15}};
  text::detail::RangeJoin j;
  EXPECT_EQ(j.next_chain(raw, ranges, 0), 3u);
  EXPECT_TRUE(j.joined());
  EXPECT_EQ(j.text(), "abcde");
  const std::vector<uint64_t> expected = {0, 1, 5, 6, 11};
  for (size_t i = 0; i < expected.size(); ++i) EXPECT_EQ(j.map_back(i), expected[i]) << i;
  EXPECT_EQ(j.map_back_end(2), 2u);  // "ab" ends before the tag
  EXPECT_EQ(j.map_back_end(5), 12u);
  EXPECT_EQ(j.next_chain(raw, ranges, 3), 4u);
  EXPECT_FALSE(j.joined());
  EXPECT_EQ(j.text().data(), raw.data() + 13);  // a view of raw, not a copy
  EXPECT_EQ(j.map_back(1), 14u);
}

// --tokenizer stylo after --markup gives stylo's own tokens exactly (load.corpus.and.parse:
// delete.markup, then txt.to.words.ext with English.all), and a token that crosses a tag
// spans it in raw.
TEST(MarkupJoin, StyloTokenizerGivesStylosTokensExactly) {
  text::StyloTokenizer tok;
  for (const char* fixture : {"tei_play.xml", "tei_corpus.xml", "page.html"}) {
    for (const char* markup : {"xml", "xml.drama", "xml.notitles", "html"}) {
      Document d = document(read(kDir + fixture));
      strip_markup(d, parse_markup(markup));
      const text::TokenizedDocument td = tok.tokenize(d);
      std::string ours;
      for (const auto& t : td.tokens) {
        ours += td.text(t);
        ours += '\n';
      }
      const std::string stem = std::string(fixture).substr(0, std::string(fixture).find('.'));
      const std::string stylos = read(kDir + "tokens_" + stem + "__" + markup + ".txt");
      ASSERT_FALSE(stylos.empty()) << stem << " " << markup;
      EXPECT_EQ(ours, stylos) << fixture << " " << markup;
    }
  }
  Document play = document(read(kDir + "tei_play.xml"));
  strip_markup(play, Markup::kXml);
  const text::TokenizedDocument td = tok.tokenize(play);
  bool found = false;
  for (const auto& t : td.tokens) {
    if (td.text(t) != "fortune") continue;
    found = true;
    EXPECT_EQ(play.raw.substr(t.begin, t.end - t.begin), "for<hi>tune");
  }
  EXPECT_TRUE(found);
  // An inline tag inside a sentence does not end it; the chain's text reads as one.
  Document d = document("<p>It was <hi>the</hi> best<lb/>\nof <emph>times</emph>, it was the worst.</p>\n");
  strip_markup(d, Markup::kXml);
  EXPECT_EQ(tok.tokenize(d).sentence_count, 1u);
}
