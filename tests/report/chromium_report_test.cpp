// report.html at 500 documents in headless Chromium (Debian's package): rendered within
// 60 s, under 5 MB, the heatmap's colour scale inside a 1280 px viewport, and 15 group
// colours told apart in the screenshot of the map (CIEDE2000 computed by tests/report/
// probe.py on the rendered pixels). A synthetic corpus needs no download; the Brown corpus
// is used when data/brown is present (data/fetch-brown.sh) and skipped otherwise.

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <sstream>

#include "tests/test_util.h"
#include "toolkit/report/svg.h"

namespace fs = std::filesystem;
using stylokit::testing::run_shell;
using stylokit::testing::run_stylokit;
using stylokit::testing::shell_quote;
using stylokit::testing::TempDir;

namespace {

bool have_chromium() {
  return run_shell("command -v chromium").exit_code == 0;
}

// Screenshots `file` at width × height; returns the seconds it took (Chromium's start-up
// included), or a negative number when no picture came out within 60 s.
double screenshot(const fs::path& file, const fs::path& png, const fs::path& profile, int width, int height) {
  auto start = std::chrono::steady_clock::now();
  run_shell(
      "timeout 60 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
      "--disable-background-networking --disable-component-update --disable-sync --user-data-dir=" +
      shell_quote(profile.string()) + " --window-size=" + std::to_string(width) + "," + std::to_string(height) +
      " --screenshot=" + shell_quote(png.string()) + " " + shell_quote("file://" + file.string()));
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return fs::exists(png) ? s : -1;
}

std::string probe(const std::string& args) {
  auto r = run_shell(std::string(STYLOKIT_PYTHON) + " " + STYLOKIT_TESTS_DIR + "/report/probe.py " + args);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return r.out;
}

// The report renders within 60 s, stays under 5 MB, and the heatmap's colour bar (a run of
// at least 100 px of viridis shades, bright to dark, found in the pixels) lies inside the
// 1280 px wide viewport (2400 px tall: the page above it holds tables of any length).
void check_report(const fs::path& run, const fs::path& dir) {
  const fs::path report = run / "report.html";
  ASSERT_TRUE(fs::exists(report));
  EXPECT_LT(fs::file_size(report), 5'000'000u);
  const double seconds = screenshot(report, dir / "report.png", dir / "profile", 1280, 2400);
  ASSERT_GE(seconds, 0) << "no screenshot of report.html within 60 s";
  std::cout << "report.html " << fs::file_size(report) << " bytes, screenshot in " << seconds << " s\n";
  std::istringstream bar(probe("bar " + shell_quote((dir / "report.png").string())));
  std::string word;
  int x = -1, y0 = 0, y1 = 0;
  bar >> word >> x >> y0 >> y1;
  EXPECT_GE(x, 0) << "no colour bar in the screenshot";
  EXPECT_LT(x, 1280);
  EXPECT_GE(y1 - y0, 100) << "colour bar " << y0 << ".." << y1;
}

}  // namespace

TEST(ChromiumReport, Synthetic500Documents) {
  if (!have_chromium()) GTEST_SKIP() << "chromium is not installed (make test installs it)";
  TempDir dir;
  auto made = run_shell(std::string(STYLOKIT_PYTHON) + " " + STYLOKIT_TESTS_DIR + "/report/make_corpus.py " +
                        shell_quote((dir / "c").string()) + " 500 15");
  ASSERT_EQ(made.exit_code, 0) << made.err;
  auto r = run_stylokit("run " + shell_quote((dir / "c/exp.toml").string()) + " --out " +
                        shell_quote((dir / "run").string()));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  check_report(dir / "run", dir.path());
  EXPECT_TRUE(fs::exists(dir / "run/heatmap.png"));
  // The map's legend and markers: each of the 15 group colours found in the rendered pixels,
  // and no two rendered colours closer than 15 ΔE00.
  ASSERT_GE(screenshot(dir / "run/map.svg", dir / "map.png", dir / "profile", 1000, 800), 0);
  std::string colours;
  for (size_t i = 0; i < 15; ++i) colours.append(" ").append(shell_quote(stylokit::report::category_colour(i)));
  std::string out = probe("swatches " + shell_quote((dir / "map.png").string()) + colours);
  EXPECT_NE(out.find("found 15 "), std::string::npos) << out;
  auto de = out.find("min-de ");
  ASSERT_NE(de, std::string::npos);
  EXPECT_GE(std::stod(out.substr(de + 7)), 15.0) << out;
}

TEST(ChromiumReport, Brown500Samples) {
  if (!have_chromium()) GTEST_SKIP() << "chromium is not installed (make test installs it)";
  if (!fs::exists(std::string(STYLOKIT_TEST_DATA) + "/brown/labels.csv"))
    GTEST_SKIP() << "data/brown is absent (data/fetch-brown.sh fetches it)";
  TempDir dir;
  auto r = run_stylokit("run " + shell_quote(std::string(STYLOKIT_TESTS_DIR) + "/../experiments/brown_genres.toml") +
                        " --out " + shell_quote((dir / "run").string()));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  check_report(dir / "run", dir.path());
}
