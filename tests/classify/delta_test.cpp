// Delta, kNN, the performance measures and the folds against stylo's classify() and crossv()
// on its nine novels (../shared/references/stylo/novels/4_classify: the exact 117 × 500 table
// stylo used, its distance tables, predictions and measures), scikit-learn's
// KNeighborsClassifier, and hand-computed cases.

#include "toolkit/classify/delta.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <map>
#include <random>

#include "tests/test_util.h"
#include "toolkit/classify/labels.h"
#include "toolkit/classify/metrics.h"
#include "toolkit/common/csv.h"
#include "toolkit/common/error.h"
#include "toolkit/common/format.h"

namespace stylokit::classify {
namespace {

namespace fs = std::filesystem;
using testing::slurp;

const fs::path kRef =
    fs::path(STYLOKIT_TESTS_DIR) / ".." / ".." / "shared" / "references" / "stylo" / "novels" / "4_classify";

// stylo's table split into training and test rows (column `set`), classes by id prefix.
struct Novels {
  std::vector<std::string> train_ids, test_ids, words, classes;
  Eigen::MatrixXd train, test;
  std::vector<int> train_class;
  std::vector<std::string> test_label;
};

const Novels& novels() {
  static const Novels n = [] {
    Novels r;
    // The header repeats a name (the word "set" beside the column `set`): split by hand.
    std::vector<std::vector<std::string>> rows;
    for (const auto& line : testing::split_lines(slurp(kRef / "sampled_table_relative_freqs_500mfw.csv"))) {
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
      rows.push_back(f);
    }
    r.words.assign(rows[0].begin() + 2, rows[0].end());
    rows.erase(rows.begin());
    std::vector<std::vector<double>> tr, te;
    for (const auto& row : rows) {
      std::vector<double> v;
      for (size_t k = 2; k < row.size(); ++k) v.push_back(std::stod(row[k]));
      if (row[1] == "training") {
        r.train_ids.push_back(row[0]);
        tr.push_back(v);
      } else {
        r.test_ids.push_back(row[0]);
        te.push_back(v);
      }
    }
    auto to_matrix = [](const std::vector<std::vector<double>>& rows) {
      Eigen::MatrixXd m(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(rows[0].size()));
      for (size_t i = 0; i < rows.size(); ++i)
        for (size_t k = 0; k < rows[i].size(); ++k)
          m(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(k)) = rows[i][k];
      return m;
    };
    r.train = to_matrix(tr);
    r.test = to_matrix(te);
    std::vector<std::string> labels;
    for (const auto& id : r.train_ids) labels.push_back(prefix_label(id));
    r.classes = class_names(labels);
    r.train_class = class_numbers(labels, r.classes);
    for (const auto& id : r.test_ids) r.test_label.push_back(prefix_label(id));
    return r;
  }();
  return n;
}

bool have_reference() {
  return fs::exists(kRef / "sampled_table_relative_freqs_500mfw.csv");
}

std::vector<std::string> names_of(const std::vector<int>& predicted, const std::vector<std::string>& classes) {
  std::vector<std::string> out;
  for (int c : predicted) out.push_back(classes[static_cast<size_t>(c)]);
  return out;
}

class StyloClassify : public ::testing::TestWithParam<int> {};

// Delta at 100 and 500 MFW: the whole test × training distance table, the predictions and the
// top-3 candidates (classes of the nearest training samples, repeating) with their distances.
TEST_P(StyloClassify, DeltaDistancesPredictionsAndCandidates) {
  if (!have_reference()) GTEST_SKIP() << "no stylo references";
  const int mfw = GetParam();
  const Novels& n = novels();
  Options o;
  const DeltaResult r =
      delta(n.train.leftCols(mfw), n.train_class, static_cast<int>(n.classes.size()), n.test.leftCols(mfw), o);
  const CsvTable dist =
      parse_csv(slurp(kRef / fmt::format("classify_delta_{}mfw_distance_table.csv", mfw)), "distances");
  ASSERT_EQ(dist.rows.size(), n.test_ids.size());
  for (size_t t = 0; t < dist.rows.size(); ++t) {
    ASSERT_EQ(dist.rows[t][0], n.test_ids[t]);
    for (size_t b = 0; b < n.train_ids.size(); ++b) {
      ASSERT_EQ(dist.header[b + 1], n.train_ids[b]);
      EXPECT_NEAR(r.values(static_cast<Eigen::Index>(t), static_cast<Eigen::Index>(b)), std::stod(dist.rows[t][b + 1]),
                  1e-12);
    }
  }
  const CsvTable pred = parse_csv(slurp(kRef / fmt::format("classify_delta_{}mfw_predictions.csv", mfw)), "pred");
  const auto predicted = names_of(r.scores.predicted, n.classes);
  for (size_t t = 0; t < pred.rows.size(); ++t) {
    EXPECT_EQ(predicted[t], pred.rows[t][2]) << pred.rows[t][0];
    for (size_t q = 0; q < 3; ++q) {
      const Neighbour& nb = r.nearest[t][q];
      EXPECT_EQ(n.classes[static_cast<size_t>(n.train_class[nb.row])], pred.rows[t][3 + 2 * q]);
      EXPECT_NEAR(nb.value, std::stod(pred.rows[t][4 + 2 * q]), 1e-12);
    }
  }
}

// kNN (k = 1, class::knn on the raw frequencies) predicts what stylo predicted.
TEST_P(StyloClassify, KnnPredictions) {
  if (!have_reference()) GTEST_SKIP() << "no stylo references";
  const int mfw = GetParam();
  const Novels& n = novels();
  const ClassScores s =
      knn(n.train.leftCols(mfw), n.train_class, static_cast<int>(n.classes.size()), n.test.leftCols(mfw), Options{});
  const CsvTable pred = parse_csv(slurp(kRef / fmt::format("classify_knn_{}mfw_predictions.csv", mfw)), "pred");
  const auto predicted = names_of(s.predicted, n.classes);
  for (size_t t = 0; t < pred.rows.size(); ++t) EXPECT_EQ(predicted[t], pred.rows[t][2]) << pred.rows[t][0];
}

// performance.measures() of the Delta and kNN runs: accuracy, macro averages and per class.
TEST_P(StyloClassify, PerformanceMeasures) {
  if (!have_reference()) GTEST_SKIP() << "no stylo references";
  const int mfw = GetParam();
  const Novels& n = novels();
  const int nc = static_cast<int>(n.classes.size());
  std::map<std::string, std::vector<int>> runs;
  runs["delta"] = delta(n.train.leftCols(mfw), n.train_class, nc, n.test.leftCols(mfw), Options{}).scores.predicted;
  runs["knn"] = knn(n.train.leftCols(mfw), n.train_class, nc, n.test.leftCols(mfw), Options{}).predicted;
  const CsvTable summary = parse_csv(slurp(kRef / "classify_summary.csv"), "summary");
  const CsvTable per_class = parse_csv(slurp(kRef / "classify_performance_measures_per_class.csv"), "per class");
  int checked = 0;
  for (const auto& [method, predicted] : runs) {
    const Metrics m = performance_measures(n.test_label, names_of(predicted, n.classes));
    for (const auto& row : summary.rows) {
      if (row[0] != method || std::stoi(row[1]) != mfw) continue;
      ++checked;
      EXPECT_EQ(m.correct, std::stoul(row[4]));
      EXPECT_NEAR(m.accuracy, std::stod(row[6]), 1e-15);
      EXPECT_NEAR(m.macro_precision, std::stod(row[7]), 1e-15);
      EXPECT_NEAR(m.macro_recall, std::stod(row[8]), 1e-15);
      EXPECT_NEAR(m.macro_f1, std::stod(row[9]), 1e-15);
    }
    for (const auto& row : per_class.rows) {
      if (row[0] != method || std::stoi(row[1]) != mfw) continue;
      const size_t c = static_cast<size_t>(std::find(m.classes.begin(), m.classes.end(), row[2]) - m.classes.begin());
      ASSERT_LT(c, m.classes.size()) << row[2];
      EXPECT_NEAR(m.precision[c], std::stod(row[3]), 1e-15) << method << " " << row[2];
      EXPECT_NEAR(m.recall[c], std::stod(row[4]), 1e-15) << method << " " << row[2];
      EXPECT_NEAR(m.f1[c], std::stod(row[5]), 1e-15) << method << " " << row[2];
    }
  }
  EXPECT_EQ(checked, 2);
}

// Leave-one-out Delta on all 117 rows, with the z-scores of the other 116 rows and of all 117,
// predicts what the reference's 1-NN with those conventions predicts.
TEST_P(StyloClassify, LeaveOneOutPredictions) {
  if (!have_reference()) GTEST_SKIP() << "no stylo references";
  const int mfw = GetParam();
  const Novels& n = novels();
  Eigen::MatrixXd all(n.train.rows() + n.test.rows(), mfw);
  all.topRows(n.train.rows()) = n.train.leftCols(mfw);
  all.bottomRows(n.test.rows()) = n.test.leftCols(mfw);
  std::vector<std::string> ids = n.train_ids, labels;
  ids.insert(ids.end(), n.test_ids.begin(), n.test_ids.end());
  for (const auto& id : ids) labels.push_back(prefix_label(id));
  const auto classes = class_names(labels);
  const auto cls = class_numbers(labels, classes);
  const CsvTable ref = parse_csv(slurp(kRef / "crossv_leaveoneout_delta_predictions.csv"), "loo");
  // Columns: 3 = crossv's own prediction, 5 = z over the training rows only, 6 = over all rows.
  for (ZScores z : {ZScores::kTraining, ZScores::kAll, ZScores::kCrossv}) {
    Options o;
    o.z_scores = z;
    const auto predicted = names_of(delta_loo(all, cls, static_cast<int>(classes.size()), o).scores.predicted, classes);
    size_t compared = 0;
    for (const auto& row : ref.rows) {
      if (std::stoi(row[0]) != mfw) continue;
      const size_t i = static_cast<size_t>(std::find(ids.begin(), ids.end(), row[1]) - ids.begin());
      ASSERT_LT(i, ids.size());
      EXPECT_EQ(predicted[i], row[z == ZScores::kTraining ? 5 : z == ZScores::kAll ? 6 : 3]) << row[1];
      ++compared;
    }
    EXPECT_EQ(compared, 117u);
  }
}

INSTANTIATE_TEST_SUITE_P(Mfw, StyloClassify, ::testing::Values(100, 500));

// A random table with a few classes, shared by the property tests below.
struct Toy {
  Eigen::MatrixXd x;
  std::vector<int> cls;
};
Toy toy(int n, int d, int classes, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::gamma_distribution<double> g(2.0, 0.5);
  Toy t;
  t.x.resize(n, d);
  for (int i = 0; i < n; ++i) {
    t.cls.push_back(i % classes);
    for (int k = 0; k < d; ++k) t.x(i, k) = g(rng) * (1 + 0.3 * (i % classes == k % 3));
  }
  return t;
}

// Each held-out row's LOO distances equal delta() with that row as the test set and the others
// as training, for every measure that has a LOO path, within 1e-12.
TEST(DeltaLoo, EqualsDeltaWithTheRowHeldOut) {
  const Toy t = toy(23, 17, 3, 7);
  for (auto m :
       {similarity::Measure::kBurrowsDelta, similarity::Measure::kCosineDelta, similarity::Measure::kEderDelta,
        similarity::Measure::kArgamonLinear, similarity::Measure::kArgamonQuadratic, similarity::Measure::kManhattan}) {
    for (auto v : {similarity::Variant::kStylo, similarity::Variant::kPublished}) {
      if (m == similarity::Measure::kArgamonLinear && v == similarity::Variant::kPublished) continue;
      Options o;
      o.measure = m;
      o.variant = v;
      o.threads = 2;
      const DeltaResult loo = delta_loo(t.x, t.cls, 3, o);
      for (Eigen::Index i = 0; i < t.x.rows(); ++i) {
        Eigen::MatrixXd train(t.x.rows() - 1, t.x.cols());
        std::vector<int> cls;
        for (Eigen::Index b = 0, r = 0; b < t.x.rows(); ++b)
          if (b != i) {
            train.row(r++) = t.x.row(b);
            cls.push_back(t.cls[static_cast<size_t>(b)]);
          }
        const DeltaResult one = delta(train, cls, 3, t.x.row(i), o);
        for (Eigen::Index b = 0, r = 0; b < t.x.rows(); ++b) {
          if (b != i) {
            EXPECT_NEAR(loo.values(i, b), one.values(0, r++), 1e-12) << similarity::to_string(m);
          }
        }
        EXPECT_EQ(loo.scores.predicted[static_cast<size_t>(i)], one.scores.predicted[0]);
      }
    }
  }
}

// From 1,000 rows on, Burrows Delta LOO computes only the pairs its bounds cannot exclude: the
// predictions, the top-3 candidates and every class score still equal delta() with the row
// held out.
TEST(DeltaLoo, BoundedPathDecidesAsTheExactOne) {
  const Toy t = toy(1100, 30, 4, 5);
  Options o;
  o.threads = 2;
  const DeltaResult loo = delta_loo(t.x, t.cls, 4, o);
  for (Eigen::Index i : {0, 137, 555, 1098, 1099}) {
    Eigen::MatrixXd train(t.x.rows() - 1, t.x.cols());
    std::vector<int> cls;
    std::vector<size_t> original;
    for (Eigen::Index b = 0; b < t.x.rows(); ++b)
      if (b != i) {
        train.row(static_cast<Eigen::Index>(cls.size())) = t.x.row(b);
        cls.push_back(t.cls[static_cast<size_t>(b)]);
        original.push_back(static_cast<size_t>(b));
      }
    const DeltaResult one = delta(train, cls, 4, t.x.row(i), o);
    const size_t ii = static_cast<size_t>(i);
    EXPECT_EQ(loo.scores.predicted[ii], one.scores.predicted[0]);
    ASSERT_EQ(loo.nearest[ii].size(), 3u);
    for (size_t q = 0; q < 3; ++q) {
      EXPECT_EQ(loo.nearest[ii][q].row, original[one.nearest[0][q].row]);
      EXPECT_NEAR(loo.nearest[ii][q].value, one.nearest[0][q].value, 1e-12);
    }
    for (int c = 0; c < 4; ++c) EXPECT_NEAR(loo.scores.scores(i, c), one.scores.scores(0, c), 1e-12);
  }
}

// z_scores crossv is stylo's crossv() leave-one-out: the held-out row is duplicated and
// perform.delta() scales over the training rows and both copies. So each held-out row's LOO
// distances equal delta() on (the others, two copies of the row) with z-scores of all rows,
// on the exact path and on the bounded one (1,000 rows and more).
TEST(DeltaLoo, CrossvEqualsDeltaWithTheRowTwiceAndAllRowZScores) {
  for (const auto& [n, rows] : {std::pair<int, std::vector<Eigen::Index>>{23, {}},
                                std::pair<int, std::vector<Eigen::Index>>{1100, {0, 555, 1099}}}) {
    const Toy t = toy(n, n > 100 ? 30 : 17, 3, 11);
    std::vector<similarity::Measure> measures = {similarity::Measure::kBurrowsDelta};
    if (n < 100)
      measures = {similarity::Measure::kBurrowsDelta, similarity::Measure::kCosineDelta,
                  similarity::Measure::kEderDelta, similarity::Measure::kArgamonLinear};
    std::vector<Eigen::Index> held = rows;
    if (held.empty())
      for (Eigen::Index i = 0; i < t.x.rows(); ++i) held.push_back(i);
    for (auto m : measures) {
      Options o;
      o.measure = m;
      o.threads = 2;
      o.z_scores = ZScores::kCrossv;
      const DeltaResult loo = delta_loo(t.x, t.cls, 3, o);
      o.z_scores = ZScores::kAll;
      for (Eigen::Index i : held) {
        Eigen::MatrixXd train(t.x.rows() - 1, t.x.cols());
        std::vector<int> cls;
        std::vector<Eigen::Index> original;
        for (Eigen::Index b = 0; b < t.x.rows(); ++b)
          if (b != i) {
            train.row(static_cast<Eigen::Index>(cls.size())) = t.x.row(b);
            cls.push_back(t.cls[static_cast<size_t>(b)]);
            original.push_back(b);
          }
        Eigen::MatrixXd twice(2, t.x.cols());
        twice.row(0) = t.x.row(i);
        twice.row(1) = t.x.row(i);
        const DeltaResult one = delta(train, cls, 3, twice, o);
        const size_t ii = static_cast<size_t>(i);
        EXPECT_EQ(loo.scores.predicted[ii], one.scores.predicted[0]) << similarity::to_string(m) << " row " << i;
        for (size_t q = 0; q < loo.nearest[ii].size(); ++q) {
          EXPECT_EQ(static_cast<Eigen::Index>(loo.nearest[ii][q].row), original[one.nearest[0][q].row]);
          EXPECT_NEAR(loo.nearest[ii][q].value, one.nearest[0][q].value, 1e-12) << similarity::to_string(m);
        }
      }
    }
  }
}

// crossv is leave-one-out's convention only.
TEST(Delta, CrossvZScoresAreRefusedOnASplit) {
  const Toy t = toy(10, 5, 2, 1);
  Options o;
  o.z_scores = ZScores::kCrossv;
  try {
    delta(t.x.topRows(8), std::vector<int>(t.cls.begin(), t.cls.begin() + 8), 2, t.x.bottomRows(2), o);
    FAIL() << "no error";
  } catch (const ConfigError& e) {
    EXPECT_EQ(std::string(e.what()).rfind("z_scores:", 0), 0u) << e.what();
  }
}

// Thread count never changes LOO values (bit for bit).
TEST(DeltaLoo, IdenticalAtAnyThreadCount) {
  const Toy t = toy(41, 29, 4, 3);
  Options o;
  o.threads = 1;
  const DeltaResult a = delta_loo(t.x, t.cls, 4, o);
  o.threads = 3;
  const DeltaResult b = delta_loo(t.x, t.cls, 4, o);
  EXPECT_TRUE((a.values.array() == b.values.array()).all());
}

// A feature constant over the training rows drops out, as in stylo (its z-scores are NaN and
// R's dist() leaves the column out and rescales Delta's sum): the distances equal those on the
// table without the column, d counting the others.
TEST(Delta, ZeroVarianceTrainingFeatureDropsOut) {
  Toy t = toy(12, 6, 3, 11);
  Eigen::MatrixXd train = t.x.topRows(9), test = t.x.bottomRows(3);
  train.col(2).setConstant(0.5);
  test(0, 2) = 0.9;  // the test rows may differ: the column still goes
  std::vector<int> cls(t.cls.begin(), t.cls.begin() + 9);
  const DeltaResult with = delta(train, cls, 3, test, Options{});
  Eigen::MatrixXd train5(9, 5), test5(3, 5);
  train5 << train.leftCols(2), train.rightCols(3);
  test5 << test.leftCols(2), test.rightCols(3);
  const DeltaResult without = delta(train5, cls, 3, test5, Options{});
  EXPECT_EQ(with.dropped, std::vector<size_t>{2});
  EXPECT_EQ(with.features_used, 5u);
  EXPECT_TRUE(with.values.isApprox(without.values, 1e-14));
  EXPECT_FALSE(with.warnings.empty());
}

// With z-scores of all rows, a column constant in training but not in the test rows stays.
TEST(Delta, ZScoresOfAllRowsKeepAColumnThatVariesInTheTestRows) {
  Toy t = toy(12, 6, 3, 11);
  Eigen::MatrixXd train = t.x.topRows(9), test = t.x.bottomRows(3);
  train.col(2).setConstant(0.5);
  Options o;
  o.z_scores = ZScores::kAll;
  const DeltaResult r = delta(train, std::vector<int>(t.cls.begin(), t.cls.begin() + 9), 3, test, o);
  EXPECT_TRUE(r.dropped.empty());
  EXPECT_EQ(r.features_used, 6u);
}

// The issue's hand example. stylo's performance.measures(predicted, expected) puts expected
// classes in rows, so precision = TP / predicted: poetry 1/3, prose 3/3; recall poetry 1/1,
// prose 3/5. (Called with the two vectors swapped, stylo prints precision 1 / 0.6 and recall
// 0.3333 / 1; accuracy and F1 are the same either way.)
TEST(PerformanceMeasures, HandExample) {
  const std::vector<std::string> truth = {"prose", "prose", "prose", "poetry", "prose", "prose"};
  const std::vector<std::string> pred = {"prose", "prose", "prose", "poetry", "poetry", "poetry"};
  const Metrics m = performance_measures(truth, pred);
  ASSERT_EQ(m.classes, (std::vector<std::string>{"poetry", "prose"}));
  EXPECT_NEAR(m.accuracy, 4.0 / 6, 1e-15);
  EXPECT_NEAR(m.precision[0], 1.0 / 3, 1e-15);
  EXPECT_NEAR(m.precision[1], 1.0, 1e-15);
  EXPECT_NEAR(m.recall[0], 1.0, 1e-15);
  EXPECT_NEAR(m.recall[1], 0.6, 1e-15);
  EXPECT_NEAR(m.f1[0], 0.5, 1e-15);
  EXPECT_NEAR(m.f1[1], 0.75, 1e-15);
  EXPECT_NEAR(m.macro_precision, 2.0 / 3, 1e-15);
  EXPECT_NEAR(m.macro_recall, 0.8, 1e-15);
  EXPECT_NEAR(m.macro_f1, 0.625, 1e-15);
  const Metrics swapped = performance_measures(pred, truth);
  EXPECT_NEAR(swapped.precision[0], 1.0, 1e-15);
  EXPECT_NEAR(swapped.precision[1], 0.6, 1e-15);
  EXPECT_NEAR(swapped.macro_precision, 0.8, 1e-15);
  EXPECT_NEAR(swapped.macro_recall, 2.0 / 3, 1e-15);
  EXPECT_NEAR(swapped.macro_f1, 0.625, 1e-15);
  // A class predicted but never expected counts with precision 0 and recall 0.
  const Metrics extra = performance_measures({"a", "a"}, {"a", "b"});
  EXPECT_EQ(extra.classes.size(), 2u);
  EXPECT_NEAR(extra.macro_recall, 0.25, 1e-15);
}

// kNN agrees with scikit-learn's KNeighborsClassifier (brute force, Euclidean) on the novels
// at 100 MFW for k = 1, 3, 5 on every test row whose vote is not tied.
TEST(Knn, AgreesWithScikitLearnWhereVotesAreNotTied) {
  if (!have_reference()) GTEST_SKIP() << "no stylo references";
  const Novels& n = novels();
  testing::TempDir tmp;
  const std::string script = R"(
import csv, sys
import numpy as np
from sklearn.neighbors import KNeighborsClassifier
rows = list(csv.reader(open(sys.argv[1])))
tr = [r for r in rows[1:] if r[1] == "training"]; te = [r for r in rows[1:] if r[1] == "test"]
X = np.array([[float(v) for v in r[2:102]] for r in tr]); T = np.array([[float(v) for v in r[2:102]] for r in te])
y = [r[0].split("_")[0] for r in tr]
for k in (1, 3, 5):
    c = KNeighborsClassifier(n_neighbors=k, algorithm="brute").fit(X, y)
    p = c.predict_proba(T); pred = c.predict(T)
    for i in range(len(te)):
        tied = sorted(p[i])[-1] == sorted(p[i])[-2] if len(p[i]) > 1 else False
        print(k, i, pred[i], int(tied))
)";
  testing::write_file(tmp / "knn.py", script);
  const auto res = testing::run_shell(std::string(STYLOKIT_PYTHON) + " " + (tmp / "knn.py").string() + " " +
                                      (kRef / "sampled_table_relative_freqs_500mfw.csv").string());
  if (res.exit_code != 0) GTEST_SKIP() << "scikit-learn not available: " << res.err;
  std::map<int, std::vector<int>> ours;
  for (int k : {1, 3, 5}) {
    Options o;
    o.k = k;
    ours[k] = knn(n.train.leftCols(100), n.train_class, static_cast<int>(n.classes.size()), n.test.leftCols(100), o)
                  .predicted;
  }
  size_t compared = 0;
  for (const auto& line : testing::split_lines(res.out)) {
    int k, i, tied;
    char cls[64];
    ASSERT_EQ(std::sscanf(line.c_str(), "%d %d %63s %d", &k, &i, cls, &tied), 4) << line;
    if (tied) continue;
    EXPECT_EQ(n.classes[static_cast<size_t>(ours[k][static_cast<size_t>(i)])], cls) << "k " << k << " row " << i;
    ++compared;
  }
  EXPECT_GT(compared, 140u);
}

// kNN vote ties go to the class whose nearest member is nearest.
TEST(Knn, TiedVotesGoToTheClassWithTheNearestMember) {
  Eigen::MatrixXd train(4, 1), test(1, 1);
  train << 0.0, 1.5, 3.0, 10.0;
  test << 1.0;
  Options o;
  o.k = 2;
  const ClassScores s = knn(train, {0, 1, 0, 1}, 2, test, o);
  EXPECT_EQ(s.predicted[0], 1);  // votes 1 : 1; class 1's member at 0.5 is nearer than class 0's at 1
  EXPECT_DOUBLE_EQ(s.scores(0, 0), 0.5);
}

// The folds follow the specification in labels.h, checked against the independent Python
// implementation of SplitMix64 and uniform_below (tests/common/reference_random.py).
TEST(Folds, ReplayTheSpecifiedDraw) {
  const std::vector<int> cls = {0, 1, 0, 2, 1, 0, 2, 2, 1, 0, 0, 1};
  const auto f = stratified_folds(cls, 3, 3, 42, {"a", "b", "c"});
  testing::TempDir tmp;
  const std::string script = R"(
import sys
sys.path.insert(0, sys.argv[1])
import reference_random as rr
cls = [0, 1, 0, 2, 1, 0, 2, 2, 1, 0, 0, 1]
g = rr.stream(42)
def below(n):
    rem = (2**64 - n) % n
    limit = 2**64 - rem
    while True:
        x = next(g)
        if rem == 0 or x < limit: return x % n
fold = [-1] * len(cls); c = 0
for k in range(3):
    m = [i for i in range(len(cls)) if cls[i] == k]
    for i in range(len(m) - 1, 0, -1):
        j = below(i + 1); m[i], m[j] = m[j], m[i]
    for r in m: fold[r] = c % 3; c += 1
print(" ".join(map(str, fold)))
)";
  testing::write_file(tmp / "folds.py", script);
  const auto res = testing::run_shell(std::string(STYLOKIT_PYTHON) + " " + (tmp / "folds.py").string() + " " +
                                      (fs::path(STYLOKIT_TESTS_DIR) / "common").string());
  ASSERT_EQ(res.exit_code, 0) << res.err;
  std::string ours;
  for (int v : f) ours += (ours.empty() ? "" : " ") + std::to_string(v);
  EXPECT_EQ(ours + "\n", res.out);
}

// Bad input: one member of a class, more folds than samples, one fold.
TEST(Folds, RefuseWhatCannotBeStratified) {
  EXPECT_THROW(stratified_folds({0, 0, 1}, 2, 2, 1, {"a", "b"}), DataError);
  EXPECT_THROW(stratified_folds({0, 0, 1, 1}, 2, 5, 1, {"a", "b"}), ConfigError);
  EXPECT_THROW(stratified_folds({0, 0, 1, 1}, 2, 1, 1, {"a", "b"}), ConfigError);
}

TEST(Labels, PrefixAndTrainingRows) {
  EXPECT_EQ(prefix_label("Austen_Pride_3"), "Austen");
  EXPECT_EQ(prefix_label("anon"), "anon");
  const std::vector<std::string> ids = {"a_1", "b_1", "a_2"};
  EXPECT_EQ(training_rows("a_1, a_2", ids), (std::vector<bool>{true, false, true}));
  EXPECT_THROW(training_rows("a_1,zz", ids), DataError);
  EXPECT_THROW(training_rows(" , ", ids), ConfigError);
}

}  // namespace
}  // namespace stylokit::classify
