// End-to-end tests of --sample (stylo's make.samples()) through the stylokit binary: the novels
// cut into stylo's 117 samples of 10,000 tokens, named as stylo names them
// (shared references, stylo/novels/3_make_samples), the sidecar's record, thread-count
// invariance of random samples, and bad specs as one error line.

#include <fmt/format.h>
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

const fs::path kNovels = fs::path(STYLOKIT_TESTS_DIR) / ".." / ".." / "shared" / "references" / "stylo" / "novels";

std::vector<std::string> first_column(const std::string& csv) {
  std::vector<std::string> out;
  std::istringstream in(csv);
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::string cell = line.substr(0, line.find(','));
    if (cell.size() >= 2 && cell.front() == '"') cell = cell.substr(1, cell.size() - 2);
    out.push_back(cell);
  }
  return out;
}

TEST(SampleCli, NovelsInStylosSamples) {
  TempDir dir;
  const auto r = run_stylokit(
      fmt::format("similarity {} --tokenizer stylo --sample normal:10000 --measure burrows-delta --mfw 100 -o {}",
                  shell_quote((kNovels / "corpus").string()), shell_quote((dir / "S.csv").string())));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::vector<std::string> rows = first_column(slurp(dir / "S.csv"));
  const std::vector<std::string> stylo =
      first_column(slurp(kNovels / "3_make_samples" / "samples_size10000_overlap0.csv"));
  ASSERT_EQ(stylo.size(), 117u);
  EXPECT_EQ(rows, stylo);
  // The tail of every novel is dropped, and said so once.
  EXPECT_NE(r.err.find("warning: sample: "), std::string::npos) << r.err;

  const nlohmann::json j = nlohmann::json::parse(slurp(dir / "S.json"));
  const nlohmann::json& s = j["parameters"]["sample"];
  EXPECT_EQ(s["spec"], "normal:10000:0");
  EXPECT_EQ(s["samples"], 117);
  EXPECT_EQ(s["samples_per_text"]["CBronte_Villette"], 19);  // stylo's count (README)
  EXPECT_EQ(s["dropped_tokens"]["ABronte_Agnes"], 68311 - 60000);
  EXPECT_EQ(j["documents"], 117);
}

TEST(SampleCli, RandomSamplesSameForAnyThreadCountAndSeeded) {
  TempDir dir;
  std::vector<std::string> csv;
  for (const char* args : {"--seed 7 --threads 1", "--seed 7 --threads 2", "--seed 8 --threads 2"}) {
    const std::string out = (dir / fmt::format("S{}.csv", csv.size())).string();
    const auto r =
        run_stylokit(fmt::format("similarity {} --sample random:2000:3 --measure cosine-delta --mfw 50 {} -o {}",
                                 shell_quote((kNovels / "corpus").string()), args, shell_quote(out)));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    csv.push_back(slurp(out));
  }
  EXPECT_EQ(csv[0], csv[1]);
  EXPECT_NE(csv[0], csv[2]);
  EXPECT_EQ(first_column(csv[0]).size(), 27u);
  EXPECT_EQ(first_column(csv[0])[2], "ABronte_Agnes_3");
}

TEST(SampleCli, ClusterCountsSamples) {
  TempDir dir;
  const auto r =
      run_stylokit(fmt::format("cluster {} --sample normal:20000 --mfw 100 -k 3 -o {} --assignments {}",
                               shell_quote((kNovels / "corpus").string()), shell_quote((dir / "t.nwk").string()),
                               shell_quote((dir / "a.csv").string())));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::vector<std::string> rows = first_column(slurp(dir / "a.csv"));
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(rows.front(), "ABronte_Agnes_1");
}

TEST(SampleCli, BadOptionsAreOneLineNamingTheFlag) {
  TempDir dir;
  const std::string corpus = shell_quote((kNovels / "corpus").string());
  const std::string out = shell_quote((dir / "x.csv").string());
  for (const char* extra :
       {"--sample normal:0", "--sample normal:10:10", "--sample random:5", "--sample foo", "--keep-short",
        "--sample normal:100 --tokenizer sklearn", "--sample normal:100 --near-duplicates"}) {
    const auto r = run_stylokit(fmt::format("similarity {} --measure burrows-delta {} -o {}", corpus, extra, out));
    EXPECT_EQ(r.exit_code, 2) << extra;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << extra << ": " << r.err;
    const std::string flag = std::string(extra).find("keep-short") != std::string::npos ? "--keep-short" : "--sample";
    EXPECT_NE(r.err.find("stylokit similarity: " + flag + ": "), std::string::npos) << extra << ": " << r.err;
    EXPECT_FALSE(fs::exists(dir / "x.csv")) << extra;
  }
  // A text shorter than SIZE: one line naming the file, nothing written; --keep-short keeps it.
  const auto r = run_stylokit(
      fmt::format("similarity {} --tokenizer stylo --sample normal:100000 --measure burrows-delta -o {}", corpus, out));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("ABronte_Agnes: 68311 tokens, fewer than the sample size 100000"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir / "x.csv"));
  const auto k = run_stylokit(
      fmt::format("similarity {} --sample normal:100000 --keep-short --measure burrows-delta -o {}", corpus, out));
  ASSERT_EQ(k.exit_code, 0) << k.err;
  EXPECT_EQ(first_column(slurp(dir / "x.csv")).front(), "ABronte_Agnes_1");
}

}  // namespace
