// Markup removal against stylo's delete.markup() (R/delete.markup.R). The expected words
// were worked out by hand from stylo's rules (drop the lines through </teiHeader> or <body,
// paste the lines with " ", then gsub the patterns in stylo's order, then split at
// non-letters and lowercase as txt.to.words.ext does for these ASCII texts), and agree with
// stylo 0.7.x run on the same files (delete.markup + txt.to.words.ext, English.all).

#include "toolkit/corpus/markup.h"

#include <gtest/gtest.h>

#include "tests/test_util.h"
#include "toolkit/corpus/encoding.h"
#include "toolkit/corpus/loaders.h"

using namespace stylokit;
using stylokit::testing::TempDir;
using stylokit::testing::write_file;

namespace {

const std::string kTei = R"(<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
<teiHeader>
<fileDesc><titleStmt><title>Header Title Words</title></titleStmt></fileDesc>
</teiHeader>
<text><body>
<head>Act One</head>
<sp><speaker>HAMLET</speaker>
<p>To be or not to be<note place="foot">an editorial
note spanning lines</note> that is the question</p></sp>
<sp><speaker>OPHELIA</speaker> <p>Good my <hi rend="italic">lord</hi> how does your honour</p></sp>
<header>Not a head</header> after header
<p>Fish &amp; chips<lb/> again</p>
</body></text>
</TEI>
)";

const std::string kHtml = R"(<!DOCTYPE html>
<html><head><title>Page Title</title>
<style>p { color: red }</style></head>
<body class="main">Dropped with the body line
<nav><a href="/home">Home Page</a> | <a href="/about">About
Us</a></nav>
<h1>Real Heading</h1>
<p>The first <b>bold</b> paragraph &amp; more.</p>
<p>See <a href="x.html">this link</a> and <A HREF="y">upper link</A> here.</p>
</body></html>
)";

Document document(const std::string& text) {
  Document d;
  d.id = std::string(1, 'd');  // not = "d": GCC 12 warns falsely (-Wrestrict) on that assignment
  d.raw = text;
  d.kept = {ByteRange{0, text.size()}};
  return d;
}

// Words of the cleaned text (Document::text(): soft gaps join, hard gaps are line breaks),
// as the text stage reads them: runs of ASCII letters, lowercased.
std::vector<std::string> words(const Document& d) {
  std::vector<std::string> out;
  const std::string text = d.text() + ' ';
  std::string w;
  for (char c : text) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      w += static_cast<char>(c | 0x20);
    } else if (!w.empty()) {
      out.push_back(w);
      w.clear();
    }
  }
  return out;
}

std::vector<std::string> split(const std::string& s) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos < s.size()) {
    size_t e = s.find(' ', pos);
    if (e == std::string::npos) e = s.size();
    if (e > pos) out.push_back(s.substr(pos, e - pos));
    pos = e + 1;
  }
  return out;
}

}  // namespace

// The three TEI variants: the header goes; notes (even across lines) go; xml.drama also drops
// speakers; xml.notitles also heads (`<head` does not close at `</header>`, so that stays);
// entities are not decoded ("&amp;" leaves "amp").
TEST(Markup, TeiAsStylo) {
  const std::string common =
      "to be or not to be that is the question good my lord how does your honour not a head after header fish amp "
      "chips again";
  const std::vector<std::pair<Markup, std::string>> cases = {
      {Markup::kXml,
       "act one hamlet to be or not to be that is the question ophelia good my lord how does your "
       "honour not a head after header fish amp chips again"},
      {Markup::kXmlDrama, "act one " + common},
      {Markup::kXmlNoTitles, common},
  };
  for (const auto& [markup, expected] : cases) {
    Document d = document(kTei);
    MarkupResult r = strip_markup(d, markup);
    EXPECT_EQ(words(d), split(expected)) << markup_name(markup);
    EXPECT_EQ(r.problem, "") << markup_name(markup);
    EXPECT_EQ(r.removed_bytes + d.kept_bytes(), kTei.size());
    // Ranges are ordered, disjoint, inside raw, and hold no tag.
    for (size_t i = 0; i < d.kept.size(); ++i) {
      ASSERT_LT(d.kept[i].begin, d.kept[i].end);
      if (i) {
        ASSERT_LT(d.kept[i - 1].end, d.kept[i].begin);
      }
      EXPECT_EQ(d.raw.substr(d.kept[i].begin, d.kept[i].size()).find_first_of("<>"), std::string::npos);
    }
  }
}

// HTML: everything through the line holding <body goes (its own text too), then links
// (`<a href` is case-sensitive, as stylo's: the upper-case one keeps its text, and a link
// may span lines), then tags.
TEST(Markup, HtmlAsStylo) {
  Document d = document(kHtml);
  MarkupResult r = strip_markup(d, Markup::kHtml);
  EXPECT_EQ(words(d), split("real heading the first bold paragraph amp more see and upper link here"));
  EXPECT_EQ(r.problem, "");
}

// Without </teiHeader> (or <body) nothing is dropped by lines; plain does nothing at all.
TEST(Markup, NoHeaderAndPlain) {
  Document d = document("<p>Only <b>text</b></p>\n");
  strip_markup(d, Markup::kXml);
  EXPECT_EQ(words(d), split("only text"));
  Document p = document("<p>kept as is</p>");
  EXPECT_EQ(strip_markup(p, Markup::kPlain).removed_bytes, 0u);
  EXPECT_EQ(p.kept, (std::vector<ByteRange>{{0, 17}}));
  // The header marker's line ends at \r (R's readLines ends lines there too).
  Document cr = document("<teiheader>x</teiheader>\rafter");
  strip_markup(cr, Markup::kXml);
  EXPECT_EQ(words(cr), split("after"));
}

// Markup that does not parse: stylo leaves an unclosed <note> to the tag pass (its text stays)
// and an unclosed '<' as text; the same is done and one problem is reported, with the first
// offset. `<header>` left without `</head>` is not a problem: it is another element.
TEST(Markup, UnclosedMarkupIsStrippedAsStyloAndReportedOnce) {
  Document d = document("<p>text <note>unclosed note</p> end <p class");
  MarkupResult r = strip_markup(d, Markup::kXml);
  EXPECT_EQ(words(d), split("text unclosed note end p class"));
  EXPECT_EQ(r.problem, "markup does not parse: <note without </note> at byte 8 (stripped as far as stylo strips it)");
  Document lt = document("a <b>b</b> c < d");
  EXPECT_EQ(strip_markup(lt, Markup::kHtml).problem,
            "markup does not parse: < without > at byte 13 (stripped as far as stylo strips it)");
  Document h = document("<header>x</header> y");
  EXPECT_EQ(strip_markup(h, Markup::kXmlNoTitles).problem, "");
}

// As in stylo, a tag is replaced by nothing: a tag inside a word joins it, so does a tag
// between words with no space, and white space between tags still separates words. Every
// gap markup makes is soft; the first range never joins anything.
TEST(Markup, TagsAreReplacedByNothing) {
  Document d = document("a wo<hi>rd here");
  strip_markup(d, Markup::kXml);
  EXPECT_EQ(words(d), split("a word here"));
  EXPECT_EQ(d.kept, (std::vector<ByteRange>{{0, 4}, {8, 15, true}}));
  Document br = document("<p>br<br/>third</p>\n<p>next</p> <p>one</p><p>two</p>");
  strip_markup(br, Markup::kHtml);
  EXPECT_EQ(words(br), split("brthird next onetwo"));
  ASSERT_FALSE(br.kept.empty());
  EXPECT_FALSE(br.kept.front().joins_previous);
  for (size_t i = 1; i < br.kept.size(); ++i) EXPECT_TRUE(br.kept[i].joins_previous) << i;
  // The header line goes: the first kept range does not join it.
  Document h = document("<teiHeader>x</teiHeader>\n<p>after <hi>it</hi></p>");
  strip_markup(h, Markup::kXml);
  EXPECT_EQ(words(h), split("after it"));
  EXPECT_FALSE(h.kept.front().joins_previous);
}

// Through the loader: spans stay in the original file, markup problems are warnings (never
// errors, under fail too), the option is checked, and markup works on decoded files.
TEST(Markup, LoaderAppliesMarkupAndWarns) {
  TempDir dir;
  write_file(dir / "a.xml", kTei);
  write_file(dir / "b.xml", "<p>broken <note>never closed</p>");
  LoadOptions opt;
  opt.extension = ".xml";
  opt.markup = "xml.notitles";
  Corpus c = load_corpus(dir.path(), opt);
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c.documents[0].raw, kTei);  // raw unchanged
  const ByteRange& first = c.documents[0].kept.front();
  EXPECT_EQ(kTei.substr(first.begin, first.size()), "To be or not to be");
  ASSERT_EQ(c.issues.size(), 1u);
  EXPECT_EQ(c.issues[0].id, "b");
  EXPECT_EQ(c.issues[0].action, "kept");
  EXPECT_NE(c.issues[0].problem.find("<note without </note> at byte 10"), std::string::npos);
  opt.markup = "tei";
  try {
    load_corpus(dir.path(), opt);
    ADD_FAILURE() << "no error";
  } catch (const ConfigError& e) {
    EXPECT_EQ(std::string(e.what()), "markup: expected plain, xml, xml.drama, xml.notitles or html, got 'tei'");
  }
  // A UTF-16 TEI file: the offsets of the problem are the file's.
  TempDir d16;
  std::string u16 = "\xFF\xFE";
  for (char ch : std::string("<p>x <note>y</p>")) u16 += std::string{ch, '\0'};
  write_file(d16 / "c.xml", u16);
  opt.markup = "xml";
  Corpus c16 = load_corpus(d16.path(), opt);
  EXPECT_NE(c16.issues[0].problem.find("at byte 12"), std::string::npos) << c16.issues[0].problem;  // 2 + 2 * 5
}
