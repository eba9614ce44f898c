// stylokit plot end to end on the letters: every picture `run` draws, drawn again from the
// run's files (and a consensus tree from `cluster --mfw-range`); bad input is one line.

#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "tests/test_util.h"

namespace fs = std::filesystem;
using stylokit::testing::run_shell;
using stylokit::testing::run_stylokit;
using stylokit::testing::shell_quote;
using stylokit::testing::slurp;
using stylokit::testing::TempDir;

namespace {

std::string q(const fs::path& p) {
  return shell_quote(p.string());
}

std::string letters_toml() {
  return std::string(STYLOKIT_TESTS_DIR) + "/../experiments/letters.toml";
}

// A run of the letters, once for all tests here.
const fs::path& letters_run() {
  static TempDir dir;
  static const fs::path run = [] {
    auto r = run_stylokit("run " + shell_quote(letters_toml()) + " --out " + q(dir / "run"));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return dir / "run";
  }();
  return run;
}

// Leaf labels in the order a tree picture draws them: the texts carrying a leaf tooltip.
std::vector<std::string> marker_titles(const std::string& svg, const std::string& element) {
  std::vector<std::string> out;
  for (size_t p = svg.find("<" + element); p != std::string::npos; p = svg.find("<" + element, p + 1)) {
    auto t = svg.find("<title>", p), end = svg.find("</title>", p);
    if (t != std::string::npos && t < svg.find('>', p) + 2) out.push_back(svg.substr(t + 7, end - t - 7));
  }
  return out;
}

}  // namespace

// The heatmap from S.csv and tree.nwk is byte-identical to the run's heatmap.svg.
TEST(PlotCli, HeatmapAsRunDrawsIt) {
  const fs::path& run = letters_run();
  TempDir dir;
  auto r = run_stylokit("plot heatmap " + q(run / "similarity/cosine.csv") + " --tree " + q(run / "tree.nwk") + " -o " +
                        q(dir / "h.svg") + " --title " +
                        shell_quote("Letters between Azerbaijan's president and US presidents, 2020-2024: cosine"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(slurp(dir / "h.svg"), slurp(run / "heatmap.svg"));
  // The PNG form: 200 px per document for 5 documents, and the 40 px colour bar.
  r = run_stylokit("plot heatmap " + q(run / "similarity/cosine.csv") + " -o " + q(dir / "h.png"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto size =
      run_shell(std::string(STYLOKIT_PYTHON) + " " + STYLOKIT_TESTS_DIR + "/report/probe.py png " + q(dir / "h.png"));
  EXPECT_EQ(size.out, "size 1040x1000\n") << size.err;
}

// The tree from tree.nwk lists the leaves in the run's dendrogram order, coloured by the
// same groups; the map from map.csv has the run's points.
TEST(PlotCli, TreeAndMapFromRunFiles) {
  const fs::path& run = letters_run();
  TempDir dir;
  const std::string meta =
      " --metadata " + shell_quote(stylokit::testing::letters_dir() + "/metadata.csv") + " --group-by sender";
  auto r = run_stylokit("plot tree " + q(run / "tree.nwk") + " -o " + q(dir / "t.svg") + meta);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto leaves = [](const std::string& svg) {
    std::vector<std::string> out;
    for (const auto& t : marker_titles(svg, "text"))
      if (t.find(" (") != std::string::npos) out.push_back(t);
    return out;
  };
  auto ours = leaves(slurp(dir / "t.svg")), theirs = leaves(slurp(run / "dendrogram.svg"));
  EXPECT_EQ(ours.size(), 5u);
  EXPECT_EQ(ours, theirs);
  r = run_stylokit("plot map " + q(run / "map.csv") + " -o " + q(dir / "m.svg") + meta);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto points = [](const std::string& svg) {
    auto a = marker_titles(svg, "circle"), b = marker_titles(svg, "polygon");
    a.insert(a.end(), b.begin(), b.end());
    std::sort(a.begin(), a.end());
    return a;
  };
  EXPECT_EQ(points(slurp(dir / "m.svg")).size(), 5u);
  EXPECT_EQ(points(slurp(dir / "m.svg")), points(slurp(run / "map.svg")));
}

// A consensus tree from `cluster --mfw-range` is drawn with its support values.
TEST(PlotCli, ConsensusWithSupport) {
  TempDir dir;
  auto r = run_stylokit("cluster " + shell_quote(stylokit::testing::letters_dir()) + " --mfw-range 20:100:20 -o " +
                        q(dir / "c.nwk"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = run_stylokit("plot consensus " + q(dir / "c.nwk") + " -o " + q(dir / "c.svg"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string svg = slurp(dir / "c.svg");
  EXPECT_NE(svg.find("<title>support "), std::string::npos);
  EXPECT_NE(svg.find("not to scale"), std::string::npos);
}

// Bad input: exit non-zero, one line naming the file or option, no picture written.
TEST(PlotCli, BadInputIsOneLine) {
  const fs::path& run = letters_run();
  TempDir dir;
  stylokit::testing::write_file(dir / "bad.nwk", "((a,b");
  stylokit::testing::write_file(dir / "bad.csv", "doc,dim1,dim2\na,1,x\n");
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"plot pie " + q(run / "map.csv") + " -o " + q(dir / "out.svg"), "pie"},
      {"plot tree " + q(run / "tree.nwk") + " -o " + q(dir / "out.png"), "PNG"},
      {"plot tree " + q(dir / "bad.nwk") + " -o " + q(dir / "out.svg"), "bad.nwk"},
      {"plot map " + q(dir / "bad.csv") + " -o " + q(dir / "out.svg"), "bad.csv:2"},
      {"plot map " + q(dir / "none.csv") + " -o " + q(dir / "out.svg"), "none.csv"},
      {"plot map " + q(run / "map.csv") + " -o " + q(dir / "out.svg") + " --group-by sender", "--metadata"},
      {"plot heatmap " + q(run / "similarity/cosine.csv") + " --tree " + q(dir / "bad.nwk") + " -o " +
           q(dir / "out.svg"),
       "bad.nwk"},
  };
  for (const auto& [args, word] : cases) {
    auto r = run_stylokit(args);
    EXPECT_NE(r.exit_code, 0) << args;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << args << "\n" << r.err;
    EXPECT_NE(r.err.find(word), std::string::npos) << args << "\n" << r.err;
    EXPECT_FALSE(fs::exists(dir / "out.svg") || fs::exists(dir / "out.png")) << args;
  }
}
