// End-to-end: `stylokit cluster CORPUS --bootstrap B` (consensus over resamples of the
// features) and `--map mds|pca|pca-cor` (2-D coordinates with explained variance), through
// the binary, against numpy and hand-built cases; bad input.

#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "tests/cluster/test_util.h"
#include "toolkit/cluster/newick.h"
#include "toolkit/common/csv.h"

namespace stylokit::cluster {
namespace {

using testing::run_cli;
using testing::TempDir;

namespace fs = std::filesystem;

const std::string kLetters = std::string(STYLOKIT_TEST_DATA) + "/letters";

// Supports (internal labels) of a Newick file, root excluded.
std::vector<double> supports(const std::string& path) {
  Tree t = parse_newick(testing::read_text(path), path);
  std::vector<double> out;
  for (std::size_t i = 0; i < t.nodes.size(); ++i)
    if (!t.nodes[i].children.empty() && static_cast<int>(i) != t.root) out.push_back(std::stod(t.nodes[i].label));
  return out;
}

TEST(ClusterCliBootstrap, ByteIdenticalAcrossRunsAndThreadCounts) {
  // Fixed seed: the same tree bytes for 1 and 3 threads and on a second run; supports are
  // shares of B trees in (0.5, 1]; another seed still gives a valid tree.
  TempDir dir("cli-boot");
  std::string first;
  for (const char* threads : {"1", "3", "1"}) {
    const std::string out = (dir / fmt::format("t{}.nwk", threads)).string();
    testing::CliResult r = run_cli(fmt::format("cluster {} --bootstrap 40 --seed 5 --mfw 80 --measure cosine-delta "
                                               "--method average --threads {} -o {}",
                                               kLetters, threads, out),
                                   dir);
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.out.find("bootstrap consensus of 40 average trees over resamples of the 80 features (seed 5"),
              std::string::npos)
        << r.out;
    if (first.empty())
      first = testing::read_text(out);
    else
      EXPECT_EQ(testing::read_text(out), first) << threads;
    for (double s : supports(out)) {
      EXPECT_GT(s, 0.5);
      EXPECT_LE(s, 1.0);
      EXPECT_DOUBLE_EQ(s * 40, std::round(s * 40)) << s;  // a count of trees over B
    }
  }
  EXPECT_EQ(parse_newick(first, "t").leaf_labels().size(), 5U);
}

TEST(ClusterCliBootstrap, SeparatedGroupsHaveFullSupport) {
  // Two pairs of identical documents over two words: every resample (x,x / x,y / y,y) puts
  // each pair together, so both clades have support 1.
  TempDir dir("cli-boot-groups");
  fs::create_directories(dir / "c");
  testing::write_text(dir / "c/a1.txt", "x x x y\n");
  testing::write_text(dir / "c/a2.txt", "x x x y\n");
  testing::write_text(dir / "c/b1.txt", "y y y x\n");
  testing::write_text(dir / "c/b2.txt", "y y y x\n");
  const std::string out = (dir / "t.nwk").string();
  testing::CliResult r =
      run_cli(fmt::format("cluster {} --bootstrap 25 --mfw 2 --measure burrows-delta --method average -o {}",
                          (dir / "c").string(), out),
              dir);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(testing::read_text(out), "((a1,a2)1,(b1,b2)1);\n");
}

TEST(ClusterCliBootstrap, BadInputGivesOneLineAndExitTwo) {
  // B < 1, a seed that is not a number, fewer than 3 documents, a matrix instead of a
  // corpus, a flat method, a missing -o: exit 2, one line naming the problem.
  TempDir dir("cli-boot-bad");
  fs::create_directories(dir / "two");
  testing::write_text(dir / "two/a.txt", "x y z\n");
  testing::write_text(dir / "two/b.txt", "z y x x\n");
  testing::write_text(dir / "M.csv", ",a,b,c\na,0,1,2\nb,1,0,1\nc,2,1,0\n");
  const std::string o = "-o " + (dir / "t.nwk").string();
  const std::vector<std::pair<std::string, std::string>> cases = {
      {kLetters + " --bootstrap 0 " + o, "at least 1"},
      {kLetters + " --bootstrap=-3 " + o, "at least 1"},
      {kLetters + " --bootstrap 5 --seed abc " + o, "--seed"},
      {kLetters + " --bootstrap 5 --seed 1.5 " + o, "--seed"},
      {(dir / "two").string() + " --bootstrap 5 " + o, "at least 3 documents"},
      {(dir / "M.csv").string() + " --bootstrap 5 " + o, "needs a CORPUS"},
      {kLetters + " --bootstrap 5 --method kmeans " + o, "hierarchical"},
      {kLetters + " --bootstrap 5", "give -o"},
      {kLetters + " --bootstrap 5 -k 2 " + o, "only a consensus tree"},
      {kLetters + " --bootstrap 5 --mfw-range 10:20:5 " + o, "--mfw-range"},
  };
  for (const auto& [args, expect] : cases) {
    testing::CliResult r = run_cli("cluster " + args, dir);
    EXPECT_EQ(r.status, 2) << args << ": " << r.err;
    EXPECT_NE(r.err.find(expect), std::string::npos) << args << ": " << r.err;
    // One error line; warnings about the input (fewer MFW than asked) may precede it.
    std::istringstream lines(r.err);
    int errors = 0;
    for (std::string line; std::getline(lines, line);)
      if (line.find("stylokit: warning: ") != 0) ++errors;
    EXPECT_EQ(errors, 1) << r.err;
  }
}

TEST(ClusterCliMap, PcaAndMdsMatchNumpy) {
  // --map pca (relative frequencies), pca-cor (z-scores) on the letters' MFW table and
  // --map mds on a distance CSV equal numpy's SVD / eigh after the sign convention (each
  // axis flipped so its largest-magnitude loading or coordinate is positive); the .json
  // beside the coordinates holds the explained variance and its ratio.
  TempDir dir("cli-map");
  testing::CliResult s = run_cli(fmt::format("similarity {} --measure burrows-delta --mfw 50 --save-table {} -o {}",
                                             kLetters, (dir / "T.csv").string(), (dir / "D.csv").string()),
                                 dir);
  ASSERT_EQ(s.status, 0) << s.err;
  nlohmann::json ref = testing::python_reference("map_cli", dir);
  struct Run {
    std::string name, input, extra;
  };
  for (const Run& run : {Run{"pca", kLetters, "--mfw 50"}, Run{"pca-cor", kLetters, "--mfw 50"},
                         Run{"mds", (dir / "D.csv").string(), ""}}) {
    const std::string out = (dir / (run.name + ".csv")).string();
    testing::CliResult r =
        run_cli(fmt::format("cluster {} --map {} {} -o {}", run.input, run.name, run.extra, out), dir);
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.out.find("explained: dim1 "), std::string::npos) << r.out;
    CsvTable c = parse_csv(testing::read_text(out), out);
    EXPECT_EQ(c.header, (std::vector<std::string>{"doc", "dim1", "dim2"}));
    const auto& want = ref[run.name];
    const auto ids = (run.name == "mds" ? want["ids"] : ref["ids"]).get<std::vector<std::string>>();
    ASSERT_EQ(c.rows.size(), ids.size());
    for (std::size_t i = 0; i < ids.size(); ++i) {
      EXPECT_EQ(c.rows[i][0], ids[i]);
      for (std::size_t a = 0; a < 2; ++a)
        EXPECT_NEAR(std::stod(c.rows[i][a + 1]), want["coords"][i][a].get<double>(), 1e-9) << run.name;
    }
    nlohmann::json j = nlohmann::json::parse(testing::read_text(dir / (run.name + ".json")));
    EXPECT_EQ(j["map"], run.name);
    for (std::size_t a = 0; a < 2; ++a) {
      EXPECT_NEAR(j["explained_variance"][a].get<double>(), want["variance"][a].get<double>(), 1e-9) << run.name;
      EXPECT_NEAR(j["explained_variance_ratio"][a].get<double>(), want["ratio"][a].get<double>(), 1e-9) << run.name;
    }
  }
}

TEST(ClusterCliMap, BadInputGivesOneLineAndExitTwo) {
  // PCA of a matrix CSV, an unknown map, no -o, a cut or a tree output alongside, a
  // non-.csv output: exit 2, one line.
  TempDir dir("cli-map-bad");
  testing::write_text(dir / "M.csv", ",a,b,c\na,0,1,2\nb,1,0,1\nc,2,1,0\n");
  const std::string m = (dir / "M.csv").string(), o = "-o " + (dir / "c.csv").string();
  const std::vector<std::pair<std::string, std::string>> cases = {
      {m + " --map pca " + o, "needs the feature table"},
      {m + " --map tsne " + o, "not mds, pca or pca-cor"},
      {m + " --map mds", "give -o"},
      {m + " --map mds -k 2 " + o, "only coordinates"},
      {m + " --map mds --bootstrap 3 " + o, "give one"},
      {m + " --map mds -o " + (dir / "c.json").string(), ".csv extension"},
  };
  for (const auto& [args, expect] : cases) {
    testing::CliResult r = run_cli("cluster " + args, dir);
    EXPECT_EQ(r.status, 2) << args << ": " << r.err;
    EXPECT_NE(r.err.find(expect), std::string::npos) << args << ": " << r.err;
    // One error line; warnings about the input (fewer MFW than asked) may precede it.
    const std::string last = r.err.substr(r.err.rfind('\n', r.err.size() - 2) + 1);
    EXPECT_EQ(last.rfind("stylokit cluster: ", 0), 0u) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n') -
                  std::count_if(r.err.begin(), r.err.end(), [](char) { return false; }),
              1 + static_cast<long>(r.err.find("warning:") == std::string::npos
                                        ? 0
                                        : std::count(r.err.begin(), r.err.end(), '\n') - 1))
        << r.err;
  }
  // A matrix with 2 documents still maps (2 dims requested, 1 informative).
  testing::write_text(dir / "M2.csv", ",a,b\na,0,1\nb,1,0\n");
  testing::CliResult r = run_cli(fmt::format("cluster {} --map mds {}", (dir / "M2.csv").string(), o), dir);
  EXPECT_EQ(r.status, 0) << r.err;
}

TEST(ClusterCliFeatures, NgramMfwTableMatchesNumpy) {
  // --features word:1-2 / char_wb:2-3: the MFW table of n-grams (ranked by corpus count,
  // relative to all n-grams of the document) -> Cosine Delta -> average linkage equals numpy
  // + SciPy on the raw counts `stylokit vectorize` writes; a bad spec is one line, exit 2.
  for (const char* spec : {"word:1-2", "char_wb:2-3"}) {
    TempDir dir("cli-features");
    testing::CliResult v = run_cli(fmt::format("vectorize {} --features {} --tf raw --idf none --norm none -o {}",
                                               kLetters, spec, (dir / "M.mtx").string()),
                                   dir);
    ASSERT_EQ(v.status, 0) << v.err;
    testing::write_text(dir / "params.json", R"({"mfw": 70})");
    nlohmann::json ref = testing::python_reference("features_mfw", dir);
    testing::CliResult r =
        run_cli(fmt::format("cluster {} --features {} --mfw 70 --measure cosine-delta --method average --linkage {}",
                            kLetters, spec, (dir / "Z.csv").string()),
                dir);
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.out.find("70 MFW"), std::string::npos) << r.out;
    CsvTable z = parse_csv(testing::read_text(dir / "Z.csv"), "Z.csv");
    ASSERT_EQ(z.rows.size(), ref["Z"].size());
    for (std::size_t i = 0; i < z.rows.size(); ++i) {
      EXPECT_EQ(std::stod(z.rows[i][0]), ref["Z"][i][0].get<double>()) << spec;
      EXPECT_EQ(std::stod(z.rows[i][1]), ref["Z"][i][1].get<double>()) << spec;
      EXPECT_NEAR(std::stod(z.rows[i][2]), ref["Z"][i][2].get<double>(), 1e-12) << spec;
    }
  }
  TempDir dir("cli-features-bad");
  testing::CliResult r =
      run_cli(fmt::format("cluster {} --mfw-features wurd:1-2 --linkage {}", kLetters, (dir / "Z.csv").string()), dir);
  EXPECT_EQ(r.status, 2) << r.err;
  EXPECT_NE(r.err.find("--mfw-features"), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  // The old spelling still works, with a warning naming the new one.
  r = run_cli(fmt::format("cluster {} --features word:1-2 --linkage {}", kLetters, (dir / "Z.csv").string()), dir);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.err.find("warning: --features is deprecated"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace stylokit::cluster
