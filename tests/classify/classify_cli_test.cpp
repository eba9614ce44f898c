// `stylokit classify` end to end: on stylo's novels table (its predictions, candidates, LOO and
// measures through the command line), on data/letters (a corpus, labels from a metadata CSV,
// the MFW of the training texts only, explanations that add up and point into the files), and
// on bad input (one line, non-zero exit, no file written).

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "tests/test_util.h"
#include "toolkit/common/csv.h"

namespace stylokit {
namespace {

namespace fs = std::filesystem;
using testing::run_stylokit;
using testing::slurp;

const fs::path kRef =
    fs::path(STYLOKIT_TESTS_DIR) / ".." / ".." / "shared" / "references" / "stylo" / "novels" / "4_classify";
const fs::path kLetters = fs::path(STYLOKIT_TEST_DATA) / "letters";
const fs::path kLabels = fs::path(STYLOKIT_TESTS_DIR) / "classify" / "data" / "letters_labels.csv";

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> f;
  size_t p = 0;
  while (p <= line.size()) {
    size_t e = line.find(',', p);
    if (e == std::string::npos) e = line.size();
    std::string v = line.substr(p, e - p);
    if (v.size() >= 2 && v.front() == '"') v = v.substr(1, v.size() - 2);
    f.push_back(v);
    p = e + 1;
  }
  return f;
}

// stylo's 117 × 500 table as a stylokit frequency table (features as rows) and a metadata CSV.
struct NovelsFiles {
  testing::TempDir dir;
  fs::path table, meta;
  NovelsFiles() {
    const auto lines = testing::split_lines(slurp(kRef / "sampled_table_relative_freqs_500mfw.csv"));
    std::vector<std::vector<std::string>> rows;
    for (const auto& l : lines) rows.push_back(split(l));
    std::string t = "";
    for (size_t i = 1; i < rows.size(); ++i) t += "," + rows[i][0];
    t += "\n";
    for (size_t k = 2; k < rows[0].size(); ++k) {
      t += rows[0][k];
      for (size_t i = 1; i < rows.size(); ++i) t += "," + rows[i][k];
      t += "\n";
    }
    std::string m = "id,author,set\n";
    for (size_t i = 1; i < rows.size(); ++i)
      m += rows[i][0] + "," + rows[i][0].substr(0, rows[i][0].find('_')) + "," + rows[i][1] + "\n";
    table = dir / "freq.csv";
    meta = dir / "meta.csv";
    testing::write_file(table, t);
    testing::write_file(meta, m);
  }
};

bool have_reference() {
  return fs::exists(kRef / "sampled_table_relative_freqs_500mfw.csv");
}

std::string q(const fs::path& p) {
  return testing::shell_quote(p.string());
}

// Delta at 100 MFW through the command line: stylo's predictions, candidates and scores,
// its accuracy, and a metrics.json naming the inputs with their hashes.
TEST(ClassifyCli, NovelsDeltaMatchesStylo) {
  if (!have_reference()) GTEST_SKIP() << "no stylo references";
  NovelsFiles f;
  const fs::path out = f.dir / "pred.csv";
  const auto r = run_stylokit("classify --frequency-table " + q(f.table) + " --metadata " + q(f.meta) +
                              " --label author --set-column set --mfw 100 -o " + q(out));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("41/51 correct"), std::string::npos) << r.out;
  const CsvTable ref = parse_csv(slurp(kRef / "classify_delta_100mfw_predictions.csv"), "ref");
  const CsvTable pred = parse_csv(slurp(out), "pred");
  const CsvTable cand = parse_csv(slurp(f.dir / "pred.candidates.csv"), "cand");
  ASSERT_EQ(pred.rows.size(), ref.rows.size());
  ASSERT_EQ(cand.rows.size(), 3 * ref.rows.size());
  for (size_t i = 0; i < ref.rows.size(); ++i) {
    EXPECT_EQ(pred.rows[i][0], ref.rows[i][0]);
    EXPECT_EQ(pred.rows[i][1], ref.rows[i][1]);
    EXPECT_EQ(pred.rows[i][2], ref.rows[i][2]);
    for (size_t k = 0; k < 3; ++k) {
      const auto& c = cand.rows[3 * i + k];
      EXPECT_EQ(c[2], ref.rows[i][3 + 2 * k]);
      EXPECT_NEAR(std::stod(c[3]), std::stod(ref.rows[i][4 + 2 * k]), 1e-12);
    }
  }
  const auto meta = nlohmann::json::parse(slurp(f.dir / "pred.metrics.json"));
  EXPECT_NEAR(meta["runs"][0]["accuracy"].get<double>(), 41.0 / 51, 1e-15);
  EXPECT_EQ(meta["inputs"].size(), 2u);
  EXPECT_EQ(meta["inputs"][0]["sha256"].get<std::string>().size(), 64u);
  EXPECT_TRUE(fs::exists(f.dir / "pred.confusion.csv"));
  EXPECT_TRUE(fs::exists(f.dir / "pred.explain.csv"));
}

// nsc, svm and naive Bayes through the command line at 100 and 500 MFW: stylo's predictions
// (and, for svm and nsc, its top-3 candidates and scores), its counts of correct answers, and
// nsc's distinctive features as stylo's show.features lists them.
TEST(ClassifyCli, NovelsNscSvmNaiveBayesMatchStylo) {
  if (!have_reference()) GTEST_SKIP() << "no stylo references";
  NovelsFiles f;
  const std::map<std::string, std::pair<int, int>> correct = {
      {"nsc", {47, 51}}, {"svm", {46, 45}}, {"naivebayes", {42, 41}}};
  for (const auto& [method, counts] : correct)
    for (const int mfw : {100, 500}) {
      SCOPED_TRACE(method + " " + std::to_string(mfw));
      const std::string stem = method + std::to_string(mfw);
      const fs::path out = f.dir / (stem + ".csv");
      const auto r = run_stylokit("classify --frequency-table " + q(f.table) + " --metadata " + q(f.meta) +
                                  " --label author --set-column set --classifier " + method + " --mfw " +
                                  std::to_string(mfw) + " -o " + q(out));
      ASSERT_EQ(r.exit_code, 0) << r.err;
      const int want = mfw == 100 ? counts.first : counts.second;
      EXPECT_NE(r.out.find(std::to_string(want) + "/51 correct"), std::string::npos) << r.out;
      const std::string base = "classify_" + method + "_" + std::to_string(mfw) + "mfw_";
      const CsvTable ref = parse_csv(slurp(kRef / (base + "predictions.csv")), "ref");
      const CsvTable pred = parse_csv(slurp(out), "pred");
      const CsvTable cand = parse_csv(slurp(f.dir / (stem + ".candidates.csv")), "cand");
      ASSERT_EQ(pred.rows.size(), ref.rows.size());
      ASSERT_EQ(cand.rows.size(), 3 * ref.rows.size());
      for (size_t i = 0; i < ref.rows.size(); ++i) {
        EXPECT_EQ(pred.rows[i][0], ref.rows[i][0]);
        EXPECT_EQ(pred.rows[i][1], ref.rows[i][1]);
        EXPECT_EQ(pred.rows[i][2], ref.rows[i][2]);
        if (ref.header.size() < 9) continue;
        for (size_t k = 0; k < 3; ++k) {
          const auto& c = cand.rows[3 * i + k];
          EXPECT_EQ(c[2], ref.rows[i][3 + 2 * k]);
          EXPECT_NEAR(std::stod(c[3]), std::stod(ref.rows[i][4 + 2 * k]), 1e-9);
        }
      }
      const auto meta = nlohmann::json::parse(slurp(f.dir / (stem + ".metrics.json")));
      EXPECT_EQ(meta["runs"][0]["correct"].get<int>(), want);
      if (method != "nsc") {
        EXPECT_FALSE(fs::exists(f.dir / (stem + ".features.csv")));
        continue;
      }
      const CsvTable feat = parse_csv(slurp(f.dir / (stem + ".features.csv")), "features");
      const CsvTable ref_feat = parse_csv(slurp(kRef / (base + "distinctive_features_threshold1.csv")), "ref");
      EXPECT_EQ(feat.header, ref_feat.header);
      EXPECT_EQ(feat.rows, ref_feat.rows);
      ASSERT_FALSE(ref_feat.rows.empty());
      EXPECT_EQ(meta["runs"][0]["distinctive_features"].size(), ref_feat.rows.size());
      EXPECT_EQ(meta["runs"][0]["distinctive_features"][0]["name"], ref_feat.rows[0][1]);
    }
}

// stylo's classify() on the raw novels, sampled: 10,000-token samples, the training texts'
// samples ranking the MFW, a sample's set and class its text's; explanation spans in the texts.
TEST(ClassifyCli, SampledNovelsMatchStyloClassify) {
  const fs::path corpus = kRef / ".." / "corpus";
  if (!have_reference() || !fs::exists(corpus)) GTEST_SKIP() << "no stylo references";
  testing::TempDir dir;
  const std::set<std::string> training = {"ABronte_Agnes", "Austen_Pride",      "Austen_Sense",
                                          "CBronte_Jane",  "CBronte_Professor", "EBronte_Wuthering"};
  std::string meta = "id,set\n";
  for (const auto& id : {"ABronte_Agnes", "ABronte_Tenant", "Austen_Emma", "Austen_Pride", "Austen_Sense",
                         "CBronte_Jane", "CBronte_Professor", "CBronte_Villette", "EBronte_Wuthering"})
    meta += std::string(id) + "," + (training.count(id) ? "train" : "test") + "\n";
  testing::write_file(dir / "meta.csv", meta);
  const fs::path out = dir / "pred.csv";
  const auto r = run_stylokit("classify " + q(corpus) + " --metadata " + q(dir / "meta.csv") +
                              " --set-column set --tokenizer stylo --sample normal:10000 --label prefix --mfw 100 "
                              "--classifier delta -o " +
                              q(out));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("41/51 correct"), std::string::npos) << r.out;
  const auto m = nlohmann::json::parse(slurp(dir / "pred.metrics.json"));
  EXPECT_EQ(m["training_texts"].get<int>(), 66);
  EXPECT_EQ(m["test_texts"].get<int>(), 51);
  const auto ref_mfw = testing::split_lines(slurp(kRef / "training_set_mfw_500.txt"));
  ASSERT_GE(ref_mfw.size(), 100u);
  ASSERT_EQ(m["features"].size(), 100u);
  for (size_t k = 0; k < 100; ++k) EXPECT_EQ(m["features"][k].get<std::string>(), ref_mfw[k]) << k;
  const CsvTable ref = parse_csv(slurp(kRef / "classify_delta_100mfw_predictions.csv"), "ref");
  const CsvTable pred = parse_csv(slurp(out), "pred");
  ASSERT_EQ(pred.rows.size(), ref.rows.size());
  for (size_t i = 0; i < ref.rows.size(); ++i) {
    EXPECT_EQ(pred.rows[i][0], ref.rows[i][0]);
    EXPECT_EQ(pred.rows[i][1], ref.rows[i][1]);
    EXPECT_EQ(pred.rows[i][2], ref.rows[i][2]);
  }
  // Every span of the first explained rows holds its feature in the source text's bytes.
  const CsvTable ex = parse_csv(slurp(dir / "pred.explain.csv"), "explain");
  ASSERT_FALSE(ex.rows.empty());
  size_t checked = 0;
  for (size_t i = 0; i < std::min<size_t>(ex.rows.size(), 50); ++i) {
    const auto& row = ex.rows[i];
    const std::string doc = row[0].substr(0, row[0].rfind('_'));
    const std::string bytes = slurp(corpus / (doc + ".txt"));
    std::stringstream spans(row[13]);
    std::string span;
    while (std::getline(spans, span, ';')) {
      const size_t dash = span.find('-');
      const size_t b = std::stoul(span.substr(0, dash)), e = std::stoul(span.substr(dash + 1));
      ASSERT_LE(e, bytes.size());
      std::string word = bytes.substr(b, e - b);
      for (auto& ch : word) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      EXPECT_EQ(word, row[6]) << row[0] << " " << span;
      ++checked;
    }
  }
  EXPECT_GT(checked, 0u);
}

// Sampling needs a corpus: a frequency table is refused in one line.
TEST(ClassifyCli, SampleWithFrequencyTableIsRefused) {
  if (!have_reference()) GTEST_SKIP() << "no stylo references";
  NovelsFiles f;
  const auto r = run_stylokit("classify --frequency-table " + q(f.table) +
                              " --label prefix --cv loo --sample normal:100 -o " + q(f.dir / "x.csv"));
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("--sample"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(f.dir / "x.csv"));
}

// Leave-one-out on all 117 rows: stylo's two misattributions at 100 MFW, none at 500; kNN 500.
TEST(ClassifyCli, NovelsLeaveOneOutAndKnn) {
  if (!have_reference()) GTEST_SKIP() << "no stylo references";
  NovelsFiles f;
  const auto r = run_stylokit("classify --frequency-table " + q(f.table) +
                              " --label prefix --cv loo --mfw 100:500:400 -o " + q(f.dir / "loo.csv"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const CsvTable acc = parse_csv(slurp(f.dir / "loo.accuracy.csv"), "acc");
  ASSERT_EQ(acc.rows.size(), 2u);
  EXPECT_EQ(acc.rows[0][4], "115");
  EXPECT_EQ(acc.rows[1][4], "117");
  const CsvTable pred = parse_csv(slurp(f.dir / "loo.csv"), "pred");
  std::set<std::string> wrong;
  for (const auto& row : pred.rows)
    if (row[4] == "100" && row[1] != row[2]) wrong.insert(row[0] + ">" + row[2]);
  EXPECT_EQ(wrong, (std::set<std::string>{"CBronte_Jane_3>EBronte", "EBronte_Wuthering_1>CBronte"}));
  const auto k = run_stylokit("classify --frequency-table " + q(f.table) + " --metadata " + q(f.meta) +
                              " --label author --set-column set --classifier knn --mfw 500 -o " + q(f.dir / "k.csv"));
  ASSERT_EQ(k.exit_code, 0) << k.err;
  EXPECT_NE(k.out.find("43/51 correct"), std::string::npos) << k.out;
}

// K-fold: the same files at any thread count; each text in exactly one fold; every class
// spread over the folds as the round-robin deal says (sizes differ by at most one).
TEST(ClassifyCli, KFoldIsIdenticalAtAnyThreadCount) {
  if (!have_reference()) GTEST_SKIP() << "no stylo references";
  NovelsFiles f;
  std::string first;
  for (int threads : {1, 2}) {
    const fs::path out = f.dir / ("kf" + std::to_string(threads) + ".csv");
    const auto r = run_stylokit("classify --frequency-table " + q(f.table) +
                                " --label prefix --cv 10 --seed 7 --mfw 100 --threads " + std::to_string(threads) +
                                " -o " + q(out));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    if (first.empty()) {
      first = slurp(out) + slurp(fs::path(out).replace_extension(".candidates.csv"));
    } else {
      EXPECT_EQ(first, slurp(out) + slurp(fs::path(out).replace_extension(".candidates.csv")));
    }
  }
  const CsvTable pred = parse_csv(slurp(f.dir / "kf1.csv"), "pred");
  std::map<int, int> sizes;
  for (const auto& row : pred.rows) ++sizes[std::stoi(row[4])];
  EXPECT_EQ(sizes.size(), 10u);
  for (const auto& [fold, size] : sizes) EXPECT_TRUE(size == 11 || size == 12) << fold;
}

// A corpus: labels from a metadata CSV, MFW ranked on the training letters only (the same list
// `similarity` ranks on a folder holding just those letters), and explanations whose
// contributions add up to the distance and whose spans are the word's bytes in the file.
TEST(ClassifyCli, LettersCorpusExplainedDecisions) {
  testing::TempDir dir;
  const auto r = run_stylokit("classify " + q(kLetters) + " --metadata " + q(kLabels) +
                              " --label kind --set-column set --mfw 30 -o " + q(dir / "p.csv"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  fs::create_directories(dir / "train");
  for (const char* id : {"2020-11_aliyev-to-biden_election-congratulation", "2021-07_aliyev-to-biden_independence-day",
                         "2022-03_biden-aliyev_novruz-letters-mp-comment"})
    fs::copy_file(kLetters / (std::string(id) + ".txt"), dir / "train" / (std::string(id) + ".txt"));
  const auto s =
      run_stylokit("similarity " + q(dir / "train") + " --measure burrows-delta --mfw 30 -o " + q(dir / "s.csv"));
  ASSERT_EQ(s.exit_code, 0) << s.err;
  const auto sj = nlohmann::json::parse(slurp(dir / "s.json"));
  const auto cj = nlohmann::json::parse(slurp(dir / "p.metrics.json"));
  EXPECT_EQ(cj["features"], sj["features"]);

  const CsvTable pred = parse_csv(slurp(dir / "p.csv"), "pred");
  const CsvTable ex = parse_csv(slurp(dir / "p.explain.csv"), "explain");
  ASSERT_EQ(pred.rows.size(), 2u);
  std::map<std::string, double> sums, distance;
  size_t located = 0;
  for (const auto& row : ex.rows) {
    const std::string key = row[0] + "|" + row[1];
    sums[key] += std::stod(row[7]);
    distance[key] = std::stod(row[4]);
    if (row[12].empty() || row[12] == "0") continue;
    // Every span holds the feature (case-folded ASCII here) in the original file.
    const std::string file = slurp(kLetters / (row[0] + ".txt"));
    std::stringstream spans(row[13]);
    for (std::string span; std::getline(spans, span, ';');) {
      const size_t dash = span.find('-');
      const size_t b = std::stoul(span.substr(0, dash)), e = std::stoul(span.substr(dash + 1));
      std::string word = file.substr(b, e - b);
      for (char& ch : word) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      EXPECT_EQ(word, row[6]);
      ++located;
    }
  }
  EXPECT_GT(located, 20u);
  ASSERT_EQ(sums.size(), 4u);  // two test letters × (nearest, runner-up)
  for (const auto& [key, sum] : sums) EXPECT_NEAR(sum, distance[key], 1e-12) << key;
  for (const auto& row : pred.rows) EXPECT_NEAR(std::stod(row[3]), distance[row[0] + "|nearest"], 1e-12) << row[0];
}

// Cosine Delta explanations: non-negative terms summing to 1 − cos.
TEST(ClassifyCli, CosineDeltaExplanationsAddUp) {
  if (!have_reference()) GTEST_SKIP() << "no stylo references";
  NovelsFiles f;
  const auto r =
      run_stylokit("classify --frequency-table " + q(f.table) + " --metadata " + q(f.meta) +
                   " --label author --set-column set --measure cosine-delta --mfw 200 -o " + q(f.dir / "c.csv"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const CsvTable pred = parse_csv(slurp(f.dir / "c.csv"), "pred");
  const CsvTable ex = parse_csv(slurp(f.dir / "c.explain.csv"), "explain");
  std::map<std::string, double> sums;
  for (const auto& row : ex.rows) {
    EXPECT_GE(std::stod(row[7]), 0.0);
    if (row[1] == "nearest") sums[row[0]] += std::stod(row[7]);
  }
  ASSERT_EQ(sums.size(), pred.rows.size());
  for (const auto& row : pred.rows) EXPECT_NEAR(sums[row[0]], std::stod(row[3]), 1e-12) << row[0];
}

// Bad input: one clear line naming the problem, a non-zero exit, and no output file.
TEST(ClassifyCli, BadInputIsOneLineAndWritesNothing) {
  testing::TempDir dir;
  testing::write_file(dir / "one_class.csv",
                      "id,kind,set\n2020-11_aliyev-to-biden_election-congratulation,a,train\n"
                      "2021-07_aliyev-to-biden_independence-day,a,train\n"
                      "2022-03_biden-aliyev_novruz-letters-mp-comment,a,train\n"
                      "2022-07_aliyev-to-biden_independence-day,a,test\n"
                      "2024-11_aliyev-to-trump_reelection-congratulation,b,test\n");
  testing::write_file(dir / "missing.csv", "id,kind\n2020-11_aliyev-to-biden_election-congratulation,a\n");
  const std::string base = "classify " + q(kLetters) + " -o " + q(dir / "out.csv") + " ";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"--metadata " + q(dir / "one_class.csv") + " --label kind --set-column set", "one class only"},
      {"--metadata " + q(kLabels) + " --label kind --cv 2", "'comment' has 1 member"},
      {"--label prefix --cv 9", "9 folds but only 5"},
      {"--metadata " + q(dir / "missing.csv") + " --label kind --cv loo", "no row for 4 text(s)"},
      {"--label prefix --train 2020-11_aliyev-to-biden_election-congratulation,nobody", "'nobody'"},
      {"--metadata " + q(kLabels) + " --label kind --set-column set --classifier lda", "nsc, svm or naivebayes"},
      {"--metadata " + q(kLabels) + " --label kind --set-column set --cv loo", "one way"},
      {"--metadata " + q(kLabels) + " --label genre --set-column set", "no column 'genre'"},
      {"--label prefix --cv loo --mfw 0", "--mfw"},
      {"--label prefix --cv loo --z-scores some", "--z-scores"},
  };
  for (const auto& [args, message] : cases) {
    const auto r = run_stylokit(base + args);
    EXPECT_NE(r.exit_code, 0) << args;
    EXPECT_NE(r.err.find(message), std::string::npos) << args << "\n" << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << args << "\n" << r.err;
    EXPECT_FALSE(fs::exists(dir / "out.csv")) << args;
  }
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()), 2);
}

// A test text with none of the features: classified (at distance from every training text)
// with a warning naming it.
TEST(ClassifyCli, TestTextWithoutFeaturesIsWarned) {
  testing::TempDir dir;
  testing::write_file(dir / "c" / "a_1.txt", "the cat and the dog and the bird\n");
  testing::write_file(dir / "c" / "a_2.txt", "the dog and the cat and a bird\n");
  testing::write_file(dir / "c" / "b_1.txt", "a bird of the sea and a fish\n");
  testing::write_file(dir / "c" / "b_2.txt", "a fish and a bird of the sea\n");
  testing::write_file(dir / "c" / "x_1.txt", "zebra zebra\n");
  testing::write_file(dir / "train.txt", "# training texts\na_1\na_2\n\nb_1\nb_2\n");
  const auto r = run_stylokit("classify " + q(dir / "c") + " --label prefix --train @" + q(dir / "train.txt") +
                              " --mfw 5 -o " + q(dir / "p.csv"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("none of the features"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("x_1"), std::string::npos) << r.err;
}

// Never overwrite an input: -o naming the metadata file is refused.
TEST(ClassifyCli, RefusesToOverwriteAnInput) {
  testing::TempDir dir;
  fs::copy_file(kLabels, dir / "labels.csv");
  const std::string before = slurp(dir / "labels.csv");
  const auto r = run_stylokit("classify " + q(kLetters) + " --metadata " + q(dir / "labels.csv") +
                              " --label kind --set-column set -o " + q(dir / "labels.csv"));
  EXPECT_NE(r.exit_code, 0);
  EXPECT_EQ(slurp(dir / "labels.csv"), before);
}

}  // namespace
}  // namespace stylokit

namespace stylokit {
namespace {

// An experiment with [classify]: the run folder's classify/ files and the report's section.
TEST(ClassifyExperiment, RunFolderHasTheFilesAndTheReportTheSection) {
  testing::TempDir dir;
  testing::write_file(dir / "e.toml", "name = \"attribution\"\n[corpus]\npath = \"" + kLetters.string() +
                                          "\"\nmetadata = \"" + kLabels.string() +
                                          "\"\n[classify]\nlabel = \"kind\"\nset_column = \"set\"\nmfw = 30\n");
  const auto r = run_stylokit("run " + q(dir / "e.toml") + " --out " + q(dir / "run"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* f : {"predictions.csv", "candidates.csv", "confusion.csv", "metrics.json", "explain.csv"})
    EXPECT_TRUE(fs::exists(dir / "run" / "classify" / f)) << f;
  const std::string html = slurp(dir / "run" / "report.html");
  EXPECT_NE(html.find("Attribution"), std::string::npos);
  EXPECT_NE(html.find("Confusion matrix at 30 MFW"), std::string::npos);
  EXPECT_NE(html.find("Confusion matrix as a heat table"), std::string::npos);
  // One shaded cell per (truth, predicted) pair, each titled with its count.
  const auto m = nlohmann::json::parse(slurp(dir / "run" / "classify" / "metrics.json"));
  ASSERT_FALSE(m["runs"][0]["per_class"].empty());
  const std::string cls = m["runs"][0]["per_class"].begin().key();
  EXPECT_NE(html.find("truth " + cls + ", predicted " + cls + ": "), std::string::npos);
  // The same decisions as the command line.
  const auto c = run_stylokit("classify " + q(kLetters) + " --metadata " + q(kLabels) +
                              " --label kind --set-column set --mfw 30 -o " + q(dir / "p.csv"));
  ASSERT_EQ(c.exit_code, 0) << c.err;
  EXPECT_EQ(slurp(dir / "p.csv"), slurp(dir / "run" / "classify" / "predictions.csv"));
}

// [corpus] sample with [classify]: the samples are the rows, as with the command's --sample.
TEST(ClassifyExperiment, SampledCorpusGivesTheCommandsPredictions) {
  testing::TempDir dir;
  testing::write_file(dir / "e.toml", "name = \"sampled\"\n[corpus]\npath = \"" + kLetters.string() +
                                          "\"\nsample = \"random:40:3\"\nseed = 7\n"
                                          "[classify]\nlabel = \"prefix\"\ncv = \"loo\"\nmfw = 20\n");
  const auto r = run_stylokit("run " + q(dir / "e.toml") + " --out " + q(dir / "run"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto c = run_stylokit("classify " + q(kLetters) + " --sample random:40:3 --seed 7 --label prefix --cv loo " +
                              "--mfw 20 -o " + q(dir / "p.csv"));
  ASSERT_EQ(c.exit_code, 0) << c.err;
  const std::string pred = slurp(dir / "p.csv");
  EXPECT_EQ(pred, slurp(dir / "run" / "classify" / "predictions.csv"));
  EXPECT_EQ(testing::split_lines(pred).size(), 1 + 3 * 5u);  // 5 letters × 3 samples
  EXPECT_NE(pred.find("_3,"), std::string::npos);
  const auto m = nlohmann::json::parse(slurp(dir / "p.metrics.json"));
  EXPECT_EQ(m["parameters"]["sample"]["samples"].get<int>(), 15);
}

}  // namespace
}  // namespace stylokit
