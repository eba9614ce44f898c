// `stylokit similarity` end to end on the letters corpus: file formats, agreement with the
// numpy reference through the saved MFW table, thread independence, bad input.

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/similarity/sim_test_util.h"
#include "tests/test_util.h"
#include "toolkit/common/csv.h"

namespace stylokit {
namespace {

using testing::shell_quote;
using testing::slurp;
using testing::TempDir;

testing::CommandResult run_stylokit(const std::string& args) {
  return testing::run_stylokit("similarity " + args);
}

std::string q(const std::filesystem::path& p) {
  return shell_quote(p.string());
}

CsvTable read_matrix(const std::filesystem::path& p) {
  return parse_csv("id" + slurp(p), p.string());
}

// The Delta matrix of the CLI equals the numpy formulas applied to the MFW table the run
// saved; the matrix has the documented header and S.json describes the run.
TEST(SimilarityCli, DeltaMatchesReferenceOnSavedTable) {
  TempDir dir;
  for (const std::string variant : {"stylo", "published"}) {
    const auto r = run_stylokit(testing::letters_dir() + " --measure eder-delta --mfw 40 --variant " + variant +
                                " --save-table " + q(dir / "t.csv") + " -o " + q(dir / "S.csv"));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto ref = simtest::run_reference("reference_measures.py", q(dir / "t.csv") + " " + q(dir / "ref.json"),
                                            (dir / "ref.json").string());
    const CsvTable m = read_matrix(dir / "S.csv");
    ASSERT_EQ(m.rows.size(), 5u);
    ASSERT_EQ(m.header.size(), 6u);
    EXPECT_EQ(m.header[1], "2020-11_aliyev-to-biden_election-congratulation");
    Eigen::MatrixXd values(5, 5);
    for (size_t i = 0; i < 5; ++i) {
      EXPECT_EQ(m.rows[i][0], m.header[i + 1]);
      for (size_t j = 0; j < 5; ++j) values(i, j) = std::stod(m.rows[i][j + 1]);
    }
    simtest::expect_close(values, ref["eder-delta/" + variant], 1e-12, variant);
    const auto meta = nlohmann::json::parse(slurp(dir / "S.json"));
    EXPECT_EQ(meta["measure"], "eder-delta");
    EXPECT_EQ(meta["direction"], "distance");
    EXPECT_EQ(meta["larger_is_closer"], false);
    EXPECT_EQ(meta["variant"], variant);
    EXPECT_EQ(meta["parameters"]["mfw"], 40);
    EXPECT_EQ(meta["features"].size(), 40u);
    EXPECT_FALSE(meta["formula"].get<std::string>().empty());
  }
}

// Reading the saved table back with --frequency-table gives the same bytes.
TEST(SimilarityCli, FrequencyTableInputReproducesCorpusRun) {
  TempDir dir;
  ASSERT_EQ(run_stylokit(testing::letters_dir() + " --measure burrows-delta --mfw 150 --save-table " +
                         q(dir / "t.csv") + " -o " + q(dir / "a.csv"))
                .exit_code,
            0);
  const auto r =
      run_stylokit("--frequency-table " + q(dir / "t.csv") + " --measure burrows-delta -o " + q(dir / "b.csv"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(slurp(dir / "a.csv"), slurp(dir / "b.csv"));
  // Without --mfw a table is used whole (here its 150 rows), not cut to the default 100.
  EXPECT_EQ(nlohmann::json::parse(slurp(dir / "b.json"))["features_used"], 150);
}

// Top-k output: header, k rows per document, byte-identical for 1 and 2 threads, scores
// equal to the cosine matrix's.
TEST(SimilarityCli, TopKThreadIndependentAndConsistentWithMatrix) {
  TempDir dir;
  ASSERT_EQ(run_stylokit(testing::letters_dir() + " --top-k 3 --threads 1 -o " + q(dir / "k1.csv")).exit_code, 0);
  ASSERT_EQ(run_stylokit(testing::letters_dir() + " --top-k 3 --threads 2 -o " + q(dir / "k2.csv")).exit_code, 0);
  ASSERT_EQ(run_stylokit(testing::letters_dir() + " -o " + q(dir / "m.csv")).exit_code, 0);
  EXPECT_EQ(slurp(dir / "k1.csv"), slurp(dir / "k2.csv"));
  const CsvTable k = parse_csv(slurp(dir / "k1.csv"), "k1.csv");
  EXPECT_EQ(k.header, (std::vector<std::string>{"doc", "neighbor", "rank", "score"}));
  ASSERT_EQ(k.rows.size(), 15u);
  const CsvTable m = read_matrix(dir / "m.csv");
  for (const auto& row : k.rows) {
    const int i = m.column(row[0]) - 1, j = m.column(row[1]);
    ASSERT_GE(i, 0);
    EXPECT_EQ(m.rows[static_cast<size_t>(i)][static_cast<size_t>(j)], row[3]);  // same bits, same text
  }
  const auto meta = nlohmann::json::parse(slurp(dir / "k1.json"));
  EXPECT_EQ(meta["direction"], "similarity");
  EXPECT_EQ(meta["output"], "top-k neighbours");
}

// A copy of a letter is found as a near-duplicate, with the expected recall printed.
TEST(SimilarityCli, NearDuplicatesFindsCopy) {
  TempDir dir;
  std::filesystem::create_directories(dir / "c");
  for (const auto& e : std::filesystem::directory_iterator(testing::letters_dir()))
    if (e.path().extension() == ".txt") std::filesystem::copy_file(e.path(), dir / "c" / e.path().filename());
  std::filesystem::copy_file(dir / "c" / "2021-07_aliyev-to-biden_independence-day.txt", dir / "c" / "zz-copy.txt");
  const auto r = run_stylokit(q(dir / "c") + " --near-duplicates --threshold 0.9 -o " + q(dir / "nd.csv"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("expected recall at Jaccard 0.9"), std::string::npos) << r.out;
  EXPECT_EQ(slurp(dir / "nd.csv"),
            "doc_a,doc_b,jaccard,estimate\n2021-07_aliyev-to-biden_independence-day,zz-copy,1,1\n");
}

// More MFW than words: a warning, the run goes on with what there is, recorded in S.json.
TEST(SimilarityCli, TooManyMfwWarns) {
  TempDir dir;
  const auto r = run_stylokit(testing::letters_dir() + " --measure burrows-delta --mfw 100000 -o " + q(dir / "S.csv"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("warning: asked for 100000 MFW"), std::string::npos) << r.err;
  const auto meta = nlohmann::json::parse(slurp(dir / "S.json"));
  EXPECT_FALSE(meta["warnings"].empty());
  EXPECT_EQ(slurp(dir / "S.csv").find("nan"), std::string::npos);
}

// Bad input of every kind: one line on stderr, exit 2 for usage, 1 for data.
TEST(SimilarityCli, BadInputOneLineAndExitCode) {
  TempDir dir;
  auto one_line = [](const testing::CommandResult& r) {
    return !r.err.empty() && r.err.find('\n') == r.err.size() - 1;
  };
  auto r = run_stylokit(testing::letters_dir() + " --measure delta -o " + q(dir / "S.csv"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(one_line(r)) << r.err;
  r = run_stylokit(testing::letters_dir() + " --measure burrows-delta --top-k 3 -o " + q(dir / "S.csv"));
  EXPECT_EQ(r.exit_code, 2);
  // A single document.
  testing::write_file(dir / "one" / "a.txt", "only one letter here");
  r = run_stylokit(q(dir / "one") + " --measure burrows-delta -o " + q(dir / "S.csv"));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(one_line(r)) << r.err;
  r = run_stylokit(q(dir / "one") + " -o " + q(dir / "S.csv"));
  EXPECT_EQ(r.exit_code, 1) << r.err;
  // A malformed frequency table names the file and line.
  testing::write_file(dir / "bad.csv", ",a,b\nthe,1,oops\n");
  r = run_stylokit("--frequency-table " + q(dir / "bad.csv") + " --measure burrows-delta -o " + q(dir / "S.csv"));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("bad.csv:2"), std::string::npos) << r.err;
  EXPECT_TRUE(one_line(r)) << r.err;
  // A features file with a duplicate.
  testing::write_file(dir / "f.txt", "the\nof\nthe\n");
  r = run_stylokit(testing::letters_dir() + " --measure burrows-delta --features-file " + q(dir / "f.txt") + " -o " +
                   q(dir / "S.csv"));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("f.txt:3"), std::string::npos) << r.err;
  // Never overwrite an input.
  r = run_stylokit("--frequency-table " + q(dir / "bad.csv") + " -o " + q(dir / "bad.csv"));
  EXPECT_NE(r.exit_code, 0);
  EXPECT_EQ(slurp(dir / "bad.csv"), ",a,b\nthe,1,oops\n");
  EXPECT_FALSE(std::filesystem::exists(dir / "S.csv"));  // nothing half-written by the failures
}

// Values the option types alone would accept are refused at the binding with one line naming
// the flag, and nothing is written: a negative or zero count, an empty top-k, an unknown locale.
TEST(SimilarityCli, OptionValuesValidatedAtTheBinding) {
  TempDir dir;
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"--measure burrows-delta --mfw -5", "--mfw: the number of most frequent words must be at least 1, got -5"},
      {"--measure burrows-delta --mfw 0", "--mfw: the number of most frequent words must be at least 1, got 0"},
      {"--measure burrows-delta --start-at 0", "--start-at: ranks start at 1"},
      {"--measure cosine --top-k 0", "--top-k: the number of neighbours must be at least 1"},
      {"--locale xx-nowhere", "--locale: 'xx-nowhere' is not a language ICU knows"},
      {"--tf bogus", "--tf: expected raw|binary|sublinear|relative"},
      {"--measure burrows-delta --culling 120", "--culling: a percentage in [0, 100]"},
      {"--measure burrows-delta --case-fold maybe", "--case-fold: expected true or false"},
      {"--measure burrows-delta --case upper", "--case: expected fold, lower or keep, got 'upper'"},
      {"--measure burrows-delta --case lower --no-case-fold", "--case and --no-case-fold: give --case only"},
  };
  for (const auto& [args, message] : cases) {
    const auto r = run_stylokit(testing::letters_dir() + " " + args + " -o " + q(dir / "S.csv"));
    EXPECT_EQ(r.exit_code, 2) << args;
    EXPECT_EQ(r.err, "stylokit similarity: " + r.err.substr(r.err.find(": ") + 2)) << args;
    EXPECT_NE(r.err.find(message), std::string::npos) << args << ": " << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_FALSE(std::filesystem::exists(dir / "S.csv")) << args;
  }
  // The TOML spelling of a boolean works on the command line too, and means the same; the
  // deprecated --case-fold spellings mean --case keep and say so.
  const auto deprecated = run_stylokit(testing::letters_dir() + " --no-case-fold -o " + q(dir / "a.csv"));
  ASSERT_EQ(deprecated.exit_code, 0);
  EXPECT_NE(deprecated.err.find("warning: --no-case-fold is deprecated; use --case keep"), std::string::npos)
      << deprecated.err;
  ASSERT_EQ(run_stylokit(testing::letters_dir() + " --case-fold=false -o " + q(dir / "b.csv")).exit_code, 0);
  ASSERT_EQ(run_stylokit(testing::letters_dir() + " -o " + q(dir / "c.csv")).exit_code, 0);
  ASSERT_EQ(run_stylokit(testing::letters_dir() + " --case keep -o " + q(dir / "d.csv")).exit_code, 0);
  EXPECT_EQ(slurp(dir / "a.csv"), slurp(dir / "b.csv"));
  EXPECT_EQ(slurp(dir / "a.csv"), slurp(dir / "d.csv"));
  EXPECT_NE(slurp(dir / "a.csv"), slurp(dir / "c.csv"));
}

// A features file fixes the columns (order kept); words absent from the corpus count 0,
// are dropped for Delta with a warning, and no NaN is written.
TEST(SimilarityCli, FeaturesFileWithAbsentWord) {
  TempDir dir;
  testing::write_file(dir / "f.txt", "the\nof\nand\nzzzunseen\n");
  const auto r = run_stylokit(testing::letters_dir() + " --measure burrows-delta --features-file " + q(dir / "f.txt") +
                              " -o " + q(dir / "S.csv"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("zero variance"), std::string::npos) << r.err;
  const auto meta = nlohmann::json::parse(slurp(dir / "S.json"));
  EXPECT_EQ(meta["features"], (nlohmann::json{"the", "of", "and", "zzzunseen"}));
  EXPECT_EQ(meta["features_used"], 3);
  EXPECT_EQ(slurp(dir / "S.csv").find("nan"), std::string::npos);
}

}  // namespace
}  // namespace stylokit

namespace stylokit {
namespace {

// -o - writes the primary table (or tree) to standard output, byte for byte what the file
// would hold; the reports go to standard error, and no sidecar is written.
TEST(SimilarityCli, DashWritesTheTableToStandardOutput) {
  TempDir dir;
  const std::string args = testing::letters_dir() + " --measure burrows-delta --mfw 40";
  ASSERT_EQ(run_stylokit(args + " -o " + q(dir / "S.csv")).exit_code, 0);
  const auto r = run_stylokit(args + " -o -");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, slurp(dir / "S.csv"));
  EXPECT_NE(r.err.find("standard output"), std::string::npos) << r.err;

  const std::string tree = "cluster " + testing::letters_dir() + " --method average -k 2";
  ASSERT_EQ(testing::run_stylokit(tree + " -o " + q(dir / "t.nwk")).exit_code, 0);
  const auto t = testing::run_stylokit(tree + " -o -");
  ASSERT_EQ(t.exit_code, 0) << t.err;
  EXPECT_EQ(t.out, slurp(dir / "t.nwk"));
  EXPECT_NE(t.err.find("cut: 2 clusters"), std::string::npos) << t.err;
  const auto flat = testing::run_stylokit("cluster " + testing::letters_dir() + " --method kmeans -k 2 -o -");
  EXPECT_EQ(flat.exit_code, 2);
  EXPECT_NE(flat.err.find("only a tree"), std::string::npos) << flat.err;
}

}  // namespace
}  // namespace stylokit
