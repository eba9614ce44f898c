// `stylokit vectorize` end to end: the binary on the letters, its files, thread invariance, a
// vocabulary reused from a previous run, and one clear line with the right exit code on bad input.

#include <gtest/gtest.h>

#include "tests/features/test_util.h"
#include "toolkit/corpus/loaders.h"
#include "toolkit/features/matrix_io.h"
#include "toolkit/features/vectorizer.h"

namespace stylokit::features {
namespace {

using testing::TempDir;

std::string letters() { return std::string(STYLOKIT_TEST_DATA) + "/letters"; }

testing::CommandResult vectorize_cli(const std::string& args) {
  return testing::run_command(std::string(STYLOKIT_BINARY) + " vectorize " + args);
}

// The written files hold what the library computes; the summary names the sizes.
TEST(CliVectorize, WritesTheLibraryResult) {
  TempDir dir;
  const std::string out = (dir / "M.mtx").string();
  const auto r = vectorize_cli(testing::shell_quote(letters()) +
                               " --tokenizer sklearn --features word:1-2 --tf sublinear --idf plain --norm l1 --min-df 2 -o " +
                               testing::shell_quote(out));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("5 documents"), std::string::npos) << r.output;
  VectorizerOptions o;
  o.tokenizer = TokenizerKind::kSklearn;
  o.ngram_max = 2;
  o.tf = TfWeight::kSublinear;
  o.idf = IdfWeight::kPlain;
  o.norm = Norm::kL1;
  o.min_df = DfBound::count(2);
  const Vectorized want = vectorize(load_corpus(letters()), o);
  const LoadedMatrix got = load_matrix(out);
  EXPECT_EQ(got.vocabulary.terms(), want.vocabulary.terms());
  EXPECT_EQ(got.doc_ids, want.doc_ids);
  EXPECT_EQ((DocTermMatrix(got.matrix - want.matrix)).norm(), 0.0);
}

// --threads 1 and --threads 3 write the same bytes; --vocabulary M.terms.tsv reproduces the columns.
TEST(CliVectorize, ThreadsAndVocabularyReuse) {
  TempDir dir;
  const std::string base = testing::shell_quote(letters()) + " --features char_wb:2-4 ";
  std::filesystem::create_directories(dir / "one");
  std::filesystem::create_directories(dir / "three");
  ASSERT_EQ(vectorize_cli(base + "--threads 1 -o " + (dir / "one" / "a.mtx").string()).exit_code, 0);
  ASSERT_EQ(vectorize_cli(base + "--threads 3 -o " + (dir / "three" / "a.mtx").string()).exit_code, 0);
  for (const char* name : {"a.mtx", "a.terms.tsv", "a.docs.tsv"})
    EXPECT_TRUE(testing::read_text(dir / "one" / name) == testing::read_text(dir / "three" / name)) << name;
  std::filesystem::copy_file(dir / "one" / "a.terms.tsv", dir / "a.terms.tsv");
  const auto r = vectorize_cli(base + "--vocabulary " + (dir / "a.terms.tsv").string() + " -o " + (dir / "c.mtx").string());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(testing::read_text(dir / "c.terms.tsv"), testing::read_text(dir / "a.terms.tsv"));
}

// Bad input: exit 2 for options, 1 for data; one line naming the problem; nothing written.
TEST(CliVectorize, BadInputOneLineAndNoOutput) {
  TempDir dir;
  const std::string out = " -o " + (dir / "M.mtx").string();
  struct Case {
    std::string args;
    int code;
    std::string needle;
  };
  const std::vector<Case> cases = {
      {testing::shell_quote(letters()) + " --features word:3-1" + out, 2, "word:3-1"},
      {testing::shell_quote(letters()) + " --min-df 4 --max-df 2" + out, 2, "min_df"},
      {testing::shell_quote(letters()) + " --min-df 0.9 --max-df 0.1" + out, 2, "min_df"},
      {testing::shell_quote(letters()) + " --tokenizer sklearn --min-df 6" + out, 2, "min_df"},
      {testing::shell_quote(letters()) + " --tokenizer sklearn --min-df 0 --max-df 0.1" + out, 1, "no terms remain"},
      {testing::shell_quote(letters()) + " --tf log" + out, 2, "--tf"},
      {testing::shell_quote(letters()) + " --min-df 1.5" + out, 2, "--min-df"},
      {testing::shell_quote(letters()) + " -o " + (dir / "M.csv").string(), 2, ".mtx"},
      {testing::shell_quote(letters()) + " -o -", 2, "-o -: vectorize writes M.mtx with M.terms.tsv and M.docs.tsv"},
      {(dir / "no-such-corpus").string() + out, 1, "no-such-corpus"},
      {testing::shell_quote(letters()) + " --vocabulary " + (dir / "missing.tsv").string() + out, 1, "missing.tsv"},
      {testing::shell_quote(letters()) + " --hash-buckets 8 --max-features 3" + out, 2, "hashing"},
  };
  for (const auto& c : cases) {
    const auto r = vectorize_cli(c.args);
    EXPECT_EQ(r.exit_code, c.code) << c.args << "\n" << r.output;
    EXPECT_NE(r.output.find(c.needle), std::string::npos) << c.args << "\n" << r.output;
    EXPECT_EQ(std::count(r.output.begin(), r.output.end(), '\n'), 1) << r.output;
    EXPECT_TRUE(std::filesystem::is_empty(dir.path())) << c.args;
  }
  // The side files may not overwrite an input either.
  testing::write_text(dir / "V.terms.tsv", "term\tdf\npresident\t1\n");
  const auto r = vectorize_cli(testing::shell_quote(letters()) + " --vocabulary " + (dir / "V.terms.tsv").string() +
                               " -o " + (dir / "V.mtx").string());
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("refusing to overwrite"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace stylokit::features
