// Progress bars: drawn on standard error when it is a terminal (a pseudo-terminal here, made
// by tests/cli/pty_stderr.py), never into a pipe or file, never with --quiet, and the
// command's output is the same either way.

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <string>

#include "tests/test_util.h"

namespace stylokit {
namespace {

namespace fs = std::filesystem;
using testing::run_shell;
using testing::shell_quote;
using testing::slurp;
using testing::TempDir;

// A corpus that keeps `phrases` busy for a few seconds: 2,500 documents of 150 words drawn
// from a Zipf-like distribution (a fixed generator, so every run mines the same phrases).
void write_corpus(const fs::path& path) {
  std::string jsonl;
  uint64_t state = 12345;
  for (int d = 0; d < 2500; ++d) {
    jsonl += "{\"id\": \"d" + std::to_string(d) + "\", \"text\": \"";
    for (int w = 0; w < 150; ++w) {
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      const double u = static_cast<double>((state >> 11) + 1) / 9007199254740993.0;  // (0, 1]
      const int word = std::min(999, static_cast<int>(1.0 / u) - 1);
      jsonl += (w ? " w" : "w") + std::to_string(word);
    }
    jsonl += "\"}\n";
  }
  testing::write_file(path, jsonl);
}

struct TerminalRun {
  int exit_code;
  std::string out, terminal;
};

// `stylokit ARGS` with standard error on a pseudo-terminal.
TerminalRun at_terminal(const TempDir& dir, const std::string& args) {
  const std::string err = (dir / "terminal.txt").string();
  auto r = run_shell("/usr/bin/python3 " + shell_quote(std::string(STYLOKIT_TESTS_DIR) + "/cli/pty_stderr.py") + " " +
                     shell_quote(err) + " " + shell_quote(STYLOKIT_BINARY) + " " + args);
  return {r.exit_code, r.out, slurp(err)};
}

class ProgressCli : public ::testing::Test {
 protected:
  void SetUp() override {
    write_corpus(dir_ / "corpus.jsonl");
    corpus_ = shell_quote((dir_ / "corpus.jsonl").string());
  }
  std::string args(const std::string& out) const {
    return "phrases " + corpus_ + " --stop-words none --threads 2 -o " + shell_quote((dir_ / out).string());
  }
  TempDir dir_;
  std::string corpus_;
};

TEST_F(ProgressCli, BarOnATerminalNamesTheStepWithCountsRateAndTime) {
  const TerminalRun r = at_terminal(dir_, args("a.csv"));
  ASSERT_EQ(r.exit_code, 0) << r.terminal;
  // A redraw starts with a carriage return and ends by clearing the rest of the line.
  EXPECT_NE(r.terminal.find("\r"), std::string::npos) << r.terminal;
  EXPECT_NE(r.terminal.find("\x1b[K"), std::string::npos);
  EXPECT_NE(r.terminal.find("phrases "), std::string::npos) << "the command's step is named";
  // Some redraw shows an inner step with its items: "scoring [###.........] 25% 3s left, 1,234/5,678 phrases, 400/s".
  EXPECT_NE(r.terminal.find(" phrases, "), std::string::npos) << r.terminal;
  EXPECT_NE(r.terminal.find("/s"), std::string::npos);
  // The bar is gone at the end: the last thing drawn clears the line.
  EXPECT_EQ(r.terminal.substr(r.terminal.size() - 4), "\r\x1b[K") << r.terminal.substr(r.terminal.size() - 200);
}

TEST_F(ProgressCli, NothingWithoutATerminalOrWithQuiet) {
  const TerminalRun bar = at_terminal(dir_, args("a.csv"));
  ASSERT_EQ(bar.exit_code, 0);
  const TerminalRun quiet = at_terminal(dir_, args("b.csv") + " --quiet");
  ASSERT_EQ(quiet.exit_code, 0);
  EXPECT_EQ(quiet.terminal.find('\r'), std::string::npos) << quiet.terminal;
  EXPECT_EQ(quiet.terminal.find("\x1b["), std::string::npos);
  const auto piped = testing::run_stylokit(args("c.csv"));
  ASSERT_EQ(piped.exit_code, 0) << piped.err;
  EXPECT_EQ(piped.err.find('\r'), std::string::npos) << piped.err;
  EXPECT_EQ(piped.err.find("\x1b["), std::string::npos);
  // The outputs do not depend on whether a bar was drawn.
  EXPECT_EQ(slurp(dir_ / "a.csv"), slurp(dir_ / "b.csv"));
  EXPECT_EQ(slurp(dir_ / "a.csv"), slurp(dir_ / "c.csv"));
}

// Every command accepts --quiet (and -q).
TEST(ProgressCliQuiet, EveryCommandTakesQuiet) {
  for (const char* cmd :
       {"info", "vectorize", "similarity", "cluster", "phrases", "align", "reuse", "heatmap", "run"}) {
    const auto help = testing::run_stylokit(std::string(cmd) + " --help");
    EXPECT_NE(help.out.find("-q [ --quiet ]"), std::string::npos) << cmd;
  }
}

}  // namespace
}  // namespace stylokit
