#include "toolkit/classify/naive_bayes.h"

#include <cfloat>
#include <cmath>
#include <limits>

#include "toolkit/common/error.h"

namespace stylokit::classify {
namespace {

constexpr double kOneOverSqrt2Pi = 0.398942280401432677939946059934;  // R's M_1_SQRT_2PI

// R's dnorm(x, mu, sigma) for sigma > 0 (R src/nmath/dnorm.c, dnorm4 without log): the same
// formulas and cut-offs, so that the density underflows to 0 exactly where R's does, which
// is where e1071 swaps in its threshold.
double r_dnorm(double x, double mu, double sigma) {
  double z = (x - mu) / sigma;
  if (!std::isfinite(z)) return 0;
  z = std::fabs(z);
  if (z >= 2 * std::sqrt(DBL_MAX)) return 0;
  if (z < 5) return kOneOverSqrt2Pi * std::exp(-0.5 * z * z) / sigma;
  // Beyond sqrt(-2 log 2 (DBL_MIN_EXP + 1 - DBL_MANT_DIG)) = 38.586 even a subnormal is 0.
  if (z > std::sqrt(-2 * M_LN2 * (DBL_MIN_EXP + 1 - DBL_MANT_DIG))) return 0;
  // z = z1 + z2 with z1 a multiple of 2^-16: z1 * z1 is exact, for accuracy in the tail.
  const double z1 = std::ldexp(std::nearbyint(std::ldexp(z, 16)), -16);
  const double z2 = z - z1;
  return kOneOverSqrt2Pi / sigma * (std::exp(-0.5 * z1 * z1) * std::exp((-0.5 * z2 - z1) * z2));
}

void check_input(const Eigen::MatrixXd& train, const std::vector<int>& train_class, int classes,
                 const Eigen::MatrixXd& test, const NaiveBayesOptions& options) {
  STYLOKIT_CHECK(options.threshold > 0, ConfigError, "threshold: must be > 0, got {}", options.threshold);
  STYLOKIT_CHECK(options.eps >= 0, ConfigError, "eps: must be >= 0, got {}", options.eps);
  STYLOKIT_CHECK(classes >= 0, DataError, "naive_bayes: {} classes", classes);
  STYLOKIT_CHECK(static_cast<size_t>(train.rows()) == train_class.size(), DataError,
                 "naive_bayes: {} training rows but {} class labels", train.rows(), train_class.size());
  STYLOKIT_CHECK(test.cols() == train.cols(), DataError,
                 "naive_bayes: the test table has {} columns, the training table {}", test.cols(), train.cols());
  for (size_t i = 0; i < train_class.size(); ++i)
    STYLOKIT_CHECK(train_class[i] >= 0 && train_class[i] < classes, DataError,
                   "naive_bayes: training row {} has class {}, outside 0..{}", i, train_class[i], classes - 1);
  STYLOKIT_CHECK(train.allFinite(), DataError,
                 "naive_bayes: the training table has a value that is not a finite number");
  STYLOKIT_CHECK(test.allFinite(), DataError, "naive_bayes: the test table has a value that is not a finite number");
}

// R's mean() (a long double sum, then a correction pass; src/main/summary.c) and sd() (the
// long double sum of squared deviations over n - 1; src/library/stats/src/cov.c), as
// e1071's tapply(var, y, mean) and tapply(var, y, sd) compute them.
void class_moments(const Eigen::MatrixXd& x, const std::vector<Eigen::Index>& rows, Eigen::Index j, double* mean,
                   double* sd) {
  const auto n = static_cast<long double>(rows.size());
  long double s = 0;
  for (Eigen::Index i : rows) s += x(i, j);
  s /= n;
  long double t = 0;
  for (Eigen::Index i : rows) t += x(i, j) - s;
  *mean = static_cast<double>(s + t / n);
  long double sq = 0;
  for (Eigen::Index i : rows) {
    const double d = x(i, j) - *mean;
    sq += static_cast<long double>(d) * d;
  }
  *sd = std::sqrt(static_cast<double>(sq / (n - 1)));
}

}  // namespace

Eigen::MatrixXd naive_bayes_log_joint(const Eigen::MatrixXd& train, const std::vector<int>& train_class, int classes,
                                      const Eigen::MatrixXd& test, const NaiveBayesOptions& options) {
  check_input(train, train_class, classes, test, options);
  std::vector<std::vector<Eigen::Index>> rows(static_cast<size_t>(classes));
  for (size_t i = 0; i < train_class.size(); ++i)
    rows[static_cast<size_t>(train_class[i])].push_back(static_cast<Eigen::Index>(i));
  int present = 0;
  for (int c = 0; c < classes; ++c) {
    const size_t n = rows[static_cast<size_t>(c)].size();
    STYLOKIT_CHECK(n != 1, DataError, "naive_bayes: class {} has one training row; its standard deviation is undefined",
                   c);
    present += n > 0;
  }
  STYLOKIT_CHECK(present >= 2, DataError, "naive_bayes: one class only in the training rows; a classifier needs two");

  const Eigen::Index d = train.cols();
  Eigen::MatrixXd out(test.rows(), classes);
  Eigen::VectorXd mean(d), sd(d);
  for (int c = 0; c < classes; ++c) {
    const auto& members = rows[static_cast<size_t>(c)];
    if (members.empty()) {
      out.col(c).setConstant(-std::numeric_limits<double>::infinity());
      continue;
    }
    for (Eigen::Index j = 0; j < d; ++j) {
      class_moments(train, members, j, &mean(j), &sd(j));
      if (sd(j) <= options.eps) sd(j) = options.threshold;
    }
    const double log_prior = std::log(static_cast<double>(members.size()) / static_cast<double>(train.rows()));
    for (Eigen::Index t = 0; t < test.rows(); ++t) {
      double sum = log_prior;
      for (Eigen::Index j = 0; j < d; ++j) {
        double p = r_dnorm(test(t, j), mean(j), sd(j));
        if (p <= options.eps) p = options.threshold;
        sum += std::log(p);
      }
      out(t, c) = sum;
    }
  }
  return out;
}

ClassScores naive_bayes(const Eigen::MatrixXd& train, const std::vector<int>& train_class, int classes,
                        const Eigen::MatrixXd& test, const NaiveBayesOptions& options) {
  const Eigen::MatrixXd log_joint = naive_bayes_log_joint(train, train_class, classes, test, options);
  ClassScores out;
  out.scores.resize(test.rows(), classes);
  out.predicted.resize(static_cast<size_t>(test.rows()));
  for (Eigen::Index t = 0; t < test.rows(); ++t) {
    int best = -1;
    for (int c = 0; c < classes; ++c) {
      const double l = log_joint(t, c);
      if (std::isinf(l)) continue;  // no training rows
      if (best < 0 || l > log_joint(t, best)) best = c;
    }
    out.predicted[static_cast<size_t>(t)] = best;
    // e1071's posterior: 1 / sum_k exp(L_k - L_c), stable where exp(L_c) would underflow.
    for (int c = 0; c < classes; ++c) {
      const double l = log_joint(t, c);
      if (std::isinf(l)) {
        out.scores(t, c) = 0;
        continue;
      }
      double sum = 0;
      for (int k = 0; k < classes; ++k)
        if (!std::isinf(log_joint(t, k))) sum += std::exp(log_joint(t, k) - l);
      out.scores(t, c) = 1 / sum;
    }
  }
  return out;
}

}  // namespace stylokit::classify
