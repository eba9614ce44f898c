#pragma once
// Helpers of the features tests on top of the shared ones (tests/test_util.h): the features
// tests' names for them, commands with stdout and stderr together, the reference scripts, and
// an in-memory corpus.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/test_util.h"
#include "toolkit/corpus/corpus.h"

namespace stylokit::features::testing {

namespace fs = std::filesystem;

using stylokit::testing::shell_quote;
using stylokit::testing::TempDir;

inline void write_text(const fs::path& path, const std::string& text) { stylokit::testing::write_file(path, text); }
inline std::string read_text(const fs::path& path) { return stylokit::testing::slurp(path); }

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout, then stderr
};

// Runs a shell command, capturing stdout and stderr.
inline CommandResult run_command(const std::string& command) {
  const auto r = stylokit::testing::run_shell(command);
  return {r.exit_code, r.out + r.err};
}

inline std::string python() { return STYLOKIT_PYTHON; }
inline std::string script(const std::string& name) { return std::string(STYLOKIT_TESTS_DIR) + "/features/" + name; }

// A corpus of `texts` with ids doc0, doc1, ..., each kept whole.
inline Corpus make_corpus(const std::vector<std::string>& texts) {
  Corpus c;
  c.origin = "<test>";
  for (size_t i = 0; i < texts.size(); ++i) {
    Document d;
    d.id = "doc" + std::to_string(i);
    d.raw = texts[i];
    d.kept = {{0, d.raw.size()}};
    c.documents.push_back(std::move(d));
  }
  return c;
}

}  // namespace stylokit::features::testing
