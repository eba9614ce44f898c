#include "toolkit/report/html.h"

#include <gtest/gtest.h>

#include <string>

using stylokit::report::HtmlReport;
using stylokit::report::KwicGroup;
using stylokit::report::TableOptions;

namespace {

size_t count(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
  return n;
}

TEST(HtmlReport, CutTableSaysHowManyMoreAndWhere) {
  HtmlReport html("t");
  html.table({"rank", "text"}, {{"1", "a"}, {"2", "b"}}, TableOptions{{true, false}, "t1", 1234, "pairs.csv", true});
  const std::string page = html.finish();
  EXPECT_NE(page.find("<table id=\"t1\" class=\"sortable\">"), std::string::npos);
  EXPECT_NE(page.find("1232 more rows in pairs.csv (showing 2 of 1234)."), std::string::npos);
  EXPECT_NE(page.find("<input type=\"search\" class=\"filter\""), std::string::npos) << "1234 rows: a filter box";
  EXPECT_NE(page.find("<script>"), std::string::npos);
  EXPECT_EQ(page.find("http"), std::string::npos) << "no network: nothing is fetched";
}

TEST(HtmlReport, WholeSmallTableHasNoMoreLineNorFilter) {
  HtmlReport html("t");
  html.table({"a"}, {{"x"}}, TableOptions{{false}, "t2", 1, "f.csv", true});
  html.table({"a"}, {{"<&>"}});
  const std::string page = html.finish();
  EXPECT_EQ(page.find("more rows"), std::string::npos);
  EXPECT_EQ(page.find("class=\"filter\""), std::string::npos);
  EXPECT_NE(page.find("<td>&lt;&amp;&gt;</td>"), std::string::npos);
}

TEST(HtmlReport, KwicLinesStayUnderTheirPhrase) {
  HtmlReport html("t");
  std::vector<KwicGroup> groups = {{"of the",
                                    "3 times in 2 documents",
                                    {{"d1", "left", "of the", "right"}, {"d2", "l", "of the", "r"}},
                                    3,
                                    "kwic.tsv"},
                                   {"a <b>", "2 times", {{"d1", "x", "a <b>", "y"}}, 1, "kwic.tsv"}};
  html.kwic(groups, "text");
  const std::string page = html.finish();
  EXPECT_EQ(count(page, "<tbody class=\"phrase\">"), 2u);
  const size_t first = page.find(">of the<span"), second = page.find(">a &lt;b&gt;<span");
  ASSERT_NE(first, std::string::npos);
  ASSERT_NE(second, std::string::npos);
  // The first group's lines and its "1 more" come before the second group's heading.
  EXPECT_LT(page.find("<td>d2</td>"), second);
  EXPECT_LT(page.find("1 more lines of this phrase in kwic.tsv"), second);
  EXPECT_EQ(count(page, "more lines of this phrase"), 1u) << "the second group shows all its lines";
}

TEST(HtmlReport, DefinitionsAreEscapedTermAndLine) {
  HtmlReport html("t");
  html.definitions({{"G²", "log-likelihood <ratio>"}});
  EXPECT_NE(html.finish().find("<dt>G²</dt><dd>log-likelihood &lt;ratio&gt;</dd>"), std::string::npos);
}

}  // namespace
