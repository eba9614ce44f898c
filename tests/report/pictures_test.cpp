#include "toolkit/report/pictures.h"

#include <gtest/gtest.h>

#include "tests/test_util.h"
#include "toolkit/common/error.h"
#include "toolkit/report/html.h"
#include "toolkit/report/svg.h"

using namespace stylokit;
using namespace stylokit::report;
using stylokit::testing::TempDir;

namespace {

// Runs the independent XML check and returns its output.
std::string check(const std::filesystem::path& file) {
  auto r = stylokit::testing::run_shell(std::string(STYLOKIT_PYTHON) + " " + STYLOKIT_TESTS_DIR +
                                        "/report/check_svg.py " + stylokit::testing::shell_quote(file.string()));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return r.out;
}

cluster::Linkage three_leaf_tree() {
  // ((0, 2) at 1.0, 1) at 3.0
  cluster::Linkage z;
  z.n = 3;
  z.merges = {{0, 2, 1.0, 2}, {1, 3, 3.0, 3}};
  return z;
}

}  // namespace

// The heatmap is valid SVG with one tooltip cell per matrix entry, in the given order,
// and labels are escaped.
TEST(Heatmap, ValidSvgWithTooltipsInOrder) {
  Eigen::MatrixXd s(3, 3);
  s << 1, 0.2, 0.9, 0.2, 1, 0.1, 0.9, 0.1, 1;
  std::vector<std::string> labels = {"a<b", "c&d", "e\"f"};
  std::string svg = heatmap_svg(s, labels, {0, 2, 1}, {"Cosine", "cosine", true, 3});
  TempDir dir;
  stylokit::testing::write_file(dir / "h.svg", svg);
  std::string out = check(dir / "h.svg");
  EXPECT_NE(out.find("rects-with-title 9"), std::string::npos) << out;
  EXPECT_NE(out.find("text a<b"), std::string::npos);
  // Row order: a<b, e"f, c&d; the second row's first cell is e"f × a<b.
  auto first = svg.find("<title>e&quot;f × a&lt;b: 0.9</title>");
  auto later = svg.find("<title>c&amp;d × a&lt;b: 0.2</title>");
  ASSERT_NE(first, std::string::npos);
  ASSERT_NE(later, std::string::npos);
  EXPECT_LT(first, later);
  EXPECT_THROW(heatmap_svg(s, {"x", "y"}, {0, 1}, {}), DataError);
}

// The most alike pair gets the brightest colour, whichever the direction.
TEST(Heatmap, AlikeIsBrightForDistancesToo) {
  Eigen::MatrixXd d(3, 3);
  d << 0, 0.8, 0.1, 0.8, 0, 0.9, 0.1, 0.9, 0;
  std::string svg = heatmap_svg(d, {"a", "b", "c"}, {0, 1, 2}, {"", "delta", false, 3});
  std::string bright = viridis(1.0);
  auto cell = svg.find("<title>a × c: 0.1</title>");
  ASSERT_NE(cell, std::string::npos);
  auto rect = svg.rfind("<rect", cell);
  EXPECT_NE(svg.substr(rect, cell - rect).find(bright), std::string::npos);
}

// The dendrogram lists leaves in leaf order (SciPy's leaves_list of this tree is
// [1, 0, 2]: the root's left child is leaf 1), coloured by group, and parses as SVG.
TEST(Dendrogram, LeafOrderAndGroups) {
  auto z = three_leaf_tree();
  std::string svg = dendrogram_svg(z, {"zero", "one", "two"}, {"Tree", "distance", {"x", "y", "x"}, "sender"});
  TempDir dir;
  stylokit::testing::write_file(dir / "d.svg", svg);
  std::string out = check(dir / "d.svg");
  auto p0 = out.find("text zero"), p2 = out.find("text two"), p1 = out.find("text one");
  ASSERT_NE(p0, std::string::npos);
  EXPECT_LT(p1, p0);
  EXPECT_LT(p0, p2);
  EXPECT_NE(out.find("text sender"), std::string::npos);
  EXPECT_THROW(dendrogram_svg(z, {"a"}, {}), DataError);
}

// The scatter puts one circle per point and rejects mismatched inputs.
TEST(Scatter, PointsAndErrors) {
  Eigen::MatrixXd p(2, 2);
  p << 0, 0, 1, 1;
  std::string svg = scatter_svg(p, {"a", "b"}, {});
  EXPECT_EQ(std::count(svg.begin(), svg.end(), '\n') > 2, true);
  size_t circles = 0;
  for (size_t pos = svg.find("<circle"); pos != std::string::npos; pos = svg.find("<circle", pos + 1)) ++circles;
  EXPECT_EQ(circles, 2u);
  EXPECT_THROW(scatter_svg(p, {"a"}, {}), DataError);
}

// report.html holds its figures as well-formed inline SVG and escapes table text.
TEST(HtmlReport, InlineSvgAndEscaping) {
  HtmlReport html("Run <1>");
  html.heading("Pairs", 2, "pairs");
  html.table({"a", "score"}, {{"x<y", "0.5"}}, {false, true});
  html.figure(heatmap_svg(Eigen::MatrixXd::Identity(2, 2), {"p", "q"}, {0, 1}, {}), "caption");
  html.kwic({{"doc", "left", "match", "right"}});
  std::string page = html.finish();
  EXPECT_NE(page.find("<td>x&lt;y</td>"), std::string::npos);
  EXPECT_NE(page.find("<a href=\"#pairs\">Pairs</a>"), std::string::npos);
  TempDir dir;
  stylokit::testing::write_file(dir / "r.html", page);
  EXPECT_NE(check(dir / "r.html").find("svgs 1"), std::string::npos);
}

// Numbers print compactly and deterministically.
TEST(Svg, NumberFormat) {
  EXPECT_EQ(num(12.5), "12.5");
  EXPECT_EQ(num(3.0), "3");
  EXPECT_EQ(num(-0.0001), "0");
  EXPECT_EQ(num(1.0 / 3, 3), "0.333");
  EXPECT_EQ(viridis(0), "#440154");
  EXPECT_EQ(viridis(1), "#fde725");
}
