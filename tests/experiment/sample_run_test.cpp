// `stylokit run` with [corpus] sample: every similarity, the tree, clusters and map have one row
// per sample, the manifest records the sampling, and the steps that read whole texts refuse it
// with one line naming the file, line and key.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/test_util.h"

namespace {

namespace fs = std::filesystem;
using stylokit::testing::run_stylokit;
using stylokit::testing::shell_quote;
using stylokit::testing::slurp;
using stylokit::testing::TempDir;
using stylokit::testing::write_file;

const fs::path kNovels =
    fs::path(STYLOKIT_TESTS_DIR) / ".." / ".." / "shared" / "references" / "stylo" / "novels" / "corpus";

std::vector<std::string> first_column(const std::string& csv) {
  std::vector<std::string> out;
  std::istringstream in(csv);
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) out.push_back(line.substr(0, line.find(',')));
  return out;
}

std::string experiment(const std::string& corpus_extra, const std::string& rest) {
  return "name = \"s\"\n[corpus]\npath = " + nlohmann::json(kNovels.string()).dump() + "\n" + corpus_extra +
         "[features]\ntokenizer = \"stylo\"\n" + rest;
}

TEST(SampleRun, EveryRowIsASample) {
  TempDir dir;
  write_file(dir / "s.toml", experiment("sample = \"normal:20000\"\n",
                                        "[[similarity]]\nmeasure = \"burrows-delta\"\nmfw = 100\n"
                                        "[[similarity]]\nmeasure = \"cosine\"\n[cluster]\nk = 3\n"));
  const auto r =
      run_stylokit("run " + shell_quote((dir / "s.toml").string()) + " --out " + shell_quote((dir / "o").string()));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::vector<std::string> delta = first_column(slurp(dir / "o/similarity/burrows-delta.csv"));
  ASSERT_EQ(delta.size(), 57u);  // 3+8+8+6+5+9+4+9+5 samples of 20,000 stylo tokens
  EXPECT_EQ(delta.front(), "ABronte_Agnes_1");
  EXPECT_EQ(delta.back(), "EBronte_Wuthering_5");
  EXPECT_EQ(first_column(slurp(dir / "o/similarity/cosine.csv")), delta);
  EXPECT_EQ(first_column(slurp(dir / "o/clusters.csv")), delta);
  EXPECT_EQ(first_column(slurp(dir / "o/map.csv")), delta);
  // corpus.csv describes the whole texts.
  EXPECT_EQ(first_column(slurp(dir / "o/corpus.csv")).size(), 9u);
  const nlohmann::json m = nlohmann::json::parse(slurp(dir / "o/manifest.json"));
  EXPECT_EQ(m["samples"]["samples"], 57);
  EXPECT_EQ(m["samples"]["samples_per_text"]["CBronte_Villette"], 9);
  EXPECT_EQ(m["config"]["corpus"]["sample"], "normal:20000");
  // The dropped tails are warned once, not once per similarity.
  size_t said = 0;
  for (const auto& w : m["warnings"]) said += w.get<std::string>().find("fill no whole sample") != std::string::npos;
  EXPECT_EQ(said, 1u) << m["warnings"];
}

TEST(SampleRun, RefusedOrBadIsOneLineNamingTheKey) {
  TempDir dir;
  struct Case {
    std::string corpus, rest, expected;
  };
  const std::vector<Case> cases = {
      {"sample = \"normal:0\"\n", "", "c.toml:4: [corpus] sample: 'normal:0': SIZE must be at least 1"},
      {"sample = \"random:5\"\n", "", "c.toml:4: [corpus] sample: 'random:5': expected"},
      {"keep_short = true\n", "", "c.toml:4: [corpus] keep_short: applies with sample only"},
      {"sample = \"normal:1000\"\n", "[phrases]\n", "c.toml:4: [corpus] sample: [phrases] does not read"},
      {"sample = \"normal:1000\"\n", "[reuse]\n", "c.toml:4: [corpus] sample: [reuse] does not read"},
  };
  for (const auto& c : cases) {
    write_file(dir / "c.toml", experiment(c.corpus, c.rest));
    const auto r =
        run_stylokit("run " + shell_quote((dir / "c.toml").string()) + " --out " + shell_quote((dir / "o").string()));
    EXPECT_EQ(r.exit_code, 2) << c.corpus << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_NE(r.err.find(c.expected), std::string::npos) << "expected '" << c.expected << "' in: " << r.err;
    EXPECT_FALSE(fs::exists(dir / "o"));
  }
  // tokenizer sklearn keeps no tokens to cut.
  write_file(dir / "c.toml", "[corpus]\npath = " + nlohmann::json(kNovels.string()).dump() +
                                 "\nsample = \"normal:1000\"\n[features]\ntokenizer = \"sklearn\"\n");
  const auto r = run_stylokit("run --check " + shell_quote((dir / "c.toml").string()));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("c.toml:3: [corpus] sample: cut from the tokens"), std::string::npos) << r.err;
}

}  // namespace
