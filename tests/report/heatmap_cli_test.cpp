// `stylokit heatmap`: a matrix CSV becomes a valid SVG in tree order; bad input is one line.

#include <gtest/gtest.h>

#include "tests/test_util.h"

using stylokit::testing::run_stylokit;
using stylokit::testing::shell_quote;
using stylokit::testing::slurp;
using stylokit::testing::TempDir;
using stylokit::testing::write_file;

// A similarity matrix with its S.json: one tooltip cell per entry, values as written.
TEST(HeatmapCli, SimilarityCsvToSvg) {
  TempDir dir;
  write_file(dir / "s.csv", ",a,b,c\na,1,0.9,0.1\nb,0.9,1,0.2\nc,0.1,0.2,1\n");
  write_file(dir / "s.json", "{\"measure\": \"cosine\", \"direction\": \"similarity\"}");
  auto r = run_stylokit("heatmap " + shell_quote((dir / "s.csv").string()) + " -o " + shell_quote((dir / "h.svg").string()));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string svg = slurp(dir / "h.svg");
  EXPECT_NE(svg.find("<title>a × b: 0.9</title>"), std::string::npos);
  EXPECT_NE(svg.find("cosine (similarity)"), std::string::npos);
  size_t cells = 0;
  for (size_t p = svg.find(" × "); p != std::string::npos; p = svg.find(" × ", p + 1)) ++cells;
  EXPECT_EQ(cells, 9u);
}

// -o - writes the SVG to standard output (the summary line to standard error), and no file.
TEST(HeatmapCli, DashIsStandardOutput) {
  TempDir dir;
  write_file(dir / "s.csv", ",a,b\na,1,0.5\nb,0.5,1\n");
  auto r = stylokit::testing::run_shell("cd " + shell_quote(dir.path().string()) + " && " +
                                        shell_quote(STYLOKIT_BINARY) + " heatmap s.csv --direction similarity -o -");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.out.rfind("<svg", 0) == 0 || r.out.rfind("<?xml", 0) == 0) << r.out.substr(0, 80);
  EXPECT_NE(r.out.find("</svg>"), std::string::npos);
  EXPECT_NE(r.err.find("heatmap: 2 documents"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "-"));
}

// No direction, a non-zero diagonal, a missing file, an input as output: one line each.
TEST(HeatmapCli, BadInput) {
  TempDir dir;
  write_file(dir / "s.csv", ",a,b\na,1,0.5\nb,0.5,1\n");
  std::string base = "heatmap " + shell_quote((dir / "s.csv").string());
  auto no_dir = run_stylokit(base + " -o " + shell_quote((dir / "h.svg").string()));
  EXPECT_EQ(no_dir.exit_code, 1);
  EXPECT_NE(no_dir.err.find("--direction"), std::string::npos);
  auto ok = run_stylokit(base + " --direction similarity -o " + shell_quote((dir / "h.svg").string()));
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  auto missing = run_stylokit("heatmap " + shell_quote((dir / "none.csv").string()) + " -o x.svg");
  EXPECT_EQ(missing.exit_code, 1);
  auto not_svg = run_stylokit(base + " --direction similarity -o " + shell_quote((dir / "s.csv").string()));
  EXPECT_EQ(not_svg.exit_code, 2);
  EXPECT_EQ(slurp(dir / "s.csv"), ",a,b\na,1,0.5\nb,0.5,1\n");
}
