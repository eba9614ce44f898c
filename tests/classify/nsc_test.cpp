// Nearest shrunken centroids against three references: a case small enough to do by hand,
// an independent numpy implementation (tests/classify/nsc_reference.py) on random cases, and
// stylo's perform.nsc() -> pamr on the nine novels (../shared/references/stylo/novels/4_classify,
// made by the R calls in its run.R).

#include "toolkit/classify/nsc.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "tests/test_util.h"
#include "toolkit/common/csv.h"
#include "toolkit/common/error.h"
#include "toolkit/common/io.h"

namespace stylokit::classify {
namespace {

namespace fs = std::filesystem;

const fs::path kClassify =
    fs::path(STYLOKIT_TESTS_DIR) / ".." / ".." / "shared" / "references" / "stylo" / "novels" / "4_classify";

// The hand case. Classes A (rows 0, 1) and B (rows 2, 3), features f0, f1, f2:
//        f0  f1  f2
//   A     1   5   0      class means  A: 4 5 1   B: 16 5 3   overall: 10 5 2
//   A     7   5   2      pooled sd over n - K = 2: f0 sqrt((9+9+16+16)/2) = 5,
//   B    12   2   3                                f1 sqrt((0+0+9+9)/2) = 3,
//   B    20   8   3                                f2 sqrt((1+1+0+0)/2) = 1
// s0 = median(5, 3, 1) = 3, so s + s0 = 8, 6, 4; m_A = m_B = sqrt(1/2 - 1/4) = 1/2.
// d = (class mean - overall) / (m (s + s0)): f0 A -6/4 = -1.5, B +1.5; f1 0, 0; f2 A -1/2 =
// -0.5, B +0.5. Threshold 1 keeps f0 only: d' = -0.5, +0.5, c = m d' = -0.25, +0.25. For a
// test row with z = (x0 - 10) / 8: delta_A - delta_B = -0.5 z (the c^2/2 and log(1/2) terms are
// equal), so P(B) = 1 / (1 + exp(-z / 2)).
Eigen::MatrixXd hand_train() {
  Eigen::MatrixXd x(4, 3);
  x << 1, 5, 0, 7, 5, 2, 12, 2, 3, 20, 8, 3;
  return x;
}
const std::vector<int> kHandClass = {0, 0, 1, 1};

double logistic(double t) {
  return 1 / (1 + std::exp(-t));
}

// The hand case's posteriors, predictions and single distinctive feature.
TEST(NscTest, HandCaseTwoClassesThreeFeatures) {
  Eigen::MatrixXd test(3, 3);
  test << 18, 0, 0, 10, 9, 9, 2, 5, 2;  // z = 1, 0, -1 (f1 and f2 do not count)
  const NscResult r = nearest_shrunken_centroids(hand_train(), kHandClass, 2, test);
  const double want_b[] = {logistic(0.5), 0.5, logistic(-0.5)};
  for (int i = 0; i < 3; ++i) {
    EXPECT_NEAR(r.scores.scores(i, 1), want_b[i], 1e-15) << i;
    EXPECT_NEAR(r.scores.scores(i, 0), 1 - want_b[i], 1e-15) << i;
  }
  EXPECT_EQ(r.scores.predicted, (std::vector<int>{1, 0, 0}));  // the tie in row 1 goes to class 0
  ASSERT_EQ(r.features, (std::vector<int>{0}));
  EXPECT_NEAR(r.feature_scores(0, 0), -0.25, 1e-15);
  EXPECT_NEAR(r.feature_scores(0, 1), 0.25, 1e-15);
  EXPECT_EQ(pamr_score_string(r.feature_scores(0, 0)), "-0.25");
}

// At threshold 0.4 f2 survives as well (d' = -/+0.1, c = -/+0.05) and f0 has c = -/+0.55, so
// delta_B - delta_A = 1.1 z0 + 0.1 z2; features ordered by max |c|: f0 then f2.
TEST(NscTest, HandCaseLowerThresholdKeepsTwoFeatures) {
  NscOptions o;
  o.threshold = 0.4;
  Eigen::MatrixXd test(1, 3);
  test << 14, 0, 4;  // z0 = 0.5, z2 = 0.5
  const NscResult r = nearest_shrunken_centroids(hand_train(), kHandClass, 2, test, o);
  EXPECT_NEAR(r.scores.scores(0, 1), logistic(1.1 * 0.5 + 0.1 * 0.5), 1e-15);
  ASSERT_EQ(r.features, (std::vector<int>{0, 2}));
  EXPECT_NEAR(r.feature_scores(0, 1), 0.55, 1e-15);
  EXPECT_NEAR(r.feature_scores(1, 0), -0.05, 1e-15);
}

// A threshold above every |d| keeps no feature: the posterior is the prior (here the class
// proportions 1/4, 3/4) and nothing is distinctive.
TEST(NscTest, ThresholdThatShrinksEverythingGivesThePrior) {
  NscOptions o;
  o.threshold = 2;
  const NscResult r = nearest_shrunken_centroids(hand_train(), {0, 1, 1, 1}, 2, hand_train(), o);
  for (Eigen::Index i = 0; i < 4; ++i) {
    EXPECT_NEAR(r.scores.scores(i, 0), 0.25, 1e-15);
    EXPECT_NEAR(r.scores.scores(i, 1), 0.75, 1e-15);
    EXPECT_EQ(r.scores.predicted[static_cast<size_t>(i)], 1);
  }
  EXPECT_TRUE(r.features.empty());
  EXPECT_EQ(r.feature_scores.rows(), 0);
}

// A given prior enters as log(prior): with equal class means it alone decides.
TEST(NscTest, PriorShiftsThePosterior) {
  NscOptions o;
  o.prior = {2, 6};  // ratios only: the same as 0.25, 0.75
  Eigen::MatrixXd test(1, 3);
  test << 18, 0, 0;  // z0 = 1: the likelihood ratio B/A is exp(0.5)
  const NscResult r = nearest_shrunken_centroids(hand_train(), kHandClass, 2, test, o);
  EXPECT_NEAR(r.scores.scores(0, 1), 3 * std::exp(0.5) / (1 + 3 * std::exp(0.5)), 1e-15);
}

// Feature j constant in every class (so s_j = 0) is divided by s0 alone when s0 > 0, and is an
// error when the median sd is 0 too (pamr would divide 0 by 0).
TEST(NscTest, ZeroVarianceFeatures) {
  Eigen::MatrixXd x = hand_train();
  x.col(1).setConstant(4);  // sds 5, 0, 1: s0 = 1, f1 never distinctive
  const NscResult r = nearest_shrunken_centroids(x, kHandClass, 2, x);
  EXPECT_TRUE(r.scores.scores.allFinite());
  EXPECT_EQ(std::count(r.features.begin(), r.features.end(), 1), 0);
  Eigen::MatrixXd flat(4, 3);
  flat << 1, 1, 0, 1, 1, 2, 3, 2, 3, 3, 2, 3;  // f0 and f1 constant within each class: sds 0, 0, 1
  try {
    nearest_shrunken_centroids(flat, kHandClass, 2, flat);
    ADD_FAILURE() << "no error";
  } catch (const DataError& e) {
    EXPECT_NE(std::string(e.what()).find("feature 0 has no within-class variation"), std::string::npos) << e.what();
  }
}

// A class of one training sample is allowed (m_k = sqrt(1 - 1/n)); the numpy case
// "one_member_class" checks its numbers.
TEST(NscTest, OneMemberClassIsAllowed) {
  const NscResult r = nearest_shrunken_centroids(hand_train(), {0, 1, 1, 1}, 2, hand_train());
  EXPECT_TRUE(r.scores.scores.allFinite());
  for (Eigen::Index i = 0; i < 4; ++i) EXPECT_NEAR(r.scores.scores.row(i).sum(), 1.0, 1e-15);
}

// One class: every posterior is 1 and no feature is distinctive (pamr would divide 0 by 0).
TEST(NscTest, OneClassGivesPosteriorOne) {
  const NscResult r = nearest_shrunken_centroids(hand_train(), {0, 0, 0, 0}, 1, hand_train());
  EXPECT_EQ(r.scores.scores, Eigen::MatrixXd::Ones(4, 1));
  EXPECT_EQ(r.scores.predicted, (std::vector<int>{0, 0, 0, 0}));
  EXPECT_TRUE(r.features.empty());
}

// Each bad input is refused with its own message.
TEST(NscTest, BadInputIsRefused) {
  const Eigen::MatrixXd x = hand_train();
  auto message = [&](const std::vector<int>& cls, int classes, const Eigen::MatrixXd& test, const NscOptions& o) {
    try {
      nearest_shrunken_centroids(x, cls, classes, test, o);
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  const NscOptions d;
  NscOptions neg, pct, pri;
  neg.threshold = -1;
  pct.offset_percent = 101;
  pri.prior = {1, 0};
  EXPECT_EQ(message(kHandClass, 2, x, neg).rfind("threshold: ", 0), 0u);
  EXPECT_EQ(message(kHandClass, 2, x, pct).rfind("offset_percent: ", 0), 0u);
  EXPECT_EQ(message(kHandClass, 2, x, pri).rfind("prior: ", 0), 0u);
  EXPECT_NE(message({0, 0, 1}, 2, x, d).find("3 classes given for 4 training samples"), std::string::npos);
  EXPECT_NE(message({0, 0, 2, 2}, 3, x, d).find("class 1 has no training sample"), std::string::npos);
  EXPECT_NE(message({0, 0, 1, 5}, 2, x, d).find("has class 5"), std::string::npos);
  EXPECT_NE(message({0, 1, 2, 3}, 4, x, d).find("4 training samples for 4 classes"), std::string::npos);
  EXPECT_NE(message(kHandClass, 2, x.leftCols(2), d).find("test set has 2 features"), std::string::npos);
  Eigen::MatrixXd nan = x;
  nan(1, 1) = NAN;
  EXPECT_NE(message(kHandClass, 2, nan, d).find("NaN"), std::string::npos);
}

Eigen::MatrixXd to_matrix(const nlohmann::json& rows) {
  Eigen::MatrixXd m(static_cast<Eigen::Index>(rows.size()), rows.empty() ? 0 : rows[0].size());
  for (Eigen::Index i = 0; i < m.rows(); ++i)
    for (Eigen::Index j = 0; j < m.cols(); ++j)
      m(i, j) = rows[static_cast<size_t>(i)][static_cast<size_t>(j)].get<double>();
  return m;
}

// Agrees with an independent numpy implementation on random cases: a one-member class, a
// constant feature, a non-median offset percentile with a given prior, and a threshold that
// leaves nothing.
TEST(NscTest, AgreesWithNumpyReference) {
  testing::TempDir tmp;
  const std::string out = (tmp / "ref.json").string();
  const auto run = testing::run_shell(fmt::format("{} {}/classify/nsc_reference.py {}", STYLOKIT_PYTHON,
                                                  STYLOKIT_TESTS_DIR, testing::shell_quote(out)));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  nlohmann::json cases;
  std::ifstream(out) >> cases;
  ASSERT_EQ(cases.size(), 4u);
  for (const auto& [name, c] : cases.items()) {
    NscOptions o;
    o.threshold = c["threshold"].get<double>();
    o.offset_percent = c["offset_percent"].get<double>();
    o.prior = c["prior"].get<std::vector<double>>();
    const NscResult r = nearest_shrunken_centroids(to_matrix(c["train"]), c["train_class"].get<std::vector<int>>(),
                                                   c["classes"].get<int>(), to_matrix(c["test"]), o);
    const Eigen::MatrixXd post = to_matrix(c["posterior"]);
    ASSERT_EQ(r.scores.scores.rows(), post.rows()) << name;
    EXPECT_LE((r.scores.scores - post).cwiseAbs().maxCoeff(), 1e-12) << name;
    EXPECT_EQ(r.features, c["features"].get<std::vector<int>>()) << name;
    if (!r.features.empty()) {
      EXPECT_LE((r.feature_scores - to_matrix(c["feature_scores"])).cwiseAbs().maxCoeff(), 1e-12) << name;
    }
  }
}

// pamr.listgenes' strings: R's round(x, 4) and as.character, on values crowding the rounding
// boundaries, as R 4.2.2 printed them (tests/classify/nsc_r_round4.R made the file).
TEST(NscTest, ScoreStringsAreRsRoundAndAsCharacter) {
  const CsvTable t = parse_csv(read_file(fs::path(STYLOKIT_TESTS_DIR) / "classify" / "nsc_r_round4.csv"), "r_round4");
  ASSERT_GT(t.rows.size(), 3000u);
  size_t differ = 0;
  for (const auto& row : t.rows)
    if (pamr_score_string(std::strtod(row[0].c_str(), nullptr)) != row[1] && ++differ <= 5)
      ADD_FAILURE() << row[0] << ": got " << pamr_score_string(std::strtod(row[0].c_str(), nullptr)) << ", R "
                    << row[1];
  EXPECT_EQ(differ, 0u);
}

// --- stylo parity --------------------------------------------------------------------------

struct Novels {
  std::vector<std::string> features;     // column names
  std::vector<std::string> class_names;  // byte order
  Eigen::MatrixXd train, test;
  std::vector<int> train_class;
  std::vector<std::string> test_ids;
};

const Novels& novels() {
  static const Novels n = [] {
    std::string text = read_file(kClassify / "sampled_table_relative_freqs_500mfw.csv");
    // Column 2 is the split ("set"), and "set" is also one of the 500 words: rename the first.
    const std::string head = "\"sample\",\"set\",";
    EXPECT_EQ(text.rfind(head, 0), 0u);
    text.replace(0, head.size(), "\"sample\",\"split\",");
    const CsvTable t = parse_csv(text, "sampled table");
    Novels out;
    out.features.assign(t.header.begin() + 2, t.header.end());
    auto class_of = [](const std::string& id) { return id.substr(0, id.find('_')); };
    for (const auto& row : t.rows)
      if (row[1] == "training") out.class_names.push_back(class_of(row[0]));
    std::sort(out.class_names.begin(), out.class_names.end());
    out.class_names.erase(std::unique(out.class_names.begin(), out.class_names.end()), out.class_names.end());
    std::vector<const std::vector<std::string>*> tr, te;
    for (const auto& row : t.rows) (row[1] == "training" ? tr : te).push_back(&row);
    auto fill = [&](const std::vector<const std::vector<std::string>*>& rows, Eigen::MatrixXd& m) {
      m.resize(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(out.features.size()));
      for (size_t i = 0; i < rows.size(); ++i)
        for (size_t j = 0; j < out.features.size(); ++j)
          m(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = std::stod((*rows[i])[j + 2]);
    };
    fill(tr, out.train);
    fill(te, out.test);
    for (const auto* row : tr)
      out.train_class.push_back(static_cast<int>(
          std::find(out.class_names.begin(), out.class_names.end(), class_of((*row)[0])) - out.class_names.begin()));
    for (const auto* row : te) out.test_ids.push_back((*row)[0]);
    return out;
  }();
  return n;
}

double rel_dev(double got, double want) {
  return std::fabs(got - want) / std::max(std::fabs(want), 1e-300);
}

// perform.nsc(train, test) at 100 and 500 MFW: predictions, every posterior (relative
// deviation), the top 3 candidates and scores, and pamr.listgenes' table string for string.
TEST(NscTest, MatchesStyloPerformNscOnTheNovels) {
  const Novels& nv = novels();
  ASSERT_EQ(nv.train.rows(), 66);
  ASSERT_EQ(nv.test.rows(), 51);
  ASSERT_EQ(nv.class_names, (std::vector<std::string>{"ABronte", "Austen", "CBronte", "EBronte"}));
  for (int mfw : {100, 500}) {
    SCOPED_TRACE(mfw);
    const NscResult r = nearest_shrunken_centroids(nv.train.leftCols(mfw), nv.train_class, 4, nv.test.leftCols(mfw));
    const std::string stem = fmt::format("classify_nsc_{}mfw_", mfw);

    const CsvTable raw = parse_csv(read_file(kClassify / (stem + "raw_scores.csv")), "raw scores");
    ASSERT_EQ(raw.rows.size(), 51u);
    double worst = 0;
    for (size_t i = 0; i < raw.rows.size(); ++i) {
      ASSERT_EQ(raw.rows[i][0], nv.test_ids[i]);
      for (int k = 0; k < 4; ++k) {
        const int col = raw.column(nv.class_names[static_cast<size_t>(k)]);
        ASSERT_GE(col, 0);
        worst = std::max(worst, rel_dev(r.scores.scores(static_cast<Eigen::Index>(i), k),
                                        std::stod(raw.rows[i][static_cast<size_t>(col)])));
      }
    }
    std::cout << "nsc " << mfw << " MFW: max relative deviation of the posteriors from stylo's " << worst << "\n";
    EXPECT_LE(worst, 1e-12);  // the same operations in the same order as pamr: 0 here

    const CsvTable pred = parse_csv(read_file(kClassify / (stem + "predictions.csv")), "predictions");
    ASSERT_EQ(pred.rows.size(), 51u);
    int correct = 0;
    for (size_t i = 0; i < pred.rows.size(); ++i) {
      const auto& row = pred.rows[i];
      ASSERT_EQ(row[0], nv.test_ids[i]);
      EXPECT_EQ(nv.class_names[static_cast<size_t>(r.scores.predicted[i])],
                row[static_cast<size_t>(pred.column("predicted"))])
          << row[0];
      correct += row[1] == nv.class_names[static_cast<size_t>(r.scores.predicted[i])];
      const std::vector<int> rank = rank_classes(r.scores.scores.row(static_cast<Eigen::Index>(i)));
      for (int c = 1; c <= 3; ++c) {
        const std::string cand = row[static_cast<size_t>(pred.column(fmt::format("candidate{}", c)))];
        const double score = std::stod(row[static_cast<size_t>(pred.column(fmt::format("score{}", c)))]);
        EXPECT_EQ(nv.class_names[static_cast<size_t>(rank[static_cast<size_t>(c - 1)])], cand) << row[0] << " " << c;
        EXPECT_LE(rel_dev(r.scores.scores(static_cast<Eigen::Index>(i), rank[static_cast<size_t>(c - 1)]), score),
                  1e-12)
            << row[0] << " " << c;
      }
    }
    EXPECT_EQ(correct, mfw == 100 ? 47 : 51);  // README: classify_summary.csv

    const CsvTable feat =
        parse_csv(read_file(kClassify / (stem + "distinctive_features_threshold1.csv")), "distinctive features");
    ASSERT_EQ(r.features.size(), feat.rows.size());
    size_t differ = 0;
    for (size_t f = 0; f < feat.rows.size(); ++f) {
      const auto& row = feat.rows[f];
      std::vector<std::string> got = {std::to_string(r.features[f] + 1),
                                      nv.features[static_cast<size_t>(r.features[f])]};
      for (int k = 0; k < 4; ++k) got.push_back(pamr_score_string(r.feature_scores(static_cast<Eigen::Index>(f), k)));
      std::vector<std::string> want = {row[0], row[1]};
      for (int k = 0; k < 4; ++k)
        want.push_back(row[static_cast<size_t>(feat.column(nv.class_names[static_cast<size_t>(k)] + "-score"))]);
      if (got != want && ++differ <= 5)
        ADD_FAILURE() << "row " << f + 1 << ": got " << fmt::format("{}", fmt::join(got, ",")) << ", stylo "
                      << fmt::format("{}", fmt::join(want, ","));
    }
    EXPECT_EQ(differ, 0u);
  }
}

}  // namespace
}  // namespace stylokit::classify
