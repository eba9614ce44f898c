// The corpus scripts of data/: brown_untag.py (Brown's "word/tag" samples to plain text plus
// labels.csv) on a hand-made two-sample package, and scale_corpus.py (seeded resampling of
// sentences) for determinism and provenance. They feed the benchmarks, so a silent change in
// either would change every large-corpus figure.

#include <gtest/gtest.h>

#include <set>
#include <sstream>

#include <fmt/format.h>

#include "tests/test_util.h"

namespace stylokit {
namespace {

using testing::TempDir;

const std::string kData = STYLOKIT_TEST_DATA;

testing::CommandResult python(const std::string& script, const std::string& args) {
  return testing::run_shell(std::string(STYLOKIT_PYTHON) + " " + testing::shell_quote(kData + "/" + script) + " " +
                            args);
}

// Tags are what follows the last '/', `` and '' become '"', blank lines separate paragraphs.
TEST(DataScripts, BrownUntagStripsTagsByHand) {
  TempDir dir;
  testing::write_file(dir / "pkg/cats.txt", "ca01 news\ncb02 editorial\n\n");
  testing::write_file(dir / "pkg/ca01",
                      "\n\n\tThe/at Fulton/np-tl County/nn-tl said/vbd ``/`` no/at evidence/nn ''/'' ./.\n"
                      "\tIt/pps cost/vbd 1-1/2/cd dollars/nns ./.\n\n\n\tA/at new/jj paragraph/nn ./.\n");
  testing::write_file(dir / "pkg/cb02", "\tAssembly/nn-tl session/nn ,/, 1961/cd ./.\n");
  testing::write_file(dir / "pkg/README.md", "not a sample\n");
  const auto r = python("brown_untag.py", testing::shell_quote((dir / "pkg").string()) + " " +
                                              testing::shell_quote((dir / "out").string()) + " --expect-samples 2");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(testing::slurp(dir / "out/news/ca01.txt"),
            "The Fulton County said \" no evidence \" .\nIt cost 1-1/2 dollars .\n\nA new paragraph .\n");
  EXPECT_EQ(testing::slurp(dir / "out/editorial/cb02.txt"), "Assembly session , 1961 .\n");
  EXPECT_EQ(testing::slurp(dir / "out/labels.csv"), "id,genre\neditorial/cb02,editorial\nnews/ca01,news\n");

  // A token without a tag, or a sample count that is not the expected one, fails loudly.
  testing::write_file(dir / "pkg/cb02", "\tAssembly session/nn\n");
  EXPECT_NE(python("brown_untag.py", testing::shell_quote((dir / "pkg").string()) + " " +
                                         testing::shell_quote((dir / "out2").string()) + " --expect-samples 2")
                .exit_code,
            0);
  const auto wrong = python("brown_untag.py", testing::shell_quote((dir / "pkg").string()) + " " +
                                                  testing::shell_quote((dir / "out3").string()));
  EXPECT_NE(wrong.exit_code, 0);
  EXPECT_NE(wrong.err.find("expected the 500 samples"), std::string::npos) << wrong.err;
}

// The same seed gives the same bytes; another seed other documents; every document is a run of
// consecutive sentences of one sample, labelled with that sample's genre.
TEST(DataScripts, ScaleCorpusIsSeededAndTraceable) {
  TempDir dir;
  const std::string a = "one a .\ntwo a .\nthree a .\nfour a .\n", b = "uno b .\ndos b .\ntres b .\n";
  testing::write_file(dir / "c/x/a.txt", a);
  testing::write_file(dir / "c/y/b.txt", b);
  testing::write_file(dir / "c/labels.csv", "id,genre\nx/a,x\ny/b,y\n");
  auto run = [&](const std::string& out, int seed) {
    const auto r = python("scale_corpus.py", testing::shell_quote((dir / "c").string()) + " 40 " +
                                                 testing::shell_quote((dir / out).string()) + " --seed " +
                                                 std::to_string(seed) + " --min-sentences 2 --max-sentences 3");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return testing::slurp(dir / out);
  };
  const std::string first = run("s1.jsonl", 5);
  EXPECT_EQ(run("s2.jsonl", 5), first);
  EXPECT_NE(run("s3.jsonl", 6), first);
  const std::vector<std::string> sa = {"one a .", "two a .", "three a .", "four a ."},
                                 sb = {"uno b .", "dos b .", "tres b ."};
  std::istringstream lines(first);
  std::string line;
  int count = 0;
  std::set<std::string> genres;
  while (std::getline(lines, line)) {
    ++count;
    EXPECT_NE(line.find(fmt::format("\"id\": \"d{:07}\"", count)), std::string::npos) << line;
    const bool is_x = line.find("\"genre\": \"x\"") != std::string::npos;
    genres.insert(is_x ? "x" : "y");
    const auto& s = is_x ? sa : sb;
    const size_t t0 = line.find("\"text\": \"") + 9;
    const std::string text = line.substr(t0, line.find('"', t0) - t0);
    bool found = false;  // some start and length 2..3, wrapping around
    for (size_t start = 0; start < s.size() && !found; ++start)
      for (size_t k = 2; k <= 3 && !found; ++k) {
        std::string want;
        for (size_t j = 0; j < k; ++j) {
          if (j > 0) want += ' ';
          want += s[(start + j) % s.size()];
        }
        found = want == text;
      }
    EXPECT_TRUE(found) << line;
  }
  EXPECT_EQ(count, 40);
  EXPECT_EQ(genres.size(), 2u);
}

}  // namespace
}  // namespace stylokit
