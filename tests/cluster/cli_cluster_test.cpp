// End-to-end: `stylokit cluster` on a matrix built from data/letters, against SciPy, and
// bad input through the binary.

#include <gtest/gtest.h>

#include "tests/cluster/test_util.h"
#include "toolkit/cluster/newick.h"
#include "toolkit/common/csv.h"

namespace stylokit::cluster {
namespace {

using testing::run_cli;
using testing::TempDir;

// Writes the letters' cosine similarity matrix (and S.json) into `dir`; returns SciPy's answers.
nlohmann::json letters(const TempDir& dir) {
  testing::write_text(dir / "letters_dir.txt", std::string(STYLOKIT_TEST_DATA) + "/letters");
  return testing::python_reference("letters", dir);
}

TEST(ClusterCli, LettersMatchScipy) {
  // The letters' similarity CSV: linkage matrix, Newick leaves and cophenetic correlation
  // equal SciPy's for average and ward.D2; assignments and MDS coordinates are written.
  TempDir dir("cli-letters");
  nlohmann::json ref = letters(dir);
  auto ids = ref["ids"].get<std::vector<std::string>>();
  for (const auto& [method, scipy_name] : {std::pair{"average", "average"}, std::pair{"ward.D2", "ward"},
                                          std::pair{"complete", "complete"}, std::pair{"single", "single"}}) {
    std::string args = fmt::format("cluster {} --method {} -o {} --linkage {} -k 2 --assignments {} --coords {}",
                                   (dir / "S.csv").string(), method, (dir / "tree.nwk").string(),
                                   (dir / "Z.csv").string(), (dir / "A.csv").string(), (dir / "C.csv").string());
    testing::CliResult r = run_cli(args, dir);
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.out.find("distance = 1 - similarity"), std::string::npos) << r.out;
    const auto& sref = ref[scipy_name];
    EXPECT_NE(r.out.find(fmt::format("cophenetic correlation {:.4f}", sref["cophenet"].get<double>())),
              std::string::npos)
        << r.out;
    CsvTable z = parse_csv(testing::read_text(dir / "Z.csv"), "Z.csv");
    EXPECT_EQ(z.header, (std::vector<std::string>{"left", "right", "height", "size"}));
    ASSERT_EQ(z.rows.size(), ids.size() - 1);
    for (std::size_t i = 0; i < z.rows.size(); ++i) {
      EXPECT_EQ(std::stod(z.rows[i][0]), sref["Z"][i][0].get<double>());
      EXPECT_EQ(std::stod(z.rows[i][1]), sref["Z"][i][1].get<double>());
      EXPECT_NEAR(std::stod(z.rows[i][2]), sref["Z"][i][2].get<double>(), 1e-12);
      EXPECT_EQ(std::stod(z.rows[i][3]), sref["Z"][i][3].get<double>());
    }
    Tree t = parse_newick(testing::read_text(dir / "tree.nwk"), "tree.nwk");
    std::vector<std::string> expected;
    for (auto leaf : sref["leaves"].get<std::vector<int>>()) expected.push_back(ids[static_cast<std::size_t>(leaf)]);
    EXPECT_EQ(t.leaf_labels(), expected);
    CsvTable a = parse_csv(testing::read_text(dir / "A.csv"), "A.csv");
    EXPECT_EQ(a.header, (std::vector<std::string>{"doc", "cluster"}));
    ASSERT_EQ(a.rows.size(), ids.size());
    for (std::size_t i = 0; i < ids.size(); ++i) EXPECT_EQ(a.rows[i][0], ids[i]);
    CsvTable c = parse_csv(testing::read_text(dir / "C.csv"), "C.csv");
    EXPECT_EQ(c.header, (std::vector<std::string>{"doc", "dim1", "dim2"}));
  }
}

TEST(ClusterCli, OutputIsByteIdenticalAcrossRuns) {
  // Same input, same flags: same bytes (k-means with its fixed default seed included).
  TempDir dir("cli-determinism");
  letters(dir);
  for (const char* method : {"ward.D", "kmeans", "kmedoids"}) {
    std::string first;
    for (int run = 0; run < 2; ++run) {
      std::string out = (dir / fmt::format("out{}.txt", run)).string();
      std::string args = std::string("cluster ") + (dir / "S.csv").string() + " --method " + method + " -k 2 " +
                         (std::string(method) == "ward.D" ? "-o " : "--assignments ") + out;
      testing::CliResult r = run_cli(args, dir);
      ASSERT_EQ(r.status, 0) << r.err;
      if (run == 0) first = testing::read_text(out);
      else EXPECT_EQ(testing::read_text(out), first) << method;
    }
  }
}

TEST(ClusterCli, ChoosesKBySilhouette) {
  // --choose-k prints the scan and writes assignments with the chosen k.
  TempDir dir("cli-choosek");
  letters(dir);
  testing::CliResult r = run_cli(fmt::format("cluster {} --method average --choose-k 3 --assignments {}",
                                             (dir / "S.csv").string(), (dir / "A.csv").string()),
                                 dir);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("chosen k = "), std::string::npos) << r.out;
}

TEST(ClusterCli, TruthGivesTheAdjustedRandIndex) {
  // Known classes equal to the written assignments score 1; a class file missing a document
  // is one clear line.
  TempDir dir("cli-truth");
  letters(dir);
  const std::string s = (dir / "S.csv").string(), a = (dir / "A.csv").string();
  testing::CliResult r = run_cli(fmt::format("cluster {} --method average -k 2 --assignments {}", s, a), dir);
  ASSERT_EQ(r.status, 0) << r.err;
  r = run_cli(fmt::format("cluster {} --method average -k 2 --truth {}", s, a), dir);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("adjusted Rand index against " + a + ": 1.0000"), std::string::npos) << r.out;
  testing::write_text(dir / "T.csv", "id,genre\nx,1\n");
  r = run_cli(fmt::format("cluster {} --method average -k 2 --truth {}", s, (dir / "T.csv").string()), dir);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("no class for document"), std::string::npos) << r.err;
}

TEST(ClusterCli, ConsensusOfSeveralMatrices) {
  // Three copies of one matrix: every clade of its tree has support 1; a matrix over other
  // documents is refused with one line.
  TempDir dir("cli-consensus");
  nlohmann::json ref = letters(dir);
  const std::string s = (dir / "S.csv").string(), out = (dir / "cons.nwk").string();
  testing::CliResult r = run_cli(fmt::format("cluster {} {} {} --method average -o {}", s, s, s, out), dir);
  ASSERT_EQ(r.status, 0) << r.err;
  Tree t = parse_newick(testing::read_text(out), "cons.nwk");
  std::size_t clades = 0;
  for (std::size_t i = 0; i < t.nodes.size(); ++i)
    if (!t.nodes[i].children.empty() && static_cast<int>(i) != t.root) {
      EXPECT_EQ(t.nodes[i].label, "1");
      ++clades;
    }
  EXPECT_EQ(clades, ref["ids"].size() - 2);  // a binary tree of n leaves has n - 2 non-root clades
  testing::write_text(dir / "O.csv", ",p,q\np,0,1\nq,1,0\n");
  r = run_cli(fmt::format("cluster {} {} -o {}", s, (dir / "O.csv").string(), out), dir);
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
}

TEST(ClusterCli, BadInputGivesOneLineAndAnExitCode) {
  // Each bad input: non-zero exit (1 data, 2 usage), one line on stderr naming the problem.
  TempDir dir("cli-bad");
  struct Bad {
    std::string csv, args, expect;
    int status;
  };
  const std::string m = (dir / "M.csv").string();
  const std::vector<Bad> cases = {
      {",a\na,0\n", "-o " + (dir / "t.nwk").string(), "at least two documents", 1},
      {",a,b\na,0,1\n", "-o " + (dir / "t.nwk").string(), "not square", 1},
      {",a,b\na,0,1\nb,2,0\n", "-o " + (dir / "t.nwk").string(), "not symmetric", 1},
      {",a,b\na,0,nan\nb,nan,0\n", "-o " + (dir / "t.nwk").string(), "NaN", 1},
      {",a,b\na,0,-1\nb,-1,0\n", "-o " + (dir / "t.nwk").string(), "negative", 1},
      {",a,b\na,0,1\nb,1,0\n", "-k 3 --assignments " + (dir / "a.csv").string(), "larger than the number", 1},
      {",a,b\na,0,1\nb,1,0\n", "--method ward.E -o " + (dir / "t.nwk").string(), "not a linkage method", 2},
      {",a,b\na,0,1\nb,1,0\n", "--method kmeans -o " + (dir / "a.csv").string(), "needs -k", 2},
      {",a,b\na,0,1\nb,1,0\n", "", "no output", 2},
      {",a,b\na,0,1\nb,1,0\n", "-o " + m, "", 1},
  };
  for (const auto& c : cases) {
    testing::write_text(dir / "M.csv", c.csv);
    testing::CliResult r = run_cli("cluster " + m + " " + c.args, dir);
    EXPECT_EQ(r.status, c.status) << c.csv << " " << c.args << ": " << r.err;
    EXPECT_NE(r.err.find(c.expect), std::string::npos) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  }
}

TEST(ClusterCli, CorpusGoesThroughTheSimilarityStage) {
  // `cluster CORPUS` equals `similarity CORPUS` followed by `cluster S.csv` (same measure
  // and MFW).
  TempDir dir("cli-corpus");
  const std::string corpus = std::string(STYLOKIT_TEST_DATA) + "/letters";
  for (const char* measure : {"burrows-delta", "cosine"}) {
    testing::CliResult s = run_cli(fmt::format("similarity {} --measure {} --mfw 60 -o {}", corpus, measure,
                                               (dir / "S.csv").string()),
                                   dir);
    ASSERT_EQ(s.status, 0) << s.err;
    testing::CliResult a = run_cli(fmt::format("cluster {} --measure {} --mfw 60 --method average --linkage {}",
                                               corpus, measure, (dir / "Z1.csv").string()),
                                   dir);
    ASSERT_EQ(a.status, 0) << a.err;
    testing::CliResult b = run_cli(
        fmt::format("cluster {} --method average --linkage {}", (dir / "S.csv").string(), (dir / "Z2.csv").string()),
        dir);
    ASSERT_EQ(b.status, 0) << b.err;
    EXPECT_EQ(testing::read_text(dir / "Z1.csv"), testing::read_text(dir / "Z2.csv")) << measure;
  }
  // Bootstrap consensus over MFW 40, 80, 120: supports are shares of 3 trees.
  testing::CliResult r = run_cli(
      fmt::format("cluster {} --mfw-range 40:120:40 --method ward.D -o {}", corpus, (dir / "bct.nwk").string()), dir);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("consensus of 3 ward.D trees"), std::string::npos) << r.out;
  Tree t = parse_newick(testing::read_text(dir / "bct.nwk"), "bct.nwk");
  EXPECT_EQ(t.leaf_labels().size(), 5U);
  for (std::size_t i = 0; i < t.nodes.size(); ++i) {
    if (t.nodes[i].children.empty() || static_cast<int>(i) == t.root) continue;
    EXPECT_TRUE(t.nodes[i].label == "1" || t.nodes[i].label == "0.6666666666666666") << t.nodes[i].label;
  }
  r = run_cli(fmt::format("cluster {} --mfw-range 40:20:5 -o {}", corpus, (dir / "bct.nwk").string()), dir);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("--mfw-range"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace stylokit::cluster
