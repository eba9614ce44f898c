// The pictures at scale and their colours: the raster heatmap (decoded back by an independent
// PNG reader in Python), the palette's distinctness (CIEDE2000) and text contrast (WCAG),
// label placement in maps, and trees with support values up to 500 leaves.

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <set>
#include <sstream>

#include "tests/test_util.h"
#include "toolkit/cluster/newick.h"
#include "toolkit/common/error.h"
#include "toolkit/report/pictures.h"
#include "toolkit/report/png.h"
#include "toolkit/report/svg.h"

using namespace stylokit;
using namespace stylokit::report;
using stylokit::testing::run_shell;
using stylokit::testing::shell_quote;
using stylokit::testing::TempDir;

namespace {

std::string probe(const std::string& args) {
  auto r = run_shell(std::string(STYLOKIT_PYTHON) + " " + STYLOKIT_TESTS_DIR + "/report/probe.py " + args);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return r.out;
}

// The number after `key ` in probe output.
double value_of(const std::string& out, const std::string& key) {
  auto p = out.find(key + " ");
  EXPECT_NE(p, std::string::npos) << key << " missing in\n" << out;
  return p == std::string::npos ? NAN : std::stod(out.substr(p + key.size() + 1));
}

size_t count(const std::string& s, const std::string& part) {
  size_t n = 0;
  for (size_t p = s.find(part); p != std::string::npos; p = s.find(part, p + 1)) ++n;
  return n;
}

// n documents in g groups: similarity 0.9 within a group, 0.1 across, plus a little noise.
Eigen::MatrixXd grouped_similarity(size_t n, size_t g, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> noise(-0.05, 0.05);
  Eigen::MatrixXd s(n, n);
  for (size_t i = 0; i < n; ++i)
    for (size_t j = 0; j <= i; ++j) {
      double v = i == j ? 1.0 : (i % g == j % g ? 0.9 : 0.1) + noise(rng);
      s(i, j) = s(j, i) = v;
    }
  return s;
}

std::vector<std::string> names(size_t n) {
  std::vector<std::string> out;
  for (size_t i = 0; i < n; ++i) out.push_back("doc" + std::to_string(i));
  return out;
}

}  // namespace

// Sharma et al.'s CIEDE2000 test pairs: the reference the palette check relies on.
TEST(Colours, Ciede2000MatchesPublishedPairs) {
  std::string out = probe("selftest");
  EXPECT_EQ(count(out, " ok"), 3u) << out;
}

// The first 15 group colours are at least 15 ΔE00 apart, the first 20 at least 12; every
// label colour reaches WCAG's 4.5:1 on white. Both computed in Python, not by the code
// under test.
TEST(Colours, PaletteDistinctAndTextReadable) {
  TempDir dir;
  std::string lines;
  for (size_t i = 0; i < kCategoryColours; ++i) lines += category_colour(i) + "\n";
  for (size_t i = 0; i < kCategoryColours; ++i) lines += "text " + category_text_colour(i) + "\n";
  stylokit::testing::write_file(dir / "palette.txt", lines);
  std::string out = probe("palette " + shell_quote((dir / "palette.txt").string()));
  EXPECT_GE(value_of(out, "min-de15"), 15.0) << out;
  EXPECT_GE(value_of(out, "min-de20"), 12.0) << out;
  EXPECT_GE(value_of(out, "min-contrast-text"), 4.5) << out;
  // Distinct up to kCategoryColours, then cycling.
  std::set<std::string> distinct;
  for (size_t i = 0; i < kCategoryColours; ++i) distinct.insert(category_colour(i));
  EXPECT_EQ(distinct.size(), kCategoryColours);
  EXPECT_EQ(category_colour(kCategoryColours), category_colour(0));
  // WCAG's own examples: black on white is 21:1; #777777 on white falls just short of 4.5.
  EXPECT_NEAR(contrast_ratio("#000000", "#ffffff"), 21.0, 1e-9);
  EXPECT_LT(contrast_ratio("#777777", "#ffffff"), 4.5);
  EXPECT_GT(contrast_ratio("#767676", "#ffffff"), 4.5);
}

// heatmap_png decodes back (Python's reader) to the documented size, rows in the given
// order, the most alike off-diagonal pair in viridis' brightest colour and the least alike
// in its darkest, and the colour bar bright at the top.
TEST(HeatmapPng, DecodesToCellsInOrder) {
  Eigen::MatrixXd s(3, 3);
  s << 1, 0.2, 0.9, 0.2, 1, 0.1, 0.9, 0.1, 1;
  const std::vector<size_t> order = {1, 0, 2};
  std::string png = heatmap_png(s, order, {"", "cosine", true, 3}, 4, true);
  TempDir dir;
  stylokit::testing::write_file(dir / "h.png", png);
  // Cell (row r, column c) is at x = 4c + 1, y = 4r + 1: row 1 is document 0, column 2 is
  // document 2 (0.9, the most alike); row 0 is document 1, column 2 is document 2 (0.1).
  std::string out = probe("png " + shell_quote((dir / "h.png").string()) + " 9,5 9,1 5,1 29,0 29,11");
  std::istringstream in(out);
  std::string size, most, least, mid, bar_top, bar_bottom;
  in >> size >> size >> most >> least >> mid >> bar_top >> bar_bottom;
  EXPECT_EQ(size, "52x12");  // 3 cells × 4 px, then 16 px gap and a 24 px bar
  EXPECT_EQ(most, viridis(1.0));
  EXPECT_EQ(least, viridis(0.0));
  EXPECT_EQ(mid, viridis((0.2 - 0.1) / 0.8));
  // The bar's 12 pixel rows sample the scale at their centres, alike (bright) first.
  EXPECT_EQ(bar_top, viridis(1 - 0.5 / 12));
  EXPECT_EQ(bar_bottom, viridis(0.5 / 12));
  EXPECT_THROW(heatmap_png(s, {0, 0, 1}, {}, 4, false), DataError);
  EXPECT_THROW(encode_png(RgbImage(0, 3)), DataError);
}

// Beyond kHeatmapSvgLimit the SVG holds one embedded PNG, hover strips instead of n^2
// cells, every row still named on hover, thinned visible labels, and the colour bar right
// of the matrix inside 1,200 px. 500 documents stay around 1 MB.
TEST(Heatmap, LargeIsRasterWithScaleInView) {
  const size_t n = 500;
  auto s = grouped_similarity(n, 15, 7);
  std::vector<size_t> order(n);
  for (size_t i = 0; i < n; ++i) order[i] = (i * 37) % n;  // any permutation
  std::string svg = heatmap_svg(s, names(n), order, {"big", "cosine", true, 3});
  EXPECT_EQ(count(svg, "<image "), 1u);
  EXPECT_LT(svg.size(), 1'500'000u);
  EXPECT_EQ(count(svg, "<title>row "), n);
  EXPECT_EQ(count(svg, "<title>column "), n);
  EXPECT_LT(count(svg, "<rect"), 3 * n);  // not n^2 cells
  // The 64-step colour bar: its first step is viridis' brightest, at x + 16 <= 1200.
  auto bar = svg.find("fill=\"" + viridis(1.0 - 0.5 / 64) + "\"");
  ASSERT_NE(bar, std::string::npos);
  auto x = svg.rfind("<rect x=\"", bar);
  EXPECT_LE(std::stod(svg.substr(x + 9)) + 16, 1200.0);
  TempDir dir;
  stylokit::testing::write_file(dir / "h.svg", svg);
  auto r = run_shell(std::string(STYLOKIT_PYTHON) + " " + STYLOKIT_TESTS_DIR + "/report/check_svg.py " +
                     shell_quote((dir / "h.svg").string()));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  // Labels thinned to one every 11 px: 720 px / 11 ≈ 66 rows labelled (and as many columns).
  size_t labelled = count(r.out, "\ntext doc");
  EXPECT_GT(labelled, 2 * 50u);
  EXPECT_LT(labelled, 2 * 80u);
}

// Up to kScatterLabelLimit points every label is either placed without overlapping another
// or left to the tooltip; most are placed; beyond the limit none are drawn.
TEST(Scatter, LabelsDoNotOverlap) {
  for (size_t n : {48u, 100u}) {
    std::mt19937 rng(static_cast<unsigned>(n));
    std::normal_distribution<double> z;
    Eigen::MatrixXd p(static_cast<Eigen::Index>(n), 2);
    std::vector<std::string> groups;
    for (size_t i = 0; i < n; ++i) {
      p(static_cast<Eigen::Index>(i), 0) = z(rng) + static_cast<double>(i % 5);
      p(static_cast<Eigen::Index>(i), 1) = z(rng);
      groups.push_back("g" + std::to_string(i % 20));
    }
    ScatterOptions so;
    so.groups = groups;
    std::string svg = scatter_svg(p, names(n), so);
    TempDir dir;
    stylokit::testing::write_file(dir / "m.svg", svg);
    std::string out = probe("labels " + shell_quote((dir / "m.svg").string()));
    EXPECT_EQ(value_of(out, "overlaps"), 0) << n << "\n" << out;
    EXPECT_GE(value_of(out, "labels"), 0.8 * static_cast<double>(n)) << out;
    // 20 groups: colour and shape both vary (5 shapes).
    EXPECT_GT(count(svg, "<polygon"), 0u);
  }
  Eigen::MatrixXd many = Eigen::MatrixXd::Random(150, 2);
  std::string svg = scatter_svg(many, names(150), {});
  EXPECT_EQ(count(svg, "fill=\"#333\">doc"), 0u);
  EXPECT_EQ(count(svg, "<title>doc"), 150u);
}

// A consensus tree (no branch lengths, support on clades) is drawn as a cladogram with its
// support values, leaves in the tree's order, label colours readable.
TEST(Tree, ConsensusWithSupport) {
  auto tree = cluster::parse_newick("((a,b)0.8,(c,(d,e)0.55)0.6,f);", "test");
  TreeOptions to;
  to.ids = {"a", "b", "c", "d", "e", "f"};
  to.groups = {"x", "x", "y", "y", "z", "z"};
  to.group_name = "author";
  std::string svg = tree_svg(tree, to);
  for (const char* s : {">0.8</text>", ">0.55</text>", ">0.6</text>", "not to scale"})
    EXPECT_NE(svg.find(s), std::string::npos) << s;
  size_t last = 0;
  for (const char* leaf : {">a</text>", ">b</text>", ">c</text>", ">d</text>", ">e</text>", ">f</text>"}) {
    auto at = svg.find(leaf);
    ASSERT_NE(at, std::string::npos) << leaf;
    EXPECT_GT(at, last) << leaf;
    last = at;
  }
  EXPECT_NE(svg.find("fill=\"" + category_text_colour(0) + "\""), std::string::npos);
  EXPECT_THROW(tree_svg(cluster::parse_newick("(a);", "t"), {}), DataError);
}

// 500 leaves: every leaf labelled at a font of at least 8 px, 11 px apart.
TEST(Tree, FiveHundredLeavesReadable) {
  const size_t n = 500;
  cluster::Linkage z;
  z.n = n;
  for (size_t i = 0; i + 1 < n; ++i) {  // a caterpillar: the deepest tree of n leaves
    auto a = static_cast<std::int64_t>(i == 0 ? 0 : n + i - 1), b = static_cast<std::int64_t>(i + 1);
    z.merges.push_back({std::min(a, b), std::max(a, b), static_cast<double>(i + 1), static_cast<std::int64_t>(i + 2)});
  }
  std::string svg = dendrogram_svg(z, names(n), {});
  EXPECT_EQ(count(svg, "font-size=\"8.8\""), n);
  auto h = svg.find("height=\"");
  EXPECT_GE(std::stod(svg.substr(h + 8)), 11.0 * n);
}
