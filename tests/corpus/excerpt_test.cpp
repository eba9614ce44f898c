// Excerpts: the kept bytes of a span, each stretch cleaning removed written as one "…",
// each tag markup removed written as nothing (as stylo reads it).

#include <gtest/gtest.h>

#include "toolkit/corpus/cleaning.h"
#include "toolkit/corpus/excerpt.h"
#include "toolkit/corpus/markup.h"

namespace stylokit {
namespace {

Document doc(std::string raw, std::vector<ByteRange> kept) {
  Document d;
  d.raw = std::move(raw);
  d.kept = std::move(kept);
  return d;
}

TEST(Excerpt, KeptSpanIsTheRawSlice) {
  const Document d = doc("alpha beta gamma", {{0, 16}});
  EXPECT_EQ(excerpt(d, 6, 10), "beta");
  EXPECT_EQ(excerpt(d, 0, 16), "alpha beta gamma");
  EXPECT_EQ(excerpt(d, 5, 5), "");
}

// Hand-made: "Read: 1031\n" (bytes 6-17) and the tail "Ads\n" (bytes 22-26) are removed.
TEST(Excerpt, RemovedStretchesBecomeOneMark) {
  const std::string raw = "Title\nRead: 1031\nBody\nAds\n";
  const Document d = doc(raw, {{0, 6}, {17, 22}});
  EXPECT_EQ(excerpt(d, 0, 22), "Title\n\u2026Body\n");
  EXPECT_EQ(excerpt(d, 2, 19), "tle\n\u2026Bo");
  // A span that starts or ends inside a removed stretch marks that side.
  EXPECT_EQ(excerpt(d, 8, 19), "\u2026Bo");
  EXPECT_EQ(excerpt(d, 17, raw.size()), "Body\n\u2026");
  EXPECT_EQ(excerpt(d, 7, 12), "\u2026");
  // Two removed stretches with kept text between: two marks.
  const Document e = doc("a X b Y c", {{0, 2}, {3, 6}, {7, 9}});
  EXPECT_EQ(excerpt(e, 0, 9), "a \u2026 b \u2026 c");
  // Adjacent kept ranges (no bytes removed between them) show no mark.
  const Document f = doc("one two", {{0, 4}, {4, 7}});
  EXPECT_EQ(excerpt(f, 0, 7), "one two");
  std::string out = "[";
  append_excerpt(e, 2, 7, out);
  EXPECT_EQ(out, "[\u2026 b \u2026");
}

// With real cleaning rules: the removed line's text never appears in an excerpt of the
// whole document.
TEST(Excerpt, CleanedLinesNeverShow) {
  Document d = doc("Headline\n  06 November 2024    Read: 1031\nFirst sentence here.\nMore about:\nlinks\n", {});
  d.kept = {{0, d.raw.size()}};
  Cleaner cleaner({{"read", CleaningKind::kLine, "\\s*\\d{1,2} \\p{L}+ \\d{4}\\s+Read:\\s*\\d+\\s*", 8},
                   {"more", CleaningKind::kTail, "\\s*More about:\\s*", 8}});
  ASSERT_EQ(cleaner.apply(d).size(), 2u);
  EXPECT_EQ(excerpt(d, 0, d.raw.size()), "Headline\n\u2026First sentence here.\n\u2026");
}

// Soft gaps (tags) are skipped silently, also at either end of a span; hard gaps keep the
// mark, and a gap that markup and cleaning both touched is hard.
TEST(Excerpt, SoftGapsShowNothing) {
  const Document d = doc("for<hi>tune X end", {{0, 3}, {7, 12, true}, {14, 17}});
  EXPECT_EQ(excerpt(d, 0, 17), "fortune \u2026end");
  EXPECT_EQ(excerpt(d, 1, 9), "ortu");
  EXPECT_EQ(excerpt(d, 4, 9), "tu");   // starts inside the tag
  EXPECT_EQ(excerpt(d, 0, 5), "for");  // ends inside the tag
  // Markup, then a cleaning rule removing a line inside the marked-up text.
  Document m = doc("<p>One <hi>two</hi>\nPAGE 12\nthree <hi>four</hi></p>\n", {});
  m.kept = {{0, m.raw.size()}};
  strip_markup(m, Markup::kXml);
  // What lies before the first kept range and after the last is marked (it is no gap
  // between kept text).
  EXPECT_EQ(excerpt(m, 0, m.raw.size()), "\u2026One two\nPAGE 12\nthree four\u2026");
  EXPECT_EQ(excerpt(m, 3, 42), "One two\nPAGE 12\nthree four");
  Cleaner({{"page", CleaningKind::kLine, "PAGE \\d+", 8}}).apply(m);
  EXPECT_EQ(excerpt(m, 3, 42), "One two\n\u2026three four");
  for (size_t i = 1; i < m.kept.size(); ++i) {
    const bool after_page = m.raw.compare(m.kept[i].begin, 5, "three") == 0;
    EXPECT_EQ(m.kept[i].joins_previous, !after_page) << i;
  }
}

}  // namespace
}  // namespace stylokit
