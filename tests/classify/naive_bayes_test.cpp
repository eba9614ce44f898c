// naive_bayes against stylo's perform.naivebayes() predictions on its nine novels (e1071
// 1.7-13, ../shared/references/stylo/novels/4_classify), e1071's definition written out in
// Python (tests/classify/nb_reference.py e1071), scikit-learn's GaussianNB where the two
// definitions agree (nb_reference.py sklearn), hand-computed cases and the contract's errors.

#include "toolkit/classify/naive_bayes.h"

#include <gtest/gtest.h>

#include <cmath>
#include <iostream>
#include <numbers>

#include "tests/classify/svm_nb_util.h"
#include "toolkit/common/error.h"

namespace stylokit::classify {
namespace {

using testing::read_matrix_csv;
using testing::stylo_split;
using testing::StyloSplit;

// stylo's predictions, all 51 test samples, at 100 and 500 MFW (at 500 MFW the threshold
// replaces 57 zero standard deviations and 115 underflowed densities, and decides rows).
TEST(NaiveBayesTest, MatchesStylosPredictions) {
  for (int mfw : {100, 500}) {
    const StyloSplit s = stylo_split(mfw);
    const ClassScores got = naive_bayes(s.train, s.train_class, static_cast<int>(s.classes.size()), s.test);
    const std::string file = "classify_naivebayes_" + std::to_string(mfw) + "mfw_predictions.csv";
    const CsvTable pred = parse_csv(read_file(testing::kStyloClassify / file), file);
    ASSERT_EQ(pred.rows.size(), s.test_names.size());
    int correct = 0;
    for (size_t t = 0; t < s.test_names.size(); ++t) {
      ASSERT_EQ(pred.rows[t][0], s.test_names[t]);
      EXPECT_EQ(s.classes[static_cast<size_t>(got.predicted[t])], pred.rows[t][2]) << s.test_names[t];
      correct += got.predicted[t] == s.test_class[t];
      EXPECT_EQ(rank_classes(got.scores.row(static_cast<Eigen::Index>(t))).front(), got.predicted[t]);
    }
    EXPECT_EQ(correct, mfw == 100 ? 42 : 41);  // stylo's classify_summary.csv
  }
}

// e1071's definition, threshold and R's dnorm cut-offs included, computed independently in
// Python: the same joint log-likelihoods and posteriors.
TEST(NaiveBayesTest, AgreesWithE1071DefinitionInPython) {
  for (int mfw : {100, 500}) {
    const StyloSplit s = stylo_split(mfw);
    const int classes = static_cast<int>(s.classes.size());
    stylokit::testing::TempDir dir;
    ASSERT_TRUE(testing::run_reference(
        "nb_reference.py", "e1071 " + stylokit::testing::shell_quote(testing::kSampledTable.string()) + " " +
                               std::to_string(mfw) + " " + stylokit::testing::shell_quote(dir.path().string())));
    const Eigen::MatrixXd want_l = read_matrix_csv(dir / "log_joint.csv");
    const Eigen::MatrixXd want_p = read_matrix_csv(dir / "posterior.csv");
    const Eigen::MatrixXd l = naive_bayes_log_joint(s.train, s.train_class, classes, s.test);
    const ClassScores got = naive_bayes(s.train, s.train_class, classes, s.test);
    ASSERT_EQ(l.rows(), want_l.rows());
    ASSERT_EQ(l.cols(), want_l.cols());
    // Sums of 500 logs of magnitude up to ~40: a relative 1e-12 of the largest is rounding.
    const double dev = (l - want_l).cwiseAbs().maxCoeff();
    std::cout << mfw << " MFW: max |log-likelihood - python| = " << dev << " (largest |L| "
              << want_l.cwiseAbs().maxCoeff() << ")\n";
    EXPECT_LT(dev, 1e-12 * want_l.cwiseAbs().maxCoeff());
    EXPECT_LT((got.scores - want_p).cwiseAbs().maxCoeff(), 1e-9);
  }
}

// scikit-learn's GaussianNB with the sample variance and var_smoothing = 0 is e1071's model
// wherever no threshold applies, as on this table at 100 MFW (no zero sd, no |z| > 38.6).
// With its defaults (MLE variance, var_smoothing 1e-9) it is a different model.
TEST(NaiveBayesTest, AgreesWithScikitLearnWhereTheDefinitionsAgree) {
  const StyloSplit s = stylo_split(100);
  stylokit::testing::TempDir dir;
  ASSERT_TRUE(testing::run_reference(
      "nb_reference.py", "sklearn " + stylokit::testing::shell_quote(testing::kSampledTable.string()) + " 100 " +
                             stylokit::testing::shell_quote(dir.path().string())));
  const Eigen::MatrixXd want_l = read_matrix_csv(dir / "log_joint.csv");
  const Eigen::MatrixXd want_pred = read_matrix_csv(dir / "predicted.csv");
  const Eigen::MatrixXd l = naive_bayes_log_joint(s.train, s.train_class, 4, s.test);
  const ClassScores got = naive_bayes(s.train, s.train_class, 4, s.test);
  const double dev = (l - want_l).cwiseAbs().maxCoeff();
  std::cout << "100 MFW: max |log-likelihood - sklearn| = " << dev << "\n";
  EXPECT_LT(dev, 1e-9 * want_l.cwiseAbs().maxCoeff());
  for (Eigen::Index t = 0; t < l.rows(); ++t)
    EXPECT_EQ(got.predicted[static_cast<size_t>(t)], static_cast<int>(want_pred(t, 0)));
}

// One column, class 0 = {0, 2} (mean 1, sd sqrt 2), class 1 = {4, 6, 8} (mean 6, sd 2):
// L_c = log prior_c - log(sd_c sqrt(2 pi)) - z^2 / 2, and the posterior normalises exp(L).
TEST(NaiveBayesTest, HandComputedOneColumn) {
  Eigen::MatrixXd train(5, 1), test(2, 1);
  train << 0, 2, 4, 6, 8;
  test << 3, 5;
  const Eigen::MatrixXd l = naive_bayes_log_joint(train, {0, 0, 1, 1, 1}, 2, test);
  const ClassScores got = naive_bayes(train, {0, 0, 1, 1, 1}, 2, test);
  auto log_density = [](double x, double m, double sd) {
    return -std::log(sd * std::sqrt(2 * std::numbers::pi)) - (x - m) * (x - m) / (2 * sd * sd);
  };
  for (Eigen::Index t = 0; t < 2; ++t) {
    const double l0 = std::log(0.4) + log_density(test(t, 0), 1, std::sqrt(2.0));
    const double l1 = std::log(0.6) + log_density(test(t, 0), 6, 2);
    EXPECT_NEAR(l(t, 0), l0, 1e-13);
    EXPECT_NEAR(l(t, 1), l1, 1e-13);
    EXPECT_NEAR(got.scores(t, 0), 1 / (1 + std::exp(l1 - l0)), 1e-13);
    EXPECT_NEAR(got.scores(t, 0) + got.scores(t, 1), 1, 1e-15);
  }
  EXPECT_EQ(got.predicted, (std::vector<int>{0, 1}));  // L at 3: -3.18 vs -3.25; at 5: -6.18 vs -2.25
}

// e1071's threshold: a column constant within a class gets sd 0.001, and a density that
// underflows to 0 counts as 0.001. So, for class 0 = {0, 0}, a test value of 1 (z = 1000,
// underflow) scores higher than 0.03 (z = 30, density 1e-193, no underflow): e1071's
// discontinuity, kept on purpose because stylo's predictions depend on it.
TEST(NaiveBayesTest, ThresholdReplacesZeroSdAndUnderflow) {
  Eigen::MatrixXd train(4, 1), test(2, 1);
  train << 0, 0, 1, 3;
  test << 1, 0.03;
  const Eigen::MatrixXd l = naive_bayes_log_joint(train, {0, 0, 1, 1}, 2, test);
  EXPECT_NEAR(l(0, 0), std::log(0.5) + std::log(0.001), 1e-13);
  const double z = 0.03 / 0.001;
  EXPECT_NEAR(l(1, 0), std::log(0.5) - std::log(0.001 * std::sqrt(2 * std::numbers::pi)) - z * z / 2, 1e-9);
  EXPECT_GT(l(0, 0), l(1, 0));
  NaiveBayesOptions o;
  o.threshold = 1e-6;
  EXPECT_NEAR(naive_bayes_log_joint(train, {0, 0, 1, 1}, 2, test, o)(0, 0), std::log(0.5) + std::log(1e-6), 1e-13);
}

// A class with no training row has posterior 0 and is never predicted; the other classes'
// log-likelihoods do not change (its prior is 0, the others' shares stay those of the rows).
TEST(NaiveBayesTest, ClassWithoutTrainingRowsIsNeverPredicted) {
  const StyloSplit s = stylo_split(100);
  std::vector<int> shifted = s.train_class;
  for (int& c : shifted) c += c >= 2;
  const ClassScores a = naive_bayes(s.train, s.train_class, 4, s.test);
  const ClassScores b = naive_bayes(s.train, shifted, 5, s.test);
  for (Eigen::Index t = 0; t < s.test.rows(); ++t) {
    EXPECT_EQ(b.scores(t, 2), 0);
    EXPECT_EQ(b.scores(t, 4), a.scores(t, 3));
    const int p = a.predicted[static_cast<size_t>(t)];
    EXPECT_EQ(b.predicted[static_cast<size_t>(t)], p + (p >= 2));
  }
}

// Each way the input can be unusable: one line naming the problem, the right error kind.
TEST(NaiveBayesTest, Errors) {
  Eigen::MatrixXd train(4, 2), test(1, 2);
  train << 1, 2, 2, 1, 3, 5, 4, 4;
  test << 1, 1;
  auto message = [&](auto&& f) -> std::string {
    try {
      f();
    } catch (const Error& e) {
      return std::string(e.kind() == ErrorKind::kConfig ? "config: " : "data: ") + e.what();
    }
    return "no error";
  };
  EXPECT_EQ(message([&] {
              naive_bayes(train, {1, 1, 1, 1}, 2, test);
            }),
            "data: naive_bayes: one class only in the training rows; a classifier needs two");
  EXPECT_EQ(message([&] {
              naive_bayes(train, {0, 1, 1, 1}, 2, test);
            }),
            "data: naive_bayes: class 0 has one training row; its standard deviation is undefined");
  EXPECT_EQ(message([&] { naive_bayes(train, {0, 1, 0, 1}, -1, test); }), "data: naive_bayes: -1 classes");
  EXPECT_EQ(message([&] {
              naive_bayes(train, {0, 1, 0}, 2, test);
            }),
            "data: naive_bayes: 4 training rows but 3 class labels");
  EXPECT_EQ(message([&] {
              naive_bayes(train, {0, 1, 0, -1}, 2, test);
            }),
            "data: naive_bayes: training row 3 has class -1, outside 0..1");
  EXPECT_EQ(message([&] {
              naive_bayes(train, {0, 1, 0, 1}, 2, Eigen::MatrixXd(1, 3));
            }),
            "data: naive_bayes: the test table has 3 columns, the training table 2");
  Eigen::MatrixXd inf = train;
  inf(2, 0) = std::numeric_limits<double>::infinity();
  EXPECT_EQ(message([&] {
              naive_bayes(inf, {0, 1, 0, 1}, 2, test);
            }),
            "data: naive_bayes: the training table has a value that is not a finite number");
  NaiveBayesOptions o;
  o.threshold = 0;
  EXPECT_EQ(message([&] { naive_bayes(train, {0, 1, 0, 1}, 2, test, o); }), "config: threshold: must be > 0, got 0");
  o = {};
  o.eps = -1;
  EXPECT_EQ(message([&] { naive_bayes(train, {0, 1, 0, 1}, 2, test, o); }), "config: eps: must be >= 0, got -1");
  // Zero-variance columns are no error (the threshold stands in for their sd).
  EXPECT_EQ(message([&] { naive_bayes(Eigen::MatrixXd::Ones(4, 2), {0, 1, 0, 1}, 2, test); }), "no error");
}

}  // namespace
}  // namespace stylokit::classify
